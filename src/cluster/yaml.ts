/**
 * Reading manifests as kubectl does (apimachinery pkg/util/yaml decoder, one `---` document at a
 * time, converted to JSON by sigs.k8s.io/yaml): empty documents are skipped, a JSON stream works too,
 * and a syntax error is reported in go-yaml's words with the line counted from the start of its own
 * document: `error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context`.
 * The yaml library finds the errors; which go-yaml message each of its codes becomes is our mapping
 * (go-yaml's scanner texts, as kubectl users see them; the mapping itself is not from a source).
 * Printing follows sigs.k8s.io/yaml: keys sorted (it goes through JSON), sequences not indented.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { isDict, type Manifest } from './types';

export type LoadResult = { ok: true; docs: Manifest[] } | { ok: false; message: string };

const GO_YAML: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  BAD_INDENT: 'did not find expected key',
  TAB_AS_INDENT: 'found character that cannot start any token',
  BAD_SCALAR_START: 'found character that cannot start any token',
  UNEXPECTED_TOKEN: 'did not find expected node content',
  MISSING_CHAR: 'did not find expected node content',
  DUPLICATE_KEY: 'already set in map',
};

/** Every object in `text` (a `kind: List` is unpacked, as kubectl's builder flattens lists). */
export function loadManifests(text: string): LoadResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      return { ok: true, docs: flatten(Array.isArray(v) ? v : [v]) };
    } catch (err) {
      const m = /position (\d+)/.exec(String(err));
      return {
        ok: false,
        message: `json: offset ${m ? Number(m[1]) + 1 : 0}: ${String(err instanceof Error ? err.message : err).replace(/ in JSON at position \d+.*$/, '')}`,
      };
    }
  }
  const docs: unknown[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false })) {
    if (doc.errors.length) {
      const first = doc.errors[0]!;
      // Lines count from the document's own start (its `---`, if any).
      const docStartLine = text.slice(0, doc.range[0]).split('\n').length - 1 + (text.startsWith('---', doc.range[0]) ? 1 : 0);
      const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
      const line = Math.max(...doc.errors.map((e) => lineAt(Math.max(e.pos[0], e.pos[1] - 1)))) - docStartLine;
      const msg =
        first.code === 'DUPLICATE_KEY'
          ? `key ${JSON.stringify(String(/"?([^"]+)"?/.exec(first.message)?.[1] ?? ''))} already set in map`
          : (GO_YAML[first.code] ?? 'did not find expected key');
      return { ok: false, message: `error converting YAML to JSON: yaml: line ${Math.max(1, line)}: ${msg}` };
    }
    const v: unknown = doc.toJS({ maxAliasCount: 100 });
    if (v === null || v === undefined) continue;
    docs.push(v);
  }
  return { ok: true, docs: flatten(docs) };
}

function flatten(values: unknown[]): Manifest[] {
  const out: Manifest[] = [];
  for (const v of values) {
    if (isDict(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) out.push(...flatten(v.items));
    else if (isDict(v)) out.push(v as Manifest);
    else out.push({ __notAnObject: v } as Manifest);
  }
  return out;
}

/** `-o yaml`: sorted keys, block style, sequences at the parent's indentation. */
export function toYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}
