import { describe, expect, it } from 'vitest';
import { traceEntry as entry } from '../../test/support/trace-entry';
import { describeOutcome, grantedNoDirectories } from './TracePanel';

describe('trace panel', () => {
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
