/**
 * How a timed lesson's times read, in one place: the terminal report, the `lessons` listing and the
 * lesson pane all print m:ss and describe a finished run the same way. Pure text, no colour.
 */
import type { DrillProgress, DrillRunResult } from './progress';

/** 192_000 → "3:12". Whole seconds, rounded down (a clock shows 0:59 until the minute is full). */
export function formatClock(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function targetMs(minutes: number): number {
  return Math.round(minutes * 60_000);
}

/**
 * The verdict on a finished run, e.g. "3:12 — target 5:00, new best" or
 * "6:40 — 1:40 over the 5:00 target (best 4:55)".
 */
export function describeRun(run: DrillRunResult, target: number): string {
  // Compare whole seconds, as shown: 5:00.4 against a 5:00 target is on target, not "0:00 over".
  const shownOver = Math.floor(run.ms / 1000) - Math.floor(target / 1000);
  const vsTarget = shownOver > 0 ? `${formatClock(shownOver * 1000)} over the ${formatClock(target)} target` : `target ${formatClock(target)}`;
  if (!run.clean) {
    const best = run.bestMs !== undefined ? ` (best ${formatClock(run.bestMs)})` : '';
    return `${formatClock(run.ms)} — ${vsTarget}; hints or a shown solution keep this run out of the best time${best}`;
  }
  if (run.newBest) return `${formatClock(run.ms)} — ${vsTarget}, new best`;
  return `${formatClock(run.ms)} — ${vsTarget}${run.bestMs !== undefined ? ` (best ${formatClock(run.bestMs)})` : ''}`;
}

/** "Target 5:00 · best 3:12 · last 3:40", leaving out what is not known yet. */
export function drillSummary(drill: DrillProgress | undefined, minutes: number): string {
  const parts = [`Target ${formatClock(targetMs(minutes))}`];
  if (drill?.bestMs !== undefined) parts.push(`best ${formatClock(drill.bestMs)}`);
  if (drill?.lastMs !== undefined) parts.push(`last ${formatClock(drill.lastMs)}`);
  return parts.join(' · ');
}
