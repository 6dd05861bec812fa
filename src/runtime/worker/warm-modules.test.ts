import { describe, expect, it } from 'vitest';
import { remember, WARM_MAX_ENTRIES, WARM_MIN_BYTES } from './warm-modules';

const mod = (n: number, size = WARM_MIN_BYTES) => new Uint8Array(size).fill(n);

describe('the modules kept for the next page load', () => {
  it('keeps big modules, newest last, each once, at most four', () => {
    let list: Uint8Array[] = [];
    for (let i = 1; i <= 6; i++) list = remember(list, mod(i));
    expect(list.map((b) => b[0])).toEqual([3, 4, 5, 6]);
    expect(list).toHaveLength(WARM_MAX_ENTRIES);
    list = remember(list, mod(4));
    expect(list.map((b) => b[0])).toEqual([3, 5, 6, 4]);
  });

  it('does not keep a small module (compiling it is cheaper), and copies what it keeps', () => {
    expect(remember([], mod(1, WARM_MIN_BYTES - 1))).toEqual([]);
    const bytes = mod(7);
    const [kept] = remember([], bytes);
    bytes[0] = 9;
    expect(kept![0]).toBe(7);
  });
});
