/** Messages between WorkerEngine (page) and runtime.worker.ts. Plain data: they cross postMessage. */
import type { RunRequest, RunResult, TraceEntry } from '../types';

export type ToWorker =
  | {
      type: 'run';
      id: number;
      req: RunRequest;
      liveTrace: boolean;
      /**
       * BroadcastChannel name to send this run's messages (stdout ... result) on instead of the
       * worker's postMessage; see WorkerEngine's `replyChannel` for why. All of a run's messages
       * take the same path, so their order is kept.
       */
      replyChannel?: string;
    }
  /** Compile ahead of the first command (hello.wasm at page load) so the first run is warm. */
  | { type: 'precompile'; wasm: Uint8Array };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'stdout'; id: number; bytes: Uint8Array }
  | { type: 'stderr'; id: number; bytes: Uint8Array }
  | { type: 'trace'; id: number; entry: TraceEntry }
  | { type: 'result'; id: number; result: RunResult }
  /** The engine itself threw (a bug, not a guest failure); the run is answered with a trap outcome. */
  | { type: 'failed'; id: number; message: string };
