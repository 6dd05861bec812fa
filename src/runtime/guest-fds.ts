/**
 * Makes wasmer's fd table look like wasmtime's to the guest.
 *
 * @wasmer/wasi 1.2.2 always preopens a virtual root "/" at fd 3 (before the granted directories) and
 * names preopens without their leading slash ("data" for "/data"). A guest would therefore see a
 * preopen nobody granted, and `escape-artist` would list it. wasmtime numbers the granted
 * directories from fd 3 and names them exactly as granted. So between the guest and wasmer we shift
 * every fd ≥ 3 by one (guest fd g ↔ wasmer fd g+1; wasmer's fd 3 is unreachable from the guest),
 * and answer fd_prestat_get / fd_prestat_dir_name for the granted directories with their real names.
 */
import { ERRNO, WASI_PREVIEW1_PARAMS } from './trace';
import type { SpecialEntry } from './types';
import { guestToMemfs, type MemFsLike } from './memfs-image';
import { normalize } from '../fs/path';

type HostFn = (...args: unknown[]) => unknown;

const FD_PARAMS = new Set(['fd', 'old_fd', 'new_fd', 'to']);
/** Out-pointers the runtime fills with a new fd, which must be shifted back for the guest. */
const FD_OUT_PARAMS: Record<string, number> = { path_open: 8, sock_accept: 2 };

/**
 * [path arg index, its directory fd arg index] for every call that looks a name up in a directory
 * (path_symlink's old_path is link text, not a lookup).
 */
const PATH_LOOKUPS: Record<string, Array<[number, number]>> = {
  path_open: [[2, 0]],
  path_create_directory: [[1, 0]],
  path_remove_directory: [[1, 0]],
  path_unlink_file: [[1, 0]],
  path_readlink: [[1, 0]],
  path_filestat_get: [[2, 0]],
  path_filestat_set_times: [[2, 0]],
  path_rename: [
    [1, 0],
    [4, 3],
  ],
  path_link: [
    [2, 0],
    [5, 4],
  ],
  path_symlink: [[3, 2]],
};
const EPERM = 63;
const EEXIST = 20;
const ENOENT = 44;
const ELOOP = 32;
/** WASI filetypes (wasi_snapshot_preview1 `filetype`). */
const FILETYPE_CHARACTER_DEVICE = 2;
const FILETYPE_SYMBOLIC_LINK = 7;
/**
 * fd_write: the right that means "open for writing". Only this one: Rust's std asks for nearly every
 * right even for a read-only open (fd_filestat_set_size included), so wider masks refuse plain reads.
 * Anything else that could change a file in a read-only grant is never written back anyway.
 */
const WRITE_RIGHTS = 1n << 6n;

/**
 * wasmtime (cap-std) refuses absolute paths and `..` that climbs above the directory fd with EPERM
 * before touching the filesystem; wasmer would resolve "/etc/x" *inside* the preopen instead. Lexical
 * check is exact here: the MemFS has no symlinks (a link in a grant is a stand-in file that
 * SpecialFiles below refuses to follow out of the grant).
 */
export function escapesDir(path: string): boolean {
  if (path.startsWith('/')) return true;
  let depth = 0;
  for (const seg of path.split('/')) {
    if (seg === '..') {
      if (--depth < 0) return true;
    } else if (seg !== '' && seg !== '.') depth++;
  }
  return false;
}

const toWasmer = (fd: number): number => (fd >= 3 && fd < 0xffffffff ? fd + 1 : fd);
const toGuest = (fd: number): number => (fd >= 4 ? fd - 1 : fd);

export class GuestFdTable {
  private readonly names: Uint8Array[];
  private readonly closedPreopens = new Set<number>();
  /** Guest fds ≥ 3 known to be open: an escape check only applies to a valid fd (a bad fd is EBADF first). */
  private readonly liveFds = new Set<number>();
  memory: WebAssembly.Memory | undefined;

  /** Guest fds inside a read-only grant (the preopen and everything opened through it). */
  private readonly readonlyFds = new Set<number>();

  /** Devices and symlinks of the grants (see SpecialFiles); undefined when there are none and the guest cannot make any. */
  private readonly special: SpecialFiles | undefined;

  /**
   * `special.fs` hands out a fresh handle on the guest's MemFS each call (wasmer's `wasi.fs`; the
   * MemFS given to WASI is moved into it and unusable); each handle is freed after use.
   */
  constructor(preopens: string[], readonlyPreopens: readonly string[] = [], special?: { entries: readonly SpecialEntry[]; fs: () => MemFsHandle }) {
    const enc = new TextEncoder();
    this.names = preopens.map((p) => enc.encode(p));
    preopens.forEach((p, i) => {
      this.liveFds.add(3 + i);
      if (readonlyPreopens.includes(p)) this.readonlyFds.add(3 + i);
    });
    if (special) this.special = new SpecialFiles(special.entries, special.fs, new Map(preopens.map((p, i) => [3 + i, guestToMemfs(p)])));
  }

  /** Symlinks the guest created that still exist after the run: MemFS path → link text. */
  createdSymlinks(): ReadonlyMap<string, string> {
    return this.special?.created ?? new Map();
  }

  private preopenName(guestFd: number): Uint8Array | undefined {
    if (this.closedPreopens.has(guestFd)) return undefined;
    return this.names[guestFd - 3];
  }

  /** Wraps wasmer's implementation of `fn` so it speaks guest fd numbers. */
  wrap(fn: string, impl: HostFn): HostFn {
    const params = WASI_PREVIEW1_PARAMS[fn] ?? [];
    const fdIdx: number[] = [];
    params.forEach((p, i) => {
      if (FD_PARAMS.has(p)) fdIdx.push(i);
    });
    const outIdx = FD_OUT_PARAMS[fn];
    const lookups = PATH_LOOKUPS[fn] ?? [];
    const decoder = new TextDecoder();

    if (fn === 'fd_prestat_get') {
      return (fd, buf) => {
        const g = Number(fd);
        if (this.closedPreopens.has(g)) return ERRNO.BADF;
        const name = this.preopenName(g);
        if (!name) return impl(toWasmer(g), buf);
        try {
          const view = new DataView(this.memory!.buffer);
          view.setUint8(Number(buf), 0); // preopentype dir
          view.setUint32(Number(buf) + 4, name.length, true);
          return ERRNO.SUCCESS;
        } catch {
          return ERRNO.FAULT;
        }
      };
    }
    if (fn === 'fd_prestat_dir_name') {
      return (fd, ptr, len) => {
        const g = Number(fd);
        if (this.closedPreopens.has(g)) return ERRNO.BADF;
        const name = this.preopenName(g);
        if (!name) return impl(toWasmer(g), ptr, len);
        try {
          new Uint8Array(this.memory!.buffer, Number(ptr), Math.min(Number(len), name.length)).set(name.subarray(0, Number(len)));
          return ERRNO.SUCCESS;
        } catch {
          return ERRNO.FAULT;
        }
      };
    }
    if (fn === 'poll_oneoff') {
      // Subscriptions carry fds inside guest memory (48-byte records, tag at 8, fd at 16 for fd_read/fd_write).
      return (inPtr, outPtr, nsubs, neventsPtr) => {
        const view = new DataView(this.memory!.buffer);
        const touched: Array<[number, number]> = [];
        try {
          for (let i = 0; i < Number(nsubs); i++) {
            const base = Number(inPtr) + i * 48;
            if (view.getUint8(base + 8) !== 0) {
              const fd = view.getUint32(base + 16, true);
              touched.push([base + 16, fd]);
              view.setUint32(base + 16, toWasmer(fd), true);
            }
          }
        } catch {
          return ERRNO.FAULT;
        }
        try {
          return impl(inPtr, outPtr, nsubs, neventsPtr);
        } finally {
          for (const [at, fd] of touched) view.setUint32(at, fd, true);
        }
      };
    }
    if (fdIdx.length === 0 && outIdx === undefined) return impl;

    return (...a: unknown[]) => {
      if (this.readonlyFds.size > 0 && lookups.some(([, fdAt]) => this.readonlyFds.has(Number(a[fdAt])))) {
        if (fn !== 'path_open' && fn !== 'path_filestat_get' && fn !== 'path_readlink') return ERRNO.NOTCAPABLE;
        if (fn === 'path_open') {
          const oflags = Number(a[4]);
          const rights = typeof a[5] === 'bigint' ? a[5] : BigInt(Number(a[5] ?? 0));
          const fdflags = Number(a[7]);
          // O_CREAT | O_TRUNC, any write-ish right, or O_APPEND: the grant does not allow changes.
          if ((oflags & (1 | 8)) !== 0 || (rights & WRITE_RIGHTS) !== 0n || (fdflags & 1) !== 0) return ERRNO.NOTCAPABLE;
        }
      }
      for (const [i, fdAt] of lookups) {
        if (!this.liveFds.has(Number(a[fdAt]))) continue;
        let path: string;
        try {
          path = decoder.decode(new Uint8Array(this.memory!.buffer, Number(a[i]), Number(a[i + 1])));
        } catch {
          return ERRNO.FAULT;
        }
        if (escapesDir(path)) return EPERM;
      }
      const special = this.special && this.memory ? this.special : undefined;
      const guestArgs = special ? a.slice() : a;
      if (special) {
        let early: number | undefined;
        try {
          early = special.before(fn, guestArgs, this.memory!);
        } catch {
          return ERRNO.FAULT; // a pointer or length outside the guest's memory
        }
        if (early !== undefined) return early;
      }
      for (const i of fdIdx) a[i] = toWasmer(Number(a[i]));
      const r = impl(...a);
      if (special && r === 0) {
        try {
          special.after(fn, guestArgs, this.memory!);
        } catch {
          /* the runtime succeeded, so the pointers were good; nothing to fix up */
        }
      }
      if (r === 0 && outIdx !== undefined) {
        try {
          const view = new DataView(this.memory!.buffer);
          const at = Number(a[outIdx]);
          const guestFd = toGuest(view.getUint32(at, true));
          view.setUint32(at, guestFd, true);
          this.liveFds.add(guestFd);
          if (this.readonlyFds.has(Number(a[0]) - (Number(a[0]) >= 4 ? 1 : 0))) this.readonlyFds.add(guestFd);
        } catch {
          /* the runtime already reported bad pointers */
        }
      }
      if (r === 0 && fn === 'fd_renumber') {
        const from = toGuest(Number(a[0]));
        const to = toGuest(Number(a[1]));
        if (this.liveFds.delete(from)) this.liveFds.add(to);
        if (this.readonlyFds.delete(from)) this.readonlyFds.add(to);
        else this.readonlyFds.delete(to);
      }
      if (r === 0 && fn === 'fd_close') {
        const guestFd = toGuest(Number(a[0]));
        this.liveFds.delete(guestFd);
        this.readonlyFds.delete(guestFd);
        if (guestFd - 3 < this.names.length) this.closedPreopens.add(guestFd);
      }
      return r;
    };
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function readString(memory: WebAssembly.Memory, ptr: unknown, len: unknown): string {
  return dec.decode(new Uint8Array(memory.buffer, Number(ptr), Number(len)));
}

/**
 * Device files and symlinks inside the grants, as wasmtime shows them. @wasmer/wasi's MemFS has
 * neither, so each is an ordinary file there (the image's stand-in) and this layer makes it look and
 * behave like the real thing, as node:wasi on a real directory shows it:
 * - a character device has filetype CHARACTER_DEVICE in fd_readdir, path/fd_filestat_get and
 *   fd_fdstat_get; reads of /dev/zero and /dev/urandom fill exactly the guest's own buffers (so an
 *   endless device never costs more memory than the guest asked for), /dev/null reads EOF, and
 *   writes to any of them are accepted and dropped;
 * - a symlink has filetype SYMBOLIC_LINK when not followed, path_readlink answers its text, and
 *   opening it follows it only when it is relative and leads to a file inside the same grant (its
 *   stand-in holds that file's bytes); an absolute or escaping link fails with EPERM, as cap-std
 *   refuses it; opened without following, ELOOP;
 * - path_symlink creates one (never with an absolute target: cap-std refuses those with EPERM), which
 *   the run hands back to the host as a 'symlink' change.
 */
class SpecialFiles {
  private readonly entries = new Map<string, SpecialEntry>();
  /** Links the guest made during this run (MemFS path → text). */
  readonly created = new Map<string, string>();
  /** Guest fd → MemFS path, for fds whose path we know (preopens and what path_open returned). */
  private readonly fdPaths: Map<number, string>;
  private readonly deviceFds = new Map<number, SpecialEntry & { kind: 'chardev' }>();
  /** The grants' roots in the MemFS, deepest first. */
  private readonly roots: string[];

  constructor(
    entries: readonly SpecialEntry[],
    private readonly fs: () => MemFsHandle,
    preopenPaths: Map<number, string>,
  ) {
    for (const e of entries) this.entries.set(guestToMemfs(e.path), e);
    this.fdPaths = preopenPaths;
    this.roots = [...new Set(preopenPaths.values())].sort((x, y) => y.length - x.length);
  }

  /** Whether a link at `linkPath` with text `target` leads out of the grant that holds it (or is absolute). */
  private leadsOut(target: string, linkPath: string): boolean {
    if (target.startsWith('/')) return true;
    const root = this.roots.find((r) => r === '/' || linkPath.startsWith(`${r}/`)) ?? '/';
    let depth = linkPath.slice(root.length).split('/').filter(Boolean).length - 1;
    for (const seg of target.split('/')) {
      if (seg === '..') {
        if (--depth < 0) return true;
      } else if (seg !== '' && seg !== '.') depth++;
    }
    return false;
  }

  private pathAt(dirFd: unknown, memory: WebAssembly.Memory, ptr: unknown, len: unknown): string | undefined {
    const dir = this.fdPaths.get(Number(dirFd));
    if (dir === undefined) return undefined;
    return normalize(`${dir}/${readString(memory, ptr, len)}`);
  }

  /** Why a lookup of `memPath` fails at a symlink (an errno), or undefined when nothing special is on the way. */
  private blockedAt(memPath: string, followLast: boolean): number | undefined {
    const parts = memPath.split('/').filter(Boolean);
    let at = '';
    for (let i = 0; i < parts.length; i++) {
      at += `/${parts[i]}`;
      const e = this.entries.get(at);
      if (e?.kind !== 'symlink') continue;
      const last = i === parts.length - 1;
      if (last && !followLast) return undefined;
      if (last && e.resolved) return undefined;
      return this.leadsOut(e.target, at) ? EPERM : ENOENT;
    }
    return undefined;
  }

  /** Answers the call itself (an errno) or returns undefined to let the runtime run it. */
  before(fn: string, a: unknown[], memory: WebAssembly.Memory): number | undefined {
    switch (fn) {
      case 'path_symlink': {
        const target = readString(memory, a[0], a[1]);
        const memPath = this.pathAt(a[2], memory, a[3], a[4]);
        if (memPath === undefined) return undefined;
        if (target.startsWith('/')) return EPERM;
        const fs = this.fs();
        try {
          if (exists(fs, memPath)) return EEXIST;
          fs.open(memPath, { write: true, create: true, truncate: true }).free();
        } catch {
          return ENOENT;
        } finally {
          fs.free();
        }
        this.entries.set(memPath, { path: memPath, kind: 'symlink', target, resolved: false });
        this.created.set(memPath, target);
        return ERRNO.SUCCESS;
      }
      case 'path_readlink': {
        const memPath = this.pathAt(a[0], memory, a[1], a[2]);
        const e = memPath === undefined ? undefined : this.entries.get(memPath);
        if (e?.kind !== 'symlink') return undefined;
        const bytes = enc.encode(e.target).subarray(0, Number(a[4]));
        new Uint8Array(memory.buffer, Number(a[3]), bytes.length).set(bytes);
        new DataView(memory.buffer).setUint32(Number(a[5]), bytes.length, true);
        return ERRNO.SUCCESS;
      }
      case 'path_open': {
        const memPath = this.pathAt(a[0], memory, a[2], a[3]);
        if (memPath === undefined) return undefined;
        const follow = (Number(a[1]) & 1) !== 0;
        if (!follow && this.entries.get(memPath)?.kind === 'symlink') return ELOOP;
        return this.blockedAt(memPath, follow);
      }
      case 'path_filestat_get': {
        const memPath = this.pathAt(a[0], memory, a[2], a[3]);
        return memPath === undefined ? undefined : this.blockedAt(memPath, (Number(a[1]) & 1) !== 0);
      }
      case 'fd_read':
      case 'fd_pread': {
        const dev = this.deviceFds.get(Number(a[0]));
        if (!dev || dev.device === 'null') return undefined;
        const view = new DataView(memory.buffer);
        let total = 0;
        for (let i = 0; i < Number(a[2]); i++) {
          const ptr = view.getUint32(Number(a[1]) + i * 8, true);
          const len = view.getUint32(Number(a[1]) + i * 8 + 4, true);
          if (ptr + len > memory.buffer.byteLength) return ERRNO.FAULT;
          const buf = new Uint8Array(memory.buffer, ptr, len);
          if (dev.device === 'zero') buf.fill(0);
          else for (let at = 0; at < len; at += 65536) crypto.getRandomValues(buf.subarray(at, Math.min(len, at + 65536)));
          total += len;
        }
        // fd_pread has the offset before the count's pointer.
        view.setUint32(Number(a[fn === 'fd_pread' ? 4 : 3]), total, true);
        return ERRNO.SUCCESS;
      }
      case 'fd_write':
      case 'fd_pwrite': {
        if (!this.deviceFds.has(Number(a[0]))) return undefined;
        const view = new DataView(memory.buffer);
        let total = 0;
        for (let i = 0; i < Number(a[2]); i++) total += view.getUint32(Number(a[1]) + i * 8 + 4, true);
        view.setUint32(Number(a[fn === 'fd_pwrite' ? 4 : 3]), total, true);
        return ERRNO.SUCCESS;
      }
      default:
        return undefined;
    }
  }

  /** Fixes up what the runtime answered (r was 0): filetypes, and which fd is which path. */
  after(fn: string, a: unknown[], memory: WebAssembly.Memory): void {
    const view = new DataView(memory.buffer);
    switch (fn) {
      case 'path_open': {
        const memPath = this.pathAt(a[0], memory, a[2], a[3]);
        const fd = toGuest(view.getUint32(Number(a[8]), true)); // still wasmer's number in memory here
        if (memPath === undefined) return;
        this.fdPaths.set(fd, memPath);
        const e = this.entries.get(memPath);
        if (e?.kind === 'chardev') this.deviceFds.set(fd, e);
        return;
      }
      case 'path_filestat_get': {
        const memPath = this.pathAt(a[0], memory, a[2], a[3]);
        const e = memPath === undefined ? undefined : this.entries.get(memPath);
        if (e?.kind === 'chardev') setFiletype(view, Number(a[4]), FILETYPE_CHARACTER_DEVICE);
        else if (e?.kind === 'symlink' && (Number(a[1]) & 1) === 0) {
          setFiletype(view, Number(a[4]), FILETYPE_SYMBOLIC_LINK, enc.encode(e.target).length);
        }
        return;
      }
      case 'fd_filestat_get':
        if (this.deviceFds.has(Number(a[0]))) setFiletype(view, Number(a[1]), FILETYPE_CHARACTER_DEVICE);
        return;
      case 'fd_fdstat_get':
        if (this.deviceFds.has(Number(a[0]))) view.setUint8(Number(a[1]), FILETYPE_CHARACTER_DEVICE);
        return;
      case 'fd_readdir': {
        const dir = this.fdPaths.get(Number(a[0]));
        if (dir === undefined) return;
        const base = Number(a[1]);
        const used = view.getUint32(Number(a[4]), true);
        // dirent: d_next u64, d_ino u64, d_namlen u32, d_type u8, then the name (a truncated last one is left as is).
        for (let at = 0; at + 24 <= used;) {
          const namlen = view.getUint32(base + at + 16, true);
          if (at + 24 + namlen > used) break;
          const name = dec.decode(new Uint8Array(memory.buffer, base + at + 24, namlen));
          const e = this.entries.get(normalize(`${dir}/${name}`));
          if (e) view.setUint8(base + at + 20, e.kind === 'chardev' ? FILETYPE_CHARACTER_DEVICE : FILETYPE_SYMBOLIC_LINK);
          at += 24 + namlen;
        }
        return;
      }
      case 'path_unlink_file': {
        const memPath = this.pathAt(a[0], memory, a[1], a[2]);
        if (memPath === undefined) return;
        this.entries.delete(memPath);
        this.created.delete(memPath);
        return;
      }
      case 'path_rename': {
        const from = this.pathAt(a[0], memory, a[1], a[2]);
        const to = this.pathAt(a[3], memory, a[4], a[5]);
        if (from === undefined || to === undefined) return;
        const e = this.entries.get(from);
        this.entries.delete(to);
        this.created.delete(to);
        if (!e) return;
        this.entries.delete(from);
        this.created.delete(from);
        this.entries.set(to, { ...e, path: to });
        // Moved, it is a new entry for the host: a link is made at the new name (the old one goes as a remove).
        if (e.kind === 'symlink') this.created.set(to, e.target);
        return;
      }
      case 'fd_close':
        this.fdPaths.delete(Number(a[0]));
        this.deviceFds.delete(Number(a[0]));
        return;
      case 'fd_renumber': {
        const from = Number(a[0]);
        const to = Number(a[1]);
        const path = this.fdPaths.get(from);
        const dev = this.deviceFds.get(from);
        this.fdPaths.delete(from);
        this.deviceFds.delete(from);
        this.fdPaths.delete(to);
        this.deviceFds.delete(to);
        if (path !== undefined) this.fdPaths.set(to, path);
        if (dev) this.deviceFds.set(to, dev);
        return;
      }
    }
  }
}

/** A handle on the guest's MemFS, freed by whoever asked for it. */
export type MemFsHandle = MemFsLike & { free(): void };

function exists(fs: MemFsLike, memPath: string): boolean {
  const cut = memPath.lastIndexOf('/');
  const parent = cut <= 0 ? '/' : memPath.slice(0, cut);
  try {
    return fs.readDir(parent).some((e) => e.path === memPath);
  } catch {
    return false;
  }
}

function setFiletype(view: DataView, buf: number, filetype: number, size = 0): void {
  // filestat: dev u64, ino u64, filetype u8 at 16, nlink u64 at 24, size u64 at 32.
  view.setUint8(buf + 16, filetype);
  view.setBigUint64(buf + 32, BigInt(size), true);
}
