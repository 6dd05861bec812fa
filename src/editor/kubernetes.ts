/**
 * Schema diagnostics for Kubernetes manifests in the editor: every document with an `apiVersion`
 * and `kind` the Dojo's cluster models (the built-in kinds and SpinKube's SpinApp/SpinAppExecutor,
 * from their CRDs' schemas) is checked against the same field schema the API server's strict
 * decoding uses, so the editor marks `spec.replica` where `kubectl apply` would say
 * `strict decoding error: unknown field "spec.replica"`. Wrong value types and missing required
 * fields are marked too. Pure (Node-testable); markers point at the offending key or value.
 *
 * monaco-yaml is not installed: this goes through the editor's diagnostics seam with the yaml
 * library the app already has.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { BUILTIN_TYPES, typeFromCrd, type FieldSchema, type ResourceType } from '../cluster/schema';
import { SPIN_OPERATOR_CRDS } from '../cluster/offline';
import type { Diagnostic } from './diagnostics';

let types: ResourceType[] | undefined;
function knownTypes(): ResourceType[] {
  types ??= [...BUILTIN_TYPES, ...SPIN_OPERATOR_CRDS.map((c) => typeFromCrd(c as Record<string, unknown>)).filter((t): t is ResourceType => !!t)];
  return types;
}

function typeOf(apiVersion: unknown, kind: unknown): ResourceType | undefined {
  return knownTypes().find((t) => t.kind === kind && (t.group ? `${t.group}/${t.version}` : t.version) === apiVersion);
}

export function diagnoseKubernetes(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  } catch {
    return out;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length || !isMap(doc.contents)) continue;
    const js = doc.toJS() as Record<string, unknown> | null;
    if (!js || typeof js.kind !== 'string' || typeof js.apiVersion !== 'string') continue;
    const t = typeOf(js.apiVersion, js.kind);
    if (!t) {
      const node = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind')?.value as Node | undefined;
      const at = lc.linePos(node?.range?.[0] ?? 0);
      out.push({
        message: `no matches for kind "${js.kind}" in version "${js.apiVersion}" (install its CRD first, or check the apiVersion)`,
        line: at.line,
        column: at.col,
        severity: 'warning',
      });
      continue;
    }
    walk(doc.contents, t.schema, '', t, out, lc);
  }
  return out;
}

function walk(node: Node | null | undefined, s: FieldSchema, path: string, t: ResourceType, out: Diagnostic[], lc: LineCounter): void {
  if (!node) return;
  const at = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0);
  const mark = (n: Node | null | undefined, message: string, severity: 'error' | 'warning' = 'error') => {
    const p = at(n);
    out.push({ message, line: p.line, column: p.col, severity });
  };
  switch (s.type) {
    case 'any':
      return;
    case 'object': {
      if (!isMap(node)) {
        if (!(isScalar(node) && node.value === null)) mark(node, `${path || t.kind}: expected an object`);
        return;
      }
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        seen.add(key);
        const child = s.fields[key];
        const cp = path ? `${path}.${key}` : key;
        if (!child) {
          if (!s.preserveUnknown)
            mark(
              pair.key as Node,
              `unknown field "${cp}" (${t.kind} in version "${t.version}" has no such field; kubectl apply would fail with strict decoding)`,
            );
          continue;
        }
        walk(pair.value as Node, child, cp, t, out, lc);
      }
      for (const r of s.required ?? []) if (!seen.has(r) && path !== '') mark(node, `${path}.${r}: Required value`, 'warning');
      return;
    }
    case 'array':
      if (!isSeq(node)) {
        mark(node, `${path}: expected a list`);
        return;
      }
      node.items.forEach((item, i) => walk(item as Node, s.items, `${path}[${i}]`, t, out, lc));
      return;
    case 'map':
      if (!isMap(node)) {
        mark(node, `${path}: expected a map`);
        return;
      }
      for (const pair of node.items) walk(pair.value as Node, s.values, `${path}.${isScalar(pair.key) ? String(pair.key.value) : ''}`, t, out, lc);
      return;
    default: {
      if (!isScalar(node)) {
        mark(node, `${path}: expected ${s.type === 'int-or-string' ? 'a number or a string' : `a ${s.type}`}`);
        return;
      }
      const v = node.value;
      if (v === null) return;
      const ok =
        s.type === 'string'
          ? typeof v === 'string'
          : s.type === 'boolean'
            ? typeof v === 'boolean'
            : s.type === 'int-or-string'
              ? typeof v === 'string' || typeof v === 'number'
              : typeof v === 'number' && (s.type === 'number' || Number.isInteger(v));
      if (!ok)
        mark(
          node,
          `${path}: expected ${s.type === 'integer' ? 'an integer' : s.type === 'int-or-string' ? 'a number or a string' : `a ${s.type}`}, got ${JSON.stringify(v)}`,
        );
    }
  }
}
