/** One progress file holds the lesson progress and the trainer's deck (the lesson pane's export/import). */
import { describe, expect, it } from 'vitest';
import { exportProgress, openLesson } from '../../src/lessons/progress';
import { createProgressStore } from '../../src/lessons/store';
import { emptyTrainer, type TrainerData } from '../../src/trainer/deck';
import { createTrainerStore } from '../../src/trainer/store';
import { importProgressFile, trainerMembers } from '../../src/trainer/transfer';
import { makeDojo } from '../support/dojo';

const NOW = Date.UTC(2026, 0, 5, 10);

function stores() {
  const lessons = createProgressStore();
  const trainer = createTrainerStore();
  return { lessons, trainer, targets: { lessons: lessons.getState(), trainer } };
}

function someDeck(): TrainerData {
  return {
    ...emptyTrainer(),
    newPerDay: 7,
    days: ['2026-01-04', '2026-01-05'],
    drills: { 'grant-data': { runs: 2, bestMs: 61_000, lastMs: 75_000 } },
  };
}

describe('the progress file with the trainer inside', () => {
  it('round-trips: one export restores the lessons and the deck', () => {
    const from = stores();
    from.lessons.getState().update((p) => openLesson(p, 'wasmtime-dir', NOW));
    from.trainer.getState().update(() => someDeck());
    const file = exportProgress(from.lessons.getState().progress, NOW, trainerMembers(from.trainer.getState().data));
    expect(JSON.parse(file)).toMatchObject({ format: 'wasm-dojo-progress', trainerVersion: 1, trainer: { newPerDay: 7 } });

    const to = stores();
    expect(importProgressFile(file, to.targets)).toEqual({ ok: true, trainer: true });
    expect(to.lessons.getState().progress).toEqual(from.lessons.getState().progress);
    expect(to.trainer.getState().data).toEqual(someDeck());
  });

  it('a file from before the trainer imports the lessons and leaves the deck alone', () => {
    const to = stores();
    to.trainer.getState().update(() => someDeck());
    const old = exportProgress(createProgressStore().getState().progress, NOW);
    expect(importProgressFile(old, to.targets)).toEqual({ ok: true, trainer: false });
    expect(to.trainer.getState().data).toEqual(someDeck());
  });

  it('a damaged deck refuses the whole file: neither the lessons nor the deck change', () => {
    const to = stores();
    to.lessons.getState().update((p) => openLesson(p, 'wasmtime-dir', NOW));
    const before = to.lessons.getState().progress;
    const file = exportProgress(createProgressStore().getState().progress, NOW, { trainer: { cards: 'not a map' }, trainerVersion: 1 });
    const r = importProgressFile(file, to.targets);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^its practice data: the file is damaged/) });
    expect(to.lessons.getState().progress).toBe(before);
    expect(to.trainer.getState().data).toEqual(emptyTrainer());
  });

  it('a deck from a newer Dojo is refused with its version named', () => {
    const file = exportProgress(createProgressStore().getState().progress, NOW, { trainer: emptyTrainer(), trainerVersion: 99 });
    expect(importProgressFile(file, stores().targets)).toMatchObject({ ok: false, reason: expect.stringContaining('trainer version 99') });
  });

  it('the extra members cannot replace the lesson progress', () => {
    const file = exportProgress(createProgressStore().getState().progress, NOW, { progress: 'x', format: 'evil' });
    expect(JSON.parse(file)).toMatchObject({ format: 'wasm-dojo-progress', progress: { lessons: {} } });
  });

  it("the app's trainer hands the lesson pane its deck for the file, and takes it back", async () => {
    const d = await makeDojo({ tty: false });
    const sys = await d.trainerReady;
    sys.trainer.store.getState().update(() => someDeck());
    const file = exportProgress(d.lessonSystem.store.getState().progress, NOW, sys.progressFile.members());
    sys.trainer.store.getState().resetAll();
    expect(sys.progressFile.importFrom(file, d.lessonSystem.store.getState())).toEqual({ ok: true, trainer: true });
    expect(sys.trainer.store.getState().data).toEqual(someDeck());
  });
});
