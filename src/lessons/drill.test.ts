import { describe, expect, it } from 'vitest';
import { describeRun, drillSummary, formatClock, targetMs } from './drill';

describe('drill times as text', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [192_000, '3:12'],
    [3_725_000, '62:05'],
    [-5, '0:00'],
    [Number.NaN, '0:00'],
  ])('formatClock(%d) = %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it('targets are the lesson minutes', () => {
    expect(targetMs(5)).toBe(300_000);
    expect(targetMs(1.5)).toBe(90_000);
  });

  const target = 300_000;
  it('says how a clean run compares with the target and the best', () => {
    expect(describeRun({ ms: 192_000, clean: true, newBest: true, bestMs: 192_000 }, target)).toBe('3:12 — target 5:00, new best');
    expect(describeRun({ ms: 400_000, clean: true, newBest: false, bestMs: 295_000 }, target)).toBe('6:40 — 1:40 over the 5:00 target (best 4:55)');
    expect(describeRun({ ms: 400_000, clean: true, newBest: true, bestMs: 400_000 }, target)).toBe('6:40 — 1:40 over the 5:00 target, new best');
    expect(describeRun({ ms: 220_000, clean: true, newBest: false, bestMs: 192_000 }, target)).toBe('3:40 — target 5:00 (best 3:12)');
    // 5:00.7 shows as 5:00: on target, not "0:00 over"
    expect(describeRun({ ms: 300_700, clean: true, newBest: true, bestMs: 300_700 }, target)).toBe('5:00 — target 5:00, new best');
  });

  it('says that help keeps a run out of the best time', () => {
    expect(describeRun({ ms: 100_000, clean: false, newBest: false, bestMs: 192_000 }, target)).toBe(
      '1:40 — target 5:00; hints or a shown solution keep this run out of the best time (best 3:12)',
    );
    expect(describeRun({ ms: 100_000, clean: false, newBest: false }, target)).toBe(
      '1:40 — target 5:00; hints or a shown solution keep this run out of the best time',
    );
  });

  it('summarises what is known between runs', () => {
    expect(drillSummary(undefined, 5)).toBe('Target 5:00');
    expect(drillSummary({ runs: 1, lastMs: 220_000 }, 5)).toBe('Target 5:00 · last 3:40');
    expect(drillSummary({ runs: 2, lastMs: 220_000, bestMs: 192_000 }, 5)).toBe('Target 5:00 · best 3:12 · last 3:40');
  });
});
