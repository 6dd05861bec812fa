// Checks the committed precompiled modules against public/modules/manifest.json, then runs each module
// once under Node's own WASI (node:wasi, the oracle) to pin down its basic behaviour.
//
// Imports are read here with WebAssembly.Module.imports; modules/manifest.mjs parses the import section by
// hand, so a bug in either shows up as a mismatch. Modules run in a child Node process each: a trap, an
// infinite loop or a native crash of node:wasi then cannot take the test runner down with it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modulesDir = join(root, 'public', 'modules');

interface ManifestEntry {
  name: string;
  file: string;
  purpose: string;
  source: string;
  language: string;
  size: number;
  sha256: string;
  imports: string[];
}

const manifest: ManifestEntry[] = JSON.parse(readFileSync(join(modulesDir, 'manifest.json'), 'utf8'));

function moduleBytes(file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(modulesDir, file)));
}

async function watToWasm(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await (await import('wabt')).default();
  const parsed = wabt.parseWat('hello.wat', text);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

async function wasmOf(entry: ManifestEntry): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = moduleBytes(entry.file);
  return entry.file.endsWith('.wat') ? watToWasm(new TextDecoder().decode(bytes)) : bytes;
}

describe('public/modules/manifest.json', () => {
  it('lists every module the lessons and commands rely on, once each', () => {
    const names = manifest.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of [
      'hello',
      'hello-wat',
      'config-reader',
      'env-reader',
      'args-echo',
      'upper',
      'exit-with',
      'trap',
      'spin-forever',
      'escape-artist',
      'cpu-bench',
      'wagi-hello',
      'wagi-outbound',
    ]) {
      expect(names).toContain(required);
    }
  });

  it('lists every .wasm and .wat file in public/modules', () => {
    const files = readdirSync(modulesDir).filter((f) => f.endsWith('.wasm') || f.endsWith('.wat'));
    expect(files.length).toBeGreaterThan(0);
    expect(manifest.map((e) => e.file).sort()).toEqual(files.sort());
  });

  describe.each(manifest.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    it('matches the committed file: size and sha256', () => {
      const bytes = moduleBytes(entry.file);
      expect(bytes.length).toBe(entry.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    });

    it('lists exactly the imports of the binary, in order', async () => {
      const module = await WebAssembly.compile(await wasmOf(entry));
      const actual = WebAssembly.Module.imports(module).map((i) =>
        i.kind === 'function' ? `${i.module}::${i.name}` : `${i.module}::${i.name} (${i.kind})`,
      );
      expect(entry.imports).toEqual(actual);
    });

    it('has a source in the repo with a one-line purpose, and is a command (_start + memory)', async () => {
      expect(existsSync(join(root, entry.source))).toBe(true);
      expect(entry.purpose.length).toBeGreaterThan(10);
      expect(entry.purpose).not.toContain('\n');
      expect(['C', 'Rust', 'WAT']).toContain(entry.language);
      const exports = WebAssembly.Module.exports(await WebAssembly.compile(await wasmOf(entry))).map((e) => e.name);
      expect(exports).toContain('_start');
      expect(exports).toContain('memory');
    });
  });

  it('keeps function names where backtraces need them and strips them elsewhere', async () => {
    const names = (file: string) => WebAssembly.Module.customSections(new WebAssembly.Module(moduleBytes(file)), 'name').length;
    expect(names('trap.wasm')).toBe(1);
    expect(names('config-reader.wasm')).toBe(1);
    for (const entry of manifest.filter((e) => e.language === 'C')) {
      expect(WebAssembly.Module.customSections(new WebAssembly.Module(moduleBytes(entry.file)), 'name')).toHaveLength(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Smoke runs under node:wasi. The runner is a small ES module run by a child `node`; it prints the guest's
// stdout/stderr through its own fds 1/2 and exits with the guest's status, or 134 on a trap (as wasmtime).

const RUNNER = `
import { WASI } from 'node:wasi';
import { openSync, readFileSync } from 'node:fs';
const cfg = JSON.parse(process.env.DOJO_RUN);
const bytes = readFileSync(cfg.file);
const wasi = new WASI({
  version: 'preview1', args: cfg.args, env: cfg.env, preopens: cfg.preopens, returnOnExit: true,
  stdin: cfg.stdinFile ? openSync(cfg.stdinFile, 'r') : 0,
});
const module = await WebAssembly.compile(bytes);
let instance;
// dojo_http::send, ABI v1 as specified in modules/abi/dojo_http.md (allow list = exact origins here).
const dojo_http = {
  send(urlPtr, urlLen, methodPtr, methodLen, bodyPtr, bodyCap, statusOut, bodyLenOut) {
    const buf = instance.exports.memory.buffer;
    const view = new DataView(buf);
    const text = (p, n) => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buf, p >>> 0, n >>> 0));
    view.setUint32(statusOut >>> 0, 0, true);
    view.setUint32(bodyLenOut >>> 0, 0, true);
    const url = text(urlPtr, urlLen);
    const method = text(methodPtr, methodLen);
    process.stderr.write('[host] dojo_http::send ' + method + ' ' + url + '\\n');
    if (!cfg.http.allowed.includes(new URL(url).origin)) return 1;
    const answer = cfg.http.fixtures[url];
    if (!answer) return 2;
    const body = new TextEncoder().encode(answer.body);
    new Uint8Array(buf, bodyPtr >>> 0, Math.min(body.length, bodyCap >>> 0)).set(body.subarray(0, bodyCap >>> 0));
    view.setUint32(statusOut >>> 0, answer.status, true);
    view.setUint32(bodyLenOut >>> 0, body.length, true);
    return 0;
  },
};
instance = await WebAssembly.instantiate(module, { ...wasi.getImportObject(), dojo_http });
try {
  process.exitCode = wasi.start(instance);
} catch (error) {
  process.stderr.write('[trap] ' + error.stack + '\\n');
  process.exitCode = 134;
}
`;

interface RunOptions {
  args?: string[];
  env?: Record<string, string>;
  preopens?: Record<string, string>;
  stdin?: string | Uint8Array;
  http?: { allowed: string[]; fixtures: Record<string, { status: number; body: string }> };
  timeoutMs?: number;
}

interface RunOutput {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

let scratch = '';
let runnerPath = '';
let wabtHelloPath = '';

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'dojo-modules-'));
  runnerPath = join(scratch, 'runner.mjs');
  writeFileSync(runnerPath, RUNNER);
  wabtHelloPath = join(scratch, 'hello-from-wat.wasm');
  writeFileSync(wabtHelloPath, await watToWasm(readFileSync(join(modulesDir, 'hello.wat'), 'utf8')));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function run(file: string, options: RunOptions = {}): RunOutput {
  const path = file.startsWith('/') ? file : join(modulesDir, file);
  let stdinFile: string | undefined;
  if (options.stdin !== undefined) {
    stdinFile = join(scratch, `stdin-${Math.random().toString(36).slice(2)}`);
    writeFileSync(stdinFile, options.stdin);
  }
  const config = {
    file: path,
    args: [file.split('/').pop(), ...(options.args ?? [])],
    env: options.env ?? {},
    preopens: options.preopens ?? {},
    stdinFile,
    http: options.http ?? { allowed: [], fixtures: {} },
  };
  const result = spawnSync(process.execPath, ['--no-warnings', runnerPath], {
    env: { DOJO_RUN: JSON.stringify(config) },
    timeout: options.timeoutMs ?? 15000,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status, signal: result.signal };
}

function freshDataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'data-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('modules under node:wasi', () => {
  it('hello prints exactly "Hello, world!"', () => {
    expect(run('hello.wasm')).toMatchObject({ stdout: 'Hello, world!\n', stderr: '', code: 0 });
  });

  it('hello.wat compiles (wabt) and prints the same', () => {
    expect(run(wabtHelloPath)).toMatchObject({ stdout: 'Hello, world!\n', code: 0 });
  });

  it('args-echo prints argc and each argv entry verbatim', () => {
    const out = run('args-echo.wasm', { args: ['one', 'two words', ''] });
    expect(out.stdout).toBe('argc: 4\nargv[0]: args-echo.wasm\nargv[1]: one\nargv[2]: two words\nargv[3]: \n');
    expect(out.code).toBe(0);
  });

  it('env-reader sees only granted variables', () => {
    const named = run('env-reader.wasm', { args: ['GREETING', 'HOME'], env: { GREETING: 'hi there' } });
    expect(named).toMatchObject({ stdout: 'GREETING=hi there\nHOME is not set\n', code: 0 });
    expect(run('env-reader.wasm', { env: { A: '1', B: 'x=y' } }).stdout).toBe('A=1\nB=x=y\n');
    expect(run('env-reader.wasm').stdout).toBe('(no environment variables were granted)\n');
  });

  it('upper streams a large stdin to uppercase, leaving non-ASCII bytes alone', () => {
    const line = 'the quick brown fox — jumps över 42 lazy dogs\n';
    const input = line.repeat(6000); // ~300 KB: several 64 KiB reads
    const out = run('upper.wasm', { stdin: input });
    expect(out.code).toBe(0);
    expect(out.stdout.length).toBe(input.length);
    expect(out.stdout).toBe(input.replace(/[a-z]/g, (c) => c.toUpperCase()));
  });

  it('exit-with exits with the code it is given, and rejects bad input with status 2', () => {
    expect(run('exit-with.wasm', { args: ['7'] })).toMatchObject({ stdout: '', code: 7 });
    expect(run('exit-with.wasm', { args: ['0'] }).code).toBe(0);
    const bad = run('exit-with.wasm', { args: ['seven'] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'seven' is not an exit code");
    expect(run('exit-with.wasm').code).toBe(2);
  });

  it('trap hits unreachable inside named functions', () => {
    const out = run('trap.wasm');
    expect(out.code).toBe(134);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('RuntimeError: unreachable');
    expect(out.stderr).toMatch(/trap\.fail_validation[\s\S]*trap\.check_input[\s\S]*trap\._start/);
  });

  it('spin-forever announces itself and never finishes on its own', () => {
    const out = run('spin-forever.wasm', { timeoutMs: 1500 });
    expect(out.stdout).toBe('spin-forever: looping forever; stop me with Ctrl-C\n');
    expect(out.signal).toBe('SIGTERM');
    expect(out.code).toBeNull();
  });

  it('config-reader with /data granted prints the config and writes output.txt', () => {
    const data = freshDataDir({ 'config.json': '{"mode":"dojo"}' });
    const out = run('config-reader.wasm', { preopens: { '/data': data } });
    expect(out).toMatchObject({ stdout: 'Config: {"mode":"dojo"}\n', stderr: '', code: 0 });
    expect(readFileSync(join(data, 'output.txt'), 'utf8')).toBe('processed data');
  });

  it('config-reader without the grant panics naming the grant, then traps (Rust panic = abort)', () => {
    const out = run('config-reader.wasm');
    expect(out.stdout).toBe('');
    expect(out.code).toBe(134);
    const [panicLine, noteLine] = out.stderr.split('\n');
    // Rust 1.63's panic format: thread 'main' panicked at '<msg>: <Debug of error>', <file>:<line>:<col>
    expect(panicLine).toBe(
      "thread 'main' panicked at 'Cannot read /data/config.json — was --dir=/data granted?: " +
        'Custom { kind: Uncategorized, error: "failed to find a pre-opened file descriptor through which ' +
        '\\"/data/config.json\\" could be opened" }\', src/main.rs:14:10',
    );
    expect(noteLine).toBe('note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace');
    expect(out.stderr).toContain('RuntimeError: unreachable');
  });

  it('config-reader with /data granted but no config.json panics with the OS error', () => {
    const out = run('config-reader.wasm', { preopens: { '/data': freshDataDir({}) } });
    expect(out.code).toBe(134);
    expect(out.stderr).toContain("panicked at 'Cannot read /data/config.json — was --dir=/data granted?: Os { code: 44");
  });

  it('escape-artist lists what it can see and is denied every escape, deterministically', () => {
    const data = freshDataDir({ 'b.txt': 'b', 'a.txt': 'a' });
    const first = run('escape-artist.wasm', { preopens: { '/data': data }, env: { LANG: 'C' } });
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toContain('can see: preopen fd 3 -> /data (2 entries: a.txt, b.txt)');
    expect(lines).toContain('can see: 1 environment variable: LANG');
    for (const target of [
      'open /data/../etc/hostname',
      'open /etc/hostname',
      'open /home/learner/README.txt',
      'list /',
      'path_open(fd 3, "/etc/hostname") bypassing libc',
      'path_open(fd 3, "../../etc/hostname") bypassing libc',
    ]) {
      expect(lines.find((l) => l.startsWith(`try ${target}: `))).toMatch(/: denied \(errno \d+ E[A-Z]+: .+\)$/);
    }
    for (const name of ['HOME', 'PATH', 'AWS_SECRET_ACCESS_KEY']) {
      expect(lines).toContain(`try env ${name}: not set (the host did not grant it)`);
    }
    expect(lines.at(-1)).toBe('escape-artist: 0 of 9 attempts got through');
    expect(run('escape-artist.wasm', { preopens: { '/data': data }, env: { LANG: 'C' } }).stdout).toBe(first.stdout);
  });

  it('escape-artist reports a granted variable as ALLOWED and exits 1', () => {
    const out = run('escape-artist.wasm', { env: { HOME: '/home/learner' } });
    expect(out.stdout).toContain('can see: no preopened directories (no --dir was granted)');
    expect(out.stdout).toContain('try env HOME: ALLOWED (13 characters; it was granted)');
    expect(out.stdout).toContain('escape-artist: 1 of 9 attempts got through');
    // With no preopen, fd 3 is no handle at all: the host answers EBADF.
    expect(out.stdout).toContain('try path_open(fd 3, "/etc/hostname") bypassing libc: denied (errno 8 EBADF: Bad file descriptor)');
    expect(out.code).toBe(1);
  });

  it('cpu-bench prints the SHA-256 of its generated data, the same digest Node computes', () => {
    const out = run('cpu-bench.wasm', { args: ['1'] });
    expect(out.code).toBe(0);
    const data = new Uint8Array(1024 * 1024);
    let state = 0x2545f491;
    for (let i = 0; i < data.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      data[i] = state >>> 24;
    }
    expect(out.stdout).toBe(`sha256(1 MiB) = ${createHash('sha256').update(data).digest('hex')}\n`);
    expect(run('cpu-bench.wasm', { args: ['0'] }).code).toBe(2);
  });

  it('wagi-hello answers a WAGI request with headers, blank line and body', () => {
    const out = run('wagi-hello.wasm', {
      env: {
        REQUEST_METHOD: 'POST',
        X_FULL_URL: 'http://127.0.0.1:3000/hello/there?name=dojo',
        SCRIPT_NAME: '/hello',
        PATH_INFO: '/there',
        QUERY_STRING: 'name=dojo',
        HTTP_USER_AGENT: 'curl/8.5.0',
        HTTP_HOST: '127.0.0.1:3000',
      },
      stdin: 'ping',
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      'content-type: text/plain\n\n' +
        'Hello from Wasm! You asked for POST /hello/there\n' +
        'Query string: name=dojo\n' +
        'User-Agent: curl/8.5.0\n' +
        'Request headers seen: 2\n' +
        'You sent 4 bytes: ping\n',
    );
    const plain = run('wagi-hello.wasm', { env: { REQUEST_METHOD: 'GET', SCRIPT_NAME: '/hello', PATH_INFO: '' } });
    expect(plain.stdout).toBe('content-type: text/plain\n\nHello from Wasm! You asked for GET /hello\n');
  });

  describe('wagi-outbound through dojo_http::send', () => {
    const fixtures = { 'https://api.example.com/quote': { status: 200, body: 'Simplicity is prerequisite for reliability.' } };

    it('relays an allowed answer', () => {
      const out = run('wagi-outbound.wasm', { http: { allowed: ['https://api.example.com'], fixtures } });
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(
        'content-type: text/plain\n\n' + 'Upstream https://api.example.com/quote answered 200:\n' + 'Simplicity is prerequisite for reliability.\n',
      );
      expect(out.stderr).toContain('[host] dojo_http::send GET https://api.example.com/quote');
    });

    it('answers 500 with an explanation when the host denies the destination', () => {
      const out = run('wagi-outbound.wasm', { http: { allowed: [], fixtures } });
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(
        'status: 500\ncontent-type: text/plain\n\n' +
          'ErrorCode::HttpRequestDenied\n' +
          "The request to https://api.example.com/quote was denied: https://api.example.com is not in this component's allowed_outbound_hosts.\n" +
          'To allow it, add "https://api.example.com" to allowed_outbound_hosts in spin.toml.\n',
      );
    });

    it('uses OUTBOUND_URL and answers 502 when the host has no answer', () => {
      const out = run('wagi-outbound.wasm', {
        env: { OUTBOUND_URL: 'https://other.example.com/x' },
        http: { allowed: ['https://other.example.com'], fixtures },
      });
      expect(out.stdout).toBe(
        'status: 502\ncontent-type: text/plain\n\nThe outbound request to https://other.example.com/x failed (dojo_http error 2).\n',
      );
    });

    it('truncates an answer larger than its 64 KiB buffer and says so', () => {
      const big = 'x'.repeat(70000);
      const out = run('wagi-outbound.wasm', {
        http: { allowed: ['https://api.example.com'], fixtures: { 'https://api.example.com/quote': { status: 200, body: big } } },
      });
      expect(out.stdout).toContain(`${'x'.repeat(65536)}\n[truncated: upstream sent 70000 bytes, showing 65536]\n`);
    });
  });
});

// cpu-bench is the bench's yardstick across engines, so its answer must not depend on the WASI host.
// Run it in-process under the two browser implementations the app ships or measures against.
describe('same answer under every WASI implementation we use', () => {
  async function underShim(file: string, args: string[]): Promise<{ stdout: string; code: number }> {
    const { WASI, OpenFile, File, ConsoleStdout } = await import('@bjorn3/browser_wasi_shim');
    let stdout = '';
    const decoder = new TextDecoder();
    const fds = [
      new OpenFile(new File([])),
      new ConsoleStdout((bytes: Uint8Array) => (stdout += decoder.decode(bytes, { stream: true }))),
      new ConsoleStdout(() => {}),
    ];
    const wasi = new WASI([file, ...args], [], fds, { debug: false });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(moduleBytes(file)), {
      wasi_snapshot_preview1: wasi.wasiImport,
    });
    const code = wasi.start(instance as unknown as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
    return { stdout, code };
  }

  async function underWasmer(file: string, args: string[]): Promise<{ stdout: string; code: number }> {
    const { init, WASI } = await import('@wasmer/wasi');
    await init();
    const wasi = new WASI({ args: [file, ...args], env: {} });
    try {
      const instance = wasi.instantiate(await WebAssembly.compile(moduleBytes(file)), {});
      const code = wasi.start(instance);
      return { stdout: wasi.getStdoutString(), code };
    } finally {
      wasi.free();
    }
  }

  it('cpu-bench: node:wasi, @bjorn3/browser_wasi_shim and @wasmer/wasi print the same digest', async () => {
    const oracle = run('cpu-bench.wasm', { args: ['2'] });
    expect(oracle.stdout).toMatch(/^sha256\(2 MiB\) = [0-9a-f]{64}\n$/);
    expect(await underShim('cpu-bench.wasm', ['2'])).toEqual({ stdout: oracle.stdout, code: 0 });
    expect(await underWasmer('cpu-bench.wasm', ['2'])).toEqual({ stdout: oracle.stdout, code: 0 });
  });

  it('hello: the same bytes everywhere', async () => {
    expect(await underShim('hello.wasm', [])).toEqual({ stdout: 'Hello, world!\n', code: 0 });
    expect(await underWasmer('hello.wasm', [])).toEqual({ stdout: 'Hello, world!\n', code: 0 });
  });
});
