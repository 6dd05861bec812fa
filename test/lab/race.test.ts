/** The race runner against the real in-process engine (@wasmer/wasi), our precompiled modules. */
import { beforeAll, describe, expect, it } from 'vitest';
import { measured, runRace, summarizeRace } from '../../src/lab/race';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { watToWasm } from '../../src/runtime/wat';
import { moduleBytes, request } from '../runtime/helpers';

beforeAll(() => new WasmerEngine().ready());

describe('runRace on the real engine', () => {
  it('hello.wasm: a cold compile first, cache hits after, every phase measured', async () => {
    const engine = new WasmerEngine();
    const seen: number[] = [];
    const race = await runRace(engine, 'hello.wasm', request(moduleBytes('hello'), { args: ['hello.wasm'] }), {
      runs: 8,
      warmup: 2,
      onRun: (_r, done, total) => seen.push(done * 100 + total),
    });
    expect(race.stopped).toBe(false);
    expect(race.failure).toBeUndefined();
    expect(race.records).toHaveLength(10);
    expect(seen).toEqual([110, 210, 310, 410, 510, 610, 710, 810, 910, 1010]);
    expect(race.records.map((r) => r.warmup)).toEqual([true, true, false, false, false, false, false, false, false, false]);
    expect(race.records[0]!.compileCached).toBe(false);
    expect(race.records.slice(1).every((r) => r.compileCached)).toBe(true);
    for (const r of race.records) {
      expect(r.outcome).toBe('exit');
      expect(r.exitCode).toBe(0);
      expect(r.instantiateMs).toBeGreaterThan(0);
      expect(r.runMs).toBeGreaterThan(0);
      // End to end holds every phase.
      expect(r.endToEndMs).toBeGreaterThanOrEqual(r.compileMs + r.instantiateMs + r.runMs - 0.01);
      // hello.wasm is a C module with wasi-libc: 2 pages of linear memory.
      expect(r.memoryBytes).toBe(2 * 65536);
    }
    // A cold compile does real work; finding the module in the cache is a byte comparison.
    const s = summarizeRace(race.records);
    expect(s.runs).toBe(8);
    expect(s.firstCompileMs).toBe(race.records[0]!.compileMs);
    expect(s.cachedCompile!.n).toBe(8);
    expect(s.firstCompileMs!).toBeGreaterThan(s.cachedCompile!.median);
    expect(s.endToEnd!.median).toBeLessThanOrEqual(s.endToEnd!.p95);
    expect(s.memoryBytes).toBe(131072);
    expect(measured(race.records)).toHaveLength(8);
  });

  it('the first run compiles cold even when the module is already in the cache', async () => {
    const engine = new WasmerEngine();
    const req = request(moduleBytes('hello'), { args: ['hello.wasm'] });
    await engine.precompile(req.wasm);
    const race = await runRace(engine, 'hello.wasm', req, { runs: 2 });
    expect(race.records.map((r) => r.compileCached)).toEqual([false, true]);
  });

  it('stops at the first failing run, as hyperfine does without -i, with what the guest said', async () => {
    const engine = new WasmerEngine();
    const race = await runRace(engine, 'exit-with.wasm', request(moduleBytes('exit-with'), { args: ['exit-with.wasm', '3'] }), { runs: 5 });
    expect(race.records).toHaveLength(1);
    expect(race.failure?.record).toMatchObject({ outcome: 'exit', exitCode: 3 });
    const all = await runRace(engine, 'exit-with.wasm', request(moduleBytes('exit-with'), { args: ['exit-with.wasm', '3'] }), {
      runs: 3,
      stopOnFailure: false,
    });
    expect(all.records.map((r) => r.exitCode)).toEqual([3, 3, 3]);
  });

  it('a trap is a failure with its message', async () => {
    const race = await runRace(new WasmerEngine(), 'trap.wasm', request(moduleBytes('trap')), { runs: 3 });
    expect(race.failure?.record.outcome).toBe('trap');
    expect(race.failure?.message).toMatch(/unreachable/);
  });

  it('memory per instance follows the module: pages × 64 KiB', async () => {
    const wasm = await watToWasm('(module (memory (export "memory") 5) (func (export "_start")))', 'five.wat');
    const race = await runRace(new WasmerEngine(), 'five.wat', request(wasm), { runs: 1 });
    expect(race.records[0]!.memoryBytes).toBe(5 * 65536);
  });

  it('stopping ends the race between runs with the runs so far', async () => {
    const controller = new AbortController();
    const race = await runRace(new WasmerEngine(), 'hello.wasm', request(moduleBytes('hello')), {
      runs: 1000,
      signal: controller.signal,
      onRun: (_r, done) => {
        if (done === 3) controller.abort();
      },
    });
    expect(race.stopped).toBe(true);
    expect(race.records).toHaveLength(3);
  });

  it('refuses nonsense counts', async () => {
    const req = request(moduleBytes('hello'));
    await expect(runRace(new WasmerEngine(), 'x', req, { runs: 0 })).rejects.toThrow(RangeError);
    await expect(runRace(new WasmerEngine(), 'x', req, { runs: 2.5 })).rejects.toThrow(RangeError);
    await expect(runRace(new WasmerEngine(), 'x', req, { warmup: -1 })).rejects.toThrow(RangeError);
  });
});
