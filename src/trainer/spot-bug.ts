/**
 * The validators spot-the-bug questions are graded by: a spin.toml goes through the editor's Spin
 * manifest validator (spin/manifest.ts); a Kubernetes manifest through the Dojo cluster's own
 * strict decoding (cluster/schema.ts `unknownFields`, the check behind `kubectl apply`'s
 * `strict decoding error: unknown field "spec.replica"`), over the kinds the cluster knows: the
 * built-in ones and SpinKube's CRDs. Either way the first error found is the bug, with its line.
 */
import { loadManifests } from '../cluster/yaml';
import { BUILTIN_TYPES, typeFromCrd, unknownFields, type ResourceType } from '../cluster/schema';
import { SPIN_OPERATOR_CRDS } from '../cluster/offline';
import { validateManifestText } from '../spin/manifest';

export type ManifestFormat = 'spin.toml' | 'kubernetes';
export const MANIFEST_FORMATS: readonly ManifestFormat[] = ['spin.toml', 'kubernetes'];

let types: ResourceType[] | undefined;
function typeOf(apiVersion: unknown, kind: unknown): ResourceType | undefined {
  types ??= [...BUILTIN_TYPES, ...SPIN_OPERATOR_CRDS.map((c) => typeFromCrd(c as Record<string, unknown>)).filter((t): t is ResourceType => !!t)];
  return types.find((t) => t.kind === kind && (t.group ? `${t.group}/${t.version}` : t.version) === apiVersion);
}

/** 1-based line of the key `path` ends in (`spec.template.spec.containers[0].imagePullPolcy`). */
function lineOfKey(text: string, path: string): number {
  const segments = path.split('.').map((s) => s.replace(/\[\d+\]$/, ''));
  const lines = text.split('\n');
  let from = 0;
  // Follow the path's keys down the text, so a key name used twice resolves to the right one.
  for (const seg of segments) {
    const re = new RegExp(`^\\s*(?:-\\s+)?${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    const at = lines.findIndex((l, i) => i >= from && re.test(l));
    if (at < 0) break;
    from = at;
  }
  return from + 1;
}

function kubernetesError(text: string): { line: number; message: string } | undefined {
  const loaded = loadManifests(text);
  if (!loaded.ok) return { line: Number(/line (\d+)/.exec(loaded.message)?.[1] ?? 1), message: loaded.message };
  for (const doc of loaded.docs) {
    const t = typeOf(doc.apiVersion, doc.kind);
    if (!t)
      return { line: lineOfKey(text, 'apiVersion'), message: `no matches for kind "${String(doc.kind)}" in version "${String(doc.apiVersion)}"` };
    const { unknown, typeErrors } = unknownFields(doc, t.schema);
    const te = typeErrors[0];
    if (te) return { line: lineOfKey(text, te.path), message: `${t.kind}.${te.path}: expected ${te.expected}, got ${JSON.stringify(te.got)}` };
    const u = unknown[0];
    if (u) return { line: lineOfKey(text, u), message: `strict decoding error: unknown field "${u}"` };
  }
  return undefined;
}

/** The error the format's validator reports first, or undefined when it finds none. */
export function manifestError(format: ManifestFormat, text: string): { line: number; message: string } | undefined {
  if (format === 'kubernetes') return kubernetesError(text);
  const d = validateManifestText(text).diagnostics.find((x) => x.severity === 'error');
  return d ? { line: d.line, message: d.message } : undefined;
}
