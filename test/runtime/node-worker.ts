/**
 * Runs the real runtime worker (src/runtime/worker/runtime.worker.ts) in a Node worker_threads
 * thread, behind the Web Worker interface WorkerEngine expects. The worker is bundled once with
 * rolldown (already in the toolchain via Vite); a small banner gives it `self` like a browser worker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from '../../src/runtime/worker-engine';

const BANNER = `
import { parentPort as __pp } from 'node:worker_threads';
globalThis.self = globalThis;
globalThis.postMessage = (m, t) => __pp.postMessage(m, t);
Object.defineProperty(globalThis, 'onmessage', { set(fn) { __pp.removeAllListeners('message'); if (fn) __pp.on('message', (data) => fn({ data })); } });
`;

let bundled: Promise<string> | undefined;

export function bundleWorker(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('rolldown');
    const dir = mkdtempSync(join(tmpdir(), 'dojo-worker-'));
    const file = join(dir, 'runtime.worker.mjs');
    await build({
      input: fileURLToPath(new URL('../../src/runtime/worker/runtime.worker.ts', import.meta.url)),
      platform: 'node',
      output: { file, format: 'esm', banner: BANNER },
      logLevel: 'silent',
    });
    return file;
  })();
  return bundled;
}

export function nodeWorkerFactory(file: string): () => WorkerLike {
  return () => {
    const w = new Worker(file);
    const like: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m, t) => w.postMessage(m, (t ?? []) as never),
      terminate: () => void w.terminate(),
    };
    w.on('message', (data) => like.onmessage?.({ data } as MessageEvent));
    w.on('error', (err) => like.onerror?.({ message: err.message } as ErrorEvent));
    return like;
  };
}
