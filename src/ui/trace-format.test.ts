import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../runtime/types';
import { formatArgs, isDenied, isPreopenScanEnd } from '../runtime/trace-format';
import { describeOutcome, grantedNoDirectories } from './TracePanel';

const entry = (over: Partial<TraceEntry>): TraceEntry => ({
  seq: 1,
  fn: 'path_open',
  args: {},
  errno: 0,
  errnoName: 'ESUCCESS',
  ...over,
});

describe('trace panel formatting', () => {
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

  it('describes every outcome', () => {
    expect(describeOutcome({ kind: 'exit', code: 3 })).toBe('exited with status 3');
    expect(describeOutcome({ kind: 'trap', message: 'unreachable', backtrace: [] })).toBe('trapped: unreachable');
    expect(describeOutcome({ kind: 'error', stage: 'compile', message: 'bad magic' })).toBe('did not start (compile): bad magic');
    expect(describeOutcome({ kind: 'killed', reason: 'interrupt' })).toBe('interrupted (Ctrl-C)');
    expect(describeOutcome({ kind: 'killed', reason: 'timeout' })).toBe('stopped: time limit');
  });

  it('recognises a run that was granted no directory from where the preopen scan ended', () => {
    const scan = (fd: number) => entry({ fn: 'fd_prestat_get', args: { fd }, errno: 8, errnoName: 'EBADF' });
    expect(grantedNoDirectories([scan(3)])).toBe(true);
    expect(grantedNoDirectories([entry({ fn: 'fd_prestat_get', args: { fd: 3 } }), scan(4)])).toBe(false);
    expect(grantedNoDirectories([])).toBe(false);
  });
});
