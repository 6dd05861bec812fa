/**
 * Grants → sandbox and back. `buildSandboxImage` copies exactly the granted host directories into a
 * guest-path-keyed image (nothing else of the learner's machine is reachable); `applySandboxChanges`
 * maps what the guest changed back through the same mounts, skipping read-only ones, so nothing
 * outside a grant can ever change.
 */
import type { DeviceName, FsStat, HostFs } from '../fs/types';
import { DEVICE_NUMBERS } from '../fs/devices';
import type { FileChange, Mount, SandboxImage, SpecialEntry } from './types';
import { normalizeLexical } from '../fs/path';

/** Total bytes a sandbox may hold; a grant of a huge tree gets a clear error instead of a frozen tab. */
export const MAX_SANDBOX_BYTES = 64 * 1024 * 1024;

export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxError';
  }
}

function joinPath(dir: string, name: string): string {
  if (dir === '/') return `/${name}`;
  if (dir === '.' || dir === '') return name;
  return `${dir}/${name}`;
}

export function buildSandboxImage(fs: HostFs, mounts: Mount[], maxBytes: number = MAX_SANDBOX_BYTES): SandboxImage {
  const dirs: string[] = [];
  const seenDirs = new Set<string>();
  const files = new Map<string, Uint8Array>();
  const special = new Map<string, SpecialEntry>();
  let total = 0;

  const addDir = (guest: string) => {
    if (!seenDirs.has(guest)) {
      seenDirs.add(guest);
      dirs.push(guest);
    }
  };
  const addBytes = (n: number, mount: Mount) => {
    total += n;
    if (total > maxBytes) {
      throw new SandboxError(
        `granted directory ${mount.hostPath} is too large for the sandbox: more than ${Math.round(maxBytes / (1024 * 1024))} MiB in the granted directories`,
      );
    }
  };

  // Entries are taken as they are (lstat): a symlink is never followed out of the grant, a device never read.
  const walk = (hostDir: string, guestDir: string, mount: Mount, realRoot: string) => {
    addDir(guestDir);
    for (const name of fs.readdir(hostDir)) {
      const hostPath = joinPath(hostDir, name);
      const guestPath = joinPath(guestDir, name);
      const st = fs.lstat(hostPath);
      if (!st) continue;
      // Later mounts win on overlap, as the later preopen shadows the earlier one for the guest.
      special.delete(guestPath);
      if (st.kind === 'dir') walk(hostPath, guestPath, mount, realRoot);
      else if (st.kind === 'chardev') {
        special.set(guestPath, { path: guestPath, kind: 'chardev', device: deviceOf(st) });
        files.set(guestPath, new Uint8Array(0));
      } else if (st.kind === 'symlink') {
        const target = st.target ?? '';
        // wasmtime (cap-std) follows a relative link that stays inside the directory it was granted;
        // a link to a file there gets that file's bytes, anything else an empty stand-in that fails to open.
        const to = target.startsWith('/') ? null : fs.stat(hostPath);
        const resolved = to?.kind === 'file' && within(safeRealpath(fs, hostPath), realRoot);
        const data = resolved ? fs.readFile(hostPath) : new Uint8Array(0);
        addBytes(data.byteLength, mount);
        special.set(guestPath, { path: guestPath, kind: 'symlink', target, resolved });
        files.set(guestPath, data);
      } else {
        addBytes(st.size, mount);
        files.set(guestPath, fs.readFile(hostPath));
      }
    }
  };

  for (const mount of mounts) {
    const st = fs.stat(mount.hostPath);
    if (!st) throw new SandboxError(`${mount.hostPath}: No such file or directory`);
    if (st.kind !== 'dir') throw new SandboxError(`${mount.hostPath}: Not a directory`);
    // The grant itself is opened as wasmtime opens it, following links; below it nothing is followed.
    const realRoot = fs.realpath(mount.hostPath);
    walk(realRoot, normalizeLexical(mount.guestPath), mount, realRoot);
  }
  const image: SandboxImage = { dirs, files: [...files].map(([path, data]) => ({ path, data })) };
  if (special.size > 0) image.special = [...special.values()];
  return image;
}

function deviceOf(st: FsStat): 'null' | 'zero' | 'random' | 'urandom' {
  for (const [name, n] of Object.entries(DEVICE_NUMBERS)) {
    if (n.major === st.rdev?.major && n.minor === st.rdev.minor) return name as DeviceName;
  }
  return 'null';
}

/** Whether `path` is `root` or below it. */
function within(path: string | null, root: string): boolean {
  if (path === null) return false;
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

function safeRealpath(fs: HostFs, path: string): string | null {
  try {
    return fs.realpath(path);
  } catch {
    return null;
  }
}

/**
 * Whether a change at `hostPath` stays inside the grant whose real root is `realRoot`, given the host's
 * symlinks: the deepest directory that exists on the way must really be inside, and with `followLast`
 * an existing symlink at the end must lead inside too (a dangling one is refused). Without this, a
 * link left in a grant (by a guest, or by the learner) would carry a later run's writes outside it.
 */
function staysInside(fs: HostFs, hostPath: string, realRoot: string, followLast: boolean): boolean {
  const last = fs.lstat(hostPath);
  if (last?.kind === 'symlink' && followLast) return within(safeRealpath(fs, hostPath), realRoot);
  let dir = hostPath.slice(0, hostPath.lastIndexOf('/')) || '/';
  for (;;) {
    const st = fs.lstat(dir);
    if (st) return within(safeRealpath(fs, dir), realRoot);
    if (dir === '/') return false;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
}

/** The mount a guest path lives under (the deepest guest root wins when mounts nest). */
function mountFor(mounts: Mount[], guestPath: string): { mount: Mount; rest: string } | undefined {
  let best: { mount: Mount; rest: string } | undefined;
  let bestLen = -1;
  const path = normalizeLexical(guestPath);
  for (const mount of mounts) {
    const root = normalizeLexical(mount.guestPath);
    let rest: string | undefined;
    if (path === root) rest = '';
    else if (root === '/') rest = path.startsWith('/') ? path.slice(1) : undefined;
    else if (root === '.') rest = path.startsWith('/') ? undefined : path;
    else if (path.startsWith(`${root}/`)) rest = path.slice(root.length + 1);
    if (rest !== undefined && root.length > bestLen) {
      best = { mount, rest };
      bestLen = root.length;
    }
  }
  return best;
}

function ensureParent(fs: HostFs, hostPath: string): void {
  const parent = hostPath.slice(0, hostPath.lastIndexOf('/')) || '/';
  if (!fs.exists(parent)) fs.mkdir(parent, { recursive: true });
}

/**
 * Applies the engine's FileChange list to the host. Changes outside every mount, inside a read-only
 * mount, or to a mount root itself are ignored: the guest cannot remove the directory it was granted.
 */
/** A guest change the host filesystem refused (e.g. a name too long, a file over the size cap). */
export interface WriteBackFailure {
  hostPath: string;
  message: string;
}

export interface WriteBack {
  failures: WriteBackFailure[];
  /** Read-only mounts (the deepest mount of each change decides) whose changes were not written. */
  discardedReadonly: Mount[];
}

/**
 * Applies what the guest changed inside its grants to the host filesystem. Each change stands alone:
 * one the host refuses is reported and the rest still land, as each write is its own syscall on a
 * real host. Changes inside a read-only mount are not written; the mount is reported.
 */
export function applySandboxChanges(fs: HostFs, mounts: Mount[], changes: FileChange[]): WriteBack {
  const failures: WriteBackFailure[] = [];
  const discardedReadonly = new Set<Mount>();
  for (const change of changes) {
    const hit = mountFor(mounts, change.guestPath);
    if (!hit) continue;
    if (hit.mount.readonly) {
      if (change.kind !== 'mkdir') discardedReadonly.add(hit.mount);
      continue;
    }
    if (hit.rest.split('/').includes('..')) continue;
    const hostPath = hit.rest === '' ? hit.mount.hostPath : joinPath(hit.mount.hostPath, hit.rest);
    try {
      if (hit.rest !== '') {
        const realRoot = safeRealpath(fs, hit.mount.hostPath);
        if (realRoot === null || !staysInside(fs, hostPath, realRoot, change.kind === 'write')) {
          failures.push({ hostPath, message: 'a symlink on the way leads outside the granted directory; not written' });
          continue;
        }
      }
      switch (change.kind) {
        case 'mkdir':
          if (hit.rest !== '' && !fs.exists(hostPath)) fs.mkdir(hostPath, { recursive: true });
          break;
        case 'write':
          if (hit.rest === '') break;
          if (fs.lstat(hostPath)?.kind === 'dir') fs.remove(hostPath, { recursive: true });
          ensureParent(fs, hostPath);
          fs.writeFile(hostPath, change.data);
          break;
        case 'remove':
          if (hit.rest !== '' && fs.lstat(hostPath)) fs.remove(hostPath, { recursive: true });
          break;
        case 'symlink':
          if (hit.rest === '') break;
          if (fs.lstat(hostPath)?.kind === 'symlink' && fs.readlink(hostPath) === change.target) break;
          if (fs.lstat(hostPath)) fs.remove(hostPath, { recursive: true });
          ensureParent(fs, hostPath);
          fs.symlink(change.target, hostPath);
          break;
      }
    } catch (err) {
      failures.push({ hostPath, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { failures, discardedReadonly: [...discardedReadonly] };
}
