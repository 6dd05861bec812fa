/**
 * Runs one Wasm module under @wasmer/wasi with exactly the capabilities in the RunRequest.
 * Used in-process by Node tests and inside the browser's runtime worker (worker/runtime.worker.ts).
 *
 * Per run: a fresh MemFS holding only the granted directories, a fresh WASI state, every WASI import
 * wrapped for the trace, fd 1/2 writes streamed to the caller as they happen. The compiled module and
 * everything parsed from its bytes are cached by SHA-256, so a warm run costs ~1 ms.
 *
 * Pitfalls honoured (stack-check §3/§7): init() before any MemFS; never free() the MemFS handed to
 * WASI (only the WASI object); wasmer's own `start()` swallows the JS trap stack, so we call `_start`
 * ourselves and intercept `proc_exit`.
 */
import { init, MemFS, WASI } from '@wasmer/wasi';
import { CompileCache, type CompiledModule } from './compile-cache';
import { createOutboundHttp, DOJO_HTTP_MODULE, DOJO_HTTP_FUNCS } from './dojo-http';
import { FUEL_EXPORT, instrumentModule, InstrumentError, TICK_MAGIC, type TickImport } from './instrument';
import { formatInvokeResults, InvokeArgError, parseInvokeArgs } from './invoke';
import { diffImage, guestToMemfs, loadImage } from './memfs-image';
import { readModuleInfo, type ModuleImport } from './module-info';
import { GuestFdTable } from './guest-fds';
import { ERRNO, Tracer, WASI_PREVIEW1_PARAMS } from './trace';
import { formatBacktrace, isTrapError, parseWasmFrames, wasmtimeTrapMessage } from './traps';
import type { FileChange, RunIO, RunOutcome, RunRequest, RunResult, TraceEntry, WasmEngine } from './types';

const WASI_MODULE = 'wasi_snapshot_preview1';
/** wasmtime also links the older `wasi_unstable` (preview0) names by default (`-S preview0`); so does wasmer. */
const WASI_MODULES: ReadonlySet<string> = new Set([WASI_MODULE, 'wasi_unstable']);
const WASM_PAGE = 65536;

/** Instructions per metering slice: the host checks fuel and the deadline about once a millisecond. */
const METER_SLICE = 1_000_000;

/** Thrown from a metering tick; being Errors, they capture the guest's wasm frames for the backtrace. */
class FuelExhaustedError extends Error {}
class InterruptError extends Error {}

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
const SCALAR_OR_LENGTH = /^(fd|old_fd|new_fd|to|id|advice|flags|whence|dirflags|oflags|fdflags|old_flags|nsubscriptions|code|sig|how|fst_flags|si_flags|ri_flags|precision|offset|len|rights_base|rights_inheriting|cookie|size|atim|mtim)$|_len$/;

/**
 * wasmer's WASI panics (a trap *inside its own wasm*) on some bad guest input — out-of-range
 * pointers for clock_time_get, fd_seek with an invalid whence, a malformed poll_oneoff. A runtime
 * answers those with an errno, and a trap there would show wasmer's internals as the backtrace. So a
 * throw from wasmer's implementation becomes EFAULT (a pointer argument is outside guest memory) or
 * EINVAL (anything else). Our own unwinds (proc_exit, fuel, interrupt) never pass through here.
 */
function panicToErrno(
  name: string,
  fn: (...a: unknown[]) => unknown,
  memory: () => WebAssembly.Memory | undefined,
): (...a: unknown[]) => unknown {
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

/** Thrown by our proc_exit: unwinds the guest like wasmtime's exit does, carrying the code. */
class GuestExit {
  constructor(readonly code: number) {}
}

export interface WasmerEngineOptions {
  /** Passed to @wasmer/wasi's init(); leave undefined to use its inlined binary. */
  initInput?: Parameters<typeof init>[0];
  /** Live trace listener (the side panel), called for each entry as it is recorded. */
  onTrace?: (entry: TraceEntry) => void;
}

let initPromise: Promise<void> | undefined;

/** @wasmer/wasi keeps one global wasm instance; initialise it once per realm. */
function initWasmer(input?: Parameters<typeof init>[0]): Promise<void> {
  initPromise ??= init(input).then(() => undefined);
  return initPromise;
}

/** The first import no provider can satisfy, in the order the module lists them (as wasmtime reports). */
export function findMissingImport(imports: ModuleImport[], req: Pick<RunRequest, 'host'>): ModuleImport | undefined {
  for (const imp of imports) {
    if (imp.kind === 'func' && WASI_MODULES.has(imp.module) && imp.name in WASI_PREVIEW1_PARAMS) continue;
    if (imp.kind === 'func' && imp.module === DOJO_HTTP_MODULE && req.host?.outboundHttp && DOJO_HTTP_FUNCS.has(imp.name)) continue;
    return imp;
  }
  return undefined;
}

function errorResult(outcome: RunOutcome, compileMs: number): RunResult {
  return { outcome, trace: [], changes: [], timings: { compileMs, runMs: 0 } };
}

export class WasmerEngine implements WasmEngine {
  private readonly cache = new CompileCache();

  constructor(private readonly options: WasmerEngineOptions = {}) {}

  ready(): Promise<void> {
    // Deep guest stacks: V8 keeps only 10 frames by default, wasmtime shows them all.
    if (Error.stackTraceLimit < 64) Error.stackTraceLimit = 64;
    return initWasmer(this.options.initInput);
  }

  /** Compiles (or finds in the cache) without running: lets the worker pre-compile on load. */
  async precompile(wasm: Uint8Array): Promise<void> {
    await this.cache.get(wasm);
  }

  async run(req: RunRequest, io: RunIO, signal?: AbortSignal): Promise<RunResult> {
    await this.ready();
    const t0 = performance.now();
    let compiled: CompiledModule;
    let compileMs = 0;
    const fuel = req.limits?.fuel;
    const timeoutMs = req.limits?.timeoutMs;
    const maxPages = req.limits?.maxMemoryBytes !== undefined ? Math.floor(req.limits.maxMemoryBytes / WASM_PAGE) : undefined;
    const metered = fuel !== undefined || timeoutMs !== undefined;
    // Fuel, a deadline and a memory cap need a rewritten module (instrument.ts); plain runs use the
    // bytes as given, so the common case pays nothing.
    const variant =
      metered || maxPages !== undefined
        ? {
            key: `meter=${metered ? 'tick' : '-'};fuel=${fuel ?? '-'};maxPages=${maxPages ?? '-'}`,
            transform: (b: Uint8Array) => {
              const tick = metered ? pickTickImport(readModuleInfo(b).imports) : undefined;
              // With a tick the host refills the meter; without one the budget is baked in and ends in `unreachable`.
              const initial = metered ? (tick ? Math.min(fuel ?? METER_SLICE, METER_SLICE) : (fuel ?? Number.MAX_SAFE_INTEGER)) : undefined;
              return instrumentModule(b, { fuel: initial, tick, maxPages });
            },
          }
        : undefined;
    try {
      const got = await this.cache.get(req.wasm, variant);
      compiled = got.compiled;
      if (!got.cached) compileMs = performance.now() - t0;
    } catch (err) {
      const message =
        err instanceof InstrumentError
          ? `cannot apply -W fuel/timeout/max-memory-size to this module: ${err.message}`
          : err instanceof Error
            ? err.message.replace(/^WebAssembly\.\w+\(\): /, '')
            : String(err);
      return errorResult({ kind: 'error', stage: 'compile', message }, performance.now() - t0);
    }
    if (signal?.aborted) return errorResult({ kind: 'killed', reason: 'interrupt' }, compileMs);

    const { module, info } = compiled;
    const missing = findMissingImport(info.imports, req);
    if (missing) {
      return errorResult(
        {
          kind: 'error',
          stage: 'link',
          message: `unknown import: \`${missing.module}::${missing.name}\` has not been defined`,
          missingImport: { module: missing.module, name: missing.name, kind: missing.kind },
        },
        compileMs,
      );
    }

    // --invoke target and its arguments are checked before anything runs, as wasmtime does.
    let invokeType = undefined as (typeof info.funcTypes)[number] | undefined;
    let invokeArgs: unknown[] = [];
    if (req.invoke) {
      const exp = info.exports.find((e) => e.name === req.invoke!.name && e.kind === 'func');
      if (!exp) {
        return errorResult(
          {
            kind: 'error',
            stage: 'export',
            message: `no func export named \`${req.invoke.name}\` found`,
            missingExport: req.invoke.name,
          },
          compileMs,
        );
      }
      invokeType = info.funcTypes[exp.index] ?? { params: [], results: [] };
      try {
        invokeArgs = parseInvokeArgs(req.invoke.name, invokeType, req.invoke.args);
      } catch (err) {
        if (!(err instanceof InvokeArgError)) throw err;
        return errorResult({ kind: 'error', stage: 'export', message: err.message }, compileMs);
      }
    }

    const tRun = performance.now();
    const fs = new MemFS();
    // wasmer takes preopens as an object, so a guest name granted twice would collapse into one
    // and shift every fd after it; keep the first grant of each name (the image already merged them).
    const guestDirs = [...new Set(req.preopens)];
    const preopens: Record<string, string> = {};
    for (const p of guestDirs) preopens[p] = guestToMemfs(p);
    let before: Map<string, Uint8Array>;
    let wasi: WASI;
    try {
      before = loadImage(fs, req.image, guestDirs);
      wasi = new WASI({ args: req.args, env: Object.fromEntries(req.env), preopens, fs });
    } catch (err) {
      // Bad grants (e.g. an unusable guest path) must come back as an outcome, never as a throw.
      const message = err instanceof Error ? err.message : String(err);
      return errorResult({ kind: 'error', stage: 'link', message: `failed to set up the sandbox: ${message}` }, compileMs);
    }
    const tracer = new Tracer(guestDirs);
    tracer.onEntry = this.options.onTrace;
    let outcome: RunOutcome;
    let invokeResults: string[] | undefined;
    let outbound: RunResult['outbound'];
    let changes: FileChange[] = [];

    try {
      if (req.stdin.length > 0) wasi.setStdinBuffer(req.stdin);
      // wasmer's getImports() throws for a module that imports no WASI at all ("WASI version could not
      // be determined"); such a module simply gets no WASI.
      const wasiModule = info.imports.find((i) => WASI_MODULES.has(i.module))?.module;
      const usesWasi = wasiModule !== undefined;
      const rawImports = usesWasi
        ? ((wasi.getImports(module) as Record<string, Record<string, (...a: unknown[]) => unknown>>)[wasiModule] ?? {})
        : {};
      // Guest fd numbers and preopen names as wasmtime presents them (see guest-fds.ts).
      const fdTable = new GuestFdTable(guestDirs, req.readonlyPreopens);
      const wasiImports: Record<string, (...a: unknown[]) => unknown> = {};
      for (const [name, fn] of Object.entries(rawImports)) wasiImports[name] = fdTable.wrap(name, panicToErrno(name, fn, () => memory));
      let memory: WebAssembly.Memory | undefined;
      const stdClosed = new Set<number>();

      const overrides: Record<string, (...a: unknown[]) => unknown> = {
        // Our own fd 1/2 writer: bytes reach the terminal as the guest writes them, not at exit.
        fd_write: (fd, iovs, iovsLen, nwrittenPtr) => {
          const n = Number(fd);
          if ((n !== 1 && n !== 2) || stdClosed.has(n)) return wasiImports.fd_write!(fd, iovs, iovsLen, nwrittenPtr);
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
            const out = chunks.length === 1 ? chunks[0]! : concat(chunks, total);
            if (total > 0) {
              try {
                if (n === 1) io.onStdout(out);
                else io.onStderr(out);
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
      };

      // Metering: the instrumented guest calls `tick` (an existing import, magic first argument) each
      // time a slice of its budget is spent; fuel and the deadline are checked here, on the host.
      let fuelGlobal: WebAssembly.Global | undefined;
      const tick = metered ? pickTickImport(info.imports) : undefined;
      let fuelLeft = fuel;
      let sliceStart = 0n;
      const runStart = performance.now();
      const onTick = (): number => {
        if (!fuelGlobal) return 0;
        const spent = sliceStart - (fuelGlobal.value as bigint);
        if (fuelLeft !== undefined) {
          fuelLeft -= Number(spent);
          if (fuelLeft < 0) throw new FuelExhaustedError('all fuel consumed by WebAssembly');
        }
        if (timeoutMs !== undefined && performance.now() - runStart >= timeoutMs) throw new InterruptError('interrupt');
        sliceStart = BigInt(Math.min(fuelLeft ?? METER_SLICE, METER_SLICE));
        fuelGlobal.value = sliceStart;
        return 0;
      };

      const wrapped: Record<string, (...a: unknown[]) => unknown> = {};
      let tickName: string | undefined;
      {
        let funcIndex = 0;
        for (const imp of info.imports) {
          if (imp.kind !== 'func') continue;
          if (tick && funcIndex === tick.funcIndex) tickName = imp.name;
          funcIndex++;
        }
      }
      for (const imp of info.imports) {
        if (imp.module !== wasiModule || imp.kind !== 'func') continue;
        const base = overrides[imp.name] ?? wasiImports[imp.name];
        if (!base) continue;
        const traced = tracer.wrap(imp.name, base);
        // Ticks are ours, not the guest's: answer them before the trace sees them.
        wrapped[imp.name] = imp.name === tickName ? (...a: unknown[]) => (a[0] === TICK_MAGIC ? onTick() : traced(...a)) : traced;
      }
      const importObject: WebAssembly.Imports = wasiModule ? { [wasiModule]: wrapped as WebAssembly.ModuleImports } : {};
      let http: ReturnType<typeof createOutboundHttp> | undefined;
      if (req.host?.outboundHttp && info.imports.some((i) => i.module === DOJO_HTTP_MODULE)) {
        http = createOutboundHttp(req.host.outboundHttp, () => memory, tracer);
        importObject[DOJO_HTTP_MODULE] = http.imports;
      }

      try {
        const instance = new WebAssembly.Instance(module, importObject);
        const exports = instance.exports;
        fuelGlobal = exports[FUEL_EXPORT] as WebAssembly.Global | undefined;
        if (fuelGlobal && tick) {
          sliceStart = BigInt(Math.min(fuelLeft ?? METER_SLICE, METER_SLICE));
          fuelGlobal.value = sliceStart;
        }
        if (info.exportsMemory) {
          memory = exports.memory as WebAssembly.Memory;
          tracer.memory = memory;
          fdTable.memory = memory;
          // Binds wasmer's WASI state to this instance's memory (requires getImports() first).
          if (usesWasi) wasi.instantiate(instance, {});
        }
        if (memory && req.limits?.maxMemoryBytes !== undefined && memory.buffer.byteLength > req.limits.maxMemoryBytes) {
          const pages = memory.buffer.byteLength / WASM_PAGE;
          outcome = {
            kind: 'error',
            stage: 'link',
            message: `memory minimum size of ${pages} pages exceeds memory limits`,
          };
        } else if (req.invoke) {
          const init = exports._initialize;
          if (typeof init === 'function') init();
          const fn = exports[req.invoke.name] as (...a: unknown[]) => unknown;
          const returned = fn(...invokeArgs);
          invokeResults = formatInvokeResults(invokeType!, returned);
          outcome = { kind: 'exit', code: 0 };
        } else {
          const init = exports._initialize;
          if (typeof init === 'function') init();
          const start = (exports[''] ?? exports._start) as ((...a: unknown[]) => unknown) | undefined;
          if (typeof start === 'function') start();
          outcome = { kind: 'exit', code: 0 };
        }
      } catch (err) {
        outcome = this.outcomeFromThrow(err, compiled);
        // Without a tick import our fuel check ends in `unreachable`; the global below zero says it was fuel.
        if (outcome.kind === 'trap' && !tick && fuel !== undefined && fuelGlobal && (fuelGlobal.value as bigint) < 0n) {
          outcome = { ...outcome, message: 'all fuel consumed by WebAssembly' };
        }
      }
      outbound = http?.log;
      // The MemFS handle we passed in is locked by WASI ("lock error"); read back through its clone.
      const after = wasi.fs;
      try {
        changes = diffImage(after, req.image, guestDirs, before);
      } finally {
        after.free();
      }
    } finally {
      // Free the WASI state only: freeing the MemFS we passed in poisons the next run (stack-check P3).
      try {
        wasi.free();
      } catch {
        /* already gone */
      }
    }

    const result: RunResult = {
      outcome,
      trace: tracer.entries,
      changes,
      timings: { compileMs, runMs: performance.now() - tRun },
    };
    if (invokeResults) result.invokeResults = invokeResults;
    if (invokeType) result.invokeSignature = { params: invokeType.params, results: invokeType.results };
    if (outbound) result.outbound = outbound;
    return result;
  }

  private outcomeFromThrow(err: unknown, compiled: CompiledModule): RunOutcome {
    if (err instanceof GuestExit) return { kind: 'exit', code: err.code };
    if (err instanceof WebAssembly.LinkError) {
      return { kind: 'error', stage: 'link', message: err.message.replace(/^WebAssembly\.\w+\(\): /, '') };
    }
    if (err instanceof FuelExhaustedError || err instanceof InterruptError) {
      return { kind: 'trap', message: err.message, backtrace: formatBacktrace(parseWasmFrames(err.stack), compiled.info) };
    }
    if (isTrapError(err)) {
      return {
        kind: 'trap',
        message: wasmtimeTrapMessage(err),
        backtrace: formatBacktrace(parseWasmFrames(err.stack), compiled.info),
      };
    }
    // Anything else thrown from a host function (e.g. a wasmer internal error) still ends the guest.
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error ? err.stack : undefined;
    return { kind: 'trap', message, backtrace: formatBacktrace(parseWasmFrames(stack), compiled.info) };
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
