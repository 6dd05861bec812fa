/**
 * The facilitator's class view as data: many results merged into one row per learner, and the
 * figures a facilitator acts on — completion per step, median times, the most common wrong grants
 * and failed checks, and who is stuck where — plus a CSV of it all. Pure and synchronous (reading
 * and digest-checking the files is results.ts), so 500 files merge in a few milliseconds.
 */
import type { Contribution } from './contributors';
import type { LessonOutcome, ResultsFile, SeenRecord, StepOutcome } from './results';

/** Said in the view, above the table, so the facilitator knows what a row is. */
export const DUPLICATE_RULE =
  'One row per learner (a learner is one browser: its results carry the same learner id). When a learner sent results more than once, the export made last is kept — exports only grow as a learner works — and the others are counted as merged.';

export interface Imported {
  /** The file name, or "pasted code 3". */
  source: string;
  results: ResultsFile;
}

export interface StepKey {
  lesson: string;
  step: string;
}

export interface LearnerRow {
  learner: string;
  name: string;
  source: string;
  exportedAt: string;
  /** Other sources merged into this row (older exports of the same learner). */
  merged: string[];
  /** Another learner id carries the same display name (two browsers, or two people). */
  sameNameAs: number;
  lessons: Map<string, LessonOutcome>;
  steps: Map<string, StepOutcome>;
  stepsPassed: number;
  lessonsCompleted: number;
  hints: number;
  withHelp: number;
  timeMs: number;
  /** The first step not passed in the first lesson begun and not completed, with its attempts. */
  stuckAt: (StepKey & { attempts: number; hints: number }) | null;
  seen: SeenRecord[];
  contributions: Contribution[];
}

export interface StepStat extends StepKey {
  passed: number;
  /** Learners who opened the lesson. */
  started: number;
  /** Learners in the class. */
  total: number;
  medianMs: number | null;
  hints: number;
  withHelp: number;
  attempts: number;
}

export interface Tally {
  label: string;
  lesson: string;
  step: string;
  /** Distinct learners shown it. */
  learners: number;
  /** Times shown, in all. */
  times: number;
}

export interface ClassView {
  learners: LearnerRow[];
  steps: StepStat[];
  lessons: Array<{ lesson: string; started: number; completed: number; medianMs: number | null }>;
  wrongGrants: Tally[];
  failedChecks: Tally[];
  stuck: Array<StepKey & { names: string[] }>;
  /** Exports merged away by the duplicate rule. */
  mergedCount: number;
  contributionLabels: Array<{ id: string; label: string }>;
}

export const stepKey = (lesson: string, step: string) => `${lesson}/${step}`;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Merges results into the class view. `order` (the plan's or the catalogue's lessons with their
 * steps) fixes the column order; lessons it does not list follow in the order first seen.
 */
export function buildClass(imported: readonly Imported[], order: ReadonlyArray<{ id: string; steps: readonly string[] }> = []): ClassView {
  // The duplicate rule: per learner id, the latest export wins (ties: the one imported last).
  const byLearner = new Map<string, { kept: Imported; merged: string[] }>();
  for (const imp of imported) {
    const id = imp.results.learner;
    const prev = byLearner.get(id);
    if (!prev) byLearner.set(id, { kept: imp, merged: [] });
    else if (Date.parse(imp.results.exportedAt) >= Date.parse(prev.kept.results.exportedAt))
      byLearner.set(id, { kept: imp, merged: [...prev.merged, prev.kept.source] });
    else prev.merged.push(imp.source);
  }

  const columns: StepKey[] = [];
  const seenCol = new Set<string>();
  const addCol = (lesson: string, step: string) => {
    const k = stepKey(lesson, step);
    if (!seenCol.has(k)) {
      seenCol.add(k);
      columns.push({ lesson, step });
    }
  };
  for (const l of order) for (const s of l.steps) addCol(l.id, s);
  const lessonOrder = [...order.map((l) => l.id)];

  const names = new Map<string, Set<string>>();
  const learners: LearnerRow[] = [];
  for (const [learner, { kept, merged }] of byLearner) {
    const r = kept.results;
    const lessons = new Map(r.lessons.map((l) => [l.id, l]));
    const steps = new Map<string, StepOutcome>();
    let stepsPassed = 0;
    let hints = 0;
    let withHelp = 0;
    let timeMs = 0;
    let lessonsCompleted = 0;
    for (const l of r.lessons) {
      if (!lessonOrder.includes(l.id)) lessonOrder.push(l.id);
      timeMs += l.timeMs;
      if (l.completed) lessonsCompleted++;
      for (const s of l.steps) {
        addCol(l.id, s.id);
        steps.set(stepKey(l.id, s.id), s);
        if (s.passed) stepsPassed++;
        hints += s.hints;
        if (s.withHelp) withHelp++;
      }
    }
    const key = r.name.trim().toLowerCase();
    names.set(key, (names.get(key) ?? new Set()).add(learner));
    learners.push({
      learner,
      name: r.name,
      source: kept.source,
      exportedAt: r.exportedAt,
      merged,
      sameNameAs: 0,
      lessons,
      steps,
      stepsPassed,
      lessonsCompleted,
      hints,
      withHelp,
      timeMs,
      stuckAt: null,
      seen: r.seen,
      contributions: r.contributions,
    });
  }
  const rank = new Map(lessonOrder.map((id, i) => [id, i]));
  columns.sort((a, b) => (rank.get(a.lesson) ?? 0) - (rank.get(b.lesson) ?? 0));
  for (const row of learners) {
    row.sameNameAs = (names.get(row.name.trim().toLowerCase())?.size ?? 1) - 1;
    const open = [...row.lessons.values()].filter((l) => !l.completed).sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))[0];
    const at = open?.steps.find((s) => !s.passed);
    if (open && at) row.stuckAt = { lesson: open.id, step: at.id, attempts: at.attempts, hints: at.hints };
  }

  const total = learners.length;
  const steps: StepStat[] = columns.map(({ lesson, step }) => {
    const k = stepKey(lesson, step);
    let passed = 0;
    let started = 0;
    let hints = 0;
    let help = 0;
    let attempts = 0;
    const times: number[] = [];
    for (const row of learners) {
      if (!row.lessons.has(lesson)) continue;
      started++;
      const s = row.steps.get(k);
      if (!s) continue;
      hints += s.hints;
      attempts += s.attempts;
      if (s.withHelp) help++;
      if (s.passed) {
        passed++;
        if (s.ms !== undefined) times.push(s.ms);
      }
    }
    return { lesson, step, passed, started, total, medianMs: median(times), hints, withHelp: help, attempts };
  });

  const lessons = lessonOrder.map((lesson) => {
    const rows = learners.map((r) => r.lessons.get(lesson)).filter((l): l is LessonOutcome => l !== undefined);
    const done = rows.filter((l) => l.completed);
    return { lesson, started: rows.length, completed: done.length, medianMs: median(done.map((l) => l.timeMs)) };
  });

  const tally = (pick: (r: SeenRecord) => string | null): Tally[] => {
    const m = new Map<string, Tally & { who: Set<string> }>();
    for (const row of learners) {
      for (const r of row.seen) {
        const label = pick(r);
        if (label === null) continue;
        const k = [r.lesson, r.step, label].join('\u0000');
        const t = m.get(k) ?? { label, lesson: r.lesson, step: r.step, learners: 0, times: 0, who: new Set<string>() };
        t.who.add(row.learner);
        t.times += r.count;
        m.set(k, t);
      }
    }
    return [...m.values()]
      .map(({ who, ...t }) => ({ ...t, learners: who.size }))
      .sort((a, b) => b.learners - a.learners || b.times - a.times || a.label.localeCompare(b.label));
  };
  const wrongGrants = tally((r) =>
    r.grant && (r.kind === 'unnecessary' || r.kind === 'too-broad') ? `${r.grant} (${r.kind === 'unnecessary' ? 'not needed' : 'too broad'})` : null,
  );
  const failedChecks = tally((r) => (r.kind === 'check' || r.kind === 'failed' ? r.message : null));

  const stuckMap = new Map<string, StepKey & { names: string[] }>();
  for (const row of learners) {
    if (!row.stuckAt) continue;
    const k = stepKey(row.stuckAt.lesson, row.stuckAt.step);
    const e = stuckMap.get(k) ?? { lesson: row.stuckAt.lesson, step: row.stuckAt.step, names: [] };
    e.names.push(row.name);
    stuckMap.set(k, e);
  }
  const stuck = [...stuckMap.values()].sort((a, b) => b.names.length - a.names.length);

  const labels = new Map<string, string>();
  for (const row of learners) for (const c of row.contributions) if (!labels.has(c.id)) labels.set(c.id, c.label);

  return {
    learners,
    steps,
    lessons,
    wrongGrants,
    failedChecks,
    stuck,
    mergedCount: imported.length - learners.length,
    contributionLabels: [...labels].map(([id, label]) => ({ id, label })),
  };
}

/** A contribution as one cell: its summary, else its scores ("mock interview 7/10"). */
export function contributionCell(c: Contribution | undefined): string {
  if (!c) return '';
  if (c.summary) return c.summary;
  return (c.scores ?? []).map((s) => `${s.label} ${s.score}/${s.max}`).join('; ');
}

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * gets a leading apostrophe: a display name like `=HYPERLINK(…)` stays text.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const minutes = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : (ms / 60000).toFixed(1));

/** One row per learner: totals, where they are, each contributor's cell, then one column per step. */
export function classCsv(view: ClassView): string {
  const head = [
    'name',
    'learner id',
    'exported at',
    'lessons completed',
    'steps passed',
    'hints',
    'solutions shown',
    'minutes',
    'at step',
    'grader messages',
    ...view.contributionLabels.map((c) => c.label),
    ...view.steps.map((s) => stepKey(s.lesson, s.step)),
  ];
  const rows = view.learners.map((r) => [
    r.name,
    r.learner,
    r.exportedAt,
    r.lessonsCompleted,
    r.stepsPassed,
    r.hints,
    r.withHelp,
    minutes(r.timeMs),
    r.stuckAt ? stepKey(r.stuckAt.lesson, r.stuckAt.step) : '',
    r.seen.reduce((n, s) => n + s.count, 0),
    ...view.contributionLabels.map((c) => contributionCell(r.contributions.find((x) => x.id === c.id))),
    ...view.steps.map((s) => {
      const o = r.steps.get(stepKey(s.lesson, s.step));
      if (!o) return '';
      return o.passed ? (o.withHelp ? 'passed with help' : 'passed') : 'not yet';
    }),
  ]);
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
