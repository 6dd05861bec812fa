/** The pane's drill timer text, as pure functions of the clock (no DOM). */
import { describe, expect, it } from 'vitest';
import { drillTimerView } from './drill-timer';

describe('drill timer view', () => {
  it('between runs: target, best and last when known', () => {
    expect(drillTimerView(undefined, 5, 0)).toEqual({ text: 'Target 5:00', over: false, running: false, label: 'Timed drill: Target 5:00' });
    expect(drillTimerView({ runs: 2, lastMs: 220_000, bestMs: 192_000 }, 5, 0).text).toBe('Target 5:00 · best 3:12 · last 3:40');
  });

  it('during a run: elapsed against the target, warning past it', () => {
    const drill = { runs: 0, runStartedAt: 10_000 };
    expect(drillTimerView(drill, 5, 93_000)).toEqual({
      text: 'Time 1:23 / 5:00',
      over: false,
      running: true,
      label: 'Timed drill, run in progress, target 5:00',
    });
    expect(drillTimerView(drill, 5, 310_999).over).toBe(false); // shows 5:00: not over yet
    const late = drillTimerView(drill, 5, 311_000);
    expect(late).toMatchObject({ text: 'Time 5:01 / 5:00', over: true });
    expect(late.label).toContain('over the target');
    // a clock that went backwards shows 0:00 rather than a negative time
    expect(drillTimerView(drill, 5, 0).text).toBe('Time 0:00 / 5:00');
  });
});
