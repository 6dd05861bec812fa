/** `workshop` in the terminal, through the whole product (makeDojo). */
import { describe, expect, it } from 'vitest';
import { makeDojo, TEST_NOW } from '../support/dojo';
import { emptyPlan, encodePlan } from '../../src/team/plan';
import { readResults } from '../../src/team/results';

const plan = {
  ...emptyPlan('plan-term1'),
  title: 'Terminal day',
  minutes: 30,
  notes: 'Pairs.\nBreak at 11.',
  items: [
    { kind: 'lesson' as const, id: 'wasmtime-dir' },
    { kind: 'lesson' as const, id: 'gone-lesson' },
    { kind: 'mock' as const, minutes: 10 },
  ],
};

describe('workshop', () => {
  it('joins from a link, shows the session with the clock and progress, sets the name, prints a results code', async () => {
    const t = await makeDojo({ tty: false });
    expect((await t.type('workshop')).stdout).toMatch(/^You are not in a session\./);
    const joined = await t.type(`workshop join https://dojo.example/#/plan/${encodePlan(plan)}`);
    expect(joined.status).toBe(0);
    expect(joined.stdout).toBe(
      [
        'Joined “Terminal day” (30 min).',
        'This version of Wasm Dojo lacks lesson "gone-lesson": skipped.',
        'Terminal day',
        '30:00 left of 30 min',
        '',
        '  Pairs.',
        '  Break at 11.',
        '',
        '1. lesson wasmtime-dir  Hand a module one directory with --dir  0/4 steps',
        '2. lesson gone-lesson (not in this version: skipped)',
        '3. mock interview (10 min)',
        '',
      ].join('\n'),
    );
    await t.type('wasmtime run modules/config-reader.wasm');
    expect((await t.type('workshop status')).stdout).toContain('Hand a module one directory with --dir  1/4 steps');

    expect((await t.type('workshop name')).stdout).toMatch(/^No display name yet/);
    expect((await t.type('workshop name Ada Lovelace')).stdout).toBe('Your results will say: Ada Lovelace\n');
    const r = await t.type('workshop results');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^dojo: paste that line in the chat/);
    const back = await readResults(r.stdout);
    expect(back.ok && back.results.name).toBe('Ada Lovelace');
    expect(back.ok && back.results.lessons[0]?.steps[0]).toMatchObject({ id: 'run-without-grant', passed: true });
    expect(back.ok && back.results.exportedAt).toBe(new Date(TEST_NOW).toISOString());

    expect((await t.type('workshop leave')).stdout).toMatch(/You left the session/);
    expect((await t.type('workshop leave')).status).toBe(1);
  });

  it('refuses bad input with a reason and a status', async () => {
    const t = await makeDojo({ tty: false });
    expect(await t.type('workshop join not*a*plan')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^workshop: this plan link could not be opened: the link is damaged/),
    });
    expect(await t.type('workshop join')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^workshop: join needs one LINK\nUsage: workshop \[status\]/),
    });
    expect(await t.type('workshop frobnicate')).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command 'frobnicate'/) });
    expect(await t.type(`workshop name ${'x'.repeat(61)}`)).toMatchObject({ status: 1 });
    expect((await t.type('workshop --help')).stdout).toMatch(/^Usage: workshop \[status\]\n {7}workshop join LINK/);
  });
});
