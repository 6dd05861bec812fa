import { describe, expect, it } from 'vitest';
import { buildClass, classCsv, csvCell, median, type Imported } from './class';
import { RESULTS_FORMAT, type LessonOutcome, type ResultsFile, type SeenRecord } from './results';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const ORDER = [
  { id: 'wasmtime-dir', steps: ['grant-data', 'read-config'] },
  { id: 'least-privilege-dir', steps: ['narrow', 'prove'] },
];

function learner(
  name: string,
  learnerId: string,
  lessons: LessonOutcome[],
  opts: { at?: number; seen?: SeenRecord[]; mock?: number } = {},
): ResultsFile {
  return {
    format: RESULTS_FORMAT,
    version: 1,
    name,
    learner: learnerId,
    exportedAt: new Date(opts.at ?? T0).toISOString(),
    lessons,
    seen: opts.seen ?? [],
    contributions:
      opts.mock === undefined ? [] : [{ id: 'trainer', label: 'Mock interview', scores: [{ label: 'mock', score: opts.mock, max: 10 }] }],
    digest: 'sha256:' + '0'.repeat(64),
  };
}
const step = (id: string, passed: boolean, ms?: number, extra: Partial<{ hints: number; attempts: number; withHelp: boolean }> = {}) => ({
  id,
  passed,
  attempts: extra.attempts ?? 0,
  hints: extra.hints ?? 0,
  withHelp: extra.withHelp ?? false,
  ...(ms !== undefined ? { ms } : {}),
});
const lesson = (id: string, steps: ReturnType<typeof step>[], timeMs = 60000): LessonOutcome => ({
  id,
  completed: steps.every((s) => s.passed),
  timeMs,
  commands: 5,
  steps,
});
const grant = (learnerStep: string, g: string, count = 1): SeenRecord => ({
  lesson: 'least-privilege-dir',
  step: learnerStep,
  check: 'least',
  kind: 'unnecessary',
  grant: g,
  message: `never used ${g}`,
  count,
});

describe('the class view', () => {
  const ada = learner(
    'Ada',
    'ada-000',
    [
      lesson('wasmtime-dir', [step('grant-data', true, 30000), step('read-config', true, 90000)]),
      lesson('least-privilege-dir', [step('narrow', false, undefined, { attempts: 4 }), step('prove', false)]),
    ],
    {
      seen: [grant('narrow', '--dir /', 3)],
      mock: 7,
    },
  );
  const bob = learner(
    'Bob',
    'bob-000',
    [lesson('wasmtime-dir', [step('grant-data', true, 50000, { hints: 2 }), step('read-config', false, undefined, { attempts: 2 })])],
    {
      seen: [{ lesson: 'wasmtime-dir', step: 'read-config', check: 'file', kind: 'check', message: 'spin.toml: route is missing', count: 2 }],
    },
  );
  const cyd = learner(
    'Cyd',
    'cyd-000',
    [
      lesson('wasmtime-dir', [step('grant-data', true, 70000), step('read-config', true, 10000, { withHelp: true })]),
      lesson('least-privilege-dir', [step('narrow', false), step('prove', false)]),
    ],
    {
      seen: [grant('narrow', '--dir /'), grant('narrow', '--env A=1')],
    },
  );
  const files: Imported[] = [
    { source: 'ada.json', results: ada },
    { source: 'bob.json', results: bob },
    { source: 'cyd.json', results: cyd },
  ];

  it('completion per step, median times, hints and help, in the plan order', () => {
    const v = buildClass(files, ORDER);
    expect(v.steps.map((s) => [s.lesson, s.step, s.passed, s.started, s.total, s.medianMs])).toEqual([
      ['wasmtime-dir', 'grant-data', 3, 3, 3, 50000],
      ['wasmtime-dir', 'read-config', 2, 3, 3, 50000],
      ['least-privilege-dir', 'narrow', 0, 2, 3, null],
      ['least-privilege-dir', 'prove', 0, 2, 3, null],
    ]);
    expect(v.steps[0]!.hints).toBe(2);
    expect(v.steps[1]!.withHelp).toBe(1);
    expect(v.lessons).toEqual([
      { lesson: 'wasmtime-dir', started: 3, completed: 2, medianMs: 60000 },
      { lesson: 'least-privilege-dir', started: 2, completed: 0, medianMs: null },
    ]);
  });

  it('the most common wrong grants and failed checks, counted by learner', () => {
    const v = buildClass(files, ORDER);
    expect(v.wrongGrants.map((t) => [t.label, t.learners, t.times])).toEqual([
      ['--dir / (not needed)', 2, 4],
      ['--env A=1 (not needed)', 1, 1],
    ]);
    expect(v.failedChecks.map((t) => [t.label, t.learners, t.times])).toEqual([['spin.toml: route is missing', 1, 2]]);
  });

  it('who is stuck where: the first step not passed in the first lesson not completed', () => {
    const v = buildClass(files, ORDER);
    expect(v.stuck).toEqual([
      { lesson: 'least-privilege-dir', step: 'narrow', names: ['Ada', 'Cyd'] },
      { lesson: 'wasmtime-dir', step: 'read-config', names: ['Bob'] },
    ]);
    expect(v.learners.find((r) => r.name === 'Ada')?.stuckAt).toEqual({ lesson: 'least-privilege-dir', step: 'narrow', attempts: 4, hints: 0 });
  });

  it('the same learner twice: the later export is kept, whatever the import order; same name with another id stays apart', () => {
    const adaLater = learner('Ada L.', 'ada-000', [lesson('wasmtime-dir', [step('grant-data', true, 30000), step('read-config', true, 90000)])], {
      at: T0 + 60000,
    });
    const otherAda = learner('Ada', 'ada-999', [], {});
    for (const order of [
      [...files, { source: 'ada-2.json', results: adaLater }],
      [{ source: 'ada-2.json', results: adaLater }, ...files],
    ]) {
      const v = buildClass([...order, { source: 'ada-other.json', results: otherAda }], ORDER);
      expect(v.learners).toHaveLength(4);
      expect(v.mergedCount).toBe(1);
      const row = v.learners.find((r) => r.learner === 'ada-000')!;
      expect(row.name).toBe('Ada L.');
      expect(row.source).toBe('ada-2.json');
      expect(row.merged).toEqual(['ada.json']);
      expect(v.learners.find((r) => r.learner === 'ada-999')!.sameNameAs).toBe(0);
    }
    const named = buildClass([...files, { source: 'ada-other.json', results: otherAda }], ORDER);
    expect(named.learners.filter((r) => r.name === 'Ada').map((r) => r.sameNameAs)).toEqual([1, 1]);
  });

  it('merges 500 results in well under the budget, one row each', () => {
    const many: Imported[] = Array.from({ length: 500 }, (_, i) => ({
      source: `l${i}.json`,
      results: learner(
        `L${i}`,
        `learner-${i}`,
        [lesson('wasmtime-dir', [step('grant-data', i % 2 === 0, 1000 * i), step('read-config', i % 3 === 0, 500)])],
        { seen: [grant('narrow', `--dir /${i % 5}`)] },
      ),
    }));
    const t = performance.now();
    const v = buildClass(many, ORDER);
    expect(performance.now() - t).toBeLessThan(500);
    expect(v.learners).toHaveLength(500);
    expect(v.steps[0]).toMatchObject({ passed: 250, total: 500 });
    expect(v.wrongGrants).toHaveLength(5);
    expect(v.wrongGrants[0]!.learners).toBe(100);
  });

  it('CSV: one row per learner, a column per step, contributions, formulas defused, quotes doubled', () => {
    const evil = learner('=HYPERLINK("http://evil.example","x")', 'evil-00', [lesson('wasmtime-dir', [step('grant-data', true, 1)])]);
    const csv = classCsv(buildClass([...files, { source: 'e.json', results: evil }], ORDER));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'name,learner id,exported at,lessons completed,steps passed,hints,solutions shown,minutes,at step,grader messages,Mock interview,wasmtime-dir/grant-data,wasmtime-dir/read-config,least-privilege-dir/narrow,least-privilege-dir/prove',
    );
    expect(lines[1]).toBe('Ada,ada-000,2026-11-23T09:00:00.000Z,1,2,0,0,2.0,least-privilege-dir/narrow,3,mock 7/10,passed,passed,not yet,not yet');
    expect(lines[3]).toContain('passed with help');
    expect(lines[4]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",evil-00,/);
    expect(lines).toHaveLength(5);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-1)).toBe('-1');
  });

  it('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
