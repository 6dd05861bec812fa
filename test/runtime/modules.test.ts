/**
 * Every precompiled module through the real @wasmer/wasi engine, with and without each grant,
 * checked against node:wasi running the same bytes with the same grants on a real directory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { applySandboxChanges, buildSandboxImage } from '../../src/runtime/sandbox';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import type { Mount, RunRequest, TraceEntry } from '../../src/runtime/types';
import { moduleBytes, request, runCollect, type Collected } from './helpers';
import { runOracle } from './oracle';

const engine = new WasmerEngine();
const enc = new TextEncoder();
const CONFIG = '{"greeting":"hello from the host"}\n';

beforeAll(() => engine.ready());

/** The learner's machine: ~/data holds the config, ~/secret must stay unreachable. */
function learnerFs(): MemoryFs {
  const fs = new MemoryFs();
  fs.mkdir('/home/learner/data', { recursive: true });
  fs.mkdir('/home/learner/secret', { recursive: true });
  fs.writeFile('/home/learner/data/config.json', CONFIG);
  fs.writeFile('/home/learner/secret/key.txt', 'hunter2');
  return fs;
}

async function runGranted(fs: MemoryFs, name: string, mounts: Mount[], extra: Partial<RunRequest> = {}): Promise<Collected> {
  const image = buildSandboxImage(fs, mounts);
  const r = await runCollect(
    engine,
    request(moduleBytes(name), { args: [`${name}.wasm`], preopens: mounts.map((m) => m.guestPath), image, ...extra }),
  );
  applySandboxChanges(fs, mounts, r.changes);
  return r;
}

const DATA: Mount = { hostPath: '/home/learner/data', guestPath: '/data', readonly: false };
const find = (trace: TraceEntry[], fn: string, pred: (e: TraceEntry) => boolean = () => true) => trace.filter((e) => e.fn === fn && pred(e));

describe('hello / args-echo / env-reader / upper / exit-with against node:wasi', () => {
  it('hello prints and exits 0, same as node:wasi', async () => {
    const wasm = moduleBytes('hello');
    const r = await runCollect(engine, request(wasm, { args: ['hello.wasm'] }));
    const o = await runOracle(wasm, { args: ['hello.wasm'] });
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe(o.stdout);
    expect(o.exit).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.changes).toEqual([]);
  });

  it('args-echo sees exactly argv, argv[0] first', async () => {
    const wasm = moduleBytes('args-echo');
    const args = ['args-echo.wasm', 'a b', '--flag', 'ü'];
    const r = await runCollect(engine, request(wasm, { args }));
    const o = await runOracle(wasm, { args });
    expect(r.stdout).toBe('argc: 4\nargv[0]: args-echo.wasm\nargv[1]: a b\nargv[2]: --flag\nargv[3]: ü\n');
    expect(r.stdout).toBe(o.stdout);
  });

  it('env-reader sees only granted variables', async () => {
    const wasm = moduleBytes('env-reader');
    const none = await runCollect(engine, request(wasm, { args: ['env-reader.wasm'] }));
    expect(none.stdout).toBe('(no environment variables were granted)\n');
    const env: Array<[string, string]> = [
      ['GREETING', 'hi'],
      ['MODE', 'dev'],
    ];
    const some = await runCollect(engine, request(wasm, { args: ['env-reader.wasm'], env }));
    const o = await runOracle(wasm, { args: ['env-reader.wasm'], env: Object.fromEntries(env) });
    expect(some.stdout).toBe('GREETING=hi\nMODE=dev\n');
    expect(some.stdout).toBe(o.stdout);
    const named = await runCollect(engine, request(wasm, { args: ['env-reader.wasm', 'GREETING', 'HOME'], env }));
    expect(named.stdout).toBe('GREETING=hi\nHOME is not set\n');
    expect(find(named.trace, 'environ_get')[0]?.args.names).toBe('GREETING,MODE');
  });

  it('upper turns stdin into upper-case stdout', async () => {
    const wasm = moduleBytes('upper');
    const r = await runCollect(engine, request(wasm, { args: ['upper.wasm'], stdin: enc.encode('hello wasm\n') }));
    const o = await runOracle(wasm, { args: ['upper.wasm'], stdin: 'hello wasm\n' });
    expect(r.stdout).toBe('HELLO WASM\n');
    expect(r.stdout).toBe(o.stdout);
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    const empty = await runCollect(engine, request(wasm, { args: ['upper.wasm'] }));
    expect(empty.stdout).toBe('');
    expect(empty.outcome).toEqual({ kind: 'exit', code: 0 });
  });

  it('exit-with returns the guest-chosen code and usage errors on stderr', async () => {
    const wasm = moduleBytes('exit-with');
    const r = await runCollect(engine, request(wasm, { args: ['exit-with.wasm', '42'] }));
    const o = await runOracle(wasm, { args: ['exit-with.wasm', '42'] });
    expect(r.outcome).toEqual({ kind: 'exit', code: 42 });
    expect(o.exit).toBe(42);
    expect(find(r.trace, 'proc_exit')[0]?.args.code).toBe(42);
    const bad = await runCollect(engine, request(wasm, { args: ['exit-with.wasm'] }));
    expect(bad.outcome).toEqual({ kind: 'exit', code: 2 });
    expect(bad.stderr).toMatch(/^usage: exit-with CODE/);
  });
});

describe('config-reader: the primer file-access pattern', () => {
  it('with --dir data::/data: reads config, writes output.txt back to the host dir only', async () => {
    const fs = learnerFs();
    const r = await runGranted(fs, 'config-reader', [DATA]);
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toBe(`Config: ${CONFIG}\n`);
    expect(fs.readText('/home/learner/data/output.txt')).toBe('processed data');
    expect(fs.readText('/home/learner/data/config.json')).toBe(CONFIG);
    expect(fs.readdir('/home/learner/secret')).toEqual(['key.txt']);
    expect(r.changes).toEqual([{ kind: 'write', guestPath: '/data/output.txt', data: enc.encode('processed data') }]);

    const open = find(r.trace, 'path_open', (e) => e.args.path === 'config.json')[0];
    expect(open).toMatchObject({ errno: 0, errnoName: 'ESUCCESS', resolvedPath: '/data/config.json', args: { fd: 3, write: false } });
    const write = find(r.trace, 'path_open', (e) => e.args.path === 'output.txt')[0];
    expect(write).toMatchObject({ errno: 0, resolvedPath: '/data/output.txt', args: { write: true } });
    expect(find(r.trace, 'fd_prestat_dir_name')[0]).toMatchObject({ args: { fd: 3, path: '/data' } });

    const o = await runOracle(moduleBytes('config-reader'), {
      args: ['config-reader.wasm'],
      grants: [{ guestPath: '/data', files: { 'config.json': CONFIG } }],
    });
    expect(r.stdout).toBe(o.stdout);
    expect(o.exit).toBe(0);
    expect(o.files['/data/output.txt']).toBe('processed data');
  });

  it('without a grant: no preopen exists, the read fails, the guest panics, nothing changes', async () => {
    const fs = learnerFs();
    const r = await runGranted(fs, 'config-reader', []);
    expect(r.outcome.kind).toBe('trap');
    if (r.outcome.kind === 'trap') {
      expect(r.outcome.message).toBe('wasm `unreachable` instruction executed');
      expect(r.outcome.backtrace.some((l) => l.includes('config_reader::main'))).toBe(true);
    }
    expect(r.stderr).toContain("panicked at 'Cannot read /data/config.json");
    // The capability is simply absent: the preopen scan ends at fd 3 and no path_open reaches the host.
    expect(find(r.trace, 'fd_prestat_get')).toEqual([expect.objectContaining({ args: { fd: 3 }, errnoName: 'EBADF' })]);
    expect(find(r.trace, 'path_open', (e) => e.errno === 0)).toEqual([]);
    expect(fs.exists('/home/learner/data/output.txt')).toBe(false);
    expect(r.changes).toEqual([]);

    const o = await runOracle(moduleBytes('config-reader'), { args: ['config-reader.wasm'] });
    expect(o.exit).toBe('trap');
    expect(r.stdout).toBe(o.stdout);
    expect(r.stderr).toBe(o.stderr);
  });

  it('a read-only mount: reading works, the write is refused inside the guest and nothing reaches the host', async () => {
    const fs = learnerFs();
    const r = await runGranted(fs, 'config-reader', [{ ...DATA, readonly: true }], { readonlyPreopens: ['/data'] });
    expect(r.stdout).toBe(`Config: ${CONFIG}\n`);
    expect(r.outcome.kind).toBe('trap');
    expect(find(r.trace, 'path_open', (e) => e.args.path === 'output.txt')[0]).toMatchObject({
      errnoName: 'ENOTCAPABLE',
      resolvedPath: '/data/output.txt',
    });
    expect(r.changes).toEqual([]);
    expect(fs.exists('/home/learner/data/output.txt')).toBe(false);
  });

  it('a read-only mount without guest-side enforcement still never writes back', async () => {
    const fs = learnerFs();
    const r = await runGranted(fs, 'config-reader', [{ ...DATA, readonly: true }]);
    expect(r.changes.length).toBe(1);
    expect(fs.exists('/home/learner/data/output.txt')).toBe(false);
  });

  it('granting the wrong directory as /data: the guest sees that one only', async () => {
    const fs = learnerFs();
    const r = await runGranted(fs, 'config-reader', [{ hostPath: '/home/learner/secret', guestPath: '/data', readonly: false }]);
    expect(r.outcome.kind).toBe('trap');
    const open = find(r.trace, 'path_open', (e) => e.args.path === 'config.json')[0];
    expect(open).toMatchObject({ errnoName: 'ENOENT', resolvedPath: '/data/config.json' });
    expect(fs.exists('/home/learner/secret/output.txt')).toBe(false);
  });
});

describe('escape-artist: the sandbox holds, same as node:wasi', () => {
  it('with no grants every attempt is denied, output identical to node:wasi', async () => {
    const wasm = moduleBytes('escape-artist');
    const r = await runCollect(engine, request(wasm, { args: ['escape-artist.wasm'] }));
    const o = await runOracle(wasm, { args: ['escape-artist.wasm'] });
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toContain('can see: no preopened directories');
    expect(r.stdout).toMatch(/escape-artist: 0 of \d+ attempts got through/);
    expect(r.stdout).toBe(o.stdout);
    expect(o.exit).toBe(0);
  });

  it('with /data and one variable: sees exactly those, every escape denied, same as node:wasi', async () => {
    const wasm = moduleBytes('escape-artist');
    const fs = learnerFs();
    const image = buildSandboxImage(fs, [DATA]);
    const r = await runCollect(engine, request(wasm, { args: ['escape-artist.wasm'], preopens: ['/data'], image, env: [['GREETING', 'hi']] }));
    const o = await runOracle(wasm, {
      args: ['escape-artist.wasm'],
      env: { GREETING: 'hi' },
      grants: [{ guestPath: '/data', files: { 'config.json': CONFIG } }],
    });
    expect(r.stdout).toContain('can see: preopen fd 3 -> /data (1 entry: config.json)');
    expect(r.stdout).toContain('can see: 1 environment variable: GREETING');
    expect(r.stdout).toMatch(/escape-artist: 0 of \d+ attempts got through/);
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    // Same things visible, same attempts denied. The errno differs on purpose for escapes that reach
    // the host: like wasmtime (cap-std) we answer `..` above the preopen and absolute paths with EPERM
    // ("Operation not permitted", wasmtime's WASI tutorial); node:wasi (uvwasi) says ENOTCAPABLE.
    const lines = (s: string) => s.split('\n').map((l) => l.replace(/\(errno \d+ \w+: [^)]*\)/, '(errno)'));
    expect(lines(r.stdout)).toEqual(lines(o.stdout));
    expect(r.stdout).toContain('try open /data/../etc/hostname: denied (errno 63 EPERM: Operation not permitted)');
    expect(r.stdout).toMatch(/try path_open\(fd 3, "\/etc\/hostname"\) bypassing libc: denied \(errno 63 EPERM/);
    expect(o.stdout).toContain('try open /data/../etc/hostname: denied (errno 76 ENOTCAPABLE');
    expect(find(r.trace, 'path_open', (e) => e.errnoName === 'EPERM').map((e) => e.resolvedPath)).toContain('/etc/hostname');
  });
});

describe('escape-artist with relative and multiple grants', () => {
  it('--dir . and a second dir: same visibility and denials as node:wasi (errno aside)', async () => {
    const wasm = moduleBytes('escape-artist');
    const fs = learnerFs();
    const mounts: Mount[] = [DATA, { hostPath: '/home/learner/secret', guestPath: '.', readonly: false }];
    const image = buildSandboxImage(fs, mounts);
    const r = await runCollect(engine, request(wasm, { args: ['escape-artist.wasm'], preopens: ['/data', '.'], image }));
    const o = await runOracle(wasm, {
      args: ['escape-artist.wasm'],
      grants: [
        { guestPath: '/data', files: { 'config.json': CONFIG } },
        { guestPath: '.', files: { 'key.txt': 'hunter2' } },
      ],
    });
    expect(r.stdout).toContain('can see: preopen fd 3 -> /data (1 entry: config.json)');
    expect(r.stdout).toContain('can see: preopen fd 4 -> . (1 entry: key.txt)');
    const lines = (s: string) => s.split('\n').map((l) => l.replace(/\(errno \d+ \w+: [^)]*\)/, '(errno)'));
    expect(lines(r.stdout)).toEqual(lines(o.stdout));
    expect(r.outcome).toEqual({ kind: 'exit', code: o.exit });
  });
});

describe('trap / cpu-bench', () => {
  it('trap: wasmtime message and a named backtrace', async () => {
    const r = await runCollect(engine, request(moduleBytes('trap'), { args: ['trap.wasm'] }));
    expect(r.outcome).toEqual({
      kind: 'trap',
      message: 'wasm `unreachable` instruction executed',
      backtrace: [
        expect.stringMatching(/^ {4}0: +0x[0-9a-f]+ - trap!fail_validation$/),
        expect.stringMatching(/^ {4}1: +0x[0-9a-f]+ - trap!check_input$/),
        expect.stringMatching(/^ {4}2: +0x[0-9a-f]+ - trap!_start$/),
      ],
    });
    const o = await runOracle(moduleBytes('trap'), { args: ['trap.wasm'] });
    expect(o.exit).toBe('trap');
  });

  it('cpu-bench computes the same digest as node:wasi', async () => {
    const wasm = moduleBytes('cpu-bench');
    const r = await runCollect(engine, request(wasm, { args: ['cpu-bench.wasm', '1'] }));
    const o = await runOracle(wasm, { args: ['cpu-bench.wasm', '1'] });
    expect(r.stdout).toMatch(/^sha256\(1 MiB\) = [0-9a-f]{64}\n$/);
    expect(r.stdout).toBe(o.stdout);
  });
});

describe('wagi-outbound: dojo_http host import', () => {
  const policy = {
    allowedHosts: ['https://api.example.com'],
    fixtures: { 'https://api.example.com/quote': { status: 200, headers: {}, body: 'be curious' } },
  };
  it('under plain wasmtime (no Spin host) the import is missing: link error', async () => {
    const r = await runCollect(engine, request(moduleBytes('wagi-outbound')));
    expect(r.outcome).toEqual({
      kind: 'error',
      stage: 'link',
      message: 'unknown import: `dojo_http::send` has not been defined',
      missingImport: { module: 'dojo_http', name: 'send', kind: 'func' },
    });
  });

  it('allowed host: answered from the fixture', async () => {
    const r = await runCollect(engine, request(moduleBytes('wagi-outbound'), { host: { outboundHttp: policy } }));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.stdout).toContain('Upstream https://api.example.com/quote answered 200:\nbe curious');
    expect(r.outbound).toEqual([{ url: 'https://api.example.com/quote', allowed: true, status: 200 }]);
    expect(find(r.trace, 'dojo_http::send')[0]).toMatchObject({ errno: 0, errnoName: 'OK', args: { method: 'GET' } });
  });

  it('host not in allowed_outbound_hosts: denied before anything is sent', async () => {
    const r = await runCollect(
      engine,
      request(moduleBytes('wagi-outbound'), {
        host: { outboundHttp: { ...policy, allowedHosts: ['https://other.example.com'] } },
      }),
    );
    expect(r.stdout).toContain('ErrorCode::HttpRequestDenied');
    expect(r.outbound).toEqual([{ url: 'https://api.example.com/quote', allowed: false }]);
    expect(find(r.trace, 'dojo_http::send')[0]).toMatchObject({ errno: 1, errnoName: 'DENIED' });
  });
});
