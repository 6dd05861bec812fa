/**
 * The spaced-repetition scheduler, ts-fsrs (FSRS-6) behind a small adapter: cards are stored as
 * plain JSON (epoch ms, state as a number), the rating comes from the graded result rather than a
 * self-rating, and nothing the learner sees names the scheduler ("again in 10 minutes", not
 * "stability 2.3").
 *
 * Rating from the result (only Again is a lapse in FSRS; a failure must never be rated Hard, or every
 * later interval is inflated): wrong → Again; right with the hint or slower than the question's
 * time → Hard; right → Good; right within a third of the time → Easy.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade, type State } from 'ts-fsrs';

export { Rating };

/** A card as persisted. */
export interface StoredCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: number;
}

export interface Outcome {
  correct: boolean;
  hintUsed: boolean;
  elapsedMs: number;
  /** How long a fluent answer takes for this question. */
  targetMs: number;
}

export function ratingFor(o: Outcome): Grade {
  if (!o.correct) return Rating.Again;
  if (o.hintUsed || o.elapsedMs > o.targetMs) return Rating.Hard;
  if (o.elapsedMs <= o.targetMs / 3) return Rating.Easy;
  return Rating.Good;
}

/** Default parameters (retention 0.9, short-term steps 1m/10m), no fuzz: due dates are reproducible. */
const scheduler = fsrs({ enable_fuzz: false });

export function toStored(c: Card): StoredCard {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review ? { last_review: c.last_review.getTime() } : {}),
  };
}

export function fromStored(s: StoredCard): Card {
  return {
    ...s,
    due: new Date(s.due),
    state: s.state as State,
    ...(s.last_review !== undefined ? { last_review: new Date(s.last_review) } : {}),
  } as Card;
}

export function newCard(now: number): StoredCard {
  return toStored(createEmptyCard(new Date(now)));
}

export function review(card: StoredCard, rating: Grade, now: number): StoredCard {
  return toStored(scheduler.next(fromStored(card), new Date(now), rating).card);
}

/** The next review in words: "in 10 minutes", "tomorrow", "in 4 days". */
export function describeDue(due: number, now: number): string {
  const mins = Math.round((due - now) / 60_000);
  if (mins <= 0) return 'now';
  if (mins < 60) return `in ${mins} minute${mins === 1 ? '' : 's'}`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'tomorrow';
  if (days < 60) return `in ${days} days`;
  return `in ${Math.round(days / 30)} months`;
}

/** Words for the rating, for the review line ("Good — again in 3 days"). */
export const RATING_WORDS: Record<number, string> = {
  [Rating.Again]: 'Missed',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** How long a fluent answer takes, by kind. */
export function targetMsFor(kind: string): number {
  switch (kind) {
    case 'single':
      return 30_000;
    case 'multiple':
    case 'order':
      return 60_000;
    case 'command':
    case 'spot-the-bug':
      return 90_000;
    default:
      return 180_000;
  }
}
