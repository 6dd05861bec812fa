/**
 * A learner's results file carries their mock-interview scores: the trainer's history reaches the
 * team engine through the contributor seam that createDojo links once both are loaded.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';

describe('results and the trainer', () => {
  it('a finished mock interview shows in the results contributions; none before', async () => {
    const d = await makeDojo({ tty: false });
    const { trainer } = await d.trainerReady;
    const team = await d.teamReady;
    // The link is made on a later tick than either promise resolves.
    await new Promise((r) => setTimeout(r, 0));
    expect(await team.contributors.collect()).toEqual([]);

    await d.type('interview --minutes 15 --level L1 --seed 5');
    await d.type('interview --stop');
    const mock = trainer.store.getState().data.mocks[0]!;
    const [part, ...rest] = await team.contributors.collect();
    expect(rest).toEqual([]);
    expect(part).toMatchObject({ id: 'trainer', label: 'Mock interviews' });
    expect(part!.summary).toBe(`1 mock interview, best ${mock.score} %, last ${mock.score} %`);
    expect(part!.scores).toEqual([
      { label: 'best mock interview', score: mock.score, max: 100 },
      { label: 'last mock interview', score: mock.score, max: 100 },
    ]);
  });
});
