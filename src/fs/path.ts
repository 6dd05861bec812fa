/**
 * POSIX path arithmetic for the learner's machine. Pure string work, no fs access: the shell
 * resolves what was typed to an absolute normalised path before any HostFs call.
 */

/** The components of a path with `//`, `.` and `..` collapsed; `..` past the start is dropped, like the kernel at `/`. */
function segments(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts;
}

/** Collapses `//`, `.` and `..` in an absolute path; `..` at the root stays at the root, like the kernel. */
export function normalize(path: string): string {
  return '/' + segments(path).join('/');
}

/**
 * The same collapsing for a path that may be relative (a guest path inside the sandbox, as a
 * module wrote it): absolute stays absolute, relative stays relative, and nothing left is `.`.
 */
export function normalizeLexical(path: string): string {
  const joined = segments(path).join('/');
  if (path.startsWith('/')) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Expands a leading `~` (alone or followed by `/`) to the home directory. */
export function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return home + path.slice(1);
  return path;
}

/** Resolves what the learner typed against the current directory: `~`, `.`, `..`, relative and absolute. */
export function resolve(cwd: string, path: string, home: string): string {
  return resolveFrom(cwd, expandTilde(path, home));
}

/** `path` taken from the absolute directory `dir` (an absolute `path` stands alone), normalised; no `~`. */
export function resolveFrom(dir: string, path: string): string {
  return normalize(path.startsWith('/') ? path : `${dir}/${path}`);
}

/** Last component; "/" for the root. Trailing slashes are ignored like basename(1). */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/** Everything before the last component; "." for a bare name, "/" for top-level entries. */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimmed.slice(0, i).replace(/\/+$/, '') || '/';
}

/** `dir` + `/` + `name` for a name read from a directory (no normalising needed: it has no slash). */
export function childPath(dir: string, name: string): string {
  return `${dir === '/' ? '' : dir}/${name}`;
}

/** Shows an absolute path the way the prompt does: the home directory as `~`. */
export function displayPath(path: string, home: string): string {
  if (path === home) return '~';
  if (path.startsWith(home + '/')) return '~' + path.slice(home.length);
  return path;
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(outer + '/');
}
