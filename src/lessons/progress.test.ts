import { describe, expect, it, vi } from 'vitest';
import * as P from './progress';
import { createProgressStore, PROGRESS_STORAGE_KEY } from './store';
import { memStorage } from '../../test/support/storage';
import { lessonIdFromHash, hashForLesson } from './deep-link';

const steps = ['a', 'b'];

describe('progress model', () => {
  it('tracks steps passed, hints, attempts, help and completion', () => {
    let p = P.openLesson(P.emptyProgress(), 'l1', 1000);
    expect(p.currentLessonId).toBe('l1');
    p = P.recordAttempt(p, 'l1', 'a', 1100);
    const h = P.takeHint(p, 'l1', 'a', 2, 1200);
    p = h.progress;
    expect(h.index).toBe(0);
    expect(P.takeHint(P.takeHint(p, 'l1', 'a', 2, 1300).progress, 'l1', 'a', 2, 1400).index).toBeNull();
    p = P.passStep(p, 'l1', 'a', steps, 1500);
    expect(P.currentStepId(p, 'l1', steps)).toBe('b');
    p = P.revealSolution(p, 'l1', 'b', 1600);
    p = P.passStep(p, 'l1', 'b', steps, 1700);
    expect(P.summarize(p, 'l1', steps)).toEqual({ passed: 2, total: 2, hintsUsed: 1, withHelp: 1, timeSpentMs: 600, completed: true });
    expect(p.lessons.l1!.steps.a).toMatchObject({ status: 'passed', attempts: 1, hintsUsed: 1, solvedWithHelp: false, passedAt: 1500 });
    // attempts after passing do not count; revealing after passing does not mark help
    expect(P.recordAttempt(p, 'l1', 'a', 1800).lessons.l1!.steps.a!.attempts).toBe(1);
    expect(P.revealSolution(p, 'l1', 'a', 1800).lessons.l1!.steps.a!.solvedWithHelp).toBe(false);
  });

  it('caps idle gaps when counting time spent', () => {
    let p = P.openLesson(P.emptyProgress(), 'l1', 0);
    p = P.recordCommand(p, 'l1', 60_000);
    p = P.recordCommand(p, 'l1', 60_000 + 3 * 3600_000);
    expect(p.lessons.l1!.timeSpentMs).toBe(60_000 + P.IDLE_CAP_MS);
    expect(p.lessons.l1!.commands).toBe(2);
  });

  it('export → import round-trips', () => {
    const p = P.passStep(P.openLesson(P.emptyProgress(), 'l1', 5), 'l1', 'a', steps, 10);
    const r = P.importProgress(P.exportProgress(p, 20));
    expect(r).toEqual({ ok: true, progress: p });
  });

  it.each([
    ['not JSON', '{oops', 'not valid JSON'],
    ['foreign JSON', JSON.stringify({ solvedMap: {} }), 'not a Wasm Dojo progress file'],
    ['newer version', JSON.stringify({ format: P.PROGRESS_FORMAT, version: 99, progress: P.emptyProgress() }), 'newer Wasm Dojo'],
    ['damaged step', JSON.stringify({ format: P.PROGRESS_FORMAT, version: 2, progress: { currentLessonId: null, sandbox: false, lessons: { x: { startedAt: 0, lastActiveAt: 0, timeSpentMs: 0, commands: 0, steps: { s: { status: 'won', attempts: 0, hintsUsed: 0, solvedWithHelp: false } } } } } }), 'status must be pending or passed'],
  ])('refuses %s with a reason', (_l, text, reason) => {
    const r = P.importProgress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('migrates a v1 export (hints → hintsUsed, no commands count)', () => {
    const v1 = { format: P.PROGRESS_FORMAT, version: 1, progress: { currentLessonId: 'l1', sandbox: false, lessons: { l1: { startedAt: 1, lastActiveAt: 2, timeSpentMs: 3, steps: { a: { status: 'passed', attempts: 1, hints: 2, solvedWithHelp: false } } } } } };
    const r = P.importProgress(JSON.stringify(v1));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.progress.lessons.l1).toMatchObject({ commands: 0, steps: { a: { hintsUsed: 2 } } });
  });
});

describe('progress validation bounds and odd ids', () => {
  const withLesson = (l: Record<string, unknown>, step: Record<string, unknown> = {}) => ({
    currentLessonId: null,
    sandbox: false,
    lessons: { x: { startedAt: 1, lastActiveAt: 2, timeSpentMs: 3, commands: 4, steps: { s: { status: 'passed', attempts: 0, hintsUsed: 0, solvedWithHelp: false, ...step } }, ...l } },
  });

  it.each([
    ['a duration of 1e308', withLesson({ timeSpentMs: 1e308 }), 'lesson "x": timeSpentMs must be a time in ms, from 0 to before the year 3000'],
    ['a start in the year 3000', withLesson({ startedAt: Date.UTC(3000, 0, 1) }), 'lesson "x": startedAt must be a time in ms, from 0 to before the year 3000'],
    ['an infinite completion', withLesson({ completedAt: Infinity }), 'lesson "x": completedAt must be a time in ms, from 0 to before the year 3000'],
    ['a fractional command count', withLesson({ commands: 1.5 }), 'lesson "x": commands must be a non-negative whole number'],
    ['an attempt count past 2^53', withLesson({}, { attempts: 2 ** 60 }), 'lesson "x" step "s": attempts and hintsUsed must be non-negative whole numbers'],
    ['a pass time of 1e308', withLesson({}, { passedAt: 1e308 }), 'lesson "x" step "s": passedAt must be a time in ms, from 0 to before the year 3000'],
    ['a best drill time of 1e308', withLesson({ drill: { runs: 1, bestMs: 1e308 } }), 'lesson "x": drill bestMs must be a time in ms, from 0 to before the year 3000'],
  ])('refuses %s', (_label, data, reason) => {
    expect(P.progressProblem(data)).toBe(reason);
  });

  it('accepts the largest sensible values', () => {
    const late = Date.UTC(2999, 11, 31);
    expect(P.progressProblem(withLesson({ startedAt: late, lastActiveAt: late, timeSpentMs: late, completedAt: late, drill: { runs: 3, bestMs: late, lastMs: late } }, { passedAt: late, attempts: Number.MAX_SAFE_INTEGER }))).toBeNull();
  });

  it('a v1 file with a lesson or step id "__proto__" keeps it through migration and import', () => {
    const text = `{"format":"${P.PROGRESS_FORMAT}","version":1,"progress":{"currentLessonId":null,"sandbox":false,"lessons":{"__proto__":{"startedAt":1,"lastActiveAt":2,"timeSpentMs":3,"steps":{"__proto__":{"status":"passed","attempts":1,"hints":2,"solvedWithHelp":false}}}}}}`;
    const r = P.importProgress(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.progress.lessons)).toEqual(['__proto__']);
    const lesson = Object.getOwnPropertyDescriptor(r.progress.lessons, '__proto__')?.value as P.LessonProgress;
    expect(lesson).toMatchObject({ commands: 0, timeSpentMs: 3 });
    expect(Object.keys(lesson.steps)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(lesson.steps, '__proto__')?.value).toMatchObject({ status: 'passed', hintsUsed: 2 });
    // Nothing leaked into a prototype, and the data survives a save.
    expect(Object.getPrototypeOf(r.progress.lessons)).toBe(Object.prototype);
    expect(JSON.parse(P.exportProgress(r.progress, 5))).toMatchObject({ progress: { lessons: JSON.parse('{"__proto__":{"commands":0}}') } });
  });
});

describe('timed runs (drill)', () => {
  const ids = ['a', 'b'];
  const open = () => P.openLesson(P.emptyProgress(), 'd', 0);
  const complete = (p: P.ProgressData, at: number) => P.passStep(P.passStep(p, 'd', 'a', ids, at), 'd', 'b', ids, at);

  it('starts a run once, at the time given, and not on a completed lesson', () => {
    const p = P.startDrillRun(open(), 'd', 1_000);
    expect(p.lessons.d!.drill).toEqual({ runs: 0, runStartedAt: 1_000 });
    // a second start while a run is on changes nothing (same object)
    expect(P.startDrillRun(p, 'd', 5_000)).toBe(p);
    const done = complete(open(), 10);
    expect(P.startDrillRun(done, 'd', 20)).toBe(done);
  });

  it('finishes a clean run: last time, runs, and the best time', () => {
    let p = complete(P.startDrillRun(open(), 'd', 1_000), 193_000);
    const first = P.finishDrillRun(p, 'd', ids, 193_000);
    expect(first.run).toEqual({ ms: 192_000, clean: true, newBest: true, bestMs: 192_000 });
    p = first.progress;
    expect(p.lessons.d!.drill).toEqual({ runs: 1, lastMs: 192_000, bestMs: 192_000 });
    // no run active any more: finishing again reports nothing
    expect(P.finishDrillRun(p, 'd', ids, 300_000)).toEqual({ progress: p, run: null });

    // a slower clean run after restart: counted, not a best
    p = complete(P.startDrillRun(P.restartLesson(p, 'd', 400_000), 'd', 400_000), 700_000);
    const second = P.finishDrillRun(p, 'd', ids, 700_000);
    expect(second.run).toEqual({ ms: 300_000, clean: true, newBest: false, bestMs: 192_000 });
    expect(second.progress.lessons.d!.drill).toEqual({ runs: 2, lastMs: 300_000, bestMs: 192_000 });
  });

  it('a run with a hint or a shown solution never sets the best time, however fast', () => {
    const helped = (f: (p: P.ProgressData) => P.ProgressData) => {
      const p = complete(f(P.startDrillRun(open(), 'd', 0)), 10_000);
      return P.finishDrillRun(p, 'd', ids, 10_000);
    };
    const hint = helped((p) => P.takeHint(p, 'd', 'a', 2, 5).progress);
    expect(hint.run).toEqual({ ms: 10_000, clean: false, newBest: false });
    expect(hint.progress.lessons.d!.drill).toEqual({ runs: 1, lastMs: 10_000 });
    const solution = helped((p) => P.revealSolution(p, 'd', 'b', 5));
    expect(solution.run?.clean).toBe(false);
    expect(solution.progress.lessons.d!.drill?.bestMs).toBeUndefined();
  });

  it('restart: steps pending and help forgotten, run cleared, times and time spent kept', () => {
    let p = P.startDrillRun(open(), 'd', 0);
    p = P.takeHint(p, 'd', 'a', 2, 1_000).progress;
    p = P.setQuizAnswer(p, 'd', 'b', 'x', 2_000);
    p = P.finishDrillRun(complete(p, 60_000), 'd', ids, 60_000).progress;
    p = P.startDrillRun(P.restartLesson(p, 'd', 61_000), 'd', 62_000); // a second run on the clock
    p = P.recordCommand(p, 'd', 63_000);
    const before = p.lessons.d!;
    const r = P.restartLesson(p, 'd', 64_000).lessons.d!;
    expect(r.steps).toEqual({});
    expect(r.completedAt).toBeUndefined();
    expect(r.drill).toEqual({ runs: 1, lastMs: 60_000 });
    expect(r.timeSpentMs).toBe(before.timeSpentMs + 1_000);
    expect(r.commands).toBe(before.commands);
    expect(P.currentStepId(P.restartLesson(p, 'd', 64_000), 'd', ids)).toBe('a');
    // an untimed lesson restarts the same way and gets no drill data
    const plain = P.restartLesson(complete(open(), 5), 'd', 6).lessons.d!;
    expect(plain.drill).toBeUndefined();
    expect(plain.completedAt).toBeUndefined();
  });

  const lesson = (drill?: unknown) => ({ currentLessonId: null, sandbox: false, lessons: { d: { startedAt: 0, lastActiveAt: 0, timeSpentMs: 0, commands: 0, steps: {}, ...(drill !== undefined ? { drill } : {}) } } });

  it('progressProblem accepts drill data, and old data without it', () => {
    expect(P.progressProblem(lesson())).toBeNull();
    expect(P.progressProblem(lesson({ runs: 0 }))).toBeNull();
    expect(P.progressProblem(lesson({ runs: 3, runStartedAt: 5, lastMs: 200_000, bestMs: 190_000 }))).toBeNull();
    // an export made before drills existed still imports
    const old = { format: P.PROGRESS_FORMAT, version: 2, exportedAt: '2026-01-01T00:00:00.000Z', progress: lesson() };
    expect(P.importProgress(JSON.stringify(old))).toEqual({ ok: true, progress: lesson() });
  });

  it.each([
    ['not an object', 'fast', 'lesson "d": drill is not an object'],
    ['no runs', { bestMs: 3 }, 'lesson "d": drill runs must be a non-negative whole number'],
    ['fractional runs', { runs: 1.5 }, 'lesson "d": drill runs must be a non-negative whole number'],
    ['negative best', { runs: 1, bestMs: -1 }, 'lesson "d": drill bestMs must be a time in ms, from 0 to before the year 3000'],
    ['text last', { runs: 1, lastMs: '3:12' }, 'lesson "d": drill lastMs must be a time in ms, from 0 to before the year 3000'],
    ['null start', { runs: 0, runStartedAt: null }, 'lesson "d": drill runStartedAt must be a time in ms, from 0 to before the year 3000'],
  ])('progressProblem refuses a drill with %s', (_label, drill, reason) => {
    expect(P.progressProblem(lesson(drill))).toBe(reason);
    const r = P.importProgress(JSON.stringify({ format: P.PROGRESS_FORMAT, version: 2, progress: lesson(drill) }));
    expect(r).toEqual({ ok: false, reason: `the file is damaged: ${reason}` });
  });
});


describe('progress store (a persisted document)', () => {
  it('saves as it changes and survives a reload', () => {
    const storage = memStorage();
    const a = createProgressStore(storage);
    a.getState().update((p) => P.passStep(P.openLesson(p, 'l1', 1), 'l1', 'a', steps, 2));
    expect(JSON.parse(storage.map.get(PROGRESS_STORAGE_KEY)!).version).toBe(P.PROGRESS_VERSION);
    const b = createProgressStore(storage); // "reload"
    expect(b.getState().progress.lessons.l1!.steps.a!.status).toBe('passed');
    expect(b.getState().progress.currentLessonId).toBe('l1');
  });

  it('migrates a v1 saved copy on load', () => {
    const storage = memStorage();
    storage.map.set(PROGRESS_STORAGE_KEY, JSON.stringify({ version: 1, state: { progress: { currentLessonId: null, sandbox: false, lessons: { l1: { startedAt: 1, lastActiveAt: 1, timeSpentMs: 0, steps: { a: { status: 'pending', attempts: 0, hints: 1, solvedWithHelp: false } } } } } } }));
    const s = createProgressStore(storage);
    expect(s.getState().progress.lessons.l1!.steps.a!.hintsUsed).toBe(1);
  });

  const asideKeys = (storage: { map: Map<string, string> }) => [...storage.map.keys()].filter((k) => k.startsWith(`${PROGRESS_STORAGE_KEY}:broken:`));

  it('ignores a corrupt saved copy, keeps it aside under its own timestamped key, starts clean, and says so', () => {
    const storage = memStorage();
    storage.map.set(PROGRESS_STORAGE_KEY, JSON.stringify({ version: 2, state: { progress: { lessons: 'garbage' } } }));
    const s = createProgressStore(storage, { now: () => 1234 });
    expect(s.getState().progress).toEqual(P.emptyProgress());
    expect(asideKeys(storage)).toEqual([`${PROGRESS_STORAGE_KEY}:broken:1234`]);
    expect(storage.map.get(`${PROGRESS_STORAGE_KEY}:broken:1234`)).toContain('garbage');
    // The learner is told what was set aside, under which key, and how to copy it out.
    expect(s.getState().setAsideMessage).toBe(
      `dojo: your saved lesson progress could not be read (currentLessonId must be a lesson id or null); it was kept aside as '${PROGRESS_STORAGE_KEY}:broken:1234' in this browser's localStorage (to copy it out: the developer tools console, copy(localStorage.getItem("${PROGRESS_STORAGE_KEY}:broken:1234"))) and lessons start afresh`,
    );
    // A good copy says nothing.
    expect(createProgressStore(memStorage()).getState().setAsideMessage).toBeUndefined();
  });

  it('damaged twice: the first set-aside copy is not overwritten by the second (even in the same millisecond)', () => {
    const storage = memStorage();
    storage.map.set(PROGRESS_STORAGE_KEY, '{first damage');
    createProgressStore(storage, { now: () => 5 });
    storage.map.set(PROGRESS_STORAGE_KEY, '{second damage');
    createProgressStore(storage, { now: () => 5 });
    storage.map.set(PROGRESS_STORAGE_KEY, '{third damage');
    const third = createProgressStore(storage, { now: () => 9 });
    expect(Object.fromEntries(asideKeys(storage).map((k) => [k, storage.map.get(k)]))).toEqual({
      [`${PROGRESS_STORAGE_KEY}:broken:5`]: '{first damage',
      [`${PROGRESS_STORAGE_KEY}:broken:5-1`]: '{second damage',
      [`${PROGRESS_STORAGE_KEY}:broken:9`]: '{third damage',
    });
    expect(third.getState().setAsideMessage).toMatch(/it is not valid JSON .*kept aside as 'wasm-dojo:lesson-progress:broken:9'/);
  });

  it('keeps saved text that is not JSON aside, says so, and a later save does not overwrite it', () => {
    const storage = memStorage();
    storage.map.set(PROGRESS_STORAGE_KEY, '{not json');
    const s = createProgressStore(storage);
    expect(s.getState().progress).toEqual(P.emptyProgress());
    const [aside] = asideKeys(storage);
    expect(storage.map.get(aside!)).toBe('{not json');
    expect(s.getState().setAsideMessage).toMatch(/^dojo: your saved lesson progress could not be read \(it is not valid JSON/);
    s.getState().update((p) => P.openLesson(p, 'l1', 1));
    s.getState().update((p) => P.openLesson(p, 'l2', 2));
    expect(storage.map.get(aside!)).toBe('{not json');
    expect(asideKeys(storage)).toHaveLength(1);
    expect(JSON.parse(storage.map.get(PROGRESS_STORAGE_KEY)!).state.progress.currentLessonId).toBe('l2');
    // Reloaded before any save: the same damage is not copied or told again.
    storage.map.set(PROGRESS_STORAGE_KEY, '{not json');
    expect(createProgressStore(storage).getState().setAsideMessage).toBeUndefined();
    expect(asideKeys(storage)).toHaveLength(1);
    s.getState().update((p) => P.openLesson(p, 'l3', 3));
    // Reloaded: the saved copy is good again, and nothing more is said.
    expect(createProgressStore(storage).getState().setAsideMessage).toBeUndefined();
  });

  it('a save that throws (storage full) keeps progress in memory and is reported once', () => {
    const storage = memStorage();
    let full = true;
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const setItem = (k: string, v: string) => {
      if (full) throw quota;
      storage.map.set(k, v);
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const s = createProgressStore({ ...storage, setItem });
      expect(() => s.getState().update((p) => P.openLesson(p, 'l1', 1))).not.toThrow();
      s.getState().update((p) => P.recordCommand(p, 'l1', 2));
      s.getState().update((p) => P.recordCommand(p, 'l1', 3));
      expect(s.getState().progress.lessons.l1!.commands).toBe(2);
      expect(storage.map.has(PROGRESS_STORAGE_KEY)).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/progress could not be saved \(The quota has been exceeded\.\)/);
      full = false;
      s.getState().update((p) => P.recordCommand(p, 'l1', 4));
      expect(JSON.parse(storage.map.get(PROGRESS_STORAGE_KEY)!).state.progress.lessons.l1.commands).toBe(3);
    } finally {
      warn.mockRestore();
    }
  });

  it('import refusal leaves state unchanged; a good import replaces it', () => {
    const s = createProgressStore(memStorage());
    s.getState().update((p) => P.openLesson(p, 'keep', 1));
    const before = s.getState().progress;
    const bad = s.getState().importFrom('{"format":"something-else"}');
    expect(bad.ok).toBe(false);
    expect(s.getState().progress).toBe(before);
    const other = P.passStep(P.openLesson(P.emptyProgress(), 'other', 1), 'other', 'a', ['a'], 2);
    expect(s.getState().importFrom(P.exportProgress(other, 3))).toEqual({ ok: true });
    expect(s.getState().progress.currentLessonId).toBe('other');
  });
});

describe('deep links', () => {
  it('round-trips and rejects junk', () => {
    expect(lessonIdFromHash(hashForLesson('wasmtime-dir'))).toBe('wasmtime-dir');
    expect(lessonIdFromHash('#/lesson/wasmtime-dir/')).toBe('wasmtime-dir');
    expect(lessonIdFromHash('#/lesson/<script>')).toBeNull();
    expect(lessonIdFromHash('#/other/x')).toBeNull();
    expect(lessonIdFromHash('#/lesson/%E0%A4%A')).toBeNull();
  });
});
