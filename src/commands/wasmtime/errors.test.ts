import { describe, expect, it } from 'vitest';
import { formatUsageError, hostDirError, notUtf8Error, parseWasmError, rustDebugString, trapError, formatWatDiagnostic } from './errors';
import { dojoLine } from '../../lib/dojo-line';
import { legacyFlagHint, ociHint, singleColonDirHint } from './legacy';
import { formatGroupHelp, parseDuration, parseNumber } from './options';

describe('clap usage errors', () => {
  it('prints the --mapdir error as wasmtime 22+ does', () => {
    expect(formatUsageError({ kind: 'unknown-argument', arg: '--mapdir', explicitRun: true })).toBe(
      "error: unexpected argument '--mapdir' found\n\n" +
        "  tip: to pass '--mapdir' as a value, use '-- --mapdir'\n\n" +
        'Usage: wasmtime run [OPTIONS] <WASM>...\n\n' +
        "For more information, try '--help'.\n",
    );
  });

  it('shows both usage lines for the implicit run and the similar-argument tip', () => {
    const text = formatUsageError({ kind: 'unknown-argument', arg: '--dirr', suggestion: '--dir', explicitRun: false });
    // <WASM> is a trailing var-arg, so clap keeps the `--` tip after the suggestion.
    expect(text).toContain("\n\n  tip: a similar argument exists: '--dir'\n  tip: to pass '--dirr' as a value, use '-- --dirr'\n\n");
    expect(text).toContain('Usage: wasmtime [OPTIONS] <WASM>...\n       wasmtime <COMMAND>\n');
  });

  it("uses clap's smart usage once options were given", () => {
    expect(
      formatUsageError({
        kind: 'unknown-argument',
        arg: '--mapdir',
        explicitRun: false,
        used: ['--dir <HOST_DIR[::GUEST_DIR]>', '--wasi <KEY[=VAL[,..]]>'],
      }),
    ).toContain('\n\nUsage: wasmtime --dir <HOST_DIR[::GUEST_DIR]> --wasi <KEY[=VAL[,..]]> <WASM>...\n\n');
  });

  it('colours only on a terminal', () => {
    const tty = formatUsageError({ kind: 'unknown-argument', arg: '--x', explicitRun: false }, true);
    expect(tty).toContain('\x1b[1m\x1b[31merror:\x1b[0m');
    expect(tty.replace(/\x1b\[[0-9;]*m/g, '')).toBe(formatUsageError({ kind: 'unknown-argument', arg: '--x', explicitRun: false }));
  });

  it('prints option-group errors raw, like clap Error::raw', () => {
    expect(formatUsageError({ kind: 'raw', message: 'unknown -W / --wasm option: x' })).toBe('error: unknown -W / --wasm option: x\n');
  });

  it('formats missing values, invalid values, missing module, unknown subcommand', () => {
    expect(formatUsageError({ kind: 'missing-value', arg: '--dir <HOST_DIR[::GUEST_DIR]>', explicitRun: false })).toBe(
      "error: a value is required for '--dir <HOST_DIR[::GUEST_DIR]>' but none was supplied\n\nFor more information, try '--help'.\n",
    );
    expect(
      formatUsageError({
        kind: 'invalid-value',
        arg: '--wasm <KEY[=VAL[,..]]>',
        value: 'x',
        message: 'unknown -W / --wasm option: x',
        explicitRun: false,
      }),
    ).toBe("error: invalid value 'x' for '--wasm <KEY[=VAL[,..]]>': unknown -W / --wasm option: x\n\nFor more information, try '--help'.\n");
    expect(formatUsageError({ kind: 'missing-module', explicitRun: true })).toBe(
      "error: the following required arguments were not provided:\n  <WASM>...\n\nUsage: wasmtime run [OPTIONS] <WASM>...\n\nFor more information, try '--help'.\n",
    );
    expect(formatUsageError({ kind: 'unrecognized-subcommand', name: 'foo' })).toMatch(/^error: unrecognized subcommand 'foo'\n/);
  });
});

// The chains a real run prints (missing module, trap, unknown import, missing export, refused exit
// status) are checked against golden transcripts written from wasmtime's sources: test/golden/wasmtime/.
describe('wasmtime error chains', () => {
  it('quotes paths as Rust Debug does', () => {
    expect(rustDebugString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });

  it('prints parse failures', () => {
    expect(parseWasmError('unknown binary version', 4)).toBe(
      'Error: failed to parse WebAssembly module\n\nCaused by:\n    Invalid input WebAssembly code at offset 4: unknown binary version\n\n',
    );
    expect(notUtf8Error('junk.wasm')).toBe("Error: failed to parse `junk.wasm`: input bytes aren't valid utf-8\n");
  });

  it('prints the bare io error for a bad --dir', () => {
    expect(hostDirError('missing')).toBe('Error: No such file or directory (os error 2)\n');
    expect(hostDirError('not-dir')).toBe('Error: Not a directory (os error 20)\n');
  });

  it('names the function a trap interrupted under --invoke', () => {
    expect(trapError('m.wasm', 'wasm trap: interrupt', [], 'spin')).toBe(
      'Error: failed to run main module `m.wasm`\n\nCaused by:\n    0: failed to invoke `spin`\n    1: wasm trap: interrupt\n\n',
    );
  });
});

describe('legacy forms', () => {
  it('maps --mapdir GUEST::HOST to --dir HOST::GUEST', () => {
    const hint = legacyFlagHint({ kind: 'unknown-argument', arg: '--mapdir', value: '/guest::/host', explicitRun: false });
    expect(hint).toContain('--dir /host::/guest');
    expect(hint).toContain('wasmtime 14');
  });

  it('explains --tcplisten and stays quiet for typos', () => {
    expect(legacyFlagHint({ kind: 'unknown-argument', arg: '--tcplisten', explicitRun: false })).toMatch(/removed in wasmtime 14.*inherit-network/);
    expect(legacyFlagHint({ kind: 'unknown-argument', arg: '--frob', explicitRun: false })).toBeUndefined();
    expect(legacyFlagHint({ kind: 'missing-module', explicitRun: false })).toBeUndefined();
  });

  it('dims the dojo line only on a terminal', () => {
    expect(dojoLine('x', false)).toBe('dojo: x\n');
    expect(dojoLine('x', true)).toBe('\x1b[2mdojo: x\x1b[0m\n');
  });

  it('flags single-colon --dir values and oci:// modules', () => {
    expect(singleColonDirHint('/host:/guest')).toContain('--dir /host::/guest');
    expect(singleColonDirHint('/a::/b')).toBeUndefined();
    expect(singleColonDirHint('/data')).toBeUndefined();
    expect(ociHint('oci://ghcr.io/x/y:1')).toContain('wkg oci pull');
    expect(ociHint('app.wasm')).toBeUndefined();
  });
});

describe('option values', () => {
  it('parses numbers and durations like wasmtime', () => {
    expect(parseNumber('1_000')).toBe(1000);
    expect(parseNumber('0x10')).toBe(16);
    expect(parseNumber('abc')).toBe('invalid digit found in string');
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('1ms')).toBe(1);
    expect(parseDuration('500us')).toBe(0.5);
    expect(parseDuration('soon')).toBe('failed to parse duration: soon');
  });

  it('lists a group for -W help', () => {
    const text = formatGroupHelp('W', false);
    expect(text.startsWith('Available wasm options:\n\n')).toBe(true);
    expect(text).toContain(
      '\n  -W                                    fuel=N -- Enable execution fuel with N units fuel, trapping after running out of fuel.\n',
    );
    expect(text).toContain('\n  -W                       timeout=N|Ns|Nms|.. -- ');
    expect(formatGroupHelp('C', false)).toContain(' cranelift-<KEY>[=val] -- Set a cranelift-specific option. Use `wasmtime settings` to see all.\n');
    expect(text).toContain('pass `-W help-long` to see longer-form explanations');
  });
});

describe('WAT diagnostics', () => {
  it('re-lays wabt errors out like the wat crate', () => {
    const text = formatWatDiagnostic('bad.wat:1:2: error: unexpected token "x"', '(x)', 'bad.wat');
    expect(text).toBe('unexpected token "x"\n     --> bad.wat:1:2\n      |\n    1 | (x)\n      |  ^');
  });
});
