import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson, deflateText, fromBase64Url, inflateText, toBase64Url } from './codec';

describe('codec', () => {
  it('canonical JSON: keys sorted at every depth, undefined dropped, "__proto__" kept as data', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    expect(canonicalJson(hostile)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('base64url round-trips any bytes, and refuses characters outside its alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
        expect(Buffer.from(text, 'base64url')).toEqual(Buffer.from(bytes));
      }),
    );
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('inflates at most the limit, and names what is wrong', () => {
    const packed = deflateText('x'.repeat(1000));
    expect(inflateText(packed, 1000)).toEqual({ text: 'x'.repeat(1000) });
    expect(inflateText(packed, 999)).toEqual({ error: 'it expands to more than 1 KB' });
    expect(inflateText(new Uint8Array([1, 2, 3]), 1000)).toMatchObject({ error: /not compressed data this app wrote/ });
    expect(inflateText(deflateSync(new Uint8Array([0xff, 0xfe, 0x00])), 100)).toEqual({ error: 'it is not UTF-8 text' });
  });
});
