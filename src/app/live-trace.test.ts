import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../runtime/types';
import { LiveTrace } from './live-trace';

const entry = (seq: number): TraceEntry => ({ seq, fn: 'fd_write', args: { fd: 1 }, errno: 0, errnoName: 'ESUCCESS' });

function frames() {
  const queued = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => (queued.set(next, cb), next++),
    cancel: (h: number) => void queued.delete(h),
    flush() {
      const cbs = [...queued.values()];
      queued.clear();
      for (const cb of cbs) cb();
    },
  };
}

describe('LiveTrace', () => {
  it('hands the calls over at most once a frame, in order', () => {
    const f = frames();
    const got: number[][] = [];
    const live = new LiveTrace(f, (b) => got.push(b.map((e) => e.seq)));
    live.push(entry(0));
    live.push(entry(1));
    f.flush();
    live.push(entry(2));
    f.flush();
    expect(got).toEqual([[0, 1], [2]]);
  });

  it('a batch still queued when the run ends never lands (it would bring "Running…" back over the finished run)', () => {
    const f = frames();
    const got: number[][] = [];
    const live = new LiveTrace(f, (b) => got.push(b.map((e) => e.seq)));
    live.push(entry(0));
    live.push(entry(1));
    live.end();
    f.flush();
    expect(got).toEqual([]);
    // The next run streams again.
    live.push(entry(0));
    f.flush();
    expect(got).toEqual([[0]]);
  });
});
