/**
 * The trainer's part of a learner's results file (team training): mock-interview scores in the
 * shape the team's ResultsContributor returns, `{ summary, scores, data }`, JSON-safe. Nothing when
 * there is no history yet. Only what the learner saw: scores, dates, lengths, levels, per topic.
 */
import type { TrainerData } from './deck';
import { topicScores } from './mock';

export interface MockContribution {
  summary: string;
  scores: Array<{ label: string; score: number; max: number }>;
  data: {
    mocks: Array<{ finishedAt: string; minutes: number; level: string; score: number; topics: Array<{ topic: string; score: number }> }>;
  };
}

/** The last ten mock interviews; `summary` like "3 mock interviews, best 80 %, last 72 %". */
export function mockContribution(d: TrainerData): MockContribution | undefined {
  const mocks = d.mocks.slice(-10);
  const last = mocks[mocks.length - 1];
  if (!last) return undefined;
  const best = Math.max(...d.mocks.map((m) => m.score));
  return {
    summary: `${d.mocks.length} mock interview${d.mocks.length === 1 ? '' : 's'}, best ${best} %, last ${last.score} %`,
    scores: [
      { label: 'best mock interview', score: best, max: 100 },
      { label: 'last mock interview', score: last.score, max: 100 },
    ],
    data: {
      mocks: mocks.map((m) => ({
        finishedAt: new Date(m.finishedAt).toISOString(),
        minutes: m.minutes,
        level: m.level,
        score: m.score,
        topics: topicScores(m.answers).map((t) => ({ topic: t.topic, score: t.score })),
      })),
    },
  };
}
