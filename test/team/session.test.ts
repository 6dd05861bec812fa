/**
 * Team training through the whole product (makeDojo: the real shell, lessons, grader and modules):
 * a learner joins a plan, works, and exports results that the class view reads back — with the
 * least-privilege finding the grader showed them — and `dojo reset` clears the team state.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';
import { emptyPlan } from '../../src/team/plan';
import { readResults, resultsCode, resultsFileText } from '../../src/team/results';
import { buildClass } from '../../src/team/class';
import { TEAM_STORAGE_KEY } from '../../src/team/system';

const plan = {
  ...emptyPlan('plan-0001'),
  title: 'Least privilege morning',
  items: [
    { kind: 'lesson' as const, id: 'least-privilege-dir' },
    { kind: 'lesson' as const, id: 'not-in-this-version' },
    { kind: 'mock' as const, minutes: 20 },
  ],
};

describe('a learner in a session', () => {
  it('joins a plan, works the first lesson, exports results the class view reads back', async () => {
    const t = await makeDojo();
    const team = await t.teamReady;
    const session = team.join(plan);
    expect(session.missing).toEqual(['lesson "not-in-this-version"']);
    expect(t.lessonSystem.runtime.current()?.id).toBe('least-privilege-dir');

    team.setName('Ada');
    expect((await t.type('wasmtime run --dir site::/ modules/config-reader.wasm')).status).toBe(0);
    // Step 2 grades the same broad grant: the grader shows a finding, which the results keep.
    await t.type('wasmtime run --dir site::/ modules/config-reader.wasm');
    await t.type('hint');

    const file = await team.exportResults();
    expect(file.name).toBe('Ada');
    expect(file.plan).toEqual({ id: 'plan-0001', title: 'Least privilege morning' });
    expect(file.lessons.map((l) => l.id)).toEqual(['least-privilege-dir']);
    const [first, second] = file.lessons[0]!.steps;
    expect(first).toMatchObject({ id: 'the-shortcut', passed: true });
    expect(second).toMatchObject({ id: 'narrow-it', passed: false, hints: 1 });
    expect(second!.attempts).toBeGreaterThan(0);
    const grants = file.seen.filter((s) => s.grant);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants[0]).toMatchObject({ lesson: 'least-privilege-dir', step: 'narrow-it' });
    expect(grants[0]!.grant).toContain('site');

    for (const text of [resultsFileText(file), resultsCode(file)]) {
      const back = await readResults(text);
      expect(back).toEqual({ ok: true, results: file });
    }
    const view = buildClass([{ source: 'ada.json', results: file }]);
    expect(view.stuck).toEqual([{ lesson: 'least-privilege-dir', step: 'narrow-it', names: ['Ada'] }]);
    expect(view.wrongGrants[0]!.label).toContain('site');
  });

  it('persists name and session across a reload; dojo reset clears them', async () => {
    const t = await makeDojo();
    const team = await t.teamReady;
    team.setName('Bob');
    team.join(plan);
    const saved = t.storage.getItem(TEAM_STORAGE_KEY);
    expect(saved).toContain('Bob');

    const again = await makeDojo({ storage: t.storage });
    const restored = await again.teamReady;
    expect(restored.store.getState().name).toBe('Bob');
    expect(restored.store.getState().session?.plan.id).toBe('plan-0001');
    const learner = restored.store.getState().learner;

    expect((await again.type('dojo reset -y')).status).toBe(0);
    const after = restored.store.getState();
    expect(after.name).toBe('');
    expect(after.session).toBeNull();
    expect(after.learner).not.toBe(learner);
  });

  it('keeps a damaged saved copy aside and says so once', async () => {
    const t = await makeDojo();
    t.storage.setItem(TEAM_STORAGE_KEY, '{"format":"wasm-dojo:team","version":1,"data":{"learner":"<x>"}}');
    const again = await makeDojo({ storage: t.storage });
    const team = await again.teamReady;
    expect(team.setAsideMessage).toMatch(
      /your saved team session could not be read \(learner id is damaged\); it was kept aside as 'wasm-dojo:team:broken:/,
    );
    expect(team.store.getState().name).toBe('');
  });
});

describe('results contributors (the trainer registers one for mock-interview scores, see trainer-scores.test.ts)', () => {
  it('adds each part to the export; a throwing or invalid part is left out, never the export', async () => {
    const t = await makeDojo();
    const team = await t.teamReady;
    team.setName('Cyd');
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => void warnings.push(m);
    try {
      team.contributors.register({
        id: 'drills',
        label: 'Mock interview',
        collect: () => ({ summary: '2 mocks, best 7/10', scores: [{ label: 'mock', score: 7, max: 10 }] }),
      });
      team.contributors.register({ id: 'broken', label: 'Broken', collect: () => Promise.reject(new Error('no history store')) });
      team.contributors.register({ id: 'liar', label: 'Liar', collect: () => ({ scores: [{ label: 'x', score: 11, max: 10 }] }) });
      team.contributors.register({ id: 'quiet', label: 'Quiet', collect: () => undefined });
      expect(() => team.contributors.register({ id: 'drills', label: 'again', collect: () => undefined })).toThrow(/registered twice/);
      const file = await team.exportResults();
      // The real trainer is registered too, and adds nothing: no mock interview was taken.
      expect(file.contributions).toEqual([
        { id: 'drills', label: 'Mock interview', summary: '2 mocks, best 7/10', scores: [{ label: 'mock', score: 7, max: 10 }] },
      ]);
      expect(warnings.join('\n')).toMatch(/broken failed: no history store/);
      expect(warnings.join('\n')).toMatch(/liar left out: liar: a score must be a number from 0 to its max/);
      expect(await readResults(resultsFileText(file))).toEqual({ ok: true, results: file });
      const view = buildClass([{ source: 'cyd.json', results: file }]);
      expect(view.contributionLabels).toEqual([{ id: 'drills', label: 'Mock interview' }]);
    } finally {
      console.warn = warn;
    }
  });
});

describe('saved team state', () => {
  it('a damaged grader message in storage is caught on load, not exported', async () => {
    const t = await makeDojo();
    const team = await t.teamReady;
    team.setName('Dee');
    const saved = JSON.parse(t.storage.getItem(TEAM_STORAGE_KEY) as string);
    saved.data.seen = [{ lesson: 'a', step: 'b', check: 'c', kind: 'check', message: 'bad\u001b[2J', count: 1 }];
    t.storage.setItem(TEAM_STORAGE_KEY, JSON.stringify(saved));
    const again = await makeDojo({ storage: t.storage });
    const restored = await again.teamReady;
    expect(restored.setAsideMessage).toMatch(/grader messages are damaged \(grader message 1's message holds control characters\)/);
    expect(restored.store.getState().seen).toEqual([]);
  });
});
