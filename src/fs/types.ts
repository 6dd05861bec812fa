/**
 * The learner's "machine": a POSIX-like tree the shell and every emulated tool work on.
 *
 * The API is synchronous on purpose: the tree lives in memory, persistence is a separate
 * layer (see persist.ts) that listens to changes and saves in the background, so commands
 * never await the disk and a module run can snapshot and write back atomically.
 * All paths given to a HostFs are absolute and already normalised (see path.ts).
 */

export type FsNodeKind = 'file' | 'dir' | 'symlink' | 'chardev';

/** The character devices of /dev (see devices.ts). */
export type DeviceName = 'null' | 'zero' | 'random' | 'urandom';

export interface FsStat {
  kind: FsNodeKind;
  /** Bytes for files; number of entries for directories; the link text's length for symlinks; 0 for devices. */
  size: number;
  mtimeMs: number;
  /** Character devices: Linux's device numbers (`ls -l` shows "major, minor" where the size goes). */
  rdev?: { major: number; minor: number };
  /** Symlinks (from lstat): the link text. */
  target?: string;
  /** Permission bits (0o7777) of files and directories, as chmod set them (0o644 / 0o755 by default). */
  mode?: number;
  /** 'root' for /dev and what it holds; absent for the learner's own files. */
  owner?: 'root';
}

/** errno-style codes; their messages follow coreutils ("No such file or directory"). */
export type FsErrorCode =
  'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EFBIG' | 'ENAMETOOLONG' | 'ELOOP' | 'EACCES' | 'EPERM';

export const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EFBIG: 'File too large',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${FS_ERROR_TEXT[code]}`);
    this.name = 'FsError';
  }
}

export type FsChangeListener = (path: string) => void;

/**
 * Symlinks are followed as the kernel follows them (every component, `..` physically after a link,
 * at most 40 hops: ELOOP), except by lstat, readlink, remove and rename, which act on the link itself.
 * Devices behave as Linux's: writes to /dev/null, /dev/zero and /dev/urandom vanish; reading /dev/null
 * gives nothing, /dev/zero and /dev/urandom as many bytes as asked (see readFile's `limit`).
 */
export interface HostFs {
  /** Follows symlinks; null when nothing is there (or a symlink dangles). */
  stat(path: string): FsStat | null;
  /** Like stat, but a symlink is described itself (kind 'symlink', with its target). */
  lstat(path: string): FsStat | null;
  exists(path: string): boolean;
  /**
   * The file's bytes. `limit` reads at most that many (what `head -c N` needs); an endless device
   * (/dev/zero, /dev/urandom) gives `limit` bytes, or DEVICE_READ_BYTES without one, never more.
   */
  readFile(path: string, opts?: { limit?: number }): Uint8Array;
  readText(path: string): string;
  /** Creates or replaces a file; the parent directory must exist. Through a symlink, writes its target. */
  writeFile(path: string, data: Uint8Array | string, opts?: { append?: boolean }): void;
  /** Creates a symlink at `path` holding `target` (not checked: it may dangle, as with ln -s). */
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /** Sets the permission bits of a file or directory (chmod(2): follows symlinks; EPERM on root's /dev). */
  chmod?(path: string, mode: number): void;
  /** The path with every symlink resolved (realpath -e); throws ENOENT when something on the way is missing. */
  realpath(path: string): string;
  mkdir(path: string, opts?: { recursive?: boolean }): void;
  /** Names only, sorted. */
  readdir(path: string): string[];
  remove(path: string, opts?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  /** A deep, independent copy: the grader re-runs commands on clones so ablation never touches the learner's files. */
  clone(): HostFs;
  /** Called after any mutation with the path that changed (used by persistence and the UI). */
  onChange(listener: FsChangeListener): () => void;
}
