/**
 * What the lesson pane's drill timer says, as pure functions of the clock and the saved progress
 * (tested without a DOM). The component in LessonPane.tsx only ticks and renders these.
 */
import { drillSummary, formatClock, targetMs } from '../../lessons/drill';
import type { DrillProgress } from '../../lessons/progress';

export interface DrillTimerView {
  /** Shown as is: "Time 1:23 / 5:00" while a run is on, "Target 5:00 · best 3:12 · last 3:40" otherwise. */
  text: string;
  /** Past the target: the pane switches to its warning style and says so in words (not colour alone). */
  over: boolean;
  running: boolean;
  /** Words for the timer region (screen readers read it on demand; the ticking value is not announced). */
  label: string;
}

export function drillTimerView(drill: DrillProgress | undefined, minutes: number, now: number): DrillTimerView {
  const target = targetMs(minutes);
  if (drill?.runStartedAt === undefined) {
    return { text: drillSummary(drill, minutes), over: false, running: false, label: `Timed drill: ${drillSummary(drill, minutes)}` };
  }
  const elapsed = Math.max(0, now - drill.runStartedAt);
  // Whole seconds, as displayed: the style changes when the clock shows more than the target.
  const over = Math.floor(elapsed / 1000) > Math.floor(target / 1000);
  return {
    text: `Time ${formatClock(elapsed)} / ${formatClock(target)}`,
    over,
    running: true,
    label: `Timed drill, run in progress, target ${formatClock(target)}${over ? ', over the target' : ''}`,
  };
}
