/**
 * The browser's WasmEngine: runs modules in a dedicated Web Worker (runtime.worker.ts) so a guest
 * never blocks the terminal, and so Ctrl-C / a wall-clock cap can stop any guest — even an infinite
 * loop — by terminating the worker. A fresh worker is spawned (and pre-warmed) right away.
 *
 * Runs are serialised: one module at a time, later requests wait in a queue, like a shell's
 * foreground job.
 */
import type { RunIO, RunRequest, RunResult, TraceEntry, WasmEngine } from './types';
import type { FromWorker, ToWorker } from './worker/protocol';

/** The subset of the Worker API we use, so tests can supply a Node worker_threads adapter. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerEngineOptions {
  /** Defaults to the bundled runtime worker. */
  createWorker?: () => WorkerLike;
  /** Live trace for the side panel: called for each WASI call while the guest runs. */
  onTrace?: (entry: TraceEntry) => void;
  /**
   * Receive each run's messages on a BroadcastChannel private to this engine (default: wherever
   * BroadcastChannel exists). Chromium defers a worker's postMessage tasks after a key press until
   * the next frame is drawn (DeferRendererTasksAfterInput), which held a warm `wasmtime hello.wasm`'s
   * output for ~10 ms after Enter; BroadcastChannel messages are not deferred (bench/README.md).
   */
  replyChannel?: boolean;
}

function newChannelName(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `dojo-runtime-${random}`;
}

function defaultWorker(): WorkerLike {
  // Literal `new URL(..., import.meta.url)` so Vite bundles the worker as its own (lazy) chunk.
  return new Worker(new URL('./worker/runtime.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

/**
 * The worker enforces `-W timeout` itself (a trap with a backtrace, like wasmtime); this backstop
 * kills it only if that did not happen (a guest with no import to meter through, or stuck in the host).
 */
export const TIMEOUT_GRACE_MS = 500;

interface PendingRun {
  id: number;
  io: RunIO;
  /** Entries seen live, so a killed run still reports what the guest did before Ctrl-C. */
  trace: TraceEntry[];
  resolve(result: RunResult): void;
  started: number;
}

/** A result decided on this side (Ctrl-C, a timeout, a crash, no worker): what the guest did so far, nothing written back. */
function endedHere(outcome: RunResult['outcome'], trace: TraceEntry[], started: number): RunResult {
  return { outcome, trace, changes: [], timings: { compileMs: 0, runMs: performance.now() - started } };
}

export class WorkerEngine implements WasmEngine {
  private worker!: WorkerLike;
  private readyPromise!: Promise<void>;
  private pending: PendingRun | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly createWorker: () => WorkerLike;
  /** Modules to compile again in each new worker, so a run after Ctrl-C is still warm. */
  private readonly warmModules: Uint8Array[] = [];
  /** How many workers were spawned (1 + kills); exposed for tests and the bench. */
  spawnCount = 0;
  private traceListener: ((entry: TraceEntry) => void) | undefined;
  private readonly useReplyChannel: boolean;
  /** This worker's reply channel; a new one per worker, so a killed worker's stragglers go nowhere. */
  private channel: { name: string; port: BroadcastChannel } | undefined;

  constructor(options: WorkerEngineOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.traceListener = options.onTrace;
    this.useReplyChannel = (options.replyChannel ?? true) && typeof BroadcastChannel === 'function';
    this.spawn();
  }

  /**
   * Live trace for the side panel (undefined to stop). While set, each WASI call is posted from the
   * worker as it happens, which costs a message per call; leave it unset when nobody watches.
   */
  setTraceListener(listener: ((entry: TraceEntry) => void) | undefined): void {
    this.traceListener = listener;
  }

  private spawn(): void {
    this.spawnCount++;
    this.channel?.port.close();
    this.channel = undefined;
    if (this.useReplyChannel) {
      const name = newChannelName();
      const port = new BroadcastChannel(name);
      port.onmessage = (event: MessageEvent<FromWorker>) => this.onRunMessage(event.data);
      // Node (tests): an open channel must not keep the process alive.
      (port as unknown as { unref?: () => void }).unref?.();
      this.channel = { name, port };
    }
    const worker = this.createWorker();
    this.worker = worker;
    this.readyPromise = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === 'ready') {
          // Bench (bench/run.mjs): worker ready time after navigation.
          performance.clearMarks('dojo:worker-ready');
          performance.mark('dojo:worker-ready');
          resolve();
        } else if (msg.type === 'init-failed') reject(new Error(`runtime worker failed to start: ${msg.message}`));
        else this.onRunMessage(msg);
      };
      worker.onerror = (event) => {
        const message = event.message || 'runtime worker crashed';
        reject(new Error(message));
        this.finish({ kind: 'trap', message, backtrace: [] });
        this.replaceWorker();
      };
    });
    // A rejected ready() is reported to whoever awaits it; don't let it be "unhandled" meanwhile.
    this.readyPromise.catch(() => undefined);
    for (const wasm of this.warmModules) worker.postMessage({ type: 'precompile', wasm });
  }

  private replaceWorker(): void {
    try {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.terminate();
    } catch {
      /* already gone */
    }
    this.spawn();
  }

  private onRunMessage(msg: FromWorker): void {
    const run = this.pending;
    if (!run || !('id' in msg) || msg.id !== run.id) return; // late output from a killed run
    switch (msg.type) {
      case 'stdout':
        run.io.onStdout(msg.bytes);
        break;
      case 'stderr':
        run.io.onStderr(msg.bytes);
        break;
      case 'trace':
        run.trace.push(msg.entry);
        this.traceListener?.(msg.entry);
        break;
      case 'result':
        // Bench (bench/run.mjs): the engine's own timings of the last run, beside the page's view of it.
        performance.clearMeasures('dojo:run');
        performance.measure('dojo:run', { start: run.started, detail: msg.result.timings });
        this.pending = undefined;
        run.resolve(msg.result);
        break;
      case 'failed':
        this.finish({ kind: 'trap', message: msg.message, backtrace: [] });
        break;
    }
  }

  /** Ends the pending run with an outcome decided here (kill, crash), not by the worker. */
  private finish(outcome: RunResult['outcome']): void {
    const run = this.pending;
    if (!run) return;
    this.pending = undefined;
    run.resolve(endedHere(outcome, run.trace, run.started));
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Compile a module in the worker ahead of time (and again in every replacement worker). */
  precompile(wasm: Uint8Array): void {
    this.warmModules.push(wasm);
    this.worker.postMessage({ type: 'precompile', wasm });
  }

  run(req: RunRequest, io: RunIO, signal?: AbortSignal): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(req, io, signal));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runNow(req: RunRequest, io: RunIO, signal?: AbortSignal): Promise<RunResult> {
    const started = performance.now();
    const liveTrace: TraceEntry[] = [];
    const killed = (reason: 'interrupt' | 'timeout'): RunResult => endedHere({ kind: 'killed', reason }, liveTrace, started);
    if (signal?.aborted) return killed('interrupt');
    try {
      await this.readyPromise;
    } catch (err) {
      // Never throw to the terminal: report it as a run that could not start, and try a new worker.
      this.replaceWorker();
      return endedHere({ kind: 'error', stage: 'compile', message: err instanceof Error ? err.message : String(err) }, [], performance.now());
    }
    if (signal?.aborted) return killed('interrupt');

    const id = this.nextId++;
    return new Promise<RunResult>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const kill = (reason: 'interrupt' | 'timeout') => {
        if (this.pending?.id !== id) return;
        // A guest in an infinite loop never yields: terminating the thread is the only way out.
        this.pending = undefined;
        cleanup();
        this.replaceWorker();
        resolve(killed(reason));
      };
      const onAbort = () => kill('interrupt');
      this.pending = {
        id,
        io,
        trace: liveTrace,
        started,
        resolve: (r) => {
          cleanup();
          resolve(r);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timeoutMs = req.limits?.timeoutMs;
      if (timeoutMs !== undefined && timeoutMs >= 0) timer = setTimeout(() => kill('timeout'), timeoutMs + TIMEOUT_GRACE_MS);
      // The request is cloned, not transferred: the caller may still hold the module bytes (HostFs).
      const message: ToWorker = { type: 'run', id, req, liveTrace: this.traceListener !== undefined };
      if (this.channel) message.replyChannel = this.channel.name;
      this.worker.postMessage(message);
    });
  }
}
