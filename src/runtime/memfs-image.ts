/**
 * Moves a SandboxImage into a fresh @wasmer/wasi MemFS before the run and reads back what the guest
 * changed afterwards. Guest paths are usually absolute (`/data`), but wasmtime also allows relative
 * guest names (`--dir .`, `--dir ./x::sub`); MemFS only has absolute paths, so relative guest paths
 * live under a private root and are mapped back when diffing.
 */
import type { FileChange, SandboxImage } from './types';
import { sameBytes } from '../lib/bytes';
import { normalizeLexical } from '../fs/path';

/** Where relative guest paths live inside the MemFS. Not visible to the guest: it only sees preopen names. */
const RELATIVE_ROOT = '/.dojo-relative';

/** Minimal shape of @wasmer/wasi's MemFS we use (kept structural so tests can read it too). */
export interface MemFsLike {
  createDir(path: string): void;
  readDir(path: string): Array<{ path: string; metadata: { filetype: { dir: boolean; file: boolean } } }>;
  open(
    path: string,
    options: Record<string, boolean>,
  ): {
    read(): Uint8Array;
    write(buf: Uint8Array): number;
    free(): void;
  };
}

export function guestToMemfs(guest: string): string {
  const path = normalizeLexical(guest);
  if (path.startsWith('/')) return path;
  return path === '.' ? RELATIVE_ROOT : `${RELATIVE_ROOT}/${path}`;
}

export function memfsToGuest(memPath: string): string {
  if (memPath === RELATIVE_ROOT) return '.';
  if (memPath.startsWith(`${RELATIVE_ROOT}/`)) return memPath.slice(RELATIVE_ROOT.length + 1);
  return memPath;
}

function mkdirp(fs: MemFsLike, memPath: string, made: Set<string>): void {
  if (memPath === '/' || made.has(memPath)) return;
  const parent = memPath.slice(0, memPath.lastIndexOf('/')) || '/';
  mkdirp(fs, parent, made);
  try {
    fs.createDir(memPath);
  } catch {
    // Already there (created by an earlier, overlapping mount).
  }
  made.add(memPath);
}

/** Puts every directory and file of the image into `fs`, plus each preopen root (even if empty). */
export function loadImage(fs: MemFsLike, image: SandboxImage, preopens: string[]): Map<string, Uint8Array> {
  const made = new Set<string>();
  for (const dir of preopens) mkdirp(fs, guestToMemfs(dir), made);
  for (const dir of image.dirs) mkdirp(fs, guestToMemfs(dir), made);
  const files = new Map<string, Uint8Array>();
  for (const f of image.files) {
    const memPath = guestToMemfs(f.path);
    mkdirp(fs, memPath.slice(0, memPath.lastIndexOf('/')) || '/', made);
    const handle = fs.open(memPath, { read: true, write: true, create: true, truncate: true });
    try {
      handle.write(f.data);
    } finally {
      handle.free();
    }
    files.set(memPath, f.data);
  }
  return files;
}

/**
 * Walks each preopen and compares with the image. Order is the one a host can apply blindly:
 * mkdirs parents-first, then writes, then removes children-first.
 */
export function diffImage(
  fs: MemFsLike,
  image: SandboxImage,
  preopens: string[],
  before: Map<string, Uint8Array>,
  /** Symlinks the guest made (MemFS path → text): their stand-in files come back as 'symlink' changes. */
  links: ReadonlyMap<string, string> = new Map(),
): FileChange[] {
  const dirsBefore = new Set(image.dirs.map(guestToMemfs));
  for (const p of preopens) dirsBefore.add(guestToMemfs(p));
  const dirsAfter = new Set<string>();
  const filesAfter = new Set<string>();
  const mkdirs: FileChange[] = [];
  const writes: FileChange[] = [];

  const walk = (dir: string) => {
    let entries: ReturnType<MemFsLike['readDir']>;
    try {
      entries = fs.readDir(dir);
    } catch {
      return; // the guest removed it
    }
    dirsAfter.add(dir);
    for (const e of entries) {
      if (e.metadata.filetype.dir) {
        if (dirsAfter.has(e.path)) continue;
        if (!dirsBefore.has(e.path)) mkdirs.push({ kind: 'mkdir', guestPath: memfsToGuest(e.path) });
        walk(e.path);
      } else if (e.metadata.filetype.file) {
        filesAfter.add(e.path);
        const link = links.get(e.path);
        if (link !== undefined) {
          writes.push({ kind: 'symlink', guestPath: memfsToGuest(e.path), target: link });
          continue;
        }
        const handle = fs.open(e.path, { read: true });
        let data: Uint8Array;
        try {
          data = handle.read();
        } finally {
          handle.free();
        }
        const old = before.get(e.path);
        if (old === undefined || !sameBytes(old, data)) writes.push({ kind: 'write', guestPath: memfsToGuest(e.path), data });
      }
    }
  };
  // Outermost preopens first so a nested preopen is not walked twice.
  const roots = [...new Set(preopens.map(guestToMemfs))].sort((a, b) => a.length - b.length);
  for (const root of roots) if (!dirsAfter.has(root)) walk(root);

  const removes: FileChange[] = [];
  const underRoot = (d: string) => roots.some((r) => r === '/' || d === r || d.startsWith(`${r}/`));
  for (const path of before.keys()) if (!filesAfter.has(path) && underRoot(path)) removes.push({ kind: 'remove', guestPath: memfsToGuest(path) });
  const goneDirs = [...dirsBefore].filter((d) => !dirsAfter.has(d) && underRoot(d)).sort((a, b) => b.length - a.length);
  for (const d of goneDirs) removes.push({ kind: 'remove', guestPath: memfsToGuest(d) });
  return [...mkdirs, ...writes, ...removes];
}
