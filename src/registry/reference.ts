/**
 * OCI image references as registries and clients read them: `<registry>/<repository>[:<tag>][@<digest>]`.
 * A reference without a tag or digest means `:latest` (`ghcr.io/user/app` and `ghcr.io/user/app:latest`
 * are the same image).
 */

export interface ImageReference {
  /** e.g. "ghcr.io", "localhost:5000". */
  registry: string;
  /** e.g. "user/app". */
  path: string;
  /** `registry/path`: the key a store files tags under. */
  repository: string;
  tag?: string;
  /** "sha256:<hex>" when the reference pins one. */
  digest?: string;
}

const REFERENCE = /^([a-z0-9.-]+(?::\d+)?)\/([a-z0-9._/-]+?)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;
/** One path component, as the distribution spec's grammar has it: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`. */
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;

/** `<registry>/<path>[:tag][@digest]`: a registry host (with a dot or a port, or localhost) and a lowercase path. */
export function parseReference(ref: string): ImageReference | null {
  const m = REFERENCE.exec(ref);
  if (!m) return null;
  const [, registry, path, tag, digest] = m as unknown as [string, string, string, string | undefined, string | undefined];
  if (!/[.:]|^localhost$/.test(registry)) return null;
  if (!path.split('/').every((c) => COMPONENT.test(c))) return null;
  const parsed: ImageReference = { registry, path, repository: `${registry}/${path}` };
  if (tag !== undefined) parsed.tag = tag;
  if (digest !== undefined) parsed.digest = digest;
  return parsed;
}

export function isValidReference(ref: string): boolean {
  return parseReference(ref) !== null;
}

/** The tag a reference names: its own, or `latest` when it names neither a tag nor a digest. */
export function tagOf(ref: ImageReference): string | undefined {
  return ref.tag ?? (ref.digest ? undefined : 'latest');
}

/** `name[:tag]` with no registry host: Docker Hub's short form (`user/app:1` = `docker.io/user/app:1`). */
const DOCKER_SHORT = /^[a-z0-9._/-]+(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

/**
 * Whether `spin up --from X` (X not an existing path) means a registry reference, as Spin's
 * `is_probably_oci_reference` decides (Spin v3.0.0 crates/oci/src/lib.rs): it must parse as a reference;
 * a tag other than an implied `latest` says yes; so does an explicit registry (one the parser did not
 * default to Docker Hub). `foo/spin.toml` or `myapp` are taken for missing files.
 */
export function isProbablyOciReference(text: string): boolean {
  if (parseReference(text)) return true;
  if (!DOCKER_SHORT.test(text) || text.startsWith('/') || text.endsWith('/')) return false;
  const lastSlash = text.lastIndexOf('/');
  const colon = text.indexOf(':', lastSlash + 1);
  return colon >= 0;
}

/** The host a client first contacts for a reference (`GET https://<host>/v2/`): Docker Hub's is index.docker.io. */
export function registryHostOf(text: string): string {
  const ref = parseReference(text);
  return ref ? ref.registry : 'index.docker.io';
}
