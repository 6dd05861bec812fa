import { describe, expect, it } from 'vitest';
import { matchGlob } from './glob';

describe('matchGlob', () => {
  it.each([
    ['*.json', 'config.json', true],
    ['*.json', 'config.toml', false],
    ['c?nfig*', 'config.json', true],
    ['[abc]*', 'bat', true],
    ['[!abc]*', 'bat', false],
    ['[a-c]at', 'cat', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['[unclosed', '[unclosed', true],
    ['*', '', true],
  ])('%s vs %s', (pattern, name, expected) => {
    expect(matchGlob(pattern, name)).toBe(expected);
  });
  it('stays fast on pathological patterns', () => {
    const start = performance.now();
    expect(matchGlob('*a'.repeat(500) + 'b', 'a'.repeat(200))).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
