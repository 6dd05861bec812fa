/**
 * The learner's trainer data as plain JSON and the pure transitions on it: review cards (one per
 * question seen, plus mistake cards from failed lesson checks), the daily cap on new cards, the days
 * practised (the streak), mock-interview history and hands-on drill times. store.ts persists it.
 */
import { newCard, review, type StoredCard } from './fsrs';
import type { Grade } from 'ts-fsrs';
import type { MockSession } from './mock';

export const TRAINER_VERSION = 1;
export const TRAINER_FORMAT = 'wasm-dojo-trainer';
export const DEFAULT_NEW_PER_DAY = 10;
const MAX_DAYS = 400;
const MAX_MOCKS = 100;
const MAX_MISTAKES = 200;

export interface CardRecord {
  card: StoredCard;
  /** Results so far. */
  right: number;
  wrong: number;
  lastRating?: number;
  lastAt?: number;
}

/** A failed lesson check, kept as a card: the learner's own line, what the grader found, the fix. */
export interface MistakeCard {
  id: string;
  lessonId: string;
  stepId: string;
  /** The step's title, for the card's heading. */
  title: string;
  command: string;
  finding: string;
  /** The reference solution's command(s). */
  fixed: string;
  at: number;
}

export interface MockAnswerRecord {
  questionId: string;
  topic: string;
  correct: boolean;
  score: number;
  ms: number;
  /** What the learner answered, as text (for the review). */
  given: string;
  findings: string[];
  /** A hands-on task graded by the lesson engine. */
  handsOn?: boolean;
  skipped?: boolean;
}

export interface MockResult {
  id: string;
  startedAt: number;
  finishedAt: number;
  minutes: number;
  level: string;
  answers: MockAnswerRecord[];
  /** 0..100. */
  score: number;
}

export interface DrillRecord {
  runs: number;
  lastMs?: number;
  bestMs?: number;
}

export interface TrainerData {
  cards: Record<string, CardRecord>;
  mistakes: Record<string, MistakeCard>;
  newPerDay: number;
  /** New cards introduced on `day` (YYYY-MM-DD, local to the clock's UTC). */
  introduced: { day: string; count: number };
  /** Days with at least one review or mock, ascending. */
  days: string[];
  mocks: MockResult[];
  drills: Record<string, DrillRecord>;
  /** A mock interview in progress. */
  activeMock?: MockSession;
}

export function emptyTrainer(): TrainerData {
  return { cards: {}, mistakes: {}, newPerDay: DEFAULT_NEW_PER_DAY, introduced: { day: '', count: 0 }, days: [], mocks: [], drills: {} };
}

export const dayOf = (now: number): string => new Date(now).toISOString().slice(0, 10);

function practised(d: TrainerData, now: number): string[] {
  const day = dayOf(now);
  if (d.days[d.days.length - 1] === day) return d.days;
  return [...d.days, day].slice(-MAX_DAYS);
}

/** Consecutive days practised up to today (or yesterday: a streak is not lost before the day ends). */
export function streak(d: TrainerData, now: number): number {
  const set = new Set(d.days);
  let n = 0;
  let t = now;
  if (!set.has(dayOf(t))) t -= 86_400_000;
  while (set.has(dayOf(t))) {
    n++;
    t -= 86_400_000;
  }
  return n;
}

/**
 * What to review now: due cards (oldest due first, mistakes before questions on a tie), then new
 * questions up to today's allowance. `candidates` are the bank's question ids in the order to offer.
 */
export function dueQueue(d: TrainerData, candidates: readonly string[], now: number, limit = 50): string[] {
  const due = Object.entries(d.cards)
    .filter(([id, c]) => c.card.due <= now && (candidates.includes(id) || id in d.mistakes))
    .sort(([a, x], [b, y]) => x.card.due - y.card.due || Number(b in d.mistakes) - Number(a in d.mistakes))
    .map(([id]) => id);
  const left = newAllowance(d, now);
  const fresh = candidates.filter((id) => !(id in d.cards)).slice(0, left);
  return [...due, ...fresh].slice(0, limit);
}

export function newAllowance(d: TrainerData, now: number): number {
  const used = d.introduced.day === dayOf(now) ? d.introduced.count : 0;
  return Math.max(0, d.newPerDay - used);
}

/** Cards due now (not counting new questions). */
export function dueCount(d: TrainerData, candidates: readonly string[], now: number): number {
  return Object.entries(d.cards).filter(([id, c]) => c.card.due <= now && (candidates.includes(id) || id in d.mistakes)).length;
}

/** Records a graded review of card `id` (created if new) with the rating the result earned. */
export function recordReview(d: TrainerData, id: string, rating: Grade, correct: boolean, now: number): TrainerData {
  const existing = d.cards[id];
  const wasNew = !existing;
  const base = existing ?? { card: newCard(now), right: 0, wrong: 0 };
  const rec: CardRecord = {
    card: review(base.card, rating, now),
    right: base.right + (correct ? 1 : 0),
    wrong: base.wrong + (correct ? 0 : 1),
    lastRating: rating,
    lastAt: now,
  };
  const day = dayOf(now);
  const introduced = wasNew && !(id in d.mistakes) ? { day, count: (d.introduced.day === day ? d.introduced.count : 0) + 1 } : d.introduced;
  return { ...d, cards: { ...d.cards, [id]: rec }, introduced, days: practised(d, now) };
}

/** A failed lesson check becomes a card due now; the same step failing again updates its card. */
export function addMistake(d: TrainerData, m: Omit<MistakeCard, 'id'>): { data: TrainerData; id: string } {
  const id = `mistake:${m.lessonId}:${m.stepId}`;
  const mistakes = { ...d.mistakes, [id]: { ...m, id } };
  // Oldest mistakes go first when the deck is full.
  const ids = Object.keys(mistakes);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_MISTAKES))) delete mistakes[old];
  const cards = { ...d.cards };
  // Due again at once, whatever its schedule: the learner just got it wrong.
  cards[id] = cards[id] ? { ...cards[id], card: { ...cards[id].card, due: m.at } } : { card: newCard(m.at), right: 0, wrong: 0 };
  return { data: { ...d, mistakes, cards }, id };
}

export function addMock(d: TrainerData, r: MockResult): TrainerData {
  return { ...d, mocks: [...d.mocks, r].slice(-MAX_MOCKS), days: practised(d, r.finishedAt) };
}

export function recordDrill(
  d: TrainerData,
  id: string,
  ms: number,
  clean: boolean,
  now: number,
): { data: TrainerData; newBest: boolean; record: DrillRecord } {
  const old = d.drills[id] ?? { runs: 0 };
  const newBest = clean && (old.bestMs === undefined || ms < old.bestMs);
  const record: DrillRecord = {
    runs: old.runs + 1,
    lastMs: ms,
    ...(newBest ? { bestMs: ms } : old.bestMs !== undefined ? { bestMs: old.bestMs } : {}),
  };
  return { data: { ...d, drills: { ...d.drills, [id]: record }, days: practised(d, now) }, newBest, record };
}

/** Mastery per topic: the share of the topic's questions whose last answer was right and not due yet. */
export function mastery(
  d: TrainerData,
  questions: ReadonlyArray<{ id: string; topic: string }>,
  now: number,
): Array<{ topic: string; total: number; seen: number; mastered: number }> {
  const by = new Map<string, { topic: string; total: number; seen: number; mastered: number }>();
  for (const q of questions) {
    const row = by.get(q.topic) ?? { topic: q.topic, total: 0, seen: 0, mastered: 0 };
    row.total++;
    const c = d.cards[q.id];
    if (c) {
      row.seen++;
      if (c.lastRating !== undefined && c.lastRating > 1 && c.card.due > now) row.mastered++;
    }
    by.set(q.topic, row);
  }
  return [...by.values()];
}

// ---- validation (stored and imported data is untrusted) -------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const str = (v: unknown) => typeof v === 'string' && v.length < 20_000;

function cardProblem(c: unknown): string | null {
  if (!isObj(c)) return 'is not an object';
  for (const k of ['due', 'stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'])
    if (!num(c[k])) return `${k} must be a number`;
  if (c.last_review !== undefined && !num(c.last_review)) return 'last_review must be a time';
  if (!Number.isInteger(c.state) || (c.state as number) > 3) return 'state must be 0–3';
  return null;
}

export function trainerProblem(data: unknown): string | null {
  if (!isObj(data)) return 'the trainer data is not an object';
  if (!isObj(data.cards) || !isObj(data.mistakes) || !isObj(data.drills)) return 'cards, mistakes and drills must be objects';
  for (const [id, r] of Object.entries(data.cards)) {
    if (!isObj(r)) return `card "${id}" is not an object`;
    const p = cardProblem(r.card);
    if (p) return `card "${id}": ${p}`;
    if (!num(r.right) || !num(r.wrong)) return `card "${id}": right and wrong must be counts`;
  }
  for (const [id, m] of Object.entries(data.mistakes)) {
    if (!isObj(m) || !['lessonId', 'stepId', 'title', 'command', 'finding', 'fixed'].every((k) => str(m[k])) || !num(m.at))
      return `mistake "${id}" is damaged`;
  }
  for (const [id, r] of Object.entries(data.drills)) if (!isObj(r) || !num(r.runs)) return `drill "${id}" is damaged`;
  if (!num(data.newPerDay)) return 'newPerDay must be a number';
  if (!isObj(data.introduced) || !str(data.introduced.day) || !num(data.introduced.count)) return 'introduced is damaged';
  if (!Array.isArray(data.days) || !data.days.every((x) => typeof x === 'string')) return 'days must be a list of dates';
  if (!Array.isArray(data.mocks)) return 'mocks must be a list';
  for (const m of data.mocks) {
    if (!isObj(m) || !str(m.id) || !num(m.startedAt) || !num(m.finishedAt) || !num(m.score) || !Array.isArray(m.answers))
      return 'a mock interview record is damaged';
    for (const a of m.answers)
      if (!isObj(a) || !str(a.questionId) || !str(a.topic) || typeof a.correct !== 'boolean' || !num(a.ms)) return 'a mock answer is damaged';
  }
  if (data.activeMock !== undefined) {
    const s = data.activeMock;
    if (!isObj(s) || !str(s.id) || !num(s.startedAt) || !num(s.itemStartedAt) || !Number.isInteger(s.index) || !Array.isArray(s.answers))
      return 'the mock interview in progress is damaged';
    if (!isObj(s.plan) || !num(s.plan.minutes) || !str(s.plan.level) || !Array.isArray(s.plan.items))
      return 'the mock interview in progress is damaged';
    for (const item of s.plan.items)
      if (
        !isObj(item) ||
        !(
          (item.kind === 'question' && str(item.id)) ||
          (item.kind === 'hands-on' && isObj(item.drill) && str(item.drill.id) && str(item.drill.lesson))
        )
      )
        return 'the mock interview in progress is damaged';
  }
  return null;
}

export function exportTrainer(d: TrainerData, now: number): string {
  return JSON.stringify({ format: TRAINER_FORMAT, version: TRAINER_VERSION, exportedAt: new Date(now).toISOString(), trainer: d }, null, 2);
}

/** Reads a trainer export, or the `trainer` member of a full progress export. */
export function importTrainer(text: string): { ok: true; data: TrainerData } | { ok: false; reason: string } {
  if (text.length > 5_000_000) return { ok: false, reason: 'the file is too large to be a trainer export' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `the file is not valid JSON (${(e as Error).message})` };
  }
  if (!isObj(doc) || (doc.format !== TRAINER_FORMAT && doc.format !== 'wasm-dojo-progress'))
    return { ok: false, reason: 'this is not a Wasm Dojo trainer or progress file' };
  if (!('trainer' in doc)) return { ok: false, reason: 'the file holds no trainer data' };
  if (typeof doc.version !== 'number' || doc.version < 1) return { ok: false, reason: 'the file has no valid version number' };
  // A progress file numbers its lesson part in `version` and the deck in `trainerVersion`.
  const version = doc.format === TRAINER_FORMAT ? doc.version : doc.trainerVersion;
  if (typeof version === 'number' && version > TRAINER_VERSION)
    return { ok: false, reason: `the file comes from a newer Wasm Dojo (trainer version ${version}; this one reads up to ${TRAINER_VERSION})` };
  const problem = trainerProblem(doc.trainer);
  if (problem) return { ok: false, reason: `the file is damaged: ${problem}` };
  return { ok: true, data: doc.trainer as TrainerData };
}
