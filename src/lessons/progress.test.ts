import { describe, expect, it } from 'vitest';
import * as P from './progress';
import { createProgressStore, PROGRESS_STORAGE_KEY } from './store';
import type { StateStorage } from 'zustand/middleware';
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

function memStorage(): StateStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('progress store (zustand persist)', () => {
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

  it('ignores a corrupt saved copy, keeps it aside, starts clean', () => {
    const storage = memStorage();
    storage.map.set(PROGRESS_STORAGE_KEY, JSON.stringify({ version: 2, state: { progress: { lessons: 'garbage' } } }));
    const s = createProgressStore(storage);
    expect(s.getState().progress).toEqual(P.emptyProgress());
    expect(storage.map.get(`${PROGRESS_STORAGE_KEY}-corrupt`)).toContain('garbage');
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
