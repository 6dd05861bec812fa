/**
 * The learner's "machine": a POSIX-like tree the shell and every emulated tool work on.
 *
 * The API is synchronous on purpose: the tree lives in memory, persistence is a separate
 * layer (see persist.ts) that listens to changes and saves in the background, so commands
 * never await the disk and a module run can snapshot and write back atomically.
 * All paths given to a HostFs are absolute and already normalised (see path.ts).
 */

export type FsNodeKind = 'file' | 'dir';

export interface FsStat {
  kind: FsNodeKind;
  /** Bytes for files; number of entries for directories. */
  size: number;
  mtimeMs: number;
}

/** errno-style codes; their messages follow coreutils ("No such file or directory"). */
export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EFBIG' | 'ENAMETOOLONG';

export const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EFBIG: 'File too large',
  ENAMETOOLONG: 'File name too long',
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

export interface HostFs {
  stat(path: string): FsStat | null;
  exists(path: string): boolean;
  readFile(path: string): Uint8Array;
  readText(path: string): string;
  /** Creates or replaces a file; the parent directory must exist. */
  writeFile(path: string, data: Uint8Array | string, opts?: { append?: boolean }): void;
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
