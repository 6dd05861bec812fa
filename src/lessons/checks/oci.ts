/**
 * `kind: registry` — the state of the Dojo's OCI registry, declared as data:
 *
 *   - kind: registry
 *     reference: localhost:5000/hello:v1     # required: a tag or a digest reference
 *     exists: true                            # default; false = the reference must resolve to nothing
 *     layerDigestOf: ~/hello.wasm             # a layer's digest is the sha256 of this file's bytes
 *     configMediaType: application/vnd.wasm.config.v1+json
 *     layerMediaTypes: [application/vnd.wasm.content.layer.v1+wasm]   # exactly, in order
 *     artifactType: application/vnd.unknown.artifact.v1
 *     sameAs: localhost:5000/hello:stable     # resolves to the same manifest digest
 *     differentFrom: localhost:5000/hello:v1  # resolves to another manifest digest (a tag moved)
 *     verifies: false                         # pulling it must fail digest verification (a tampered layer)
 *
 * It reads the learner's machine registry (CheckContext.registry); a step using it concerns the OCI
 * clients (oras, wasm-to-oci, wkg, spin registry, dojo-registry).
 */
import { digestOf, type OciStore } from '../../registry/store';
import { pullArtifact } from '../../registry';
import { parseReference } from '../../registry/reference';
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import { resolveLessonPath } from './file';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';

export interface RegistryCheck extends CheckBase {
  kind: 'registry';
  reference: string;
  exists: boolean;
  layerDigestOf?: string;
  configMediaType?: string;
  layerMediaTypes?: string[];
  artifactType?: string;
  sameAs?: string;
  differentFrom?: string;
  verifies?: boolean;
}

const CLIENTS = new Set(['oras', 'wasm-to-oci', 'wkg', 'spin', 'dojo-registry']);

export async function evaluateRegistryCheck(check: RegistryCheck, ctx: CheckContext): Promise<CheckResult> {
  const base = { name: check.name, kind: 'registry' as const };
  const store: OciStore | undefined = ctx.registry;
  if (!store) return { ...base, status: 'error', message: 'No registry on this machine to check.' };
  const ref = quoteInput(check.reference);
  const fail = (why: string): CheckResult => ({ ...base, status: 'fail', message: check.message ? `${check.message} (${why})` : why });
  const found = store.resolve(check.reference);
  if (!check.exists)
    return found ? fail(`${ref} should not be in the registry, but it is.`) : { ...base, status: 'pass', message: `${ref} is not in the registry.` };
  if (!found) return fail(`Nothing is pushed as ${ref} yet.`);
  const m = found.manifest;
  if (check.configMediaType !== undefined && m.config?.mediaType !== check.configMediaType)
    return fail(`${ref}'s config is ${quoteInput(m.config?.mediaType ?? 'missing')}, not ${quoteInput(check.configMediaType)}.`);
  if (check.layerMediaTypes !== undefined) {
    const got = (m.layers ?? []).map((l) => l.mediaType);
    if (got.join('\n') !== check.layerMediaTypes.join('\n'))
      return fail(
        `${ref}'s layers are [${got.map((t) => quoteInput(t)).join(', ')}], not [${check.layerMediaTypes.map((t) => quoteInput(t)).join(', ')}].`,
      );
  }
  if (check.artifactType !== undefined && m.artifactType !== check.artifactType)
    return fail(`${ref}'s artifactType is ${quoteInput(m.artifactType ?? 'not set')}, not ${quoteInput(check.artifactType)}.`);
  if (check.layerDigestOf !== undefined) {
    const abs = resolveLessonPath(check.layerDigestOf, ctx.home);
    if (!ctx.fs.stat(abs)) return fail(`${quoteInput(check.layerDigestOf)} does not exist.`);
    const want = await digestOf(ctx.fs.readFile(abs));
    if (!(m.layers ?? []).some((l) => l.digest === want))
      return fail(`No layer of ${ref} is ${quoteInput(check.layerDigestOf)} (its digest would be ${want.slice(0, 19)}…).`);
  }
  for (const [other, same] of [
    [check.sameAs, true],
    [check.differentFrom, false],
  ] as const) {
    if (other === undefined) continue;
    const o = store.resolve(other);
    if (!o) return fail(`Nothing is pushed as ${quoteInput(other)} yet.`);
    if ((o.digest === found.digest) !== same)
      return fail(
        same ? `${ref} and ${quoteInput(other)} name different manifests.` : `${ref} and ${quoteInput(other)} still name the same manifest.`,
      );
  }
  if (check.verifies !== undefined) {
    const pulled = await pullArtifact(store, check.reference);
    const ok = pulled.ok;
    if (ok !== check.verifies) return fail(ok ? `${ref} still pulls cleanly: no layer was changed.` : `${ref} fails digest verification.`);
  }
  return { ...base, status: 'pass', message: `${ref} is in the registry as the step asks.` };
}

export const registryCheckKind: CheckKindDefinition<RegistryCheck> = {
  kind: 'registry',
  keys: ['reference', 'exists', 'layerDigestOf', 'configMediaType', 'layerMediaTypes', 'artifactType', 'sameAs', 'differentFrom', 'verifies'],
  validate(c, v, f) {
    const reference = v.string(c, 'reference', `${f}.reference`, { required: true });
    if (reference && !parseReference(reference)) v.fail(`${f}.reference`, 'must be a registry reference such as localhost:5000/app:v1');
    const bool = (key: string): boolean | undefined => {
      if (c[key] === undefined) return undefined;
      if (typeof c[key] !== 'boolean') {
        v.fail(`${f}.${key}`, 'expected true or false');
        return undefined;
      }
      return c[key] as boolean;
    };
    const exists = bool('exists') ?? true;
    const verifies = bool('verifies');
    const layerMediaTypes = v.stringList(c, 'layerMediaTypes', `${f}.layerMediaTypes`);
    const out: Omit<RegistryCheck, 'name' | 'message'> = { kind: 'registry', reference, exists };
    for (const key of ['layerDigestOf', 'configMediaType', 'artifactType', 'sameAs', 'differentFrom'] as const) {
      const value = v.string(c, key, `${f}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    for (const key of ['sameAs', 'differentFrom'] as const)
      if (out[key] && !parseReference(out[key])) v.fail(`${f}.${key}`, 'must be a registry reference');
    if (layerMediaTypes) out.layerMediaTypes = layerMediaTypes;
    if (verifies !== undefined) out.verifies = verifies;
    if (!exists && Object.keys(out).length > 3) v.fail(`${f}.exists`, 'is false, so the other registry keys make no sense');
    return out;
  },
  evaluate: evaluateRegistryCheck,
  concerns: (_spec, rec) => rec.segments.some((argv) => CLIENTS.has(argv[0] ?? '')),
};
