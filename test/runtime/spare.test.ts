/**
 * The spare guest (src/runtime/spare.ts): built ahead of time for a repeat of the last run, used only
 * when the next request would build the very same guest. A run from a spare must be indistinguishable
 * from a run on a fresh engine: same stdout, stderr, exit, trace and write-back, and the same as
 * node:wasi where the oracle applies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { applySandboxChanges, buildSandboxImage } from '../../src/runtime/sandbox';
import { sameGrants, grantsOf } from '../../src/runtime/spare';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { watToWasm } from '../../src/runtime/wat';
import type { Mount, RunRequest } from '../../src/runtime/types';
import { moduleBytes, request, runCollect, type Collected } from './helpers';
import { runOracle } from './oracle';

const enc = new TextEncoder();
const CONFIG = '{"greeting":"hello from the host"}\n';
const DATA: Mount = { hostPath: '/home/learner/data', guestPath: '/data', readonly: false };

beforeAll(() => new WasmerEngine().ready());

/** What a learner sees of a run; timings aside. */
function seen(r: Collected) {
  return { outcome: r.outcome, stdout: r.stdout, stderr: r.stderr, trace: r.trace, changes: r.changes };
}

/** Runs `req` on a fresh engine (no spare possible): the reference for a run from a spare. */
async function fresh(req: RunRequest): Promise<Collected> {
  return runCollect(new WasmerEngine(), req);
}

describe('a spare stands in for a fresh guest', () => {
  it('hello: the repeat run starts from the spare and sees exactly what a fresh run sees', async () => {
    const engine = new WasmerEngine();
    const req = () => request(moduleBytes('hello'), { args: ['hello.wasm'] });
    const first = await runCollect(engine, req());
    expect(first.timings.fromSpare).toBeUndefined();
    expect(engine.prepareSpare()).toBe(true);
    const second = await runCollect(engine, req());
    expect(second.timings.fromSpare).toBe(true);
    expect(seen(second)).toEqual(seen(await fresh(req())));
    expect(second.stdout).toBe('Hello, world!\n');
    // Taken means gone: without another prepare the next run builds its own.
    const third = await runCollect(engine, req());
    expect(third.timings.fromSpare).toBeUndefined();
    expect(seen(third)).toEqual(seen(second));
  });

  it('upper: stdin belongs to the run, not to the spare', async () => {
    const engine = new WasmerEngine();
    const req = (text: string) => request(moduleBytes('upper'), { args: ['upper.wasm'], stdin: enc.encode(text) });
    await runCollect(engine, req('first\n'));
    expect(engine.prepareSpare()).toBe(true);
    const r = await runCollect(engine, req('second line\n'));
    expect(r.timings.fromSpare).toBe(true);
    expect(r.stdout).toBe('SECOND LINE\n');
    const o = await runOracle(moduleBytes('upper'), { args: ['upper.wasm'], stdin: 'second line\n' });
    expect(r.stdout).toBe(o.stdout);
  });

  it('config-reader: after the guest wrote output.txt the image differs, so the spare is not used; once it matches, it is', async () => {
    const engine = new WasmerEngine();
    const fs = new MemoryFs();
    fs.mkdir('/home/learner/data', { recursive: true });
    fs.writeFile('/home/learner/data/config.json', CONFIG);
    const run = async () => {
      const image = buildSandboxImage(fs, [DATA]);
      const req = request(moduleBytes('config-reader'), { args: ['config-reader.wasm'], preopens: ['/data'], image });
      const reference = await fresh(req);
      const r = await runCollect(engine, req);
      applySandboxChanges(fs, [DATA], r.changes);
      expect(seen(r)).toEqual(seen(reference));
      return r;
    };
    const first = await run();
    expect(first.changes).toEqual([{ kind: 'write', guestPath: '/data/output.txt', data: enc.encode('processed data') }]);
    expect(engine.prepareSpare()).toBe(true);
    // The host now has output.txt: the spare was built from the image without it.
    const second = await run();
    expect(second.timings.fromSpare).toBeUndefined();
    expect(engine.prepareSpare()).toBe(true);
    const third = await run();
    expect(third.timings.fromSpare).toBe(true);
    expect(third.stdout).toBe(`Config: ${CONFIG}\n`);
    expect(fs.readText('/home/learner/data/output.txt')).toBe('processed data');
    const o = await runOracle(moduleBytes('config-reader'), {
      args: ['config-reader.wasm'],
      grants: [{ guestPath: '/data', files: { 'config.json': CONFIG, 'output.txt': 'processed data' } }],
    });
    expect(third.stdout).toBe(o.stdout);
  });

  it('a different argv or environment still starts from the spare, and the guest sees the new ones', async () => {
    const engine = new WasmerEngine();
    const base = request(moduleBytes('args-echo'), { args: ['args-echo.wasm', 'one'], env: [['A', '1']] });
    await runCollect(engine, base);
    const variants: RunRequest[] = [
      { ...base, args: ['args-echo.wasm', 'two', 'three ünïcode'] },
      { ...base, args: ['args-echo.wasm'] },
      {
        ...base,
        env: [
          ['A', '2'],
          ['B', 'x=y'],
        ],
      },
      { ...base, env: [] },
    ];
    for (const variant of variants) {
      expect(engine.prepareSpare()).toBe(true);
      const r = await runCollect(engine, variant);
      expect(r.timings.fromSpare).toBe(true);
      expect(seen(r)).toEqual(seen(await fresh(variant)));
      const o = await runOracle(moduleBytes('args-echo'), { args: variant.args, env: Object.fromEntries(variant.env) });
      expect(r.stdout).toBe(o.stdout);
    }
    const env = request(moduleBytes('env-reader'), { args: ['env-reader.wasm', 'A'], env: [['A', 'first']] });
    await runCollect(engine, env);
    expect(engine.prepareSpare()).toBe(true);
    const second = await runCollect(engine, { ...env, env: [['A', 'second value']] });
    expect(second.timings.fromSpare).toBe(true);
    expect(second.stdout).toContain('second value');
    expect(second.stdout).not.toContain('first');
  });

  it('a different grant, limit or module gets a fresh guest with what it asked for', async () => {
    const engine = new WasmerEngine();
    const base = request(moduleBytes('escape-artist'), { args: ['escape-artist.wasm'], env: [['GREETING', 'hi']] });
    await runCollect(engine, base);
    const variants: RunRequest[] = [
      { ...base, preopens: ['/data'], image: { dirs: ['/data'], files: [] } },
      { ...base, limits: { fuel: 50_000_000 } },
      request(moduleBytes('args-echo'), { args: ['escape-artist.wasm'], env: [['GREETING', 'hi']] }),
    ];
    for (const variant of variants) {
      expect(engine.prepareSpare()).toBe(true);
      const r = await runCollect(engine, variant);
      expect(r.timings.fromSpare).toBeUndefined();
      expect(seen(r)).toEqual(seen(await fresh(variant)));
      // Put the base run back as "last", so the next spare is built for it again.
      await runCollect(engine, base);
    }
    expect(engine.prepareSpare()).toBe(true);
    const visible = await runCollect(engine, { ...base, env: [] });
    expect(visible.timings.fromSpare).toBe(true);
    expect(visible.stdout).toContain('can see: no environment variables');
  });

  it('fuel is counted per run: a spare starts with the full budget', async () => {
    const engine = new WasmerEngine();
    const req = request(moduleBytes('hello'), { args: ['hello.wasm'], limits: { fuel: 2_000_000 } });
    const first = await runCollect(engine, req);
    expect(first.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(engine.prepareSpare()).toBe(true);
    const second = await runCollect(engine, req);
    expect(second.timings.fromSpare).toBe(true);
    expect(seen(second)).toEqual(seen(first));
    const starved = request(moduleBytes('hello'), { args: ['hello.wasm'], limits: { fuel: 10 } });
    const a = await runCollect(engine, starved);
    expect(engine.prepareSpare()).toBe(true);
    const b = await runCollect(engine, starved);
    expect(b.timings.fromSpare).toBe(true);
    expect(a.outcome).toMatchObject({ kind: 'trap', message: 'all fuel consumed by WebAssembly' });
    expect(seen(b)).toEqual(seen(a));
  });

  it('the deadline counts from the start of the run, not from when the spare was built', async () => {
    const engine = new WasmerEngine();
    const req = request(moduleBytes('spin-forever'), { args: ['spin-forever.wasm'], limits: { timeoutMs: 100 } });
    await runCollect(engine, req);
    expect(engine.prepareSpare()).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    const r = await runCollect(engine, req);
    expect(r.timings.fromSpare).toBe(true);
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'interrupt' });
    expect(r.stdout).toBe('spin-forever: looping forever; stop me with Ctrl-C\n');
    expect(r.timings.runMs).toBeGreaterThanOrEqual(95);
  });

  it('a start function runs in the run, never while the spare is built', async () => {
    const engine = new WasmerEngine();
    // The start function exits with 7: had the spare run it, the second run would not see that.
    const wasm = await watToWasm(
      `(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func $init (call $exit (i32.const 7)))
        (start $init)
        (func (export "_start")))`,
      'start.wat',
    );
    const first = await runCollect(engine, request(wasm));
    expect(first.outcome).toEqual({ kind: 'exit', code: 7 });
    expect(engine.prepareSpare()).toBe(true);
    const second = await runCollect(engine, request(wasm));
    expect(second.timings.fromSpare).toBe(true);
    expect(second.outcome).toEqual({ kind: 'exit', code: 7 });
    expect(second.trace.map((e) => e.fn)).toEqual(['proc_exit']);
  });

  it('nothing to prepare before a run, and a failed run leaves nothing to repeat', async () => {
    const engine = new WasmerEngine();
    expect(engine.prepareSpare()).toBe(false);
    const garbage = await runCollect(engine, request(enc.encode('not wasm at all')));
    expect(garbage.outcome).toMatchObject({ kind: 'error', stage: 'compile' });
    expect(engine.prepareSpare()).toBe(false);
  });
});

describe('sameGrants', () => {
  const image = { dirs: ['/data'], files: [{ path: '/data/a.txt', data: enc.encode('abc') }] };
  const base = grantsOf(request(new Uint8Array(), { args: ['m.wasm'], preopens: ['/data'], image }));

  it('matches equal grants whose arrays and bytes are different objects (they crossed postMessage)', () => {
    const copy = structuredClone(base);
    expect(sameGrants(base, copy)).toBe(true);
    expect(sameGrants(base, { ...copy, readonlyPreopens: [] })).toBe(true);
  });

  it('tells apart one changed byte, file, directory, read-only grant, limit or host feature', () => {
    const changed = (f: (g: ReturnType<typeof structuredClone<typeof base>>) => void) => {
      const g = structuredClone(base);
      f(g);
      return g;
    };
    expect(
      sameGrants(
        base,
        changed((g) => (g.image.files[0]!.data[2] = 0x64)),
      ),
    ).toBe(false);
    expect(
      sameGrants(
        base,
        changed((g) => g.image.files.push({ path: '/data/b', data: new Uint8Array() })),
      ),
    ).toBe(false);
    expect(
      sameGrants(
        base,
        changed((g) => g.image.dirs.push('/data/sub')),
      ),
    ).toBe(false);
    expect(
      sameGrants(
        base,
        changed((g) => (g.readonlyPreopens = ['/data'])),
      ),
    ).toBe(false);
    expect(
      sameGrants(
        base,
        changed((g) => (g.limits = { maxMemoryBytes: 65536 })),
      ),
    ).toBe(false);
    expect(
      sameGrants(
        base,
        changed((g) => (g.host = { outboundHttp: { allowedHosts: [], fixtures: {} } })),
      ),
    ).toBe(false);
    // argv and the environment are the run's own, handed over when it starts.
    expect(
      sameGrants(
        base,
        changed((g) => ((g.args = ['other.wasm']), (g.env = [['A', '1']]))),
      ),
    ).toBe(true);
  });
});

describe('a spare prepared after a precompile', () => {
  it('serves the first grant-less run of that module, with its own argv', async () => {
    const engine = new WasmerEngine();
    const wasm = moduleBytes('args-echo');
    expect(await engine.prepareSpareFor(wasm)).toBe(true);
    const r = await runCollect(engine, request(wasm, { args: ['args-echo.wasm', 'after', 'reload'] }));
    expect(r.timings.fromSpare).toBe(true);
    expect(r.stdout).toBe((await runOracle(wasm, { args: ['args-echo.wasm', 'after', 'reload'] })).stdout);
    // A run with a grant does not fit it: it builds its own guest.
    expect(await engine.prepareSpareFor(wasm)).toBe(true);
    const granted = await runCollect(engine, request(wasm, { args: ['a'], preopens: ['/data'], image: { dirs: ['/data'], files: [] } }));
    expect(granted.timings.fromSpare).toBeUndefined();
  });
});

describe('spares for two modules', () => {
  it("a run of another module (the page's silent hello.wasm at start-up) keeps the first module's spare", async () => {
    const engine = new WasmerEngine();
    const echo = moduleBytes('args-echo');
    expect(await engine.prepareSpareFor(echo)).toBe(true);
    await runCollect(engine, request(moduleBytes('hello'), { args: ['hello.wasm'] }));
    expect(engine.prepareSpare()).toBe(true);
    const r = await runCollect(engine, request(echo, { args: ['args-echo.wasm', 'kept'] }));
    expect(r.timings.fromSpare).toBe(true);
    expect(r.stdout).toContain('kept');
    const h = await runCollect(engine, request(moduleBytes('hello'), { args: ['hello.wasm'] }));
    expect(h.timings.fromSpare).toBe(true);
  });
});
