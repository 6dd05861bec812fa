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
    expect(await team.contributors.collect()).toEqual([]);

    await d.type('interview --minutes 15 --level L1 --seed 5');
    await d.type('interview --stop');
    const mock = trainer.store.getState().data.mocks[0]!;
    // The link is made once both are up and the trainer's results code has loaded: a few ticks.
    let parts = await team.contributors.collect();
    for (let i = 0; i < 100 && parts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      parts = await team.contributors.collect();
    }
    const [part, ...rest] = parts;
    expect(rest).toEqual([]);
    expect(part).toMatchObject({ id: 'trainer', label: 'Mock interviews' });
    expect(part!.summary).toBe(`1 mock interview, best ${mock.score} %, last ${mock.score} %`);
    expect(part!.scores).toEqual([
      { label: 'best mock interview', score: mock.score, max: 100 },
      { label: 'last mock interview', score: mock.score, max: 100 },
    ]);
  });
});
