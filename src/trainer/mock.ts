/**
 * Mock interviews: a plan of N questions across topics for a length and a level, with at least one
 * hands-on task done in the terminal and graded by the lesson engine, then a score per topic, the
 * time each answer took and a review. Pure: the session object is driven by the commands and the
 * panel, the clock is passed in.
 */
import type { HandsOnDrill } from './bank';
import type { MockAnswerRecord, MockResult } from './deck';
import type { Level, Question } from './types';

export const MOCK_LENGTHS = [15, 30, 45] as const;

export type MockItem = { kind: 'question'; id: string } | { kind: 'hands-on'; drill: HandsOnDrill };

export interface MockPlan {
  minutes: number;
  level: Level;
  items: MockItem[];
}

/** A small seeded generator (mulberry32): the same seed gives the same interview. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Questions per length: about a minute and a half each, the hands-on task taking a share. */
export function questionCount(minutes: number): number {
  return Math.max(4, Math.round((minutes - 5) / 1.25));
}

const LEVEL_RANK: Record<Level, number> = { L1: 1, L2: 2, L3: 3 };

/**
 * Picks questions at or below `level` (its own level first), round-robin across topics so every
 * topic shows up before any repeats; at most two open questions per 15 minutes; hands-on tasks
 * (one per 30 minutes, at least one) at the middle and the end.
 */
export function planMock(
  questions: readonly Question[],
  drills: readonly HandsOnDrill[],
  opts: { minutes: number; level: Level; seed: number },
): MockPlan {
  const rnd = seeded(opts.seed);
  const rank = LEVEL_RANK[opts.level];
  const eligible = questions.filter((q) => LEVEL_RANK[q.level] <= rank);
  const byTopic = new Map<string, Question[]>();
  for (const q of shuffle(eligible, rnd).sort((a, b) => Number(b.level === opts.level) - Number(a.level === opts.level))) {
    byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
  }
  const want = questionCount(opts.minutes);
  const maxOpen = Math.max(1, Math.floor(opts.minutes / 15) * 2);
  const picked: Question[] = [];
  let open = 0;
  const topics = shuffle([...byTopic.keys()], rnd);
  while (picked.length < want && topics.some((t) => (byTopic.get(t)?.length ?? 0) > 0)) {
    for (const t of topics) {
      if (picked.length >= want) break;
      const list = byTopic.get(t)!;
      const idx = list.findIndex((q) => q.kind !== 'open' || open < maxOpen);
      if (idx < 0) {
        list.length = 0;
        continue;
      }
      const [q] = list.splice(idx, 1);
      if (q!.kind === 'open') open++;
      picked.push(q!);
    }
  }
  const items: MockItem[] = picked.map((q) => ({ kind: 'question', id: q.id }));
  const tasks = shuffle(drills, rnd).slice(0, Math.max(1, Math.floor(opts.minutes / 30)));
  if (tasks[0]) items.splice(Math.ceil(items.length / 2), 0, { kind: 'hands-on', drill: tasks[0] });
  if (tasks[1]) items.push({ kind: 'hands-on', drill: tasks[1] });
  return { minutes: opts.minutes, level: opts.level, items };
}

export interface MockSession {
  id: string;
  plan: MockPlan;
  startedAt: number;
  /** Index of the item being answered. */
  index: number;
  /** When the current item was shown. */
  itemStartedAt: number;
  answers: MockAnswerRecord[];
  /** The hands-on item whose lesson was opened (its index). */
  handsOnIndex?: number;
}

export function startMock(plan: MockPlan, now: number): MockSession {
  return { id: `mock-${now}`, plan, startedAt: now, index: 0, itemStartedAt: now, answers: [] };
}

export function timeLeftMs(s: MockSession, now: number): number {
  return s.startedAt + s.plan.minutes * 60_000 - now;
}

export function recordAnswer(s: MockSession, a: Omit<MockAnswerRecord, 'ms'>, now: number): MockSession {
  return { ...s, answers: [...s.answers, { ...a, ms: Math.max(0, now - s.itemStartedAt) }], index: s.index + 1, itemStartedAt: now };
}

export function isOver(s: MockSession, now: number): boolean {
  return s.index >= s.plan.items.length || timeLeftMs(s, now) <= 0;
}

export interface TopicScore {
  topic: string;
  right: number;
  total: number;
  /** 0..100 (open questions count their rubric share). */
  score: number;
}

export function topicScores(answers: readonly MockAnswerRecord[]): TopicScore[] {
  const by = new Map<string, { right: number; total: number; sum: number }>();
  for (const a of answers) {
    const r = by.get(a.topic) ?? { right: 0, total: 0, sum: 0 };
    r.total++;
    r.right += a.correct ? 1 : 0;
    r.sum += a.score;
    by.set(a.topic, r);
  }
  return [...by].map(([topic, r]) => ({ topic, right: r.right, total: r.total, score: Math.round((r.sum / r.total) * 100) }));
}

/** Ends the session: items not reached when the clock ran out count as skipped, scoring 0. */
export function finishMock(s: MockSession, topicOf: (item: MockItem) => string, now: number): MockResult {
  const answers = [...s.answers];
  for (const item of s.plan.items.slice(answers.length)) {
    answers.push({
      questionId: item.kind === 'question' ? item.id : `drill:${item.drill.id}`,
      topic: topicOf(item),
      correct: false,
      score: 0,
      ms: 0,
      given: '',
      findings: ['Not reached before the time ran out'],
      skipped: true,
      ...(item.kind === 'hands-on' ? { handsOn: true } : {}),
    });
  }
  const score = answers.length ? Math.round((answers.reduce((x, a) => x + a.score, 0) / answers.length) * 100) : 0;
  return { id: s.id, startedAt: s.startedAt, finishedAt: now, minutes: s.plan.minutes, level: s.plan.level, answers, score };
}
