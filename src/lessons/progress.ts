/**
 * The learner's progress as plain data, and the pure transitions on it. The zustand store
 * (store.ts) only holds this object and calls these functions, so every rule here is unit-tested
 * without a store, a DOM or a clock (callers pass `now`).
 */

export const PROGRESS_VERSION = 2;
export const PROGRESS_FORMAT = 'wasm-dojo-progress';

export interface StepProgress {
  status: 'pending' | 'passed';
  passedAt?: number;
  /** Gradings of this step that did not pass (commands evaluated against it, `check`, wrong answers). */
  attempts: number;
  hintsUsed: number;
  /** The learner revealed the solution before passing. */
  solvedWithHelp: boolean;
  quizAnswer?: string;
}

export interface LessonProgress {
  startedAt: number;
  lastActiveAt: number;
  /** Active time: gaps longer than IDLE_CAP_MS count as IDLE_CAP_MS. */
  timeSpentMs: number;
  /** Commands typed while the lesson was open. */
  commands: number;
  steps: Record<string, StepProgress>;
  completedAt?: number;
  /** Timed lessons only (`timed: true`): the run in progress and the figures of finished runs. */
  drill?: DrillProgress;
}

/**
 * A timed run goes from the first graded command to the lesson's completion. Only clean runs (no
 * hint taken, no solution shown) can set the best time; every finished run counts in `runs`/`lastMs`.
 */
export interface DrillProgress {
  /** When the run in progress started; absent when no run is active. */
  runStartedAt?: number;
  lastMs?: number;
  bestMs?: number;
  runs: number;
}

/** The figures of a run that just finished, for the report (what the learner is told). */
export interface DrillRunResult {
  ms: number;
  /** No hint taken and no solution shown during the run: it may count as the best time. */
  clean: boolean;
  /** The best clean time after this run (this run's when it is a new best). */
  bestMs?: number;
  newBest: boolean;
}

export interface ProgressData {
  currentLessonId: string | null;
  /** Free play: nothing is graded. */
  sandbox: boolean;
  lessons: Record<string, LessonProgress>;
}

export const IDLE_CAP_MS = 5 * 60 * 1000;

export function emptyProgress(): ProgressData {
  return { currentLessonId: null, sandbox: false, lessons: {} };
}

export function emptyStep(): StepProgress {
  return { status: 'pending', attempts: 0, hintsUsed: 0, solvedWithHelp: false };
}

function lessonOf(p: ProgressData, id: string, now: number): LessonProgress {
  return p.lessons[id] ?? { startedAt: now, lastActiveAt: now, timeSpentMs: 0, commands: 0, steps: {} };
}

function withLesson(p: ProgressData, id: string, now: number, f: (l: LessonProgress) => LessonProgress): ProgressData {
  return { ...p, lessons: { ...p.lessons, [id]: f(lessonOf(p, id, now)) } };
}

function withStep(p: ProgressData, id: string, stepId: string, now: number, f: (s: StepProgress) => StepProgress): ProgressData {
  return withLesson(p, id, now, (l) => ({ ...l, steps: { ...l.steps, [stepId]: f(l.steps[stepId] ?? emptyStep()) } }));
}

/** Counts time since the last activity (capped, so a tab left open overnight is not "8 hours"). */
export function touch(p: ProgressData, id: string, now: number): ProgressData {
  return withLesson(p, id, now, (l) => ({
    ...l,
    timeSpentMs: l.timeSpentMs + Math.max(0, Math.min(now - l.lastActiveAt, IDLE_CAP_MS)),
    lastActiveAt: now,
  }));
}

export function openLesson(p: ProgressData, id: string, now: number): ProgressData {
  // Opening restarts the activity clock: time away from the lesson is not time spent on it.
  const next = withLesson(p, id, now, (l) => ({ ...l, lastActiveAt: now }));
  return { ...next, currentLessonId: id, sandbox: false };
}

export function enterSandbox(p: ProgressData): ProgressData {
  return { ...p, currentLessonId: null, sandbox: true };
}

export function recordCommand(p: ProgressData, id: string, now: number): ProgressData {
  return withLesson(touch(p, id, now), id, now, (l) => ({ ...l, commands: l.commands + 1 }));
}

export function recordAttempt(p: ProgressData, id: string, stepId: string, now: number): ProgressData {
  return withStep(p, id, stepId, now, (s) => (s.status === 'passed' ? s : { ...s, attempts: s.attempts + 1 }));
}

/** Marks a step passed (sticky: a later command cannot un-pass it); completes the lesson when all steps passed. */
export function passStep(p: ProgressData, id: string, stepId: string, allStepIds: string[], now: number): ProgressData {
  let next = withStep(p, id, stepId, now, (s) => (s.status === 'passed' ? s : { ...s, status: 'passed', passedAt: now }));
  const l = next.lessons[id];
  if (l && !l.completedAt && allStepIds.every((s) => l.steps[s]?.status === 'passed')) {
    next = withLesson(next, id, now, (x) => ({ ...x, completedAt: now }));
  }
  return next;
}

/** Starts a timed run at `startedAt`, unless one is active or the lesson is already complete. */
export function startDrillRun(p: ProgressData, id: string, startedAt: number): ProgressData {
  const l = p.lessons[id];
  if (l?.completedAt !== undefined || l?.drill?.runStartedAt !== undefined) return p;
  return withLesson(p, id, startedAt, (x) => ({ ...x, drill: { ...(x.drill ?? { runs: 0 }), runStartedAt: startedAt } }));
}

/**
 * Ends the active run at `now` (call when the lesson completes). Returns the run's figures, or null
 * when no run was active (a lesson completed before it was timed, or with no graded command typed).
 */
export function finishDrillRun(p: ProgressData, id: string, stepIds: string[], now: number): { progress: ProgressData; run: DrillRunResult | null } {
  const l = p.lessons[id];
  const drill = l?.drill;
  if (!l || !drill || drill.runStartedAt === undefined) return { progress: p, run: null };
  const ms = Math.max(0, now - drill.runStartedAt);
  const clean = stepIds.every((s) => (l.steps[s]?.hintsUsed ?? 0) === 0 && !l.steps[s]?.solvedWithHelp);
  const newBest = clean && (drill.bestMs === undefined || ms < drill.bestMs);
  const bestMs = newBest ? ms : drill.bestMs;
  const runs = drill.runs + 1;
  const next: DrillProgress = { runs, lastMs: ms, ...(bestMs !== undefined ? { bestMs } : {}) };
  const run: DrillRunResult = { ms, clean, newBest, ...(bestMs !== undefined ? { bestMs } : {}) };
  return { progress: withLesson(p, id, now, (x) => ({ ...x, drill: next })), run };
}

/**
 * Starts a lesson over: every step pending again (attempts, hints, shown solutions and quiz answers
 * of this lesson forgotten), not complete, no run active. Kept: time spent, commands typed, and the
 * drill's finished-run figures (last, best, runs), which are the point of running it again.
 */
export function restartLesson(p: ProgressData, id: string, now: number): ProgressData {
  return withLesson(touch(p, id, now), id, now, (l) => {
    const kept: LessonProgress = { ...l, steps: {} };
    delete kept.completedAt;
    if (l.drill) {
      kept.drill = { ...l.drill };
      delete kept.drill.runStartedAt;
    }
    return kept;
  });
}

export function takeHint(
  p: ProgressData,
  id: string,
  stepId: string,
  hintCount: number,
  now: number,
): { progress: ProgressData; index: number | null } {
  const used = p.lessons[id]?.steps[stepId]?.hintsUsed ?? 0;
  if (used >= hintCount) return { progress: touch(p, id, now), index: null };
  return { progress: withStep(touch(p, id, now), id, stepId, now, (s) => ({ ...s, hintsUsed: s.hintsUsed + 1 })), index: used };
}

export function revealSolution(p: ProgressData, id: string, stepId: string, now: number): ProgressData {
  return withStep(touch(p, id, now), id, stepId, now, (s) => (s.status === 'passed' ? s : { ...s, solvedWithHelp: true }));
}

export function setQuizAnswer(p: ProgressData, id: string, stepId: string, answer: string, now: number): ProgressData {
  return withStep(touch(p, id, now), id, stepId, now, (s) => ({ ...s, quizAnswer: answer }));
}

/** The first step not yet passed, or null when the lesson is complete. */
export function currentStepId(p: ProgressData, id: string, stepIds: string[]): string | null {
  const steps = p.lessons[id]?.steps ?? {};
  return stepIds.find((s) => steps[s]?.status !== 'passed') ?? null;
}

export interface LessonSummary {
  passed: number;
  total: number;
  hintsUsed: number;
  withHelp: number;
  timeSpentMs: number;
  completed: boolean;
}

export function summarize(p: ProgressData, id: string, stepIds: string[]): LessonSummary {
  const l = p.lessons[id];
  const steps = stepIds.map((s) => l?.steps[s]);
  return {
    passed: steps.filter((s) => s?.status === 'passed').length,
    total: stepIds.length,
    hintsUsed: steps.reduce((n, s) => n + (s?.hintsUsed ?? 0), 0),
    withHelp: steps.filter((s) => s?.solvedWithHelp).length,
    timeSpentMs: l?.timeSpentMs ?? 0,
    completed: Boolean(l?.completedAt),
  };
}

// ---------------------------------------------------------------------------------------------
// Versioning: every persisted or exported copy carries PROGRESS_VERSION; older ones are migrated.

/**
 * v1 (first release) stored per-step `hints` instead of `hintsUsed` and had no `commands` count.
 * Kept so that learners who saved progress with v1 keep it.
 */
export function migrateProgress(data: unknown, fromVersion: number): unknown {
  if (fromVersion < 2 && isObj(data) && isObj(data.lessons)) {
    const lessons: Record<string, unknown> = {};
    for (const [id, l] of Object.entries(data.lessons)) {
      if (!isObj(l)) {
        put(lessons, id, l);
        continue;
      }
      const steps: Record<string, unknown> = {};
      for (const [sid, s] of Object.entries(isObj(l.steps) ? l.steps : {})) {
        if (isObj(s) && 'hints' in s && !('hintsUsed' in s)) {
          const { hints, ...rest } = s;
          put(steps, sid, { ...rest, hintsUsed: hints });
        } else put(steps, sid, s);
      }
      put(lessons, id, { commands: 0, ...l, steps });
    }
    return { ...data, lessons };
  }
  return data;
}

/**
 * Sets an own property whatever the key: `o[k] = v` with k "__proto__" would set the prototype and
 * drop the entry, while JSON.parse and v2 files keep such a key as data (as we do: nothing is lost).
 */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Upper bound for times (epoch ms) and durations: 1 January 3000. `1e308` is damage, not progress. */
export const MAX_TIME_MS = Date.UTC(3000, 0, 1);
const time = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < MAX_TIME_MS;
const TIME_RULE = 'must be a time in ms, from 0 to before the year 3000';
/** Counts only ever go up by one: whole and exact (at most 2^53 - 1). */
const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks shape and types; returns the reason it is not valid progress, or null. */
export function progressProblem(data: unknown): string | null {
  if (!isObj(data)) return 'progress is not an object';
  if (!(data.currentLessonId === null || typeof data.currentLessonId === 'string')) return 'currentLessonId must be a lesson id or null';
  if (typeof data.sandbox !== 'boolean') return 'sandbox must be true or false';
  if (!isObj(data.lessons)) return 'lessons must be an object';
  for (const [id, l] of Object.entries(data.lessons)) {
    if (!isObj(l)) return `lesson "${id}" is not an object`;
    for (const k of ['startedAt', 'lastActiveAt', 'timeSpentMs'] as const) if (!time(l[k])) return `lesson "${id}": ${k} ${TIME_RULE}`;
    if (!count(l.commands)) return `lesson "${id}": commands must be a non-negative whole number`;
    if (l.completedAt !== undefined && !time(l.completedAt)) return `lesson "${id}": completedAt ${TIME_RULE}`;
    if (l.drill !== undefined) {
      const problem = drillProblem(l.drill);
      if (problem) return `lesson "${id}": drill ${problem}`;
    }
    if (!isObj(l.steps)) return `lesson "${id}": steps must be an object`;
    for (const [sid, s] of Object.entries(l.steps)) {
      if (!isObj(s)) return `lesson "${id}" step "${sid}" is not an object`;
      if (s.status !== 'pending' && s.status !== 'passed') return `lesson "${id}" step "${sid}": status must be pending or passed`;
      if (!count(s.attempts) || !count(s.hintsUsed)) return `lesson "${id}" step "${sid}": attempts and hintsUsed must be non-negative whole numbers`;
      if (s.passedAt !== undefined && !time(s.passedAt)) return `lesson "${id}" step "${sid}": passedAt ${TIME_RULE}`;
      if (typeof s.solvedWithHelp !== 'boolean') return `lesson "${id}" step "${sid}": solvedWithHelp must be true or false`;
      if (s.quizAnswer !== undefined && typeof s.quizAnswer !== 'string') return `lesson "${id}" step "${sid}": quizAnswer must be text`;
    }
  }
  return null;
}

function drillProblem(d: unknown): string | null {
  if (!isObj(d)) return 'is not an object';
  if (!count(d.runs)) return 'runs must be a non-negative whole number';
  for (const k of ['runStartedAt', 'lastMs', 'bestMs'] as const) if (d[k] !== undefined && !time(d[k])) return `${k} ${TIME_RULE}`;
  return null;
}

export interface ProgressExport {
  format: typeof PROGRESS_FORMAT;
  version: number;
  exportedAt: string;
  progress: ProgressData;
}

/**
 * The progress file. `extra` adds members other parts of the Dojo keep in the same file (the
 * trainer's `trainer` deck); they cannot replace the lesson progress or its format fields.
 */
export function exportProgress(p: ProgressData, now: number, extra: Record<string, unknown> = {}): string {
  const doc: ProgressExport = {
    ...extra,
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: new Date(now).toISOString(),
    progress: p,
  };
  return JSON.stringify(doc, null, 2);
}

export type ImportOutcome = { ok: true; progress: ProgressData } | { ok: false; reason: string };

/** Parses an exported file. Anything corrupt, foreign or from a newer app is refused with a reason. */
export function importProgress(text: string): ImportOutcome {
  if (text.length > 5_000_000) return { ok: false, reason: 'the file is too large to be a progress export' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `the file is not valid JSON (${(e as Error).message})` };
  }
  if (!isObj(doc) || doc.format !== PROGRESS_FORMAT)
    return { ok: false, reason: 'this is not a Wasm Dojo progress file (its "format" field is missing or different)' };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1)
    return { ok: false, reason: 'the file has no valid version number' };
  if (doc.version > PROGRESS_VERSION)
    return { ok: false, reason: `the file comes from a newer Wasm Dojo (version ${doc.version}; this one reads up to ${PROGRESS_VERSION})` };
  const migrated = migrateProgress(doc.progress, doc.version);
  const problem = progressProblem(migrated);
  if (problem) return { ok: false, reason: `the file is damaged: ${problem}` };
  return { ok: true, progress: migrated as ProgressData };
}
