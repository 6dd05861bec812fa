/**
 * Command-level tests: the real `wasmtime` command, the real WasmerEngine (@wasmer/wasi in Node),
 * the real precompiled modules from public/modules and a real MemoryFs as the learner's machine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmerEngine } from '../../runtime/wasmer-engine';
import { wasmtimeCommand } from './index';
import { makeCommandRig, type CommandRig } from '../../../test/support/command-context';
import { moduleBytes } from '../../../test/support/modules';
import { TCPLISTEN_HINT } from './legacy';

const engine = new WasmerEngine();
const HOME = '/home/learner';

function freshRig(): CommandRig {
  const rig = makeCommandRig(engine);
  for (const name of [
    'hello.wasm',
    'hello.wat',
    'config-reader.wasm',
    'trap.wasm',
    'exit-with.wasm',
    'env-reader.wasm',
    'upper.wasm',
    'args-echo.wasm',
    'spin-forever.wasm',
    'escape-artist.wasm',
  ])
    rig.fs.writeFile(`${HOME}/${name}`, moduleBytes(name));
  rig.fs.mkdir(`${HOME}/data`);
  rig.fs.writeFile(`${HOME}/data/config.json`, '{"mode":"dev"}');
  return rig;
}

const wt = (rig: CommandRig, line: string, opts?: Parameters<CommandRig['exec']>[2]) =>
  rig.exec(wasmtimeCommand, ['wasmtime', ...line.split(' ').filter(Boolean)], opts);

beforeAll(async () => {
  await engine.ready();
});

describe('wasmtime runs real modules', () => {
  it('runs hello.wasm and records the run', async () => {
    const rig = freshRig();
    const r = await wt(rig, 'hello.wasm');
    expect(r).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
    expect(rig.runs).toHaveLength(1);
    expect(rig.runs[0]!.command).toBe('wasmtime hello.wasm');
    expect(rig.runs[0]!.result.outcome).toEqual({ kind: 'exit', code: 0 });
  });

  it('runs a .wat file directly, and `run` explicitly', async () => {
    const rig = freshRig();
    expect(await wt(rig, 'hello.wat')).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
    expect(await wt(rig, 'run ./hello.wat')).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
  });

  it('config-reader with --dir ./data::/data prints the config and writes output.txt back to the host', async () => {
    const rig = freshRig();
    const r = await wt(rig, 'run --dir ./data::/data config-reader.wasm');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Config: {"mode":"dev"}\n');
    expect(r.code).toBe(0);
    expect(rig.fs.readText(`${HOME}/data/output.txt`)).toBe('processed data');
  });

  it('the primer form --dir=/data works when /data exists on the host', async () => {
    const rig = freshRig();
    rig.fs.mkdir('/data');
    rig.fs.writeFile('/data/config.json', '{}');
    const r = await wt(rig, '--dir=/data config-reader.wasm');
    expect(r).toMatchObject({ code: 0, stdout: 'Config: {}\n' });
    expect(rig.fs.readText('/data/output.txt')).toBe('processed data');
  });

  it('config-reader without --dir panics: the guest message, then the trap block, exit 134, nothing written', async () => {
    const rig = freshRig();
    const r = await wt(rig, 'config-reader.wasm');
    expect(r.code).toBe(134);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("panicked at 'Cannot read /data/config.json");
    expect(r.stderr).toContain('failed to find a pre-opened file descriptor through which \\"/data/config.json\\" could be opened');
    expect(r.stderr).toContain(
      'Error: failed to run main module `config-reader.wasm`\n\nCaused by:\n    0: failed to invoke command default\n    1: error while executing at wasm backtrace:\n',
    );
    expect(r.stderr).toMatch(/    2: wasm trap: wasm `unreachable` instruction executed\n\n$/);
    expect(rig.fs.exists(`${HOME}/data/output.txt`)).toBe(false);
  });

  it('a trap prints the named backtrace and exits 134', async () => {
    const rig = freshRig();
    const r = await wt(rig, 'trap.wasm');
    expect(r.code).toBe(134);
    // The exact block is a golden transcript: test/golden/wasmtime/trap-backtrace.txt.
    expect(r.stderr).toContain('    0:     0x5d - trap!fail_validation\n');
  });

  it('passes the guest exit code through, and refuses codes of 126 and above', async () => {
    const rig = freshRig();
    expect(await wt(rig, 'exit-with.wasm 3')).toEqual({ code: 3, stdout: '', stderr: '' });
    const r = await wt(rig, 'exit-with.wasm 200');
    expect(r.code).toBe(1);
    // The exact text, backtrace included, is a golden transcript: test/golden/wasmtime/invalid-exit-status.txt.
    expect(r.stderr).toMatch(/\n    2: exit with invalid exit status outside of \[0\.\.126\)\n\n$/);
  });

  it('env: only granted variables; --env NAME inherits exported ones; -S inherit-env copies all', async () => {
    const rig = freshRig();
    rig.env.set('USER', 'learner', { exported: true });
    rig.env.set('SECRET', 'hidden');
    let r = await wt(rig, 'env-reader.wasm USER KEY');
    expect(r.stdout).toBe('USER is not set\nKEY is not set\n');
    r = await wt(rig, '--env KEY=VALUE --env USER --env SECRET env-reader.wasm USER KEY SECRET');
    expect(r.stdout).toBe('USER=learner\nKEY=VALUE\nSECRET is not set\n');
    r = await wt(rig, '-S inherit-env --env USER=override env-reader.wasm USER');
    expect(r.stdout).toBe('USER=override\n');
  });

  it('stdin reaches the guest from a pipe', async () => {
    const rig = freshRig();
    expect(await wt(rig, 'upper.wasm', { stdin: 'hello pipe\n' })).toEqual({ code: 0, stdout: 'HELLO PIPE\n', stderr: '' });
    // -S inherit-stdin=n cuts it off.
    expect((await wt(rig, '-S inherit-stdin=n upper.wasm', { stdin: 'x' })).stdout).toBe('');
  });

  it('argv[0] is the module base name unless --argv0; args after the module go to the guest', async () => {
    const rig = freshRig();
    const r = await wt(rig, `${HOME}/args-echo.wasm --dir . -x`);
    expect(r.stdout).toContain('args-echo.wasm');
    expect(r.stdout).not.toContain(HOME);
    expect(r.stdout).toContain('--dir');
    const r2 = await wt(rig, '--argv0 tool args-echo.wasm');
    expect(r2.stdout).toContain('tool');
    expect(r2.stdout).not.toContain('args-echo');
  });

  it('-W fuel stops a runaway guest with the fuel trap', async () => {
    const rig = freshRig();
    const r = await wt(rig, '-W fuel=100000 spin-forever.wasm');
    expect(r.code).toBe(134);
    expect(r.stderr).toMatch(/wasm trap: all fuel consumed by WebAssembly\n\n$/);
  });

  it('-W timeout interrupts a runaway guest with the interrupt trap', async () => {
    const rig = freshRig();
    const r = await wt(rig, '-W timeout=100ms spin-forever.wasm');
    expect(r.code).toBe(134);
    expect(r.stderr).toMatch(/^Error: failed to run main module `spin-forever\.wasm`\n/);
    expect(r.stderr).toMatch(/wasm trap: interrupt\n\n$/);
  });

  it('the trace shows what the sandbox refused', async () => {
    const rig = freshRig();
    await wt(rig, 'config-reader.wasm');
    const denied = rig.runs[0]!.result.trace;
    // No preopen at all: the guest's probe for fd 3 fails and nothing under /data is ever opened.
    expect(denied.some((t) => t.fn === 'fd_prestat_get' && t.errnoName === 'EBADF')).toBe(true);
    expect(denied.some((t) => t.fn === 'path_open' && t.errno === 0)).toBe(false);
    await wt(rig, '--dir ./data::/data config-reader.wasm');
    const granted = rig.runs[1]!.result.trace.filter((t) => t.fn === 'path_open' && t.errno === 0);
    expect(granted.map((t) => t.resolvedPath)).toEqual(['/data/config.json', '/data/output.txt']);
  });

  it('escape-artist gets nothing beyond its grant', async () => {
    const rig = freshRig();
    rig.env.set('AWS_SECRET_ACCESS_KEY', 'x', { exported: true });
    const r = await wt(rig, '--dir ./data::/data escape-artist.wasm');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('can see: preopen fd 3 -> /data (1 entry: config.json)');
    expect(r.stdout).toContain('try env AWS_SECRET_ACCESS_KEY: not set');
    expect(r.stdout).toMatch(/escape-artist: 0 of \d+ attempts got through\n$/);
    expect(rig.runs[0]!.result.trace.some((t) => t.fn === 'path_open' && t.errnoName === 'EPERM')).toBe(true);
  });

  it('Ctrl-C before the guest starts returns 130 without running it', async () => {
    const rig = freshRig();
    const ac = new AbortController();
    ac.abort();
    expect(await wt(rig, 'hello.wasm', { signal: ac.signal })).toEqual({ code: 130, stdout: '', stderr: '' });
  });
});

describe('wasmtime error paths end to end', () => {
  it('missing module', async () => {
    const rig = freshRig();
    expect(await wt(rig, 'nope.wasm')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: failed to open wasm module "nope.wasm"\n\nCaused by:\n    No such file or directory (os error 2)\n\n',
    });
    const oci = await wt(rig, 'run oci://ghcr.io/myorg/myapp:v1.0.0');
    expect(oci.stderr).toMatch(/^Error: failed to open wasm module "oci:\/\/ghcr.io\/myorg\/myapp:v1.0.0"\n/);
    expect(oci.stderr).toMatch(/\ndojo: wasmtime has no OCI support/);
    expect(oci.stderr.match(/^dojo: /gm)).toHaveLength(1);
    expect(oci.code).toBe(1);
  });

  it('garbage bytes, a bad header and bad text are refused cleanly', async () => {
    const rig = freshRig();
    rig.fs.writeFile(`${HOME}/junk.wasm`, new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80]));
    expect(await wt(rig, 'junk.wasm')).toEqual({
      code: 1,
      stdout: '',
      stderr: "Error: failed to parse `junk.wasm`: input bytes aren't valid utf-8\n",
    });
    rig.fs.writeFile(`${HOME}/v2.wasm`, new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
    expect((await wt(rig, 'v2.wasm')).stderr).toBe(
      'Error: failed to parse WebAssembly module\n\nCaused by:\n    Invalid input WebAssembly code at offset 4: unknown binary version\n\n',
    );
    rig.fs.writeFile(`${HOME}/cut.wasm`, new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1]));
    const cut = await wt(rig, 'cut.wasm');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^Error: failed to parse WebAssembly module\n\nCaused by:\n    Invalid input WebAssembly code at offset \d+: /);
    rig.fs.writeFile(`${HOME}/bad.wat`, '(module (func $f (i32.bogus)))');
    const bad = await wt(rig, 'bad.wat');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: .+\n +--> bad\.wat:1:\d+\n/);
  });

  it('a missing --dir host directory is the bare io error (with a hint for single colons)', async () => {
    const rig = freshRig();
    expect(await wt(rig, '--dir ./nope hello.wasm')).toEqual({ code: 1, stdout: '', stderr: 'Error: No such file or directory (os error 2)\n' });
    const r = await wt(rig, '--dir ./data:/data config-reader.wasm');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: No such file or directory (os error 2)\n' +
        "dojo: wasmtime separates host and guest with two colons, host first (--dir ./data::/data) since wasmtime 14; a single colon is WasmEdge's GUEST:HOST form.\n",
    );
    expect((await wt(rig, '--dir ./data/config.json hello.wasm')).stderr).toBe('Error: Not a directory (os error 20)\n');
    expect(await wt(rig, '--dir ::/x hello.wasm')).toEqual({ code: 1, stdout: '', stderr: 'Error: No such file or directory (os error 2)\n' });
  });

  it('--mapdir prints the real clap error and one dojo line (dim on a terminal)', async () => {
    const rig = freshRig();
    const r = await wt(rig, '--mapdir /data::./data config-reader.wasm');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: unexpected argument '--mapdir' found\n\n  tip: to pass '--mapdir' as a value, use '-- --mapdir'\n\n" +
        "Usage: wasmtime [OPTIONS] <WASM>...\n       wasmtime <COMMAND>\n\nFor more information, try '--help'.\n" +
        'dojo: --mapdir was removed in wasmtime 14 (its compatibility shim went in 22); use --dir ./data::/data (host first, guest second: the order flipped).\n',
    );
    const tty = await wt(rig, '--mapdir /data::./data config-reader.wasm', { tty: true });
    expect(tty.stderr).toMatch(/\n\x1b\[2mdojo: --mapdir was removed[^\n]*\x1b\[0m\n$/);
  });

  it('--tcplisten (primer) and -S tcplisten (v14+) fail as they do today', async () => {
    const rig = freshRig();
    const legacy = await wt(rig, '--tcplisten=127.0.0.1:8080 hello.wasm');
    expect(legacy.code).toBe(2);
    // The whole clap error, byte for byte, then exactly one dojo line naming today's form.
    expect(legacy.stderr).toBe(
      "error: unexpected argument '--tcplisten' found\n\n  tip: to pass '--tcplisten' as a value, use '-- --tcplisten'\n\n" +
        "Usage: wasmtime [OPTIONS] <WASM>...\n       wasmtime <COMMAND>\n\nFor more information, try '--help'.\n" +
        'dojo: --tcplisten was removed in wasmtime 14; its successor -S tcplisten=ADDR only worked with the legacy wasip1 implementation, gone in 47. Today: build a wasip2 component and run it with -S inherit-network, or use `wasmtime serve` for HTTP.\n',
    );
    const s = await wt(rig, '-S tcplisten=127.0.0.1:8080 hello.wasm');
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(`Error: components do not support --tcplisten\ndojo: ${TCPLISTEN_HINT}\n`);
    expect((await wt(rig, '-S tcplisten=8080 hello.wasm')).stderr).toBe(
      "Error: failed to bind to address '8080'\n\nCaused by:\n    invalid socket address\n\n",
    );
  });

  it('flags wasmtime 47+ refuses', async () => {
    const rig = freshRig();
    expect((await wt(rig, '-S preview2=n hello.wasm')).stderr).toBe('Error: the `-Spreview2=n` flag is no longer supported\n');
    expect((await wt(rig, '-S threads hello.wasm')).stderr).toBe('Error: the `-Sthreads` flag is no longer supported\n');
    expect((await wt(rig, '-S http hello.wasm')).stderr).toBe('Error: Cannot enable wasi-http for core wasm modules\n');
  });

  it('an unknown import names the import', async () => {
    const rig = freshRig();
    rig.fs.writeFile(
      `${HOME}/sock.wat`,
      '(module (import "wasi_snapshot_preview1" "sock_open" (func (param i32 i32 i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))',
    );
    expect(await wt(rig, 'sock.wat')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: failed to run main module `sock.wat`\n\nCaused by:\n    0: failed to instantiate "sock.wat"\n    1: unknown import: `wasi_snapshot_preview1::sock_open` has not been defined\n\n',
    });
  });

  it('-S cli=n links no WASI: the first WASI import is unknown; a module without WASI still runs', async () => {
    const rig = freshRig();
    const r = await wt(rig, '-S cli=n hello.wasm');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: failed to run main module `hello\.wasm`\n\nCaused by:\n    0: failed to instantiate "hello\.wasm"\n    1: unknown import: `wasi_snapshot_preview1::\w+` has not been defined\n\n$/,
    );
    expect((await wt(rig, '-S common=n hello.wasm')).code).toBe(1);
    expect((await wt(rig, '-S cli=y hello.wasm')).stdout).toBe('Hello, world!\n');
    rig.fs.writeFile(`${HOME}/pure.wat`, '(module (func (export "_start")))');
    expect(await wt(rig, '-S cli=n pure.wat')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--invoke prints results with the experimental warnings; a missing export is an error', async () => {
    const rig = freshRig();
    rig.fs.writeFile(
      `${HOME}/add.wat`,
      '(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))',
    );
    const r = await wt(rig, '--invoke add add.wat 40 2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('42\n');
    expect(r.stderr).toBe(
      'warning: using `--invoke` with a function that takes arguments is experimental and may break in the future\n' +
        'warning: using `--invoke` with a function that returns values is experimental and may break in the future\n',
    );
    expect(await wt(rig, '--invoke nope add.wat')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: failed to run main module `add.wat`\n\nCaused by:\n    no func export named `nope` found\n\n',
    });
    const few = await wt(rig, '--invoke add add.wat 1');
    expect(few.code).toBe(1);
    expect(few.stderr).toContain('not enough arguments for `add`');
  });

  it('usage errors exit 2', async () => {
    const rig = freshRig();
    const r = await wt(rig, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the following required arguments were not provided:\n  <WASM>\.\.\.\n/);
    expect((await wt(rig, '-W nope hello.wasm')).code).toBe(2);
  });

  it('without an engine it says so instead of throwing', async () => {
    const rig = makeCommandRig(undefined);
    rig.fs.writeFile(`${HOME}/hello.wasm`, moduleBytes('hello.wasm'));
    expect(await rig.exec(wasmtimeCommand, ['wasmtime', 'hello.wasm'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dojo: the WebAssembly engine is not available (it is still starting, or failed to start).\n',
    });
  });
});

describe('wasmtime informational output', () => {
  it('--version, --help, help run, -W help, stub subcommands', async () => {
    const rig = freshRig();
    expect(await wt(rig, '--version')).toEqual({ code: 0, stdout: 'wasmtime 48.0.0 (f1412a598 2026-08-20)\n', stderr: '' });
    const help = await wt(rig, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Wasmtime WebAssembly Runtime\n\nUsage: wasmtime \[OPTIONS\] <WASM>\.\.\.\n       wasmtime <COMMAND>\n/);
    expect(help.stdout).toContain('--dir <HOST_DIR[::GUEST_DIR]>');
    expect(help.stdout).toContain('If a subcommand is not provided, the `run` subcommand will be used.');
    expect((await wt(rig, 'help run')).stdout).toMatch(/^Runs a WebAssembly module\n\nUsage: wasmtime run \[OPTIONS\] <WASM>\.\.\./);
    expect((await wt(rig, '-S help')).stdout).toMatch(/^Available wasi options:/);
    const compile = await wt(rig, 'compile hello.wasm');
    expect(compile.code).toBe(1);
    expect(compile.stderr).toMatch(/^dojo: `wasmtime compile` is not available in the Dojo/);
  });
});
