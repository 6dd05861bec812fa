import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { describeDue, newCard, ratingFor, review } from '../../src/trainer/fsrs';
import { addMistake, dueQueue, emptyTrainer, importTrainer, exportTrainer, recordReview, streak } from '../../src/trainer/deck';

const T0 = Date.UTC(2026, 10, 23, 12, 0);

describe('rating from the result', () => {
  const o = { correct: true, hintUsed: false, elapsedMs: 20_000, targetMs: 30_000 };
  it('wrong → Again, hint or slow → Hard, right → Good, fast → Easy', () => {
    expect(ratingFor({ ...o, correct: false })).toBe(Rating.Again);
    // A failure is never Hard, however fast: Hard is a pass in FSRS.
    expect(ratingFor({ ...o, correct: false, elapsedMs: 1 })).toBe(Rating.Again);
    expect(ratingFor({ ...o, hintUsed: true })).toBe(Rating.Hard);
    expect(ratingFor({ ...o, elapsedMs: 31_000 })).toBe(Rating.Hard);
    expect(ratingFor(o)).toBe(Rating.Good);
    expect(ratingFor({ ...o, elapsedMs: 9_000 })).toBe(Rating.Easy);
  });
});

describe('the scheduler adapter against ts-fsrs itself', () => {
  it('gives the due dates ts-fsrs gives for the same reviews, through the JSON round trip', () => {
    const ref = fsrs({ enable_fuzz: false });
    let theirs = createEmptyCard(new Date(T0));
    let ours = newCard(T0);
    let now = T0;
    for (const rating of [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Easy, Rating.Good] as const) {
      theirs = ref.next(theirs, new Date(now), rating).card;
      ours = JSON.parse(JSON.stringify(review(ours, rating, now)));
      expect(ours.due).toBe(theirs.due.getTime());
      expect(ours.stability).toBeCloseTo(theirs.stability, 10);
      expect(ours.state).toBe(theirs.state);
      now = ours.due;
    }
    expect(ours.lapses).toBe(1);
  });

  it('a wrong answer comes back in minutes, a right one later, an easy one later still', () => {
    const again = review(newCard(T0), Rating.Again, T0).due - T0;
    const good = review(newCard(T0), Rating.Good, T0).due - T0;
    const easy = review(newCard(T0), Rating.Easy, T0).due - T0;
    expect(again).toBe(60_000);
    expect(good).toBe(10 * 60_000);
    expect(easy).toBeGreaterThan(86_400_000);
  });

  it('says when in words, never in scheduler terms', () => {
    expect(describeDue(T0 + 60_000, T0)).toBe('in 1 minute');
    expect(describeDue(T0 + 10 * 60_000, T0)).toBe('in 10 minutes');
    expect(describeDue(T0 + 86_400_000, T0)).toBe('tomorrow');
    expect(describeDue(T0 + 5 * 86_400_000, T0)).toBe('in 5 days');
  });
});

describe('the deck', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `q${i}`);
  it('caps new cards per day and puts due cards first', () => {
    let d = emptyTrainer();
    expect(dueQueue(d, ids, T0)).toEqual(ids.slice(0, 10));
    for (const id of ids.slice(0, 10)) d = recordReview(d, id, Rating.Again, false, T0);
    // Ten new cards today: none more until tomorrow; the missed ones are due a minute later.
    expect(dueQueue(d, ids, T0 + 30_000)).toEqual([]);
    expect(dueQueue(d, ids, T0 + 61_000)).toEqual(ids.slice(0, 10));
    expect(dueQueue(d, ids, T0 + 86_400_000).slice(10)).toEqual(ids.slice(10, 20));
  });

  it('a mistake card is due at once and does not use up the new-card allowance', () => {
    const { data, id } = addMistake(emptyTrainer(), {
      lessonId: 'l',
      stepId: 's',
      title: 't',
      command: 'wasmtime --dir / x.wasm',
      finding: 'too broad',
      fixed: 'wasmtime --dir d x.wasm',
      at: T0,
    });
    expect(dueQueue(data, ids, T0)[0]).toBe(id);
    const after = recordReview(data, id, Rating.Good, true, T0);
    expect(after.introduced.count).toBe(0);
  });

  it('counts a streak of consecutive days', () => {
    let d = emptyTrainer();
    for (const day of [0, 1, 2, 4, 5]) d = recordReview(d, `q${day}`, Rating.Good, true, T0 + day * 86_400_000);
    expect(streak(d, T0 + 5 * 86_400_000)).toBe(2);
    expect(streak(d, T0 + 6 * 86_400_000 + 3_600_000)).toBe(2);
    expect(streak(d, T0 + 8 * 86_400_000)).toBe(0);
  });

  it('exports and imports; refuses damaged or foreign files with a reason', () => {
    const d = recordReview(emptyTrainer(), 'q1', Rating.Good, true, T0);
    const back = importTrainer(exportTrainer(d, T0));
    expect(back).toEqual({ ok: true, data: d });
    expect(importTrainer('{')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(importTrainer('{"format":"other"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a Wasm Dojo/) });
    const broken = JSON.parse(exportTrainer(d, T0));
    broken.trainer.cards.q1.card.due = 'soon';
    expect(importTrainer(JSON.stringify(broken))).toMatchObject({ ok: false, reason: 'the file is damaged: card "q1": due must be a number' });
    broken.version = 99;
    expect(importTrainer(JSON.stringify(broken))).toMatchObject({ ok: false, reason: expect.stringMatching(/newer Wasm Dojo/) });
  });
});
