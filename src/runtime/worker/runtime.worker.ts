/**
 * The runtime worker: owns one WasmerEngine and runs one module at a time for WorkerEngine.
 * It initialises @wasmer/wasi as soon as it loads (pre-warm), so the first command does not pay
 * for it. A runaway guest blocks this thread; the page then terminates the worker and starts a new one.
 */
import { WasmerEngine } from '../wasmer-engine';
import type { TraceEntry } from '../types';
import { OutputBatcher } from './output-batcher';
import type { FromWorker, ToWorker } from './protocol';
import { idbWarmStorage, remember, WARM_MIN_BYTES } from './warm-modules';

// @wasmer/wasi's init() decodes its inlined wasm with Node's Buffer; browsers have none (wasmerio/wasmer-sdk#305).
// Must be installed before init() runs, which is below, not at import time.
const g = globalThis as unknown as { Buffer?: { from(s: string, enc?: string): Uint8Array } };
g.Buffer ??= { from: (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)) };

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let currentId = 0;
let liveTrace = false;

type Reply = (message: FromWorker, transfer?: Transferable[]) => void;
const postReply: Reply = (message, transfer) => scope.postMessage(message, transfer);
const channels = new Map<string, BroadcastChannel>();

/** How a run's messages go back: the page's BroadcastChannel when it named one (no transfer there). */
function replyFor(name: string | undefined): Reply {
  if (name === undefined || typeof BroadcastChannel !== 'function') return postReply;
  let channel = channels.get(name);
  if (!channel) {
    channel = new BroadcastChannel(name);
    channels.set(name, channel);
  }
  const c = channel;
  return (message) => c.postMessage(message);
}
let reply: Reply = postReply;

const engine = new WasmerEngine({
  onTrace: (entry: TraceEntry) => {
    if (liveTrace) reply({ type: 'trace', id: currentId, entry });
  },
});

// Runs are serialised by the page, but keep a chain here too so a stray message cannot interleave.
let chain: Promise<void> = Promise.resolve();

/** The big modules compiled in earlier page loads (warm-modules.ts): compiled again right after init. */
const warmStorage = idbWarmStorage();
let warmList: Uint8Array[] = [];

engine.ready().then(
  () => {
    scope.postMessage({ type: 'ready' });
    if (!warmStorage) return;
    // Behind whatever arrived meanwhile? No: a run typed this early goes first, then the rest compile.
    void warmStorage.load().then(
      (list) => {
        warmList = list;
        for (const wasm of list) chain = chain.then(() => engine.precompile(wasm).catch(() => undefined));
        // The newest kept module is the likeliest next run: its guest is prepared too.
        const newest = list.at(-1);
        if (newest) {
          warmSpare = true;
          chain = chain.then(() => prepareSpareForWhenIdle(newest));
        }
      },
      () => undefined,
    );
  },
  (err: unknown) => scope.postMessage({ type: 'init-failed', message: err instanceof Error ? err.message : String(err) }),
);

/** A big module compiled cold: keep its bytes for the next page load (never on the way to the result). */
function rememberCompiled(wasm: Uint8Array): void {
  if (!warmStorage || wasm.byteLength < WARM_MIN_BYTES) return;
  warmList = remember(warmList, wasm);
  const list = warmList;
  setTimeout(() => void warmStorage.save(list).catch(() => undefined), 0);
}
/** Runs received and not yet finished: the spare is built only when this is zero. */
let runsWaiting = 0;

/**
 * Once the result is on its way and no other run waits, build the guest a repeat of this run would
 * need (wasmer-engine `prepareSpare`), so the next `wasmtime hello.wasm` starts its module at once.
 * A timer, so the result message leaves first; skipped if a run arrived meanwhile (it goes first).
 */
function prepareSpareWhenIdle(): void {
  setTimeout(() => {
    if (runsWaiting === 0) engine.prepareSpare();
  }, 0);
}

/** A spare for a grant-less run of a module just compiled, unless a run is waiting or has run since. */
async function prepareSpareForWhenIdle(wasm: Uint8Array): Promise<void> {
  if (runsWaiting === 0 && !ranSinceStart) await engine.prepareSpareFor(wasm);
}
/** Once a run happened, the spare follows the runs (prepareSpareWhenIdle), not the precompiles. */
let ranSinceStart = false;
/** The spare is for the newest module kept from the last page load. */
let warmSpare = false;

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'precompile') {
    // The page's precompile (hello.wasm, once the modules are installed) may arrive after the kept
    // modules loaded: it must not take the spare from the module the learner ran last time.
    chain = chain
      .then(() => engine.precompile(msg.wasm).catch(() => undefined))
      .then(() => (warmSpare ? undefined : prepareSpareForWhenIdle(msg.wasm)));
    return;
  }
  if (msg.type !== 'run') return;
  runsWaiting++;
  ranSinceStart = true;
  chain = chain.then(async () => {
    const { id } = msg;
    currentId = id;
    liveTrace = msg.liveTrace;
    const send = replyFor(msg.replyChannel);
    reply = send;
    try {
      // Each chunk is a fresh copy (see guest-instance.ts), so it can be transferred, not cloned.
      const output = new OutputBatcher((stream, bytes) => send({ type: stream, id, bytes }, [bytes.buffer as ArrayBuffer]));
      let result;
      try {
        result = await engine.run(msg.req, {
          onStdout: (bytes) => output.push('stdout', bytes),
          onStderr: (bytes) => output.push('stderr', bytes),
        });
      } finally {
        output.flush();
      }
      if (result.timings.compileCached === false && result.outcome.kind !== 'error') rememberCompiled(msg.req.wasm);
      const transfer: Transferable[] = [];
      for (const c of result.changes) if (c.kind === 'write' && c.data.byteOffset === 0) transfer.push(c.data.buffer as ArrayBuffer);
      send({ type: 'result', id, result }, [...new Set(transfer)]);
    } catch (err) {
      send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    } finally {
      runsWaiting--;
      if (runsWaiting === 0) prepareSpareWhenIdle();
    }
  });
};
