/**
 * Browser check page for the runtime: WorkerEngine (real Web Worker, Buffer shim, wasmer init) and
 * watToWasm (wabt) in Chromium. check.mjs builds this page with Vite and reads window.__results.
 */
import { WorkerEngine } from '../../../src/runtime/worker-engine';
import { watToWasm } from '../../../src/runtime/wat';
import type { RunRequest } from '../../../src/runtime/types';

const dec = new TextDecoder();
async function bytes(name: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`/modules/${name}`)).arrayBuffer());
}
function req(wasm: Uint8Array, extra: Partial<RunRequest> = {}): RunRequest {
  return { wasm, args: ['m.wasm'], env: [], preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array(), ...extra };
}

async function main() {
  const results: Record<string, unknown> = {};
  const t0 = performance.now();
  const engine = new WorkerEngine();
  await engine.ready();
  results.readyMs = performance.now() - t0;
  const run = async (r: RunRequest, signal?: AbortSignal) => {
    let out = '';
    let firstByteMs = -1;
    const start = performance.now();
    const res = await engine.run(
      r,
      {
        onStdout: (b) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - start;
          out += dec.decode(b);
        },
        onStderr: (b) => {
          out += dec.decode(b);
        },
      },
      signal,
    );
    return { out, outcome: res.outcome, changes: res.changes.map((c) => c.guestPath), firstByteMs };
  };
  const hello = await bytes('hello.wasm');
  results.hello = await run(req(hello));
  const times: number[] = [];
  for (let i = 0; i < 200; i++) times.push((await run(req(hello))).firstByteMs);
  times.sort((a, b) => a - b);
  results.warmFirstByteP50 = times[100];
  results.config = await run(
    req(await bytes('config-reader.wasm'), {
      preopens: ['/data'],
      image: { dirs: ['/data'], files: [{ path: '/data/config.json', data: new TextEncoder().encode('{"x":1}') }] },
    }),
  );
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const k0 = performance.now();
  results.spin = await run(req(await bytes('spin-forever.wasm')), ac.signal);
  results.killMs = performance.now() - k0;
  results.afterKill = await run(req(hello));
  const wat = await watToWasm(await (await fetch('/modules/hello.wat')).text(), 'hello.wat');
  results.wat = await run(req(wat));
  try {
    await watToWasm('(module (fun))', 'bad.wat');
  } catch (e) {
    results.watError = (e as Error).message.split('\n')[0];
  }
  results.garbage = await run(req(new TextEncoder().encode('garbage')));
  (window as unknown as { __results: unknown }).__results = results;
  document.getElementById('out')!.textContent = JSON.stringify(results, null, 2);
}
main().catch((e) => {
  (window as unknown as { __results: unknown }).__results = { fatal: String((e && e.stack) || e) };
});
