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

const toWasmer = (fd: number): number => (fd >= 3 && fd < 0xffffffff ? fd + 1 : fd);
const toGuest = (fd: number): number => (fd >= 4 ? fd - 1 : fd);

export class GuestFdTable {
  private readonly names: Uint8Array[];
  private readonly closedPreopens = new Set<number>();
  memory: WebAssembly.Memory | undefined;

  constructor(preopens: string[]) {
    const enc = new TextEncoder();
    this.names = preopens.map((p) => enc.encode(p));
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
      for (const i of fdIdx) a[i] = toWasmer(Number(a[i]));
      const r = impl(...a);
      if (r === 0 && outIdx !== undefined) {
        try {
          const view = new DataView(this.memory!.buffer);
          const at = Number(a[outIdx]);
          view.setUint32(at, toGuest(view.getUint32(at, true)), true);
        } catch {
          /* the runtime already reported bad pointers */
        }
      }
      if (r === 0 && fn === 'fd_close') {
        const guestFd = toGuest(Number(a[0]));
        if (guestFd - 3 < this.names.length) this.closedPreopens.add(guestFd);
      }
      return r;
    };
  }
}
