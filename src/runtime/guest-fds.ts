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
  path_rename: [[1, 0], [4, 3]],
  path_link: [[2, 0], [5, 4]],
  path_symlink: [[3, 2]],
};
const EPERM = 63;
/**
 * fd_write: the right that means "open for writing". Only this one: Rust's std asks for nearly every
 * right even for a read-only open (fd_filestat_set_size included), so wider masks refuse plain reads.
 * Anything else that could change a file in a read-only grant is never written back anyway.
 */
const WRITE_RIGHTS = 1n << 6n;

/**
 * wasmtime (cap-std) refuses absolute paths and `..` that climbs above the directory fd with EPERM
 * before touching the filesystem; wasmer would resolve "/etc/x" *inside* the preopen instead. Lexical
 * check is exact here: the MemFS has no symlinks.
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

  constructor(preopens: string[], readonlyPreopens: readonly string[] = []) {
    const enc = new TextEncoder();
    this.names = preopens.map((p) => enc.encode(p));
    preopens.forEach((p, i) => {
      this.liveFds.add(3 + i);
      if (readonlyPreopens.includes(p)) this.readonlyFds.add(3 + i);
    });
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
          new Uint8Array(this.memory!.buffer, Number(ptr), Math.min(Number(len), name.length)).set(
            name.subarray(0, Number(len)),
          );
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
      for (const i of fdIdx) a[i] = toWasmer(Number(a[i]));
      const r = impl(...a);
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
