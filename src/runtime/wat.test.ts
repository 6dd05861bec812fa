import { afterEach, describe, expect, it, vi } from 'vitest';

describe('watToWasm when wabt cannot be loaded', () => {
  afterEach(() => {
    vi.doUnmock('wabt');
    vi.resetModules();
  });

  it('says the parser is unavailable (not a syntax error) and tries the download again next time', async () => {
    vi.resetModules();
    // wabt's factory fetches and compiles its own Wasm: what fails when the network is gone.
    vi.doMock('wabt', () => ({ default: () => Promise.reject(new Error('Failed to fetch /assets/libwabt.wasm')) }));
    const { watToWasm, WatParserUnavailable } = await import('./wat');
    const first = watToWasm('(module)', 'm.wat');
    await expect(first).rejects.toBeInstanceOf(WatParserUnavailable);
    await expect(first).rejects.toThrow('Failed to fetch /assets/libwabt.wasm');

    vi.doUnmock('wabt');
    const bytes = await watToWasm('(module)', 'm.wat');
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });

  it('the loader reports it as its own kind, which wasmtime prints as one dojo line', async () => {
    vi.resetModules();
    vi.doMock('wabt', () => ({ default: () => Promise.reject(new Error('network down')) }));
    const { classifyModule } = await import('./load-module');
    const loaded = await classifyModule(new TextEncoder().encode('(module)'), 'm.wat');
    expect(loaded).toEqual({ kind: 'no-wat-parser', message: 'network down' });
  });
});
