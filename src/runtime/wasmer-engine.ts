/**
 * Runs one Wasm module under @wasmer/wasi with exactly the capabilities in the RunRequest.
 * Used in-process by Node tests and inside the browser's runtime worker (worker/runtime.worker.ts).
 *
 * Per run: a fresh guest (guest-instance.ts: MemFS holding only the granted directories, WASI state,
 * wrapped imports, instance), fd 1/2 writes streamed to the caller as they happen. The compiled module
 * and everything parsed from its bytes are cached by SHA-256, and the guest for a repeat of the last
 * run can be built ahead of time while idle (spare.ts), so a warm run only starts the module.
 *
 * Pitfalls of @wasmer/wasi 1.2.2 honoured: init() before any MemFS; wasmer's own `start()` swallows the
 * JS trap stack, so we call `_start` ourselves and intercept `proc_exit`.
 */
import { init } from '@wasmer/wasi';
import { CompileCache, type CompiledModule } from './compile-cache';
import { DOJO_HTTP_MODULE, DOJO_HTTP_FUNCS } from './dojo-http';
import {
  FuelExhaustedError,
  GuestExit,
  GuestInstance,
  InterruptError,
  METER_SLICE,
  pickTickImport,
  SandboxSetupError,
  WASI_MODULES,
  type GuestGrants,
} from './guest-instance';
import { deferStartFunction, FUEL_EXPORT, hasStartSection, instrumentModule, InstrumentError } from './instrument';
import { formatInvokeResults, InvokeArgError, parseInvokeArgs } from './invoke';
import { readModuleInfo, type ModuleImport } from './module-info';
import { WASI_PREVIEW1_PARAMS } from './trace';
import { grantsOf, imageBytes, sameGrants, SPARE_MAX_IMAGE_BYTES } from './spare';
import { formatBacktrace, isTrapError, parseWasmFrames, wasmtimeTrapMessage } from './traps';
import type { FileChange, RunIO, RunOutcome, RunRequest, RunResult, TraceEntry, WasmEngine } from './types';

const WASM_PAGE = 65536;
/** Spare guests kept, each for a different module (wasmer-engine `spares`). */
const SPARES = 2;

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
export function findMissingImport(imports: ModuleImport[], req: Pick<RunRequest, 'host' | 'linkWasi'>): ModuleImport | undefined {
  const wasiLinked = req.linkWasi !== false;
  for (const imp of imports) {
    if (wasiLinked && imp.kind === 'func' && WASI_MODULES.has(imp.module) && imp.name in WASI_PREVIEW1_PARAMS) continue;
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
  /** The last finished run's module and grants: what `prepareSpare` builds from. */
  private lastRun: { compiled: CompiledModule; grants: GuestGrants } | undefined;
  /**
   * Guests built ahead of time (spare.ts), at most one per module and SPARES of them, newest last;
   * never started. Two, so the page's own silent hello.wasm run at start-up does not take the place
   * of the one prepared for the module the learner ran before the reload.
   */
  private spares: GuestInstance[] = [];

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

  /**
   * Builds, while nothing runs, the guest a repeat of the last run would need, so that run starts
   * its module at once (spare.ts says when it may be used). The worker calls this when it is idle;
   * returns whether a spare now exists. Instantiating runs no guest code: a start function is
   * deferred to the run by instrument.ts.
   */
  prepareSpare(): boolean {
    const last = this.lastRun;
    this.lastRun = undefined;
    if (!last) return this.spares.length > 0;
    this.dropSpare(last.compiled);
    let guest: GuestInstance;
    try {
      guest = new GuestInstance(last.compiled, last.grants);
    } catch {
      return false;
    }
    try {
      guest.instantiate();
    } catch {
      guest.free();
      return false;
    }
    this.spares.push(guest);
    while (this.spares.length > SPARES) this.spares.shift()!.free();
    return true;
  }

  /**
   * After a precompile (page load, or the modules kept from the last page load): a spare for a run
   * of `wasm` with no grants at all, the common first run (`wasmtime big.wasm`), so that run does
   * not build its guest after Enter either. argv and env are the run's own (guest-instance.ts).
   */
  async prepareSpareFor(wasm: Uint8Array): Promise<boolean> {
    let compiled: CompiledModule;
    try {
      ({ compiled } = await this.cache.get(wasm));
    } catch {
      return false;
    }
    if (hasStartSection(wasm)) return false; // its guest is built from a rewritten variant
    this.lastRun = { compiled, grants: { args: [], env: [], preopens: [], image: { dirs: [], files: [] } } };
    return this.prepareSpare();
  }

  /** Frees the spare of this module, if any. */
  private dropSpare(compiled: CompiledModule): void {
    const i = this.spares.findIndex((g) => g.compiled === compiled);
    if (i >= 0) this.spares.splice(i, 1)[0]!.free();
  }

  /**
   * This module's spare, when it is exactly the guest this request would build; otherwise it is
   * freed (another module's spare stays).
   */
  private takeSpare(compiled: CompiledModule, req: RunRequest): GuestInstance | undefined {
    const i = this.spares.findIndex((g) => g.compiled === compiled);
    if (i < 0) return undefined;
    const spare = this.spares.splice(i, 1)[0]!;
    if (sameGrants(spare.grants, req)) return spare;
    spare.free();
    return undefined;
  }

  async run(req: RunRequest, io: RunIO, signal?: AbortSignal): Promise<RunResult> {
    await this.ready();
    const t0 = performance.now();
    let compiled: CompiledModule;
    let compileMs: number;
    let compileCached: boolean;
    const fuel = req.limits?.fuel;
    const timeoutMs = req.limits?.timeoutMs;
    const maxPages = req.limits?.maxMemoryBytes !== undefined ? Math.floor(req.limits.maxMemoryBytes / WASM_PAGE) : undefined;
    const metered = fuel !== undefined || timeoutMs !== undefined;
    // Fuel, a deadline, a memory cap and a start function need a rewritten module (instrument.ts);
    // plain runs use the bytes as given, so the common case pays nothing.
    const deferStart = hasStartSection(req.wasm);
    const variant =
      metered || maxPages !== undefined || deferStart
        ? {
            key: `meter=${metered ? 'tick' : '-'};fuel=${fuel ?? '-'};maxPages=${maxPages ?? '-'};start=${deferStart ? 'deferred' : '-'}`,
            transform: (b: Uint8Array) => {
              const tick = metered ? pickTickImport(readModuleInfo(b).imports) : undefined;
              // With a tick the host refills the meter; without one the budget is baked in and ends in `unreachable`.
              const initial = metered ? (tick ? Math.min(fuel ?? METER_SLICE, METER_SLICE) : (fuel ?? Number.MAX_SAFE_INTEGER)) : undefined;
              const limited = metered || maxPages !== undefined ? instrumentModule(b, { fuel: initial, tick, maxPages }) : b;
              const deferred = deferStart ? deferStartFunction(limited) : undefined;
              return deferred ? { bytes: deferred.bytes, startExport: deferred.exportName } : { bytes: limited };
            },
          }
        : undefined;
    try {
      const got = await this.cache.get(req.wasm, variant, { refresh: req.fresh === true });
      compiled = got.compiled;
      compileCached = got.cached;
      compileMs = performance.now() - t0;
    } catch (err) {
      const message =
        err instanceof InstrumentError
          ? metered || maxPages !== undefined
            ? `cannot apply -W fuel/timeout/max-memory-size to this module: ${err.message}`
            : `cannot prepare this module's start function: ${err.message}`
          : err instanceof Error
            ? err.message.replace(/^WebAssembly\.\w+\(\): /, '')
            : String(err);
      return errorResult({ kind: 'error', stage: 'compile', message }, performance.now() - t0);
    }
    if (signal?.aborted) return errorResult({ kind: 'killed', reason: 'interrupt' }, compileMs);

    const { info } = compiled;
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
      // Exports our rewrite added are not the guest's to invoke.
      const ours = (name: string) => name === compiled.startExport || (metered && name === FUEL_EXPORT);
      const exp = info.exports.find((e) => e.name === req.invoke!.name && e.kind === 'func' && !ours(e.name));
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
    let guest = req.fresh ? undefined : this.takeSpare(compiled, req);
    const fromSpare = guest !== undefined;
    if (!guest) {
      try {
        guest = new GuestInstance(compiled, grantsOf(req));
      } catch (err) {
        if (!(err instanceof SandboxSetupError)) throw err;
        // Bad grants (e.g. an unusable guest path) must come back as an outcome, never as a throw.
        return errorResult({ kind: 'error', stage: 'link', message: `failed to set up the sandbox: ${err.message}` }, compileMs);
      }
    }
    let outcome: RunOutcome;
    let invokeResults: string[] | undefined;
    let changes: FileChange[];
    const tick = guest.tick;
    let tExec = tRun;
    let linear: RunResult['memory'];
    try {
      guest.start(io, req.stdin, this.options.onTrace, req);
      try {
        if (!guest.instance) guest.instantiate();
        tExec = performance.now();
        if (guest.memory) linear = { initialBytes: guest.memory.buffer.byteLength, finalBytes: guest.memory.buffer.byteLength };
        const exports = guest.instance!.exports;
        const memory = guest.memory;
        const startFunction = compiled.startExport !== undefined ? exports[compiled.startExport] : undefined;
        if (memory && req.limits?.maxMemoryBytes !== undefined && memory.buffer.byteLength > req.limits.maxMemoryBytes) {
          const pages = memory.buffer.byteLength / WASM_PAGE;
          outcome = {
            kind: 'error',
            stage: 'link',
            message: `memory minimum size of ${pages} pages exceeds memory limits`,
          };
        } else {
          // The module's start function, deferred past instantiation (instrument.ts), runs first;
          // then a reactor's _initialize; then the export asked for, or the command's _start.
          if (typeof startFunction === 'function') startFunction();
          const init = exports._initialize;
          if (typeof init === 'function') init();
          if (req.invoke) {
            const fn = exports[req.invoke.name] as (...a: unknown[]) => unknown;
            invokeResults = formatInvokeResults(invokeType!, fn(...invokeArgs));
          } else {
            const start = (exports[''] ?? exports._start) as ((...a: unknown[]) => unknown) | undefined;
            if (typeof start === 'function') start();
          }
          outcome = { kind: 'exit', code: 0 };
        }
      } catch (err) {
        outcome = this.outcomeFromThrow(err, compiled);
        // Without a tick import our fuel check ends in `unreachable`; the global below zero says it was fuel.
        const fuelGlobal = guest.fuelGlobal;
        if (outcome.kind === 'trap' && !tick && fuel !== undefined && fuelGlobal && (fuelGlobal.value as bigint) < 0n) {
          outcome = { ...outcome, message: 'all fuel consumed by WebAssembly' };
        }
      }
      if (linear && guest.memory) linear.finalBytes = guest.memory.buffer.byteLength;
      changes = guest.changes();
    } finally {
      guest.free();
    }
    // Only what a spare may be built from: a big image would stay alive here for nothing.
    this.lastRun = imageBytes(req.image) <= SPARE_MAX_IMAGE_BYTES ? { compiled, grants: grantsOf(req) } : undefined;

    const tEnd = performance.now();
    const result: RunResult = {
      outcome,
      trace: guest.tracer.entries,
      changes,
      timings: {
        compileMs,
        runMs: tEnd - tRun,
        compileCached,
        instantiateMs: tExec - tRun,
        executeMs: tEnd - tExec,
        ...(fromSpare ? { fromSpare } : {}),
      },
    };
    if (linear) result.memory = linear;
    if (invokeResults) result.invokeResults = invokeResults;
    if (invokeType) result.invokeSignature = { params: invokeType.params, results: invokeType.results };
    if (guest.http) result.outbound = guest.http.log;
    return result;
  }

  private outcomeFromThrow(err: unknown, compiled: CompiledModule): RunOutcome {
    if (err instanceof GuestExit) {
      if (err.stack === undefined) return { kind: 'exit', code: err.code };
      return { kind: 'exit', code: err.code, backtrace: formatBacktrace(parseWasmFrames(err.stack), compiled.info, compiled.codeOffsetShift) };
    }
    if (err instanceof WebAssembly.LinkError) {
      return { kind: 'error', stage: 'link', message: err.message.replace(/^WebAssembly\.\w+\(\): /, '') };
    }
    if (err instanceof FuelExhaustedError || err instanceof InterruptError) {
      return { kind: 'trap', message: err.message, backtrace: formatBacktrace(parseWasmFrames(err.stack), compiled.info, compiled.codeOffsetShift) };
    }
    if (isTrapError(err)) {
      return {
        kind: 'trap',
        message: wasmtimeTrapMessage(err),
        backtrace: formatBacktrace(parseWasmFrames(err.stack), compiled.info, compiled.codeOffsetShift),
      };
    }
    // Anything else thrown from a host function (e.g. a wasmer internal error) still ends the guest.
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error ? err.stack : undefined;
    return { kind: 'trap', message, backtrace: formatBacktrace(parseWasmFrames(stack), compiled.info, compiled.codeOffsetShift) };
  }
}
