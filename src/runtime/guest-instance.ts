/**
 * One guest, set up and ready to start: a fresh MemFS holding only the granted directories, a fresh
 * @wasmer/wasi state, every WASI import wrapped (guest fd numbers, the trace, live fd 1/2 output,
 * metering ticks, proc_exit) and the WebAssembly instance bound to it.
 *
 * Setting up is separate from starting so the engine can build the next run's guest while the
 * worker is idle (wasmer-engine.ts `prepareSpare`): what a run is given (where its output goes, the
 * live trace listener, the metering clock) is attached only when it starts, through `start()`.
 *
 * Pitfalls of @wasmer/wasi 1.2.2 honoured: never free() the MemFS handed to WASI (only the WASI object);
 * read the files back through `wasi.fs`, a clone, because the handle passed in is locked.
 */
import { MemFS, WASI } from '@wasmer/wasi';
import type { CompiledModule } from './compile-cache';
import { createOutboundHttp, DOJO_HTTP_MODULE } from './dojo-http';
import { FUEL_EXPORT, TICK_MAGIC, type TickImport } from './instrument';
import { diffImage, guestToMemfs, loadImage } from './memfs-image';
import type { ModuleImport } from './module-info';
import { GuestFdTable } from './guest-fds';
import { ERRNO, Tracer, WASI_PREVIEW1_PARAMS } from './trace';
import type { FileChange, RunIO, RunRequest, TraceEntry } from './types';
import { concatBytes } from '../lib/bytes';

const WASI_MODULE = 'wasi_snapshot_preview1';
const TEXT = new TextEncoder();
/** wasmtime also links the older `wasi_unstable` (preview0) names by default (`-S preview0`); so does wasmer. */
export const WASI_MODULES: ReadonlySet<string> = new Set([WASI_MODULE, 'wasi_unstable']);

/** Instructions per metering slice: the host checks fuel and the deadline about once a millisecond. */
export const METER_SLICE = 1_000_000;

/** Thrown from a metering tick; being Errors, they capture the guest's wasm frames for the backtrace. */
export class FuelExhaustedError extends Error {}
export class InterruptError extends Error {}

/**
 * Thrown by our proc_exit: unwinds the guest like wasmtime's exit does, carrying the code. A status
 * wasmtime refuses (126 and above) is a host error raised inside wasm, which wasmtime reports with
 * the wasm backtrace of the call, so that exit keeps the stack it was thrown from.
 */
export class GuestExit {
  readonly stack: string | undefined;
  constructor(readonly code: number) {
    this.stack = code >= 126 ? new Error().stack : undefined;
  }
}

/** The grant could not be turned into a sandbox (e.g. an unusable guest path). */
export class SandboxSetupError extends Error {}

/**
 * The import metering code calls when a slice runs out: the first WASI function whose first
 * parameter is an i32 (so the magic value fits) and whose other parameters are numbers.
 */
export function pickTickImport(imports: ModuleImport[]): TickImport | undefined {
  let funcIndex = 0;
  for (const imp of imports) {
    if (imp.kind !== 'func') continue;
    const params = imp.type?.params ?? [];
    if (
      WASI_MODULES.has(imp.module) &&
      imp.name in WASI_PREVIEW1_PARAMS &&
      params[0] === 'i32' &&
      params.every((p) => p === 'i32' || p === 'i64' || p === 'f32' || p === 'f64')
    ) {
      return { funcIndex, params, results: imp.type?.results.length ?? 0 };
    }
    funcIndex++;
  }
  return undefined;
}

/** Parameters that hold guest addresses (the rest are fds, flags, lengths, offsets). */
const SCALAR_OR_LENGTH =
  /^(fd|old_fd|new_fd|to|id|advice|flags|whence|dirflags|oflags|fdflags|old_flags|nsubscriptions|code|sig|how|fst_flags|si_flags|ri_flags|precision|offset|len|rights_base|rights_inheriting|cookie|size|atim|mtim)$|_len$/;

/**
 * wasmer's WASI panics (a trap *inside its own wasm*) on some bad guest input — out-of-range
 * pointers for clock_time_get, fd_seek with an invalid whence, a malformed poll_oneoff. A runtime
 * answers those with an errno, and a trap there would show wasmer's internals as the backtrace. So a
 * throw from wasmer's implementation becomes EFAULT (a pointer argument is outside guest memory) or
 * EINVAL (anything else). Our own unwinds (proc_exit, fuel, interrupt) never pass through here.
 */
function panicToErrno(name: string, fn: (...a: unknown[]) => unknown, memory: () => WebAssembly.Memory | undefined): (...a: unknown[]) => unknown {
  if (name === 'proc_exit' || name === 'proc_raise') return fn;
  const params = WASI_PREVIEW1_PARAMS[name] ?? [];
  return (...a: unknown[]) => {
    try {
      return fn(...a);
    } catch {
      const size = memory()?.buffer.byteLength ?? 0;
      const badPointer = params.some((p, i) => !SCALAR_OR_LENGTH.test(p) && (Number(a[i]) >>> 0) + 8 > size);
      return badPointer ? ERRNO.FAULT : ERRNO.INVAL;
    }
  };
}

/** Output has nowhere to go until a run starts the guest (a spare is never started before that). */
const NO_IO: RunIO = { onStdout: () => undefined, onStderr: () => undefined };

/** What a guest is built from: the request minus what only matters once it runs (stdin, --invoke). */
export type GuestGrants = Pick<RunRequest, 'args' | 'env' | 'preopens' | 'readonlyPreopens' | 'image' | 'limits' | 'host'>;

export class GuestInstance {
  readonly wasi: WASI;
  readonly tracer: Tracer;
  /** Preopen names, each once (wasmer takes preopens as an object keyed by name). */
  readonly guestDirs: string[];
  /** Imported WASI module name (`wasi_snapshot_preview1` or `wasi_unstable`), if any. */
  readonly wasiModule: string | undefined;
  /** Set when the metering tick is an import this module has. */
  readonly tick: TickImport | undefined;
  instance: WebAssembly.Instance | undefined;
  memory: WebAssembly.Memory | undefined;
  fuelGlobal: WebAssembly.Global | undefined;
  /** Outbound HTTP calls the guest made (Spin), when that host feature was granted. */
  readonly http: ReturnType<typeof createOutboundHttp> | undefined;

  private readonly before: Map<string, Uint8Array>;
  private readonly fdTable: GuestFdTable;
  private readonly importObject: WebAssembly.Imports;
  private io: RunIO = NO_IO;
  /**
   * What args_get/environ_get hand the guest: the grants' until `start` names the run's own, so a
   * guest built ahead of time (a spare) serves a run with a different argv or environment.
   */
  private argv: readonly string[];
  private environ: ReadonlyArray<readonly [string, string]>;
  private fuelLeft: number | undefined;
  private sliceStart = 0n;
  private runStart = 0;
  private freed = false;

  /**
   * Builds the sandbox and wires the imports; does not instantiate (see `instantiate`). Throws
   * SandboxSetupError when the grants cannot become a MemFS.
   */
  constructor(
    readonly compiled: CompiledModule,
    readonly grants: GuestGrants,
  ) {
    const { info, module } = compiled;
    this.argv = grants.args;
    this.environ = grants.env;
    const fs = new MemFS();
    // wasmer takes preopens as an object, so a guest name granted twice would collapse into one
    // and shift every fd after it; keep the first grant of each name (the image already merged them).
    this.guestDirs = [...new Set(grants.preopens)];
    const preopens: Record<string, string> = {};
    for (const p of this.guestDirs) preopens[p] = guestToMemfs(p);
    try {
      this.before = loadImage(fs, grants.image, this.guestDirs);
      this.wasi = new WASI({ args: grants.args, env: Object.fromEntries(grants.env), preopens, fs });
    } catch (err) {
      throw new SandboxSetupError(err instanceof Error ? err.message : String(err));
    }
    this.tracer = new Tracer(this.guestDirs);
    // Devices and symlinks in the grants, and symlinks the guest makes, need the MemFS (guest-fds.ts).
    this.fdTable = new GuestFdTable(
      this.guestDirs,
      grants.readonlyPreopens,
      this.guestDirs.length > 0 ? { entries: grants.image.special ?? [], fs: () => this.wasi.fs } : undefined,
    );
    this.fuelLeft = grants.limits?.fuel;
    const metered = grants.limits?.fuel !== undefined || grants.limits?.timeoutMs !== undefined;
    this.tick = metered ? pickTickImport(info.imports) : undefined;
    this.wasiModule = info.imports.find((i) => WASI_MODULES.has(i.module))?.module;
    try {
      const wrapped = this.wireWasi(module, info.imports);
      this.importObject = this.wasiModule ? { [this.wasiModule]: wrapped as WebAssembly.ModuleImports } : {};
      if (grants.host?.outboundHttp && info.imports.some((i) => i.module === DOJO_HTTP_MODULE)) {
        this.http = createOutboundHttp(grants.host.outboundHttp, () => this.memory, this.tracer);
        this.importObject[DOJO_HTTP_MODULE] = this.http.imports;
      }
    } catch (err) {
      this.free();
      throw err;
    }
  }

  /** wasmer's imports, wrapped: guest fd numbers, errno for wasmer's panics, live output, exit, ticks, trace. */
  private wireWasi(module: WebAssembly.Module, imports: ModuleImport[]): Record<string, (...a: unknown[]) => unknown> {
    const wasiModule = this.wasiModule;
    if (!wasiModule) return {};
    // wasmer's getImports() throws for a module that imports no WASI at all ("WASI version could not
    // be determined"); such a module simply gets no WASI (handled by `wasiModule` above).
    const rawImports = (this.wasi.getImports(module) as Record<string, Record<string, (...a: unknown[]) => unknown>>)[wasiModule] ?? {};
    // Guest fd numbers and preopen names as wasmtime presents them (see guest-fds.ts).
    const fdTable = this.fdTable;
    const wasiImports: Record<string, (...a: unknown[]) => unknown> = {};
    for (const [name, fn] of Object.entries(rawImports))
      wasiImports[name] = fdTable.wrap(
        name,
        panicToErrno(name, fn, () => this.memory),
      );
    const stdClosed = new Set<number>();

    const overrides: Record<string, (...a: unknown[]) => unknown> = {
      // Our own fd 1/2 writer: bytes reach the terminal as the guest writes them, not at exit.
      fd_write: (fd, iovs, iovsLen, nwrittenPtr) => {
        const n = Number(fd);
        if ((n !== 1 && n !== 2) || stdClosed.has(n)) return wasiImports.fd_write!(fd, iovs, iovsLen, nwrittenPtr);
        const memory = this.memory;
        if (!memory) return ERRNO.FAULT;
        try {
          const view = new DataView(memory.buffer);
          const chunks: Uint8Array[] = [];
          let total = 0;
          for (let i = 0; i < Number(iovsLen); i++) {
            const ptr = view.getUint32(Number(iovs) + i * 8, true);
            const len = view.getUint32(Number(iovs) + i * 8 + 4, true);
            if (ptr + len > memory.buffer.byteLength) return ERRNO.FAULT;
            if (len === 0) continue;
            chunks.push(new Uint8Array(memory.buffer, ptr, len).slice());
            total += len;
          }
          view.setUint32(Number(nwrittenPtr), total, true);
          const out = chunks.length === 1 ? chunks[0]! : concatBytes(chunks, total);
          if (total > 0) {
            try {
              if (n === 1) this.io.onStdout(out);
              else this.io.onStderr(out);
            } catch {
              // A failing terminal must not become a guest trap.
            }
          }
          return ERRNO.SUCCESS;
        } catch {
          return ERRNO.FAULT;
        }
      },
      fd_close: (fd) => {
        const r = wasiImports.fd_close!(fd);
        if (r === 0 && (fd === 1 || fd === 2)) stdClosed.add(fd as number);
        return r;
      },
      proc_exit: (code) => {
        throw new GuestExit(Number(code) >>> 0);
      },
      // argv and the environment are answered here, from the run's own lists (see `start`).
      args_sizes_get: (countPtr, sizePtr) => this.writeSizes(this.argvBytes(), countPtr, sizePtr),
      args_get: (ptrs, buf) => this.writeStrings(this.argvBytes(), ptrs, buf),
      environ_sizes_get: (countPtr, sizePtr) => this.writeSizes(this.environBytes(), countPtr, sizePtr),
      environ_get: (ptrs, buf) => this.writeStrings(this.environBytes(), ptrs, buf),
    };

    let tickName: string | undefined;
    if (this.tick) {
      let funcIndex = 0;
      for (const imp of imports) {
        if (imp.kind !== 'func') continue;
        if (funcIndex === this.tick.funcIndex) tickName = imp.name;
        funcIndex++;
      }
    }
    const wrapped: Record<string, (...a: unknown[]) => unknown> = {};
    for (const imp of imports) {
      if (imp.module !== wasiModule || imp.kind !== 'func') continue;
      const base = overrides[imp.name] ?? wasiImports[imp.name];
      if (!base) continue;
      const traced = this.tracer.wrap(imp.name, base);
      // Ticks are ours, not the guest's: answer them before the trace sees them.
      wrapped[imp.name] = imp.name === tickName ? (...a: unknown[]) => (a[0] === TICK_MAGIC ? this.onTick() : traced(...a)) : traced;
    }
    return wrapped;
  }

  private argvBytes(): Uint8Array[] {
    return this.argv.map((a) => TEXT.encode(`${a}\0`));
  }

  private environBytes(): Uint8Array[] {
    return this.environ.map(([k, v]) => TEXT.encode(`${k}=${v}\0`));
  }

  /** `*_sizes_get`: the count and the bytes the NUL-terminated strings need. */
  private writeSizes(strings: Uint8Array[], countPtr: unknown, sizePtr: unknown): number {
    const memory = this.memory;
    if (!memory) return ERRNO.FAULT;
    const c = Number(countPtr) >>> 0;
    const z = Number(sizePtr) >>> 0;
    if (c + 4 > memory.buffer.byteLength || z + 4 > memory.buffer.byteLength) return ERRNO.FAULT;
    const view = new DataView(memory.buffer);
    view.setUint32(c, strings.length, true);
    view.setUint32(
      z,
      strings.reduce((n, b) => n + b.byteLength, 0),
      true,
    );
    return ERRNO.SUCCESS;
  }

  /** `args_get`/`environ_get`: the pointer array at `ptrs`, the strings one after another at `buf`. */
  private writeStrings(strings: Uint8Array[], ptrs: unknown, buf: unknown): number {
    const memory = this.memory;
    if (!memory) return ERRNO.FAULT;
    const p = Number(ptrs) >>> 0;
    let b = Number(buf) >>> 0;
    const total = strings.reduce((n, s) => n + s.byteLength, 0);
    if (p + strings.length * 4 > memory.buffer.byteLength || b + total > memory.buffer.byteLength) return ERRNO.FAULT;
    const view = new DataView(memory.buffer);
    const bytes = new Uint8Array(memory.buffer);
    strings.forEach((s, i) => {
      view.setUint32(p + i * 4, b, true);
      bytes.set(s, b);
      b += s.byteLength;
    });
    return ERRNO.SUCCESS;
  }

  /**
   * Metering: the instrumented guest calls `tick` (an existing import, magic first argument) each
   * time a slice of its budget is spent; fuel and the deadline are checked here, on the host.
   */
  private onTick(): number {
    const fuelGlobal = this.fuelGlobal;
    if (!fuelGlobal) return 0;
    const spent = this.sliceStart - (fuelGlobal.value as bigint);
    if (this.fuelLeft !== undefined) {
      this.fuelLeft -= Number(spent);
      if (this.fuelLeft < 0) throw new FuelExhaustedError('all fuel consumed by WebAssembly');
    }
    const timeoutMs = this.grants.limits?.timeoutMs;
    if (timeoutMs !== undefined && performance.now() - this.runStart >= timeoutMs) throw new InterruptError('interrupt');
    this.refillSlice();
    return 0;
  }

  private refillSlice(): void {
    this.sliceStart = BigInt(Math.min(this.fuelLeft ?? METER_SLICE, METER_SLICE));
    this.fuelGlobal!.value = this.sliceStart;
  }

  /**
   * Creates the WebAssembly instance and binds wasmer's WASI state to its memory. Throws what
   * instantiation throws (a LinkError, or a trap in a data segment or a start function).
   */
  instantiate(): void {
    const instance = new WebAssembly.Instance(this.compiled.module, this.importObject);
    this.instance = instance;
    const exports = instance.exports;
    this.fuelGlobal = exports[FUEL_EXPORT] as WebAssembly.Global | undefined;
    if (this.fuelGlobal && this.tick) this.refillSlice();
    if (this.compiled.info.exportsMemory) {
      this.memory = exports.memory as WebAssembly.Memory;
      this.tracer.memory = this.memory;
      this.fdTable.memory = this.memory;
      // Binds wasmer's WASI state to this instance's memory (requires getImports() first).
      if (this.wasiModule) this.wasi.instantiate(instance, {});
    }
  }

  /**
   * Attaches what belongs to this run: where output goes, the live trace, stdin, the deadline's
   * clock, and its argv and environment (a spare was built with the previous run's).
   */
  start(io: RunIO, stdin: Uint8Array, onTrace?: (entry: TraceEntry) => void, run?: Pick<RunRequest, 'args' | 'env'>): void {
    this.io = io;
    if (run) {
      this.argv = run.args;
      this.environ = run.env;
    }
    this.tracer.onEntry = onTrace;
    if (stdin.length > 0) this.wasi.setStdinBuffer(stdin);
    this.runStart = performance.now();
  }

  /** What the guest wrote inside its grants, read back through wasmer's clone of the MemFS. */
  changes(): FileChange[] {
    const after = this.wasi.fs;
    try {
      return diffImage(after, this.grants.image, this.guestDirs, this.before, this.fdTable.createdSymlinks());
    } finally {
      after.free();
    }
  }

  /** Frees the WASI state only: freeing the MemFS we passed in poisons the next run ("recursive use of an object"). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.io = NO_IO;
    try {
      this.wasi.free();
    } catch {
      /* already gone */
    }
  }
}
