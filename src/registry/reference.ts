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

/** `<registry>/<path>[:tag][@digest]`: a registry host (with a dot or a port, or localhost) and a lowercase path. */
export function parseReference(ref: string): ImageReference | null {
  const m = REFERENCE.exec(ref);
  if (!m) return null;
  const [, registry, path, tag, digest] = m as unknown as [string, string, string, string | undefined, string | undefined];
  if (!/[.:]|^localhost$/.test(registry)) return null;
  if (path.startsWith('/') || path.endsWith('/') || path.includes('//')) return null;
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
