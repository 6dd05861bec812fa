/**
 * A Spin application as an OCI artifact, laid out as `spin registry push` lays it out (Spin v3.0.0
 * crates/oci/src/client.rs): an OCI image manifest whose config is an image config with
 * `architecture: "wasm"`, `os: "wasip1"` and the label `com.fermyon.spin.lockedAppDigest`; one
 * `application/vnd.wasm.content.layer.v1+wasm` layer per distinct component module; and last the app
 * layer, `application/vnd.fermyon.spin.application.v1+config`.
 *
 * Simplified (and said so): Spin's last layer is the "locked app" JSON; the Dojo's holds the manifest
 * text and which layer digest each component's module is, which is all `spin up --from` needs.
 */
import { OCI_MANIFEST_MEDIA_TYPE, type OciDescriptor, type OciStore } from '../store';
import { parseReference, tagOf } from '../reference';

export const WASM_LAYER_MEDIA_TYPE = 'application/vnd.wasm.content.layer.v1+wasm';
export const SPIN_APP_MEDIA_TYPE = 'application/vnd.fermyon.spin.application.v1+config';
const IMAGE_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
const LOCKED_APP_DIGEST_LABEL = 'com.fermyon.spin.lockedAppDigest';

export interface SpinAppArtifact {
  /** spin.toml as pushed. */
  manifestText: string;
  /** Component id -> module bytes. */
  modules: ReadonlyMap<string, Uint8Array>;
}

interface DojoLockedApp {
  format: 'wasm-dojo/spin-app';
  version: 1;
  manifestText: string;
  components: Record<string, string>;
}

const encoder = new TextEncoder();

/** Pushes an app; returns the manifest digest Spin prints (`Pushed with digest …`). */
export async function pushSpinApp(
  store: OciStore,
  reference: string,
  app: SpinAppArtifact,
  meta: { name: string; version?: string; description?: string; authors?: string[]; created: Date; annotations?: Record<string, string> },
): Promise<string> {
  const ref = parseReference(reference);
  const tag = ref ? tagOf(ref) : undefined;
  if (!ref || tag === undefined) throw new Error(`invalid reference ${reference}`);
  const layers: OciDescriptor[] = [];
  const components: Record<string, string> = {};
  for (const [id, bytes] of app.modules) {
    const d = await store.putBlob(bytes, WASM_LAYER_MEDIA_TYPE);
    components[id] = d.digest;
    if (!layers.some((l) => l.digest === d.digest)) layers.push(d);
  }
  const locked: DojoLockedApp = { format: 'wasm-dojo/spin-app', version: 1, manifestText: app.manifestText, components };
  const lockedLayer = await store.putBlob(encoder.encode(JSON.stringify(locked)), SPIN_APP_MEDIA_TYPE);
  layers.push(lockedLayer);
  const configJson = { architecture: 'wasm', os: 'wasip1', config: { Labels: { [LOCKED_APP_DIGEST_LABEL]: lockedLayer.digest } } };
  const config = await store.putBlob(encoder.encode(JSON.stringify(configJson)), IMAGE_CONFIG_MEDIA_TYPE);
  // Spin's InferPredefinedAnnotations::All (crates/oci/src/client.rs): title, version, description,
  // authors (joined with ", "), created; then `--annotation k=v`, which overrides them. Keys sorted.
  const all: Record<string, string> = { 'org.opencontainers.image.title': meta.name };
  if (meta.version) all['org.opencontainers.image.version'] = meta.version;
  if (meta.description) all['org.opencontainers.image.description'] = meta.description;
  if (meta.authors?.length) all['org.opencontainers.image.authors'] = meta.authors.join(', ');
  all['org.opencontainers.image.created'] = meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  Object.assign(all, meta.annotations ?? {});
  const annotations = Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return store.putManifest(ref.repository, tag, { schemaVersion: 2, mediaType: OCI_MANIFEST_MEDIA_TYPE, config, layers, annotations });
}

export type PulledSpinApp = { ok: true; digest: string; app: SpinAppArtifact } | { ok: false; reason: 'not-found' | 'not-a-spin-app' };

/** Reads back an app pushed with pushSpinApp. */
export function pullSpinApp(store: OciStore, reference: string): PulledSpinApp {
  const found = store.resolve(reference);
  if (!found) return { ok: false, reason: 'not-found' };
  const appLayer = found.manifest.layers.at(-1);
  const bytes = appLayer?.mediaType === SPIN_APP_MEDIA_TYPE ? store.getBlob(appLayer.digest) : undefined;
  if (!bytes) return { ok: false, reason: 'not-a-spin-app' };
  let locked: DojoLockedApp;
  try {
    locked = JSON.parse(new TextDecoder().decode(bytes)) as DojoLockedApp;
  } catch {
    return { ok: false, reason: 'not-a-spin-app' };
  }
  if (locked.format !== 'wasm-dojo/spin-app' || typeof locked.manifestText !== 'string') return { ok: false, reason: 'not-a-spin-app' };
  const modules = new Map<string, Uint8Array>();
  for (const [id, digest] of Object.entries(locked.components ?? {})) {
    const wasm = store.getBlob(digest);
    if (!wasm) return { ok: false, reason: 'not-a-spin-app' };
    modules.set(id, wasm);
  }
  return { ok: true, digest: found.digest, app: { manifestText: locked.manifestText, modules } };
}
