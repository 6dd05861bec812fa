/**
 * wasmedge: pure parser/format tests, then the real command on the real WasmerEngine and modules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmerEngine } from '../../runtime/wasmer-engine';
import { makeCommandRig, type CommandRig } from '../../../test/support/command-context';
import { moduleBytes } from '../../../test/support/modules';
import { describeGrants, parseEdgeDir, parseWasmedgeArgs } from './args';
import { innermostOffset, logLine, timestamp, trapLines } from './errors';
import { wasmedgeCommand } from './index';
import { checkReactorArgs, edgeArgv0 } from './run';

const argv = (line: string) => ['wasmedge', ...line.split(' ').filter(Boolean)];
const TS = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] /;
/** Log lines without their timestamps, for exact comparison. */
const untimed = (s: string) => s.replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] /gm, '');

describe('wasmedge argument parsing', () => {
  it('parses --dir GUEST:HOST[:readonly] with the guest first', () => {
    expect(parseEdgeDir('/data')).toEqual({ guest: '/data', host: '/data', readonly: false });
    expect(parseEdgeDir('/data:./data')).toEqual({ guest: '/data', host: './data', readonly: false });
    expect(parseEdgeDir('/data:./data:readonly')).toEqual({ guest: '/data', host: './data', readonly: true });
    expect(parseEdgeDir('.:.:ro')).toEqual({ guest: '.', host: '.', readonly: false });
  });

  it('options before the file, --opt=value and --opt value, rest to the guest', () => {
    const p = parseWasmedgeArgs(argv('--dir=/data --env K=V --time-limit 50 app.wasm --dir x'));
    expect(p).toMatchObject({
      kind: 'run',
      args: { file: 'app.wasm', fileIndex: 6, rest: ['--dir', 'x'], timeLimitMs: 50, envs: [{ name: 'K', value: 'V' }] },
    });
    expect(parseWasmedgeArgs(argv('run --reactor m.wasm add 1 2'))).toMatchObject({ args: { reactor: true, rest: ['add', '1', '2'] } });
    expect(parseWasmedgeArgs(argv('-- --weird.wasm'))).toMatchObject({ args: { file: '--weird.wasm' } });
  });

  it('help, version, unknown options, missing values and missing file', () => {
    expect(parseWasmedgeArgs(argv('--version'))).toEqual({ kind: 'version' });
    expect(parseWasmedgeArgs(argv('-v'))).toEqual({ kind: 'version' });
    expect(parseWasmedgeArgs(argv('-h'))).toEqual({ kind: 'help' });
    expect(parseWasmedgeArgs(argv('--mapdir /a::/b x.wasm'))).toEqual({ kind: 'unknown-option', name: 'mapdir' });
    expect(parseWasmedgeArgs(argv('--dir'))).toEqual({ kind: 'missing-file' });
    expect(parseWasmedgeArgs(argv('--dir app.wasm'))).toEqual({ kind: 'missing-file' });
    expect(parseWasmedgeArgs(argv('--gas-limit lots x.wasm'))).toEqual({
      kind: 'bad-value',
      name: 'gas-limit',
      value: 'lots',
      message: 'invalid integer value: lots',
    });
    expect(parseWasmedgeArgs(argv('--reactor=1 x.wasm'))).toMatchObject({ message: "option reactor doesn't need arguments." });
    expect(parseWasmedgeArgs(argv('-dir /data x.wasm'))).toEqual({ kind: 'unknown-option', name: 'd' });
    expect(parseWasmedgeArgs(argv('x.wasm --version'))).toMatchObject({ kind: 'run', args: { rest: ['--version'] } });
    expect(parseWasmedgeArgs(argv('-h --version'))).toEqual({ kind: 'version' });
    expect(parseWasmedgeArgs(argv('--dir /data run x.wasm'))).toMatchObject({ kind: 'run', args: { file: 'x.wasm', dirs: [{ guest: '/data' }] } });
    expect(parseWasmedgeArgs(argv('--dir /data'))).toEqual({ kind: 'missing-file' });
    expect(parseWasmedgeArgs(argv('compile a.wasm a.so'))).toEqual({ kind: 'subcommand', name: 'compile', rest: ['a.wasm', 'a.so'] });
  });

  it('describeGrants lists dirs (with readonly) and envs', () => {
    expect(describeGrants(argv('--dir /data:./data:readonly --env A=1 x.wasm --env B=2'))).toEqual([
      { kind: 'dir', text: '--dir /data:./data:readonly', tokenIndexes: [1, 2], hostPath: './data', guestPath: '/data', readonly: true },
      { kind: 'env', text: '--env A=1', tokenIndexes: [3, 4], name: 'A' },
    ]);
    expect(describeGrants(argv('--bogus x.wasm'))).toEqual([]);
  });
});

describe('wasmedge output formats', () => {
  it('formats spdlog lines, coloured only on a terminal', () => {
    const d = new Date(2026, 0, 2, 3, 4, 5, 6);
    expect(timestamp(d)).toBe('2026-01-02 03:04:05.006');
    expect(logLine('error', 'x', false, d)).toBe('[2026-01-02 03:04:05.006] [error] x\n');
    expect(logLine('error', 'x', true, d)).toBe('[2026-01-02 03:04:05.006] [\x1b[31m\x1b[1merror\x1b[m] x\n');
  });

  it('maps traps to WasmEdge codes', () => {
    expect(trapLines('wasm `unreachable` instruction executed', '_start', 0x1234)).toEqual([
      'execution failed: unreachable, Code: 0x40a',
      '    In instruction: unreachable (0x00) , Bytecode offset: 0x00001234',
      '    When executing function name: "_start"',
    ]);
    expect(trapLines('out of bounds memory access', 'f')[0]).toBe('execution failed: out of bounds memory access, Code: 0x408');
    expect(trapLines('all fuel consumed by WebAssembly', 'f')[0]).toBe('wasmedge runtime failed: cost limit exceeded, Code: 0x003');
    expect(trapLines('interrupt', 'f')[0]).toBe('wasmedge runtime failed: execution interrupted, Code: 0x007');
    expect(innermostOffset(['    0:     0x5d - trap!f'])).toBe(0x5d);
    expect(innermostOffset([])).toBeUndefined();
  });

  it('names the guest after the file with a .wasm extension and checks reactor args', () => {
    expect(edgeArgv0('/x/app.so')).toBe('app.wasm');
    expect(edgeArgv0('hello.wasm')).toBe('hello.wasm');
    const t = { params: ['i32', 'i32'] as const, results: ['i32'] as const };
    const type = { params: [...t.params], results: [...t.results] };
    expect(checkReactorArgs('add', type, ['1'])).toBe('function `add` expects 2 argument(s), got 1');
    expect(checkReactorArgs('add', type, ['1', 'x'])).toBe("Invalid argument 'x' for parameter 2: expected i32");
    expect(checkReactorArgs('add', type, ['1', '2'])).toBeUndefined();
    // std::stol reads a leading number; extra arguments are ignored.
    expect(checkReactorArgs('add', type, ['1', '2x', '3'])).toBeUndefined();
  });
});

const engine = new WasmerEngine();
const HOME = '/home/learner';
beforeAll(async () => {
  await engine.ready();
});

function freshRig(): CommandRig {
  const rig = makeCommandRig(engine);
  for (const name of ['hello.wasm', 'hello.wat', 'config-reader.wasm', 'trap.wasm', 'env-reader.wasm', 'exit-with.wasm'])
    rig.fs.writeFile(`${HOME}/${name}`, moduleBytes(name));
  rig.fs.mkdir('/data');
  rig.fs.writeFile('/data/config.json', '{"edge":true}');
  return rig;
}
const we = (rig: CommandRig, line: string, opts?: Parameters<CommandRig['exec']>[2]) => rig.exec(wasmedgeCommand, argv(line), opts);

describe('wasmedge runs real modules', () => {
  it('runs hello.wasm', async () => {
    const rig = freshRig();
    expect(await we(rig, 'hello.wasm')).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
    expect(rig.runs[0]!.command).toBe('wasmedge hello.wasm');
  });

  it('the primer form --dir /data maps guest /data to host /data; output is written back', async () => {
    const rig = freshRig();
    const r = await we(rig, '--dir /data config-reader.wasm');
    expect(r).toEqual({ code: 0, stdout: 'Config: {"edge":true}\n', stderr: '' });
    expect(rig.fs.readText('/data/output.txt')).toBe('processed data');
  });

  it('GUEST:HOST maps a relative host dir', async () => {
    const rig = freshRig();
    rig.fs.mkdir(`${HOME}/cfg`);
    rig.fs.writeFile(`${HOME}/cfg/config.json`, '1');
    expect((await we(rig, '--dir /data:./cfg config-reader.wasm')).stdout).toBe('Config: 1\n');
    expect(rig.fs.readText(`${HOME}/cfg/output.txt`)).toBe('processed data');
  });

  it(':readonly mounts: the guest can read, its write fails inside the guest, nothing is written back', async () => {
    const rig = freshRig();
    const r = await we(rig, '--dir /data:/data:readonly config-reader.wasm');
    expect(r.stdout).toContain('Config: {"edge":true}');
    expect(r.stderr).toContain('Cannot create /data/output.txt');
    expect(r.code).toBe(134);
    expect(untimed(r.stdout)).toContain('[error] execution failed: unreachable, Code: 0x40a\n');
    expect(rig.fs.exists('/data/output.txt')).toBe(false);
  });

  it('a missing host dir is logged and skipped; the guest then fails on its own', async () => {
    const rig = freshRig();
    const r = await we(rig, '--dir /nope config-reader.wasm');
    expect(r.code).toBe(134);
    const lines = untimed(r.stdout).split('\n');
    expect(lines[0]).toBe('[error] Bind guest directory failed:No such file or directory.');
    expect(r.stdout).toMatch(TS);
    expect(r.stderr).toContain("panicked at 'Cannot read /data/config.json");
    expect(untimed(r.stdout)).toContain('[error] execution failed: unreachable, Code: 0x40a\n');
    expect(untimed(r.stdout)).toMatch(
      /\[error\]     In instruction: unreachable \(0x00\) , Bytecode offset: 0x[0-9a-f]{8}\n\[error\]     When executing function name: "_start"\n$/,
    );
  });

  it('a swapped --dir gets a dojo hint', async () => {
    const rig = freshRig();
    const r = await we(rig, '--dir /data:/guest hello.wasm');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('dojo: WasmEdge reads --dir GUEST:HOST (guest first); to mount host /data at /guest write --dir /guest:/data.\n');
  });

  it('env: only --env NAME=VALUE', async () => {
    const rig = freshRig();
    rig.env.set('USER', 'me', { exported: true });
    expect((await we(rig, '--env KEY=v env-reader.wasm KEY USER')).stdout).toBe('KEY=v\nUSER is not set\n');
  });

  it('exit codes pass through (no 126 limit), traps exit 134', async () => {
    const rig = freshRig();
    expect((await we(rig, 'exit-with.wasm 200')).code).toBe(200);
    const t = await we(rig, 'trap.wasm');
    expect(t.code).toBe(134);
    expect(untimed(t.stdout)).toMatch(/^\[error\] execution failed: unreachable, Code: 0x40a\n/);
  });

  it('--time-limit and --gas-limit stop a runaway guest (exit 134)', async () => {
    const rig = freshRig();
    rig.fs.writeFile(`${HOME}/spin-forever.wasm`, moduleBytes('spin-forever.wasm'));
    const t = await we(rig, '--time-limit 100 spin-forever.wasm');
    expect(t.code).toBe(134);
    expect(untimed(t.stdout)).toMatch(
      /\[error\] wasmedge runtime failed: execution interrupted, Code: 0x007\n\[error\]     When executing function name: "_start"\n$/,
    );
    const g = await we(rig, '--gas-limit 100000 spin-forever.wasm');
    expect(g.code).toBe(134);
    expect(untimed(g.stdout)).toMatch(/\[error\] wasmedge runtime failed: cost limit exceeded, Code: 0x003\n/);
  });

  it('reactor mode calls a function and prints its results', async () => {
    const rig = freshRig();
    const wat =
      '(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))';
    const { watToWasm } = await import('../../runtime/wat');
    rig.fs.writeFile(`${HOME}/add.wasm`, await watToWasm(wat, 'add.wat'));
    expect(await we(rig, '--reactor add.wasm add 2 3')).toEqual({ code: 0, stdout: '5\n', stderr: '' });
    // No _start: reactor mode is automatic.
    expect((await we(rig, 'add.wasm add 40 2')).stdout).toBe('42\n');
    expect(await we(rig, '--reactor add.wasm')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'A function name is required when reactor mode is enabled.\n',
    });
    expect(await we(rig, '--reactor add.wasm sub 1 2')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Function "sub" not found in the module export list.\n',
    });
    // Results as runtimeTool.cpp prints them: i32/i64 read as unsigned, floats with the stream's %g.
    expect((await we(rig, '--reactor add.wasm add -5 2')).stdout).toBe('4294967293\n');
    const calc = `(module (func (export "big") (result i64) (i64.const -1)) (func (export "million") (result f32) (f32.const 1000000))
      (func (export "third") (result f64) (f64.div (f64.const 1) (f64.const 3))) (func (export "tiny") (result f64) (f64.const 0.00001234))
      (func (export "two") (result i32 f64) (i32.const 7) (f64.const 2.5)))`;
    rig.fs.writeFile(`${HOME}/calc.wasm`, await watToWasm(calc, 'calc.wat'));
    expect((await we(rig, '--reactor calc.wasm big')).stdout).toBe('18446744073709551615\n');
    expect((await we(rig, '--reactor calc.wasm million')).stdout).toBe('1e+06\n');
    expect((await we(rig, '--reactor calc.wasm third')).stdout).toBe('0.333333\n');
    expect((await we(rig, '--reactor calc.wasm tiny')).stdout).toBe('1.234e-05\n');
    expect((await we(rig, '--reactor calc.wasm two')).stdout).toBe('7\n2.5\n');
    const few = await we(rig, 'add.wasm add 1');
    expect(few.code).toBe(1);
    expect(untimed(few.stdout)).toBe('[error] function `add` expects 2 argument(s), got 1\n');
    const jit = await we(rig, '--enable-jit hello.wasm');
    expect(untimed(jit.stdout)).toBe('[warning] --enable-jit is deprecated, use --run-mode=jit instead.\nHello, world!\n');
  });
});

describe('wasmedge error paths', () => {
  it('missing file: invalid path with the absolute file name', async () => {
    const rig = freshRig();
    const r = await we(rig, 'nope.wasm');
    expect(r.code).toBe(1);
    expect(untimed(r.stdout)).toBe('[error] loading failed: invalid path, Code: 0x100\n[error]     File name: "/home/learner/nope.wasm"\n');
  });

  it('--log-level filters the log lines: off and fatal hide errors, error hides warnings; the exit code stays', async () => {
    const rig = freshRig();
    expect(await we(rig, '--log-level=off nope.wasm')).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(await we(rig, '--log-level fatal nope.wasm')).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(untimed((await we(rig, '--log-level=error nope.wasm')).stdout)).toMatch(/^\[error\] loading failed: invalid path/);
    const jit = await we(rig, '--log-level=error --enable-jit hello.wasm');
    expect(jit.stdout).toBe('Hello, world!\n');
    expect(untimed((await we(rig, '--log-level=warning --enable-jit hello.wasm')).stdout)).toMatch(/^\[warning\] --enable-jit is deprecated/);
    expect(untimed((await we(rig, '--log-level=bogus nope.wasm')).stdout)).toMatch(/^\[error\] loading failed/);
  });

  it('garbage and .wat text fail the magic check', async () => {
    const rig = freshRig();
    rig.fs.writeFile(`${HOME}/junk.wasm`, new Uint8Array([1, 2, 3, 4, 5]));
    const r = await we(rig, 'junk.wasm');
    expect(r.code).toBe(1);
    expect(untimed(r.stdout)).toBe(
      '[error] loading failed: magic header not detected, Code: 0x103\n[error]     Bytecode offset: 0x00000000\n[error]     At AST node: component\n[error]     File name: "/home/learner/junk.wasm"\n',
    );
    const wat = await we(rig, 'hello.wat');
    expect(wat.code).toBe(1);
    expect(untimed(wat.stdout)).toMatch(/^\[error\] loading failed: magic header not detected/);
    expect(wat.stderr).toMatch(/^dojo: WasmEdge does not read the WebAssembly text format/);
  });

  it('an unknown import', async () => {
    const rig = freshRig();
    const { watToWasm } = await import('../../runtime/wat');
    rig.fs.writeFile(`${HOME}/foo.wasm`, await watToWasm('(module (import "env" "foo" (func)) (func (export "_start")))', 'foo.wat'));
    const r = await we(rig, 'foo.wasm');
    expect(r.code).toBe(1);
    expect(untimed(r.stdout)).toBe(
      '[error] instantiation failed: unknown import, Code: 0x302\n[error]     When linking module: "env" , function name: "foo"\n',
    );
  });

  it('unknown option, version, help, missing file, stubs', async () => {
    const rig = freshRig();
    // WasmEdge's own words on stdout, then exactly one dojo line (stderr) for the primer's wasmtime flag.
    expect(await we(rig, '--mapdir /a::/b hello.wasm')).toEqual({
      code: 1,
      stdout: 'unknown option: mapdir\n',
      stderr:
        'dojo: --mapdir is an old wasmtime flag; WasmEdge grants directories with --dir GUEST:HOST and allows its socket extension without a flag.\n',
    });
    expect(await we(rig, '--foo hello.wasm')).toEqual({ code: 1, stdout: 'unknown option: foo\n', stderr: '' });
    expect(await we(rig, '--version')).toEqual({
      code: 0,
      stdout: 'wasmedge version 0.17.1\n (plugin "wasi_logging") version 0.1.0.0\n',
      stderr: '',
    });
    const help = await we(rig, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^USAGE\n\twasmedge \[SUBCOMMANDS\] \[OPTIONS\] \[--\] WASM_OR_SO \[ARG \.\.\.\]\n\nSUBCOMMANDS\n\tcompile\n\t\tWasmedge compiler subcommand\n\trun\n/,
    );
    expect(help.stdout).toContain(
      '\n\nOPTIONS\n\t\n-h|--help\n\t\tShow this help messages\n\t\n-v|--version\n\t\tShow version information\n\t\n--log-level\n',
    );
    expect(help.stdout).toMatch(/\t\n--reactor\n\t\tEnable reactor mode\. Reactor mode calls `_initialize` if exported\.\n$/);
    // indent_output wraps at 78 columns after the two tabs.
    for (const line of help.stdout.split('\n')) if (line.startsWith('\t\t')) expect(line.length).toBeLessThanOrEqual(80);
    expect((await we(rig, '--gas-limit x a.wasm')).stdout).toBe('invalid integer value: x\n');
    const none = await we(rig, '');
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/^USAGE/);
    expect((await we(rig, 'compile a.wasm a.so')).code).toBe(1);
  });
});
