/** Error paths and edge cases of WasmerEngine, with small hand-written modules compiled by watToWasm. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { applySandboxChanges, buildSandboxImage } from '../../src/runtime/sandbox';
import { formatTraceEntry, isDenied } from '../../src/runtime/trace-format';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { watToWasm } from '../../src/runtime/wat';
import type { Mount } from '../../src/runtime/types';
import { request, runCollect } from './helpers';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());

const wat = (body: string) => watToWasm(`(module ${body})`, 'test.wat');

describe('compile and link errors', () => {
  it('garbage bytes: compile-stage error, no throw', async () => {
    const r = await runCollect(engine, request(new TextEncoder().encode('this is not wasm')));
    expect(r.outcome.kind).toBe('error');
    if (r.outcome.kind === 'error') {
      expect(r.outcome.stage).toBe('compile');
      expect(r.outcome.message).toMatch(/magic/);
    }
  });

  it('unknown WASI function and unknown module: link error naming the first missing import', async () => {
    const sock = await wat(`(import "wasi_snapshot_preview1" "sock_open" (func (param i32 i32 i32) (result i32)))
      (memory (export "memory") 1) (func (export "_start"))`);
    const r = await runCollect(engine, request(sock));
    expect(r.outcome).toEqual({
      kind: 'error',
      stage: 'link',
      message: 'unknown import: `wasi_snapshot_preview1::sock_open` has not been defined',
      missingImport: { module: 'wasi_snapshot_preview1', name: 'sock_open', kind: 'func' },
    });
    const env = await wat(`(import "env" "memory" (memory 1)) (func (export "_start"))`);
    const r2 = await runCollect(engine, request(env));
    expect(r2.outcome).toMatchObject({ stage: 'link', missingImport: { module: 'env', name: 'memory', kind: 'memory' } });
    expect(r2.trace).toEqual([]);
  });

  it('preview0 (wasi_unstable) imports link, as wasmtime does by default', async () => {
    const bytes = await wat(`(import "wasi_unstable" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1) (data (i32.const 16) "old abi\\n")
      (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 8))
        (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))`);
    const r = await runCollect(engine, request(bytes));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe('old abi\n');
  });

  it('a module without _start just instantiates and exits 0', async () => {
    const r = await runCollect(engine, request(await wat(`(func (export "f"))`)));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
  });
});

describe('traps in wasmtime wording', () => {
  const cases: Array<[string, string]> = [
    ['(func (export "_start") (drop (i32.div_s (i32.const 1) (i32.const 0))))', 'integer divide by zero'],
    ['(memory 1) (func (export "_start") (drop (i32.load (i32.const 70000))))', 'out of bounds memory access'],
    ['(func $r (export "_start") (call $r))', 'call stack exhausted'],
    ['(func (export "_start") (drop (i32.trunc_f32_s (f32.const nan))))', 'invalid conversion to integer'],
    ['(func (export "_start") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))', 'integer overflow'],
    [
      '(type $t (func)) (table 1 funcref) (func (export "_start") (call_indirect (type $t) (i32.const 5)))',
      'undefined element: out of bounds table access',
    ],
  ];
  for (const [body, message] of cases) {
    it(message, async () => {
      const r = await runCollect(engine, request(await wat(body)));
      expect(r.outcome).toMatchObject({ kind: 'trap', message });
    });
  }

  it('backtrace frames: innermost first, unnamed functions as <wasm function N>', async () => {
    const bytes = await wat(`(func (unreachable)) (func (export "_start") (call 0))`);
    // Strip the name section wabt wrote so names fall back the way wasmtime's do.
    const r = await runCollect(engine, request(bytes));
    if (r.outcome.kind !== 'trap') throw new Error('expected a trap');
    expect(r.outcome.backtrace[0]).toMatch(/^ {4}0: +0x[0-9a-f]+ - <unknown>!(<wasm function 0>|\S+)$/);
    expect(r.outcome.backtrace).toHaveLength(2);
  });
});

describe('--invoke', () => {
  let mod: Uint8Array;
  beforeAll(async () => {
    mod = await wat(`
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "big") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 2)))
      (func (export "half") (param f32) (result f32) (f32.div (local.get 0) (f32.const 2)))
      (func (export "tenth") (result f64) (f64.const 0.1))
      (func (export "hundred") (result f32) (f32.const 100))
      (func (export "pair") (result i32 i32) (i32.const 1) (i32.const -1))
      (func (export "nothing"))`);
  });
  const invoke = (name: string, ...args: string[]) => runCollect(engine, request(mod, { invoke: { name, args } }));

  it('parses arguments by type and prints results like wasmtime', async () => {
    expect((await invoke('add', '1', '2')).invokeResults).toEqual(['3']);
    expect((await invoke('add', '0x10', '-1')).invokeResults).toEqual(['15']);
    expect((await invoke('add', '2147483647', '1')).invokeResults).toEqual(['-2147483648']);
    expect((await invoke('big', '4611686018427387904')).invokeResults).toEqual(['-9223372036854775808']);
    expect((await invoke('half', '0.2')).invokeResults).toEqual(['0.1']);
    expect((await invoke('tenth')).invokeResults).toEqual(['0.1']);
    expect((await invoke('hundred')).invokeResults).toEqual(['100']);
    expect((await invoke('pair')).invokeResults).toEqual(['1', '-1']);
    const none = await invoke('nothing');
    expect(none.invokeResults).toEqual([]);
    expect(none.invokeSignature).toEqual({ params: [], results: [] });
    expect((await invoke('add', '1', '2')).invokeSignature).toEqual({ params: ['i32', 'i32'], results: ['i32'] });
  });

  it('missing export, too few and bad arguments are export-stage errors', async () => {
    expect((await invoke('nope')).outcome).toEqual({
      kind: 'error',
      stage: 'export',
      message: 'no func export named `nope` found',
      missingExport: 'nope',
    });
    expect((await invoke('add', '1')).outcome).toMatchObject({ stage: 'export', message: 'not enough arguments for `add`' });
    expect((await invoke('add', 'x', '1')).outcome).toMatchObject({ stage: 'export', message: 'invalid digit found in string' });
  });
});

describe('limits', () => {
  it('maxMemoryBytes below the initial memory refuses to instantiate', async () => {
    const r = await runCollect(
      engine,
      request(await wat(`(memory (export "memory") 2) (func (export "_start"))`), { limits: { maxMemoryBytes: 65536 } }),
    );
    expect(r.outcome).toEqual({ kind: 'error', stage: 'link', message: 'memory minimum size of 2 pages exceeds memory limits' });
  });
});

describe('filesystem changes through the sandbox', () => {
  const fsOps = new Uint8Array(readFileSync(new URL('./fixtures/fs-ops.wasm', import.meta.url)));
  function hostFs(): MemoryFs {
    const fs = new MemoryFs();
    fs.mkdir('/work/emptydir', { recursive: true });
    fs.writeFile('/work/old.txt', 'old');
    fs.writeFile('/work/a.txt', 'A');
    fs.writeFile('/work/keep.txt', 'keep');
    fs.mkdir('/elsewhere');
    fs.writeFile('/elsewhere/x.txt', 'x');
    return fs;
  }

  it('mkdir, create, unlink, rename, rmdir and append all come back and apply to the host', async () => {
    const fs = hostFs();
    const mounts: Mount[] = [{ hostPath: '/work', guestPath: '/data', readonly: false }];
    const image = buildSandboxImage(fs, mounts);
    const r = await runCollect(engine, request(fsOps, { args: ['fs-ops.wasm', '/data'], preopens: ['/data'], image }));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('done\n');
    applySandboxChanges(fs, mounts, r.changes);
    expect(fs.readdir('/work')).toEqual(['b.txt', 'keep.txt', 'new']);
    expect(fs.readText('/work/new/f.txt')).toBe('fresh');
    expect(fs.readText('/work/b.txt')).toBe('A');
    expect(fs.readText('/work/keep.txt')).toBe('keep+more');
    expect(fs.readText('/elsewhere/x.txt')).toBe('x');
    expect(r.changes.map((c) => `${c.kind} ${c.guestPath}`).sort()).toEqual(
      [
        'mkdir /data/new',
        'write /data/new/f.txt',
        'write /data/b.txt',
        'write /data/keep.txt',
        'remove /data/old.txt',
        'remove /data/a.txt',
        'remove /data/emptydir',
      ].sort(),
    );
  });

  it('a read-only grant refuses every change inside the guest (ENOTCAPABLE) and the host is untouched', async () => {
    const fs = hostFs();
    const mounts: Mount[] = [{ hostPath: '/work', guestPath: '/data', readonly: true }];
    const image = buildSandboxImage(fs, mounts);
    const r = await runCollect(engine, request(fsOps, { args: ['fs-ops.wasm', '/data'], preopens: ['/data'], readonlyPreopens: ['/data'], image }));
    expect(r.stderr).toContain('mkdir: Capabilities insufficient');
    expect(r.stderr).toContain('fopen: Capabilities insufficient');
    expect(r.outcome).toEqual({ kind: 'exit', code: 1 });
    expect(r.changes).toEqual([]);
    applySandboxChanges(fs, mounts, r.changes);
    expect(fs.readdir('/work')).toEqual(['a.txt', 'emptydir', 'keep.txt', 'old.txt']);
  });

  it('the same guest name granted twice counts once (no fd shift)', async () => {
    const fs = hostFs();
    const mounts: Mount[] = [{ hostPath: '/work', guestPath: '/data', readonly: false }];
    const image = buildSandboxImage(fs, mounts);
    const r = await runCollect(engine, request(fsOps, { args: ['fs-ops.wasm', '/data'], preopens: ['/data', '/data'], image }));
    expect(r.stdout).toBe('done\n');
    expect(r.trace.find((e) => e.fn === 'fd_prestat_dir_name')).toMatchObject({ args: { fd: 3, path: '/data' } });
  });

  it('a relative guest directory (--dir .) works and maps back', async () => {
    const fs = hostFs();
    const mounts: Mount[] = [{ hostPath: '/work', guestPath: '.', readonly: false }];
    const image = buildSandboxImage(fs, mounts);
    expect(image.files.map((f) => f.path).sort()).toEqual(['a.txt', 'keep.txt', 'old.txt']);
    const r = await runCollect(engine, request(fsOps, { args: ['fs-ops.wasm', '.'], preopens: ['.'], image }));
    expect(r.stdout).toBe('done\n');
    applySandboxChanges(fs, mounts, r.changes);
    expect(fs.readdir('/work')).toEqual(['b.txt', 'keep.txt', 'new']);
  });
});

describe('trace formatting', () => {
  it('renders strace-like lines and flags denials', async () => {
    const r = await runCollect(
      engine,
      request(
        await wat(`
      (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "../secret")
      (func (export "_start") (drop (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 9) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 200))))`),
        { preopens: ['/data'], image: { dirs: ['/data'], files: [] } },
      ),
    );
    const entry = r.trace.find((e) => e.fn === 'path_open')!;
    expect(entry).toMatchObject({ errno: 63, errnoName: 'EPERM', resolvedPath: '/secret', args: { fd: 3, path: '../secret' } });
    expect(isDenied(entry)).toBe(true);
    expect(formatTraceEntry(entry)).toBe('path_open(fd=3, dirflags=0, oflags=0, fdflags=0, path="../secret", write=false) = -1 EPERM  [/secret]');
  });
});

describe('watToWasm', () => {
  it('reports wabt diagnostics with file:line:col', async () => {
    await expect(watToWasm('(module\n  (fun $f))', 'bad.wat')).rejects.toThrow(/^bad\.wat:2:4: error: unexpected token "fun"/);
    await expect(watToWasm('(module (func (result i32) (i32.add (i32.const 1))))', 'v.wat')).rejects.toThrow(/v\.wat:1:\d+: error: type mismatch/);
  });
  it('compiles valid text that then runs', async () => {
    const bytes = await watToWasm(readFileSync(new URL('../../public/modules/hello.wat', import.meta.url), 'utf8'), 'hello.wat');
    const r = await runCollect(engine, request(bytes));
    expect(r.stdout).toBe('Hello, world!\n');
  });
});

describe('fuel and memory cap (instrumented modules)', () => {
  const mod = (name: string) => new Uint8Array(readFileSync(new URL(`../../public/modules/${name}.wasm`, import.meta.url)));

  it("spin-forever runs out of fuel with wasmtime's trap text, after its output", async () => {
    const r = await runCollect(engine, request(mod('spin-forever'), { limits: { fuel: 100_000 } }));
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'all fuel consumed by WebAssembly' });
    expect(r.stdout).toBe('spin-forever: looping forever; stop me with Ctrl-C\n');
  });

  it('enough fuel changes nothing: C and Rust modules give the same results metered', async () => {
    const cpu = await runCollect(engine, request(mod('cpu-bench'), { args: ['cpu-bench.wasm', '1'] }));
    const metered = await runCollect(engine, request(mod('cpu-bench'), { args: ['cpu-bench.wasm', '1'], limits: { fuel: 1e12 } }));
    expect(metered.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(metered.stdout).toBe(cpu.stdout);
    const starved = await runCollect(engine, request(mod('cpu-bench'), { args: ['cpu-bench.wasm', '1'], limits: { fuel: 10_000 } }));
    expect(starved.outcome).toMatchObject({ kind: 'trap', message: 'all fuel consumed by WebAssembly' });
    const rust = await runCollect(
      engine,
      request(mod('config-reader'), {
        limits: { fuel: 1e9 },
        preopens: ['/data'],
        image: { dirs: ['/data'], files: [{ path: '/data/config.json', data: new TextEncoder().encode('{}') }] },
      }),
    );
    expect(rust.stdout).toBe('Config: {}\n');
    expect(rust.outcome).toEqual({ kind: 'exit', code: 0 });
  });

  it("-W timeout in-process: spin-forever is interrupted with wasmtime's trap and a backtrace", async () => {
    const started = performance.now();
    const r = await runCollect(engine, request(mod('spin-forever'), { limits: { timeoutMs: 50 } }));
    const took = performance.now() - started;
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'interrupt' });
    // Not a performance budget: a deadline that fired seconds late (or early) would be a broken one.
    expect(took).toBeGreaterThanOrEqual(50);
    expect(took).toBeLessThan(3000);
    if (r.outcome.kind === 'trap') {
      expect(r.outcome.backtrace).toEqual([
        expect.stringMatching(/^ {4}0: +0x[0-9a-f]+ - spin_forever!spin$/),
        expect.stringMatching(/^ {4}1: +0x[0-9a-f]+ - spin_forever!_start$/),
      ]);
    }
    // Fuel and timeout together: whichever comes first.
    const both = await runCollect(engine, request(mod('spin-forever'), { limits: { timeoutMs: 10_000, fuel: 5_000_000 } }));
    expect(both.outcome).toMatchObject({ kind: 'trap', message: 'all fuel consumed by WebAssembly' });
    expect(both.trace.every((e) => e.args.fd !== (0x7dc0ffee | 0))).toBe(true);
    expect(both.trace.filter((e) => e.fn === 'fd_write')).toHaveLength(1);
  });

  it('a module with no import to meter through still runs out of fuel (unreachable fallback)', async () => {
    const bytes = await wat('(func (export "_start") (loop (br 0)))');
    const r = await runCollect(engine, request(bytes, { limits: { fuel: 1000 } }));
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'all fuel consumed by WebAssembly' });
  });

  it('a real unreachable under fuel is still reported as unreachable', async () => {
    const r = await runCollect(engine, request(mod('trap'), { limits: { fuel: 1_000_000 } }));
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'wasm `unreachable` instruction executed' });
  });

  it('memory.grow beyond max-memory-size returns -1, within it succeeds', async () => {
    const bytes = await wat(`(memory (export "memory") 1)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))`);
    const run = (pages: string) =>
      runCollect(engine, request(bytes, { invoke: { name: 'grow', args: [pages] }, limits: { maxMemoryBytes: 4 * 65536 } }));
    expect((await run('10')).invokeResults).toEqual(['-1']);
    expect((await run('3')).invokeResults).toEqual(['1']);
    const free = await runCollect(engine, request(bytes, { invoke: { name: 'grow', args: ['10'] } }));
    expect(free.invokeResults).toEqual(['1']);
  });
});

describe('start function (deferred past instantiation, instrument.ts)', () => {
  // Writes "started\n" through WASI from the start function: wasmtime gives it the memory to do so.
  const printing = `
    (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "started\\n")
    (func $init (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 8))
      (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
    (start $init)`;

  it('a start function that calls WASI reaches stdout, before _start runs', async () => {
    const bytes = await wat(`${printing}
      (data (i32.const 32) "main\\n")
      (func (export "_start") (i32.store (i32.const 0) (i32.const 32)) (i32.store (i32.const 4) (i32.const 5))
        (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))`);
    const r = await runCollect(engine, request(bytes));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe('started\nmain\n');
    expect(r.trace.map((e) => [e.fn, e.errnoName])).toEqual([
      ['fd_write', 'ESUCCESS'],
      ['fd_write', 'ESUCCESS'],
    ]);
  });

  it('with --invoke the start function runs first, and our export is not a function to invoke', async () => {
    const bytes = await wat(`${printing} (func (export "answer") (result i32) (i32.const 42))`);
    const r = await runCollect(engine, request(bytes, { invoke: { name: 'answer', args: [] } }));
    expect(r.stdout).toBe('started\n');
    expect(r.invokeResults).toEqual(['42']);
    const ours = await runCollect(engine, request(bytes, { invoke: { name: '__dojo_start', args: [] } }));
    expect(ours.outcome).toMatchObject({ kind: 'error', stage: 'export', message: 'no func export named `__dojo_start` found' });
  });

  it('backtrace offsets are those of the file as given, though the start section was moved', async () => {
    const src = `(func $s) (start $s) (func $main (export "_start") (unreachable))`;
    const bytes = await wat(src);
    // The offset V8 reports for the original bytes, where nothing was rewritten.
    let expected = -1;
    try {
      (new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).exports._start as () => void)();
    } catch (err) {
      expected = Number(/wasm-function\[\d+\]:(0x[0-9a-f]+)/.exec(String((err as Error).stack))![1]);
    }
    expect(expected).toBeGreaterThan(0);
    const r = await runCollect(engine, request(bytes));
    if (r.outcome.kind !== 'trap') throw new Error('expected a trap');
    expect(r.outcome.backtrace[0]).toContain(`0x${expected.toString(16)} - `);
  });

  it("a guest's own export named __dojo_start is the guest's: never called for it, invokable, and no clash with ours", async () => {
    const own = await wat(`${printing.replace('(start $init)', '(export "__dojo_start" (func $init))')} (func (export "_start"))`);
    const plain = await runCollect(engine, request(own));
    expect(plain.stdout).toBe('');
    expect((await runCollect(engine, request(own, { invoke: { name: '__dojo_start', args: [] } }))).stdout).toBe('started\n');
    const both = await wat(`${printing} (export "__dojo_start" (func $init)) (func (export "_start"))`);
    const r = await runCollect(engine, request(both));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe('started\n');
  });

  it('a trap in the start function is a trap with its frame; fuel and a start function combine', async () => {
    const trapping = await wat(`(func $boom (unreachable)) (start $boom) (func (export "_start"))`);
    const r = await runCollect(engine, request(trapping));
    expect(r.outcome).toMatchObject({ kind: 'trap', message: 'wasm `unreachable` instruction executed' });
    if (r.outcome.kind === 'trap') expect(r.outcome.backtrace[0]).toMatch(/boom/);
    const metered = await runCollect(engine, request(await wat(`${printing} (func (export "_start"))`), { limits: { fuel: 1_000_000 } }));
    expect(metered.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(metered.stdout).toBe('started\n');
  });
});
