/**
 * Where the kubelet gets images: the `ImageSource` interface, over the machine's local OCI registry
 * (what `spin registry push` stored) with a built-in catalogue as the fallback for the images the
 * primer and SpinKube's docs name. A Wasm image resolves to its module bytes (kind `wasi`) or to a
 * Spin app (`spin`: spin.toml + component modules); the Linux images of cert-manager and the
 * operator are `linux`: the Dojo has no Linux containers, so those pods are simulated (Running, with
 * no process), and say so in their logs.
 *
 * Images are resolved once per reference and cached, so the 200 pods of one Deployment share one
 * set of module bytes (and the engine's compile cache, keyed by content, one compiled module).
 */
import type { OciStore } from '../registry/store';
import { parseReference, tagOf } from '../registry/reference';
import { pullSpinApp, WASM_LAYER_MEDIA_TYPE } from '../registry/artifacts/spin-app';

export type ResolvedImage =
  | { kind: 'wasi'; ref: string; digest: string; size: number; module: Uint8Array }
  | { kind: 'spin'; ref: string; digest: string; size: number; manifestText: string; modules: ReadonlyMap<string, Uint8Array> }
  | { kind: 'linux'; ref: string; digest: string; size: number; description: string };

export interface ImageError {
  error: 'not-found' | 'invalid-reference';
  /** containerd's message for it, as the kubelet's Failed event quotes it. */
  message: string;
}

export interface ImageSource {
  resolve(ref: string): Promise<ResolvedImage | ImageError>;
}

export function isImageError(x: ResolvedImage | ImageError): x is ImageError {
  return 'error' in x;
}

/** Docker's normalisation: `nginx` = `docker.io/library/nginx:latest`. */
export function normaliseImage(ref: string): string {
  let r = ref.trim();
  const firstSlash = r.indexOf('/');
  const first = firstSlash < 0 ? '' : r.slice(0, firstSlash);
  if (firstSlash < 0 || !/[.:]|^localhost$/.test(first)) r = `docker.io/${firstSlash < 0 ? `library/${r}` : r}`;
  if (!/@sha256:/.test(r) && !/:[^/]+$/.test(r)) r += ':latest';
  return r;
}

/**
 * containerd's pull failure for a reference no registry has (containerd CRI image_pull.go wraps
 * the resolver's error; the whole line is assembled from its parts, not captured).
 */
export function notFoundMessage(ref: string): string {
  const full = normaliseImage(ref);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}

const WAGI_TOML = (name: string, route: string, id: string) => `spin_manifest_version = 2

[application]
name = "${name}"
version = "0.1.0"

[[trigger.http]]
route = "${route}"
component = "${id}"
executor = { type = "wagi" }

[component.${id}]
source = "${id}.wasm"
`;

export interface CatalogueEntry {
  kind: 'wasi' | 'spin' | 'linux';
  /** For wasi and spin: the precompiled module (public/modules/<file>). */
  module?: string;
  /** For spin: the app's manifest (its one component is `component`). */
  manifestText?: string;
  component?: string;
  description?: string;
  size?: number;
}

const LINUX = (description: string, size: number): CatalogueEntry => ({ kind: 'linux', description, size });

/**
 * The images lessons and docs name. Spin apps answer through the precompiled WAGI module
 * (wagi-hello); SpinKube's sample answers `Hello world from Spin!` for real, the Dojo's module
 * greets with the method and path instead (said in the README).
 */
export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  'ghcr.io/example/hello-wasm:latest': { kind: 'wasi', module: 'hello.wasm' },
  'ghcr.io/example/exit-with:latest': { kind: 'wasi', module: 'exit-with.wasm' },
  'ghcr.io/example/args-echo:latest': { kind: 'wasi', module: 'args-echo.wasm' },
  'ghcr.io/example/spin-forever:latest': { kind: 'wasi', module: 'spin-forever.wasm' },
  'ghcr.io/example/my-api:latest': {
    kind: 'spin',
    module: 'wagi-hello.wasm',
    component: 'my-api',
    manifestText: WAGI_TOML('my-api', '/...', 'my-api'),
  },
  'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0': {
    kind: 'spin',
    module: 'wagi-hello.wasm',
    component: 'hello',
    manifestText: WAGI_TOML('spin-rust-hello', '/...', 'hello'),
  },
  'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.18.0': {
    kind: 'spin',
    module: 'wagi-hello.wasm',
    component: 'hello',
    manifestText: WAGI_TOML('spin-rust-hello', '/...', 'hello'),
  },
  'quay.io/jetstack/cert-manager-controller:v1.14.3': LINUX('cert-manager controller', 17_203_882),
  'quay.io/jetstack/cert-manager-cainjector:v1.14.3': LINUX('cert-manager cainjector', 12_400_163),
  'quay.io/jetstack/cert-manager-webhook:v1.14.3': LINUX('cert-manager webhook', 14_110_745),
  'ghcr.io/spinkube/spin-operator:v0.4.0': LINUX('spin-operator manager', 23_412_007),
  'gcr.io/kubebuilder/kube-rbac-proxy:v0.15.0': LINUX('kube-rbac-proxy', 24_981_510),
  'ghcr.io/kwasm/kwasm-operator:v0.2.3': LINUX('kwasm-operator', 19_031_883),
  'registry.k8s.io/coredns/coredns:v1.11.1': LINUX('CoreDNS', 18_182_961),
  'docker.io/library/nginx:latest': LINUX('nginx', 72_955_450),
  'docker.io/library/busybox:latest': LINUX('busybox', 2_167_176),
};

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return `sha256:${[...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Images from the built-in catalogue; module bytes come from `loadModule(file)` (the installed public/modules). */
export function catalogueSource(loadModule: (file: string) => Promise<Uint8Array | undefined>): ImageSource {
  return {
    async resolve(ref) {
      const key = normaliseImage(ref);
      const entry = CATALOGUE[key];
      if (!entry) return { error: 'not-found', message: notFoundMessage(ref) };
      if (entry.kind === 'linux') {
        const digest = await sha256(new TextEncoder().encode(key));
        return { kind: 'linux', ref: key, digest, size: entry.size ?? 0, description: entry.description ?? key };
      }
      const bytes = entry.module ? await loadModule(entry.module) : undefined;
      if (!bytes) return { error: 'not-found', message: notFoundMessage(ref) };
      const digest = await sha256(bytes);
      if (entry.kind === 'wasi') return { kind: 'wasi', ref: key, digest, size: bytes.length, module: bytes };
      return {
        kind: 'spin',
        ref: key,
        digest,
        size: bytes.length,
        manifestText: entry.manifestText ?? '',
        modules: new Map([[entry.component ?? 'app', bytes]]),
      };
    },
  };
}

/** Images from the machine's local registry: Spin apps as `spin registry push` wrote them, or a single Wasm layer. */
export function registrySource(store: OciStore): ImageSource {
  return {
    async resolve(ref) {
      const parsed = parseReference(ref);
      if (!parsed) return { error: 'invalid-reference', message: `couldn't parse image reference "${ref}"` };
      const full = `${parsed.repository}${parsed.digest ? `@${parsed.digest}` : `:${tagOf(parsed) ?? 'latest'}`}`;
      const found = store.resolve(ref);
      if (!found) return { error: 'not-found', message: notFoundMessage(ref) };
      const size = found.manifest.layers.reduce((n, l) => n + l.size, 0);
      const spin = pullSpinApp(store, ref);
      if (spin.ok) return { kind: 'spin', ref: full, digest: found.digest, size, manifestText: spin.app.manifestText, modules: spin.app.modules };
      const wasmLayers = found.manifest.layers.filter((l) => l.mediaType === WASM_LAYER_MEDIA_TYPE || l.mediaType === 'application/wasm');
      const bytes = wasmLayers.length === 1 ? store.getBlob(wasmLayers[0]!.digest) : undefined;
      if (bytes) return { kind: 'wasi', ref: full, digest: found.digest, size, module: bytes };
      return { error: 'not-found', message: notFoundMessage(ref) };
    },
  };
}

/** Tries each source in turn (the first that has the image wins), caching by reference. */
export function chainSources(...sources: ImageSource[]): ImageSource & { forget(): void } {
  const cache = new Map<string, Promise<ResolvedImage | ImageError>>();
  return {
    resolve(ref) {
      const key = normaliseImage(ref);
      let hit = cache.get(key);
      if (!hit) {
        hit = (async () => {
          let last: ImageError = { error: 'not-found', message: notFoundMessage(ref) };
          for (const s of sources) {
            const r = await s.resolve(ref);
            if (!isImageError(r)) return r;
            if (r.error === 'invalid-reference') last = r;
          }
          cache.delete(key);
          return last;
        })();
        cache.set(key, hit);
      }
      return hit;
    },
    forget() {
      cache.clear();
    },
  };
}
