import { describe, expect, it } from 'vitest';
import { jaro } from '../cli/clap';
import { describeGrants, parseDirValue, parseEnvValue, parseWasmtimeArgs, suggestLong, type RunArgs } from './args';

const argv = (line: string) => ['wasmtime', ...line.split(' ').filter(Boolean)];

function run(line: string): RunArgs {
  const p = parseWasmtimeArgs(argv(line));
  if (p.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(p)}`);
  return p.args;
}

describe('wasmtime argument parsing', () => {
  it('takes the first positional as the module and passes everything after it to the guest', () => {
    const a = run('app.wasm --dir . -foo bar -- x');
    expect(a.module).toBe('app.wasm');
    expect(a.guestArgs).toEqual(['--dir', '.', '-foo', 'bar', '--', 'x']);
    expect(a.dirs).toEqual([]);
    expect(a.explicitRun).toBe(false);
  });

  it('accepts an explicit run subcommand', () => {
    const a = run('run --dir /data app.wasm');
    expect(a.explicitRun).toBe(true);
    expect(a.dirs[0]).toMatchObject({ host: '/data', guest: '/data', tokenIndexes: [2, 3] });
  });

  it('parses --dir HOST::GUEST in both spellings', () => {
    const a = run('--dir ./data::/data --dir=/tmp app.wasm');
    expect(a.dirs.map((d) => [d.host, d.guest])).toEqual([
      ['./data', '/data'],
      ['/tmp', '/tmp'],
    ]);
    expect(a.dirs[1]!.tokenIndexes).toEqual([3]);
  });

  it('ignores anything after a second :: and keeps a single colon in the host path', () => {
    expect(parseDirValue('a::b::c')).toEqual({ host: 'a', guest: 'b' });
    expect(parseDirValue('/host:/guest')).toEqual({ host: '/host:/guest', guest: '/host:/guest' });
    expect(parseDirValue('.::/')).toEqual({ host: '.', guest: '/' });
  });

  it('parses --env NAME=VAL (first = only) and --env NAME (inherit)', () => {
    expect(parseEnvValue('A=b=c')).toEqual({ name: 'A', value: 'b=c' });
    expect(parseEnvValue('HOME')).toEqual({ name: 'HOME' });
    const a = run('--env KEY=VALUE --env=USER app.wasm');
    expect(a.envs.map((e) => [e.name, e.value])).toEqual([
      ['KEY', 'VALUE'],
      ['USER', undefined],
    ]);
  });

  it('parses -S/-W groups attached, separate, with = and comma lists', () => {
    const a = run('-Sinherit-env -S inherit-network,tcp=no -W=fuel=1_000 --wasm timeout=250ms app.wasm');
    const items = a.groups.flatMap((g) => g.items.map((i) => `${g.letter}:${i.key}=${String(i.value)}`));
    expect(items).toEqual(['S:inherit-env=true', 'S:inherit-network=true', 'S:tcp=false', 'W:fuel=1000', 'W:timeout=250']);
  });

  it('parses --invoke, --argv0, --preload and --allow-precompiled', () => {
    expect(run('--preload a=b=c m.wasm').preloads).toEqual([{ name: 'a', path: 'b=c', raw: 'a=b=c' }]);
    const a = run('--invoke add --argv0 tool --preload env=lib.wasm --allow-precompiled m.wasm 1 2');
    expect(a).toMatchObject({ invoke: 'add', argv0: 'tool', allowPrecompiled: true, guestArgs: ['1', '2'] });
    expect(a.preloads).toEqual([{ name: 'env', path: 'lib.wasm', raw: 'env=lib.wasm' }]);
  });

  it('treats a bare word as the module even when it is not a file, and `--` before the module', () => {
    expect(run('foo').module).toBe('foo');
    expect(run('-- run').module).toBe('run');
    expect(run('-Ccache=n run').module).toBe('run');
  });

  it('reads the module from stdin with -', () => {
    expect(run('- a').module).toBe('-');
  });

  it('routes help and version', () => {
    expect(parseWasmtimeArgs(argv('--help'))).toEqual({ kind: 'help', topic: 'main', short: false });
    expect(parseWasmtimeArgs(argv('-h'))).toEqual({ kind: 'help', topic: 'main', short: true });
    expect(parseWasmtimeArgs(argv('run --help'))).toEqual({ kind: 'help', topic: 'run', short: false });
    expect(parseWasmtimeArgs(argv('help run'))).toEqual({ kind: 'help', topic: 'run', short: false });
    expect(parseWasmtimeArgs(argv('help'))).toEqual({ kind: 'help', topic: 'main', short: false });
    expect(parseWasmtimeArgs(argv('--version'))).toEqual({ kind: 'version' });
    expect(parseWasmtimeArgs(argv('-V'))).toEqual({ kind: 'version' });
    // Help after the module belongs to the guest.
    expect(parseWasmtimeArgs(argv('app.wasm --help')).kind).toBe('run');
  });

  it('routes -X help to the group list', () => {
    expect(parseWasmtimeArgs(argv('-W help'))).toEqual({ kind: 'group-help', letter: 'W', long: false });
    expect(parseWasmtimeArgs(argv('-Shelp-long'))).toEqual({ kind: 'group-help', letter: 'S', long: true });
  });

  it('routes other subcommands', () => {
    expect(parseWasmtimeArgs(argv('compile app.wasm'))).toEqual({ kind: 'subcommand', name: 'compile', rest: ['app.wasm'] });
  });
});

describe('wasmtime usage errors', () => {
  it('rejects unknown long flags with the value they carried', () => {
    expect(parseWasmtimeArgs(argv('--mapdir /g::/h app.wasm'))).toEqual({
      kind: 'usage-error',
      error: { kind: 'unknown-argument', arg: '--mapdir', value: '/g::/h', suggestion: undefined, explicitRun: false, used: [] },
    });
    const p = parseWasmtimeArgs(argv('--tcplisten=127.0.0.1:8080 server.wasm'));
    expect(p).toMatchObject({ kind: 'usage-error', error: { arg: '--tcplisten', value: '127.0.0.1:8080', suggestion: undefined } });
  });

  it('suggests a close long flag like clap', () => {
    expect(suggestLong('dirr')).toBe('--dir');
    expect(suggestLong('invok')).toBe('--invoke');
    expect(suggestLong('mapdir')).toBeUndefined();
    expect(suggestLong('tcplisten')).toBeUndefined();
    // Ties go to the option declared last, as clap's stable sort and pop() pick it.
    expect(suggestLong('pro')).toBe('--preload');
    expect(suggestLong('co')).toBe('--config');
    expect(suggestLong('was')).toBe('--wasi');
    expect(suggestLong('version')).toBe('--version');
    expect(suggestLong('version', true)).toBeUndefined();
    expect(parseWasmtimeArgs(argv('run --version'))).toMatchObject({ error: { kind: 'unknown-argument', arg: '--version', suggestion: undefined } });
    expect(jaro('abc', 'abc')).toBe(1);
    expect(jaro('', 'abc')).toBe(0);
  });

  it("remembers the options given before the bad one (for clap's usage line)", () => {
    expect(parseWasmtimeArgs(argv('--dir /a -S inherit-env --dir /b --mapdir x y.wasm'))).toMatchObject({
      error: { used: ['--dir <HOST_DIR[::GUEST_DIR]>', '--wasi <KEY[=VAL[,..]]>'] },
    });
  });

  it('rejects unknown short flags', () => {
    expect(parseWasmtimeArgs(argv('-x app.wasm'))).toMatchObject({ error: { kind: 'unknown-argument', arg: '-x' } });
  });

  it('rejects --version after run (not propagated to subcommands)', () => {
    expect(parseWasmtimeArgs(argv('run --version'))).toMatchObject({ error: { kind: 'unknown-argument', arg: '--version', explicitRun: true } });
  });

  it('reports a missing value and a missing module', () => {
    expect(parseWasmtimeArgs(argv('--dir'))).toMatchObject({ error: { kind: 'missing-value', arg: '--dir <HOST_DIR[::GUEST_DIR]>' } });
    // A next token that looks like a flag is not taken as the value (clap; checked with cargo's clap 4).
    expect(parseWasmtimeArgs(argv('--dir --env A=1 hello.wasm'))).toMatchObject({
      error: { kind: 'missing-value', arg: '--dir <HOST_DIR[::GUEST_DIR]>' },
    });
    expect(parseWasmtimeArgs(argv('-S -W fuel=1 hello.wasm'))).toMatchObject({ error: { kind: 'missing-value' } });
    expect(parseWasmtimeArgs(argv('--env=-x hello.wasm'))).toMatchObject({ kind: 'run' });
    expect(parseWasmtimeArgs(argv('--dir /data'))).toMatchObject({ error: { kind: 'missing-module', explicitRun: false } });
    expect(parseWasmtimeArgs(argv('run'))).toMatchObject({ error: { kind: 'missing-module', explicitRun: true } });
    expect(parseWasmtimeArgs(['wasmtime'])).toMatchObject({ error: { kind: 'missing-module' } });
  });

  it('rejects unknown group keys and bad values', () => {
    expect(parseWasmtimeArgs(argv('-W bogus=1 a.wasm'))).toEqual({
      kind: 'usage-error',
      error: { kind: 'raw', message: 'unknown -W / --wasm option: bogus' },
    });
    expect(parseWasmtimeArgs(argv('-W fuel a.wasm'))).toMatchObject({
      error: { message: 'failed to parse -W option `fuel`: value must be specified with `key=val` syntax' },
    });
    expect(parseWasmtimeArgs(argv('-C cranelift-opt_level=none a.wasm'))).toMatchObject({ kind: 'run' });
    expect(parseWasmtimeArgs(argv('-O pooling-allocator -O pooling-nope a.wasm'))).toMatchObject({
      error: { message: 'unknown -O / --optimize option: pooling-nope' },
    });
    expect(parseWasmtimeArgs(argv('-S inherit-env=maybe a.wasm'))).toMatchObject({
      error: { message: 'failed to parse -S option `inherit-env=maybe`: unknown boolean flag `maybe`, only yes,no,<nothing> accepted' },
    });
    expect(parseWasmtimeArgs(argv('-W fuel=lots a.wasm'))).toMatchObject({
      error: { message: 'failed to parse -W option `fuel=lots`: invalid digit found in string' },
    });
  });

  it('rejects --preload without exactly one =', () => {
    expect(parseWasmtimeArgs(argv('--preload lib.wasm a.wasm'))).toMatchObject({
      error: { kind: 'invalid-value', message: "must contain exactly one equals character ('=')" },
    });
  });

  it('rejects help for an unknown subcommand', () => {
    expect(parseWasmtimeArgs(argv('help frobnicate'))).toEqual({
      kind: 'usage-error',
      error: { kind: 'unrecognized-subcommand', name: 'frobnicate' },
    });
  });
});

describe('describeGrants (wasmtime)', () => {
  it('lists dir, env and network grants with the tokens to remove', () => {
    const a = argv('--dir /data --env KEY=1 -S inherit-env -Sinherit-network app.wasm --dir /guest-arg');
    expect(describeGrants(a)).toEqual([
      { kind: 'dir', text: '--dir /data', tokenIndexes: [1, 2], hostPath: '/data', guestPath: '/data', readonly: false },
      { kind: 'env', text: '--env KEY=1', tokenIndexes: [3, 4], name: 'KEY' },
      { kind: 'inherit-env', text: '-S inherit-env', tokenIndexes: [5, 6] },
      { kind: 'network', text: '-Sinherit-network', tokenIndexes: [7], name: 'inherit-network' },
    ]);
  });

  it('removing a grant leaves a command that still parses', () => {
    const a = argv('--dir=./data::/data --env HOME app.wasm');
    const grants = describeGrants(a);
    expect(grants.map((g) => g.kind)).toEqual(['dir', 'env']);
    const without = a.filter((_, i) => !grants[0]!.tokenIndexes.includes(i));
    expect(without).toEqual(['wasmtime', '--env', 'HOME', 'app.wasm']);
    expect(describeGrants(without).map((g) => g.kind)).toEqual(['env']);
  });

  it('grants nothing for unparsable lines or disabled switches', () => {
    expect(describeGrants(argv('--mapdir /a::/b x.wasm'))).toEqual([]);
    expect(describeGrants(argv('-S inherit-network=n x.wasm'))).toEqual([]);
  });
});
