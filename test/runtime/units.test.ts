/** Small pure pieces of the runtime: errno names, path joining, demangling, invoke formatting, module info. */
import { describe, expect, it } from 'vitest';
import { formatInvokeResult, parseInvokeArgs } from '../../src/runtime/invoke';
import { escapesDir } from '../../src/runtime/guest-fds';
import { instrumentModule } from '../../src/runtime/instrument';
import { readModuleInfo } from '../../src/runtime/module-info';
import { errnoName, joinGuestPath, WASI_ERRNO_NAMES, WASI_PREVIEW1_PARAMS } from '../../src/runtime/trace';
import { demangle, formatBacktrace, parseWasmFrames, wasmtimeTrapMessage } from '../../src/runtime/traps';
import { moduleBytes } from './helpers';

describe('trace helpers', () => {
  it('names WASI errnos by their preview1 numbers', () => {
    expect(WASI_ERRNO_NAMES).toHaveLength(77);
    expect(errnoName(0)).toBe('ESUCCESS');
    expect(errnoName(8)).toBe('EBADF');
    expect(errnoName(44)).toBe('ENOENT');
    expect(errnoName(63)).toBe('EPERM');
    expect(errnoName(76)).toBe('ENOTCAPABLE');
    expect(errnoName(200)).toBe('E200');
    expect(Object.keys(WASI_PREVIEW1_PARAMS)).toHaveLength(46);
  });

  it('joins paths lexically, the way the trace shows where a call went', () => {
    expect(joinGuestPath('/data', 'config.json')).toBe('/data/config.json');
    expect(joinGuestPath('/data', '../etc/passwd')).toBe('/etc/passwd');
    expect(joinGuestPath('/data', '/etc/passwd')).toBe('/etc/passwd');
    expect(joinGuestPath('.', 'a/./b')).toBe('a/b');
    expect(joinGuestPath('/', 'x')).toBe('/x');
  });

  it('escape check: absolute paths and climbing above the directory', () => {
    expect(escapesDir('a/b')).toBe(false);
    expect(escapesDir('a/../b')).toBe(false);
    expect(escapesDir('..')).toBe(true);
    expect(escapesDir('a/../../b')).toBe(true);
    expect(escapesDir('/etc')).toBe(true);
  });
});

describe('traps', () => {
  it('maps engine messages to wasmtime wording', () => {
    expect(wasmtimeTrapMessage(new WebAssembly.RuntimeError('unreachable'))).toBe('wasm `unreachable` instruction executed');
    expect(wasmtimeTrapMessage(new WebAssembly.RuntimeError('memory access out of bounds'))).toBe('out of bounds memory access');
    expect(wasmtimeTrapMessage(new RangeError('Maximum call stack size exceeded'))).toBe('call stack exhausted');
  });

  it('demangles Rust legacy symbols as wasmtime shows them', () => {
    expect(demangle('_ZN4core9panicking5panic17h0123456789abcdefE')).toBe('core::panicking::panic');
    expect(demangle('_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h8bcafb02b1c2326bE.llvm.6513099989134707552')).toBe(
      'std::rt::lang_start::{{closure}}',
    );
    expect(demangle('main')).toBe('main');
  });

  it('parses V8 wasm frames and formats wasmtime frame lines', () => {
    const stack =
      'RuntimeError: unreachable\n    at fail (wasm://wasm/ab12:wasm-function[1]:0x1b)\n    at wasm://wasm/ab12:wasm-function[2]:0x22\n    at run (file.js:1:1)';
    const frames = parseWasmFrames(stack);
    expect(frames).toEqual([
      { funcIndex: 1, offset: 0x1b },
      { funcIndex: 2, offset: 0x22 },
    ]);
    const info = { ...readModuleInfo(moduleBytes('hello')), funcNames: new Map([[1, 'fail']]), moduleName: 'm' };
    expect(formatBacktrace(frames, info)).toEqual(['    0:     0x1b - m!fail', '    1:     0x22 - m!<wasm function 2>']);
  });
});

describe('invoke values', () => {
  it('parses by type like wasmtime and prints like Rust Display', () => {
    expect(parseInvokeArgs('f', { params: ['i32', 'i64', 'f32', 'f64'], results: [] }, ['0x7f', '-5', '1.5', 'inf'])).toEqual([
      127,
      -5n,
      1.5,
      Infinity,
    ]);
    expect(() => parseInvokeArgs('f', { params: ['v128'], results: [] }, ['1'])).toThrow('unsupported argument type v128');
    expect(() => parseInvokeArgs('f', { params: ['i32'], results: [] }, ['99999999999'])).toThrow('number too large to fit in target type');
    expect(formatInvokeResult('f64', 1e21)).toBe('1000000000000000000000');
    expect(formatInvokeResult('f64', NaN)).toBe('NaN');
    expect(formatInvokeResult('f32', Math.fround(3.14))).toBe('3.14');
    expect(formatInvokeResult('i64', -1n)).toBe('-1');
  });
});

describe('module info and instrumentation', () => {
  it('reads imports, exports, signatures and names', () => {
    const info = readModuleInfo(moduleBytes('trap'));
    expect(info.moduleName).toBe('trap');
    expect([...info.funcNames.values()]).toContain('fail_validation');
    expect(info.exportsMemory).toBe(true);
    const start = info.exports.find((e) => e.name === '_start')!;
    expect(info.funcTypes[start.index]).toEqual({ params: [], results: [] });
  });

  it('instrumented modules stay valid for every precompiled module', async () => {
    for (const name of ['hello', 'config-reader', 'cpu-bench', 'escape-artist', 'spin-forever', 'upper', 'wagi-outbound']) {
      const out = instrumentModule(moduleBytes(name), { fuel: 1000, maxPages: 100 });
      expect(WebAssembly.validate(out as Uint8Array<ArrayBuffer>), name).toBe(true);
      expect(readModuleInfo(out).exports.map((e) => e.name)).toContain('__dojo_fuel');
    }
  });
});
