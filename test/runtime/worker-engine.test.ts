import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerEngine } from '../../src/runtime/worker-engine';
import { bundleWorker, nodeWorkerFactory } from './node-worker';
import { moduleBytes, request, runCollect } from './helpers';

let engine: WorkerEngine;
const engines: WorkerEngine[] = [];

beforeAll(async () => {
  const file = await bundleWorker();
  engine = new WorkerEngine({ createWorker: nodeWorkerFactory(file) });
  engines.push(engine);
  await engine.ready();
}, 60_000);

afterAll(() => {
  for (const e of engines) (e as unknown as { worker: { terminate(): void } }).worker.terminate();
});

describe('WorkerEngine (real worker thread, real @wasmer/wasi)', () => {
  it('runs hello and streams stdout from the worker', async () => {
    const r = await runCollect(engine, request(moduleBytes('hello'), { args: ['hello.wasm'] }));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe('Hello, world!\n');
    expect(r.trace.some((e) => e.fn === 'fd_write' && e.args.fd === 1)).toBe(true);
  });

  it('while idle the worker builds the guest for a repeat run, and the repeat starts from it', async () => {
    const req = () => request(moduleBytes('hello'), { args: ['hello.wasm'] });
    const first = await runCollect(engine, req());
    // The worker prepares the spare on a timer after replying; on a busy machine that can take a
    // moment, so try a few repeats rather than trusting one fixed pause.
    let repeat = await runCollect(engine, req());
    for (let i = 0; i < 20 && !repeat.timings.fromSpare; i++) {
      await new Promise((r) => setTimeout(r, 25));
      repeat = await runCollect(engine, req());
    }
    expect(repeat.timings.fromSpare).toBe(true);
    expect(repeat.stdout).toBe(first.stdout);
    expect(repeat.trace).toEqual(first.trace);
    // A different request is never given that guest: it asked for other argv.
    await new Promise((r) => setTimeout(r, 25));
    const other = await runCollect(engine, request(moduleBytes('args-echo'), { args: ['args-echo.wasm', 'x'] }));
    expect(other.timings.fromSpare).toBeUndefined();
    expect(other.stdout).toBe('argc: 2\nargv[0]: args-echo.wasm\nargv[1]: x\n');
  });

  it("a flooding guest's output arrives byte-exact in far fewer messages than writes", async () => {
    const { watToWasm } = await import('../../src/runtime/wat');
    // 65,536 writes of 32 bytes (2 MiB): one message per write made `flood | head` take ~18 s in Chromium.
    const flood = await watToWasm(
      `(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1) (data (i32.const 16) "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\\n")
        (func (export "_start") (local $i i32)
          (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 32))
          (loop (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if 0 (i32.lt_u (local.get $i) (i32.const 65536))))))`,
      'flood.wat',
    );
    const r = await runCollect(engine, request(flood));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe('yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n'.repeat(65536));
    expect(r.stdoutChunks).toBeLessThan(2048 + 64);
  });

  it('Ctrl-C (abort) kills spin-forever, resolves as interrupted and the next run works in a fresh worker', async () => {
    const before = engine.spawnCount;
    const ac = new AbortController();
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 150);
    const r = await runCollect(engine, request(moduleBytes('spin-forever')), ac.signal);
    expect(r.outcome).toEqual({ kind: 'killed', reason: 'interrupt' });
    // The line printed before the loop reached us while the guest was still spinning.
    expect(r.stdout).toBe('spin-forever: looping forever; stop me with Ctrl-C\n');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(engine.spawnCount).toBe(before + 1);
    const again = await runCollect(engine, request(moduleBytes('hello')));
    expect(again.stdout).toBe('Hello, world!\n');
  });

  it('-W timeout: the worker interrupts the guest itself (trap "interrupt" with a backtrace)', async () => {
    const before = engine.spawnCount;
    const r = await runCollect(engine, request(moduleBytes('spin-forever'), { limits: { timeoutMs: 100 } }));
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'interrupt' });
    if (r.outcome.kind === 'trap') expect(r.outcome.backtrace[0]).toMatch(/spin_forever!spin$/);
    expect(engine.spawnCount).toBe(before);
  });

  it('a runaway with no import to meter through is killed by the wall-clock backstop', async () => {
    const { watToWasm } = await import('../../src/runtime/wat');
    const loop = await watToWasm('(module (func (export "_start") (loop (br 0))))', 'loop.wat');
    const t0 = performance.now();
    const r = await runCollect(engine, request(loop, { limits: { timeoutMs: 50 } }));
    expect(r.outcome).toEqual({ kind: 'killed', reason: 'timeout' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
    const again = await runCollect(engine, request(moduleBytes('hello')));
    expect(again.stdout).toBe('Hello, world!\n');
  });

  it("run messages come back on the engine's BroadcastChannel, or by postMessage with replyChannel: false", async () => {
    const file = await bundleWorker();
    const counted = (seen: string[]) => () => {
      const w = nodeWorkerFactory(file)();
      const like = { ...w, postMessage: w.postMessage, terminate: w.terminate, onmessage: null, onerror: null } as typeof w;
      w.onmessage = (e) => {
        seen.push(e.data.type);
        like.onmessage?.(e);
      };
      w.onerror = (e) => like.onerror?.(e);
      return like;
    };
    for (const replyChannel of [true, false]) {
      const seen: string[] = [];
      const e = new WorkerEngine({ createWorker: counted(seen), replyChannel });
      engines.push(e);
      await e.ready();
      const r = await runCollect(e, request(moduleBytes('hello'), { args: ['hello.wasm'] }));
      expect(r.stdout).toBe('Hello, world!\n');
      expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
      expect(seen.filter((t) => t === 'stdout' || t === 'result')).toEqual(replyChannel ? [] : ['stdout', 'result']);
    }
  });

  it('serialises runs: queued requests run one after another with their own output', async () => {
    const [a, b, c] = await Promise.all([
      runCollect(engine, request(moduleBytes('args-echo'), { args: ['args-echo.wasm', 'one'] })),
      runCollect(engine, request(moduleBytes('args-echo'), { args: ['args-echo.wasm', 'two'] })),
      runCollect(engine, request(moduleBytes('exit-with'), { args: ['exit-with.wasm', '7'] })),
    ]);
    // Exact output: a run that leaked or lost bytes from its neighbour would still contain 'one'.
    expect(a.stdout).toBe('argc: 2\nargv[0]: args-echo.wasm\nargv[1]: one\n');
    expect(b.stdout).toBe('argc: 2\nargv[0]: args-echo.wasm\nargv[1]: two\n');
    expect(c.stdout).toBe('');
    expect(c.outcome).toEqual({ kind: 'exit', code: 7 });
  });

  it('live trace: entries arrive while the guest runs and survive a kill', async () => {
    const seen: string[] = [];
    engine.setTraceListener((e) => seen.push(e.fn));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const r = await runCollect(engine, request(moduleBytes('spin-forever')), ac.signal);
    engine.setTraceListener(undefined);
    expect(r.outcome).toEqual({ kind: 'killed', reason: 'interrupt' });
    expect(seen).toEqual(['fd_write']);
    expect(r.trace.map((e) => e.fn)).toEqual(['fd_write']);
    const quiet = await runCollect(engine, request(moduleBytes('hello')));
    expect(seen).toEqual(['fd_write']);
    expect(quiet.trace.length).toBeGreaterThan(0);
  });

  it('an already-aborted signal never starts the guest', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runCollect(engine, request(moduleBytes('hello')), ac.signal);
    expect(r.outcome).toEqual({ kind: 'killed', reason: 'interrupt' });
    expect(r.stdout).toBe('');
  });
});
