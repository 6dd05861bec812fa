import { describe, expect, it } from 'vitest';
import { addMock, emptyTrainer } from '../../src/trainer/deck';
import { mockContribution } from '../../src/trainer/results';

const T0 = Date.UTC(2026, 10, 23, 12, 0);
const answer = (topic: string, correct: boolean) => ({
  questionId: `${topic}-q`,
  topic,
  correct,
  score: correct ? 1 : 0,
  ms: 1000,
  given: 'x',
  findings: [],
});

describe('mock scores for a results file', () => {
  it('nothing without history', () => {
    expect(mockContribution(emptyTrainer())).toBeUndefined();
  });

  it('the best and last scores, and per-topic scores of each mock, JSON-safe', () => {
    let d = emptyTrainer();
    d = addMock(d, {
      id: 'a',
      startedAt: T0,
      finishedAt: T0 + 900_000,
      minutes: 15,
      level: 'L2',
      score: 80,
      answers: [answer('spin', true), answer('oci', false)],
    });
    d = addMock(d, {
      id: 'b',
      startedAt: T0 + 86_400_000,
      finishedAt: T0 + 86_400_000 + 900_000,
      minutes: 30,
      level: 'L3',
      score: 50,
      answers: [answer('spin', false)],
    });
    const c = mockContribution(d)!;
    expect(c.summary).toBe('2 mock interviews, best 80 %, last 50 %');
    expect(c.scores).toEqual([
      { label: 'best mock interview', score: 80, max: 100 },
      { label: 'last mock interview', score: 50, max: 100 },
    ]);
    expect(c.data.mocks[0]).toEqual({
      finishedAt: '2026-11-23T12:15:00.000Z',
      minutes: 15,
      level: 'L2',
      score: 80,
      topics: [
        { topic: 'spin', score: 100 },
        { topic: 'oci', score: 0 },
      ],
    });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
