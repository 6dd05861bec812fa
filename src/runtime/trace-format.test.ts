import { describe, expect, it } from 'vitest';
import { traceEntry as entry } from '../../test/support/trace-entry';
import { formatArgs, isDenied, isPreopenScanEnd } from './trace-format';

describe('trace formatting', () => {
  it('quotes string arguments and keeps numbers and booleans bare', () => {
    expect(formatArgs(entry({ args: { fd: 3, path: 'config.json', write: false } }))).toBe('fd=3, path="config.json", write=false');
  });

  it('escapes quotes and control characters in paths', () => {
    expect(formatArgs(entry({ args: { path: 'a"b\n' } }))).toBe('path="a\\"b\\n"');
  });

  it('marks refused calls as denied but not the EBADF that ends the preopen scan', () => {
    expect(isDenied(entry({ errno: 76, errnoName: 'ENOTCAPABLE' }))).toBe(true);
    expect(isDenied(entry({ errno: 44, errnoName: 'ENOENT' }))).toBe(true);
    const scanEnd = entry({ fn: 'fd_prestat_get', errno: 8, errnoName: 'EBADF' });
    expect(isPreopenScanEnd(scanEnd)).toBe(true);
    expect(isDenied(scanEnd)).toBe(false);
    expect(isDenied(entry({ fn: 'fd_read', errno: 8, errnoName: 'EBADF' }))).toBe(true);
    expect(isDenied(entry({}))).toBe(false);
  });
});
