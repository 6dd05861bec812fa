import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CompileCache, sha256Hex, sha256HexSync } from '../../src/runtime/compile-cache';
import { moduleBytes } from './helpers';

describe('compile cache', () => {
  it('keys by SHA-256; the JS fallback agrees with node:crypto and crypto.subtle', async () => {
    for (const data of [new Uint8Array(), new TextEncoder().encode('abc'), new Uint8Array(1000).fill(7), moduleBytes('hello')]) {
      const expected = createHash('sha256').update(data).digest('hex');
      expect(sha256HexSync(data)).toBe(expected);
      expect(await sha256Hex(data)).toBe(expected);
    }
  });

  it('compiles once per content, shares entries across copies of the bytes', async () => {
    const cache = new CompileCache();
    const a = await cache.get(moduleBytes('hello'));
    const b = await cache.get(moduleBytes('hello').slice());
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true);
    expect(b.compiled.module).toBe(a.compiled.module);
    expect(a.compiled.info.exports.map((e) => e.name)).toContain('_start');
    const v = await cache.get(moduleBytes('hello'), { key: 'fuel', transform: (x) => ({ bytes: x }) });
    expect(v.cached).toBe(false);
    expect(cache.size).toBe(2);
    expect(v.compiled.codeOffsetShift).toBe(0);
  });

  it("a variant whose rewrite is broken reports the original module's error when that is what is wrong", async () => {
    const cache = new CompileCache();
    const garbage = new TextEncoder().encode('\0asm garbage');
    const own = await WebAssembly.compile(garbage).catch((e: unknown) => (e as Error).message);
    // The rewrite breaks the bytes differently (or the rewriter throws on them): the learner sees
    // the engine's error about the file they gave, not about our rewrite.
    const otherBreakage = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]);
    const otherMessage = await WebAssembly.compile(otherBreakage).catch((e: unknown) => (e as Error).message);
    expect(otherMessage).not.toBe(own);
    const err = await cache.get(garbage, { key: 'v', transform: () => ({ bytes: otherBreakage }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebAssembly.CompileError);
    expect((err as Error).message).toBe(own);
    const thrown = await cache
      .get(garbage, {
        key: 'w',
        transform: () => {
          throw new Error('rewriter choked');
        },
      })
      .catch((e: unknown) => e);
    expect((thrown as Error).message).toBe(own);
    // A module that is fine as given: the rewrite's own error is the one reported.
    const broken = await cache.get(moduleBytes('hello'), { key: 'v', transform: () => ({ bytes: otherBreakage }) }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(WebAssembly.CompileError);
    expect((broken as Error).message).toBe(otherMessage);
  });

  it('recognises bytes seen before without confusing same-length modules or a reused buffer', async () => {
    const cache = new CompileCache();
    const wat = (n: number) => `(module (func (export "f") (result i32) i32.const ${n}))`;
    const { watToWasm } = await import('../../src/runtime/wat');
    const one = await watToWasm(wat(1), 'a.wat');
    const two = await watToWasm(wat(2), 'b.wat');
    expect(one.byteLength).toBe(two.byteLength);
    const buffer = one.slice();
    const a = await cache.get(buffer);
    buffer.set(two); // the caller reuses its buffer for other bytes
    const b = await cache.get(buffer);
    expect(b.cached).toBe(false);
    expect(b.compiled.hash).toBe(createHash('sha256').update(two).digest('hex'));
    const again = await cache.get(one.slice());
    expect(again.cached).toBe(true);
    expect(again.compiled.module).toBe(a.compiled.module);
    const run = (m: WebAssembly.Module) => (new WebAssembly.Instance(m).exports.f as () => number)();
    expect([run(a.compiled.module), run(b.compiled.module)]).toEqual([1, 2]);
  });
});
