/**
 * The registry engine's public face: the store, references, the clients' layouts, the seeds, and
 * `pullArtifact` — what a kubelet (or any client) does to pull an image: resolve the reference, re-hash
 * the manifest bytes and every blob against their digests, and say what kind of Wasm artifact it is.
 */
import { decodeText, DigestMismatchError, digestOf, type OciDescriptor, type OciManifest, type OciStore, RegistryError } from './store';
import { parseReference } from './reference';
import { MEDIA } from './layouts';
import { pullSpinApp } from './artifacts/spin-app';

export * from './store';
export { SEEDED, seedRegistry } from './seeds';

export interface PulledLayer {
  descriptor: OciDescriptor;
  bytes: Uint8Array;
}

export interface PulledArtifact {
  ok: true;
  reference: string;
  repository: string;
  digest: string;
  manifest: OciManifest;
  manifestBytes: Uint8Array;
  config: PulledLayer;
  layers: PulledLayer[];
  /**
   * `spin`: a Spin app (a `…spin.application.v1+config` layer); `wasi`: exactly one Wasm layer (CNCF
   * `application/wasm`, wasm-to-oci's `…content.layer.v1+wasm`, or runwasi's component layer type);
   * `unknown`: anything else.
   */
  kind: 'wasi' | 'spin' | 'unknown';
  /** For `wasi`: the module. */
  module?: Uint8Array;
  /** For `spin`: spin.toml and the component modules by id. */
  spin?: { manifestText: string; modules: ReadonlyMap<string, Uint8Array> };
  /** The image config's `architecture` (runwasi runs OCI Wasm layers only when it is `wasm`). */
  architecture?: string;
}

export type PullFailure =
  | { ok: false; code: 'NAME_INVALID' | 'MANIFEST_UNKNOWN'; message: string }
  | { ok: false; code: 'DIGEST_MISMATCH'; message: string; expected: string; actual: string; what: 'manifest' | 'blob' };

const WASM_LAYERS = new Set<string>([MEDIA.wasm, MEDIA.wasmToOciLayer, 'application/vnd.bytecodealliance.wasm.component.layer.v0+wasm']);

/** Pulls an image manifest and all its blobs, every byte checked against its digest. */
export async function pullArtifact(store: OciStore, reference: string): Promise<PulledArtifact | PullFailure> {
  if (!parseReference(reference)) return { ok: false, code: 'NAME_INVALID', message: `invalid reference: ${reference}` };
  const resolved = store.resolve(reference);
  if (!resolved || resolved.index) return { ok: false, code: 'MANIFEST_UNKNOWN', message: `${reference}: not found` };
  const actualManifest = await digestOf(resolved.bytes);
  if (actualManifest !== resolved.digest) return mismatch(resolved.digest, actualManifest, 'manifest');
  const fetch = async (d: OciDescriptor): Promise<PulledLayer> => ({ descriptor: d, bytes: await store.fetchBlob(d.digest) });
  let config: PulledLayer;
  const layers: PulledLayer[] = [];
  try {
    config = await fetch(resolved.manifest.config);
    for (const l of resolved.manifest.layers) layers.push(await fetch(l));
  } catch (err) {
    if (err instanceof DigestMismatchError) return mismatch(err.expected, err.actual, 'blob');
    if (err instanceof RegistryError) return { ok: false, code: 'MANIFEST_UNKNOWN', message: `${reference}: ${err.message}` };
    throw err;
  }
  const out: PulledArtifact = {
    ok: true,
    reference,
    repository: resolved.repository,
    digest: resolved.digest,
    manifest: resolved.manifest,
    manifestBytes: resolved.bytes,
    config,
    layers,
    kind: 'unknown',
  };
  try {
    const cfg = JSON.parse(decodeText(config.bytes)) as { architecture?: unknown };
    if (typeof cfg.architecture === 'string') out.architecture = cfg.architecture;
  } catch {
    /* a config that is not JSON has no architecture */
  }
  if (layers.some((l) => l.descriptor.mediaType === MEDIA.spinApp)) {
    const app = pullSpinApp(store, `${resolved.repository}@${resolved.digest}`);
    if (app.ok) {
      out.kind = 'spin';
      out.spin = app.app;
    }
  } else {
    const wasm = layers.filter((l) => WASM_LAYERS.has(l.descriptor.mediaType));
    if (wasm.length === 1) {
      out.kind = 'wasi';
      out.module = wasm[0]!.bytes;
    }
  }
  return out;
}

function mismatch(expected: string, actual: string, what: 'manifest' | 'blob'): PullFailure {
  return { ok: false, code: 'DIGEST_MISMATCH', message: `${what} digest mismatch: expected ${expected}, got ${actual}`, expected, actual, what };
}
