import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as P from '../lessons/progress';
import type { GradeReport } from '../lessons/runtime';
import { XSS_VECTORS } from '../../test/support/xss-corpus.mjs';
import {
  addSeen,
  lessonOutcomes,
  readResults,
  RESULTS_FORMAT,
  resultsCode,
  resultsFileText,
  sealResults,
  seenFromReport,
  type ResultsBody,
} from './results';

const T0 = Date.UTC(2026, 10, 23, 9, 0);

const plainText = (max: number) =>
  fc.oneof(
    fc.constantFrom(...XSS_VECTORS.filter((v) => v.length <= max)),
    fc.string({ maxLength: max }).filter((s) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)),
  );
const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const step = fc.record(
  { id, passed: fc.boolean(), attempts: fc.nat(50), hints: fc.nat(5), withHelp: fc.boolean(), ms: fc.nat(3_600_000) },
  { requiredKeys: ['id', 'passed', 'attempts', 'hints', 'withHelp'] },
);
const body: fc.Arbitrary<ResultsBody> = fc.record(
  {
    format: fc.constant(RESULTS_FORMAT),
    version: fc.constant(1),
    name: plainText(60).filter((s) => s.trim() !== ''),
    learner: fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/),
    plan: fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/), title: plainText(120) }),
    exportedAt: fc.date({ min: new Date(T0), max: new Date(T0 + 1e10), noInvalidDate: true }).map((d) => d.toISOString()),
    lessons: fc.array(
      fc.record({ id, completed: fc.boolean(), timeMs: fc.nat(1e8), commands: fc.nat(500), steps: fc.array(step, { maxLength: 6 }) }),
      { maxLength: 6 },
    ),
    seen: fc.array(
      fc.record(
        {
          lesson: id,
          step: id,
          check: plainText(80),
          kind: fc.constantFrom('check', 'unnecessary', 'too-broad', 'failed'),
          grant: plainText(120),
          message: plainText(300),
          count: fc.integer({ min: 1, max: 9 }),
        },
        { requiredKeys: ['lesson', 'step', 'check', 'kind', 'message', 'count'] },
      ),
      { maxLength: 8 },
    ),
    contributions: fc.array(
      fc.record(
        {
          id,
          label: plainText(60).filter((s) => s.trim() !== ''),
          summary: plainText(200),
          scores: fc.array(fc.record({ label: plainText(60).filter((s) => s.trim() !== ''), score: fc.constant(3), max: fc.constant(10) }), {
            maxLength: 3,
          }),
        },
        { requiredKeys: ['id', 'label'] },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['format', 'version', 'name', 'learner', 'exportedAt', 'lessons', 'seen', 'contributions'] },
);

describe('results files and codes', () => {
  it('round-trip unchanged as a file and as a chat code (any results, hostile text included)', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const sealed = await sealResults(b);
        expect(sealed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(await readResults(resultsFileText(sealed))).toEqual({ ok: true, results: sealed });
        const code = resultsCode(sealed);
        expect(code).toMatch(/^wdr1\.[A-Za-z0-9_-]+$/);
        expect(await readResults(code)).toEqual({ ok: true, results: sealed });
        // A chat app that wrapped the code over lines and indented it.
        const wrapped = `  ${code.replace(/(.{40})/g, '$1\n  ')}\n`;
        expect(await readResults(wrapped)).toEqual({ ok: true, results: sealed });
      }),
      { numRuns: 80 },
    );
  });

  const sample = async () =>
    sealResults({
      format: RESULTS_FORMAT,
      version: 1,
      name: 'Ada',
      learner: 'learner-ada',
      exportedAt: new Date(T0).toISOString(),
      lessons: [
        {
          id: 'wasmtime-dir',
          completed: false,
          timeMs: 60000,
          commands: 3,
          steps: [{ id: 'grant-data', passed: true, attempts: 1, hints: 0, withHelp: false, ms: 42000 }],
        },
      ],
      seen: [],
      contributions: [],
    });

  it('names corruption: an edited value, a truncated file, a cut code, a foreign file', async () => {
    const file = resultsFileText(await sample());
    expect(await readResults(file.replace('"hints": 0', '"hints": 9'))).toMatchObject({
      ok: false,
      reason: /corrupted: its SHA-256 digest does not match/,
    });
    expect(await readResults(file.replace('Ada', 'Bob'))).toMatchObject({ ok: false, reason: /corrupted/ });
    expect(await readResults(file.slice(0, file.length / 2))).toMatchObject({ ok: false, reason: /damaged: it is not valid JSON/ });
    expect(await readResults(file.replace(/"digest": "[^"]+"/, '"digest": "none"'))).toMatchObject({ ok: false, reason: /no SHA-256 digest/ });
    const code = resultsCode(await sample());
    expect(await readResults(code.slice(0, -10))).toMatchObject({ ok: false, reason: /damaged or incomplete code/ });
    expect(await readResults(code.slice(0, 20) + '!' + code.slice(21))).toMatchObject({ ok: false, reason: /characters a results code never has/ });
    expect(await readResults('wdr7.AAAA')).toMatchObject({ ok: false, reason: /another version/ });
    expect(await readResults('{"format":"wasm-dojo-progress"}')).toMatchObject({ ok: false, reason: /not a Wasm Dojo results file/ });
    expect(await readResults('{"format":"wasm-dojo-results","version":2}')).toMatchObject({ ok: false, reason: /newer Wasm Dojo/ });
  });

  it('refuses a sealed file with hostile or out-of-range values (the digest is no pass)', async () => {
    const s = await sample();
    const bad: Array<[Partial<ResultsBody> & Record<string, unknown>, RegExp]> = [
      [{ name: '' }, /display name is empty/],
      [{ name: 'x'.repeat(61) }, /display name is longer than 60/],
      [{ name: 'evil\u001b[2J' }, /display name holds control characters/],
      [{ learner: '<b>' }, /learner id/],
      [{ lessons: [{ id: '<img>', completed: true, timeMs: 0, commands: 0, steps: [] }] }, /not a lesson id/],
      [{ lessons: [{ id: 'a', completed: true, timeMs: -5, commands: 0, steps: [] }] }, /wrong type/],
      [{ seen: [{ lesson: 'a', step: 'b', check: 'c', kind: 'script', message: 'm', count: 1 }] }, /unknown kind/],
      [
        { contributions: [{ id: 'trainer', label: 'Mock', scores: [{ label: 'x', score: 11, max: 10 }] }] },
        /score must be a number from 0 to its max/,
      ],
      [{ extra: 1 }, /unknown field "extra"/],
    ];
    for (const [change, reason] of bad) {
      const { digest: _d, ...rest } = s;
      const resealed = await sealResults({ ...rest, ...change } as ResultsBody);
      expect(await readResults(resultsFileText(resealed)), JSON.stringify(change)).toMatchObject({ ok: false, reason });
    }
  });
});

describe('what goes into results', () => {
  it('per-step outcomes from progress: passed, attempts, hints, help, time since the previous pass', () => {
    let p = P.openLesson(P.emptyProgress(), 'l1', T0);
    p = P.recordAttempt(p, 'l1', 'a', T0 + 1000);
    p = P.takeHint(p, 'l1', 'a', 2, T0 + 2000).progress;
    p = P.passStep(p, 'l1', 'a', ['a', 'b', 'c'], T0 + 30_000);
    p = P.revealSolution(p, 'l1', 'b', T0 + 40_000);
    p = P.passStep(p, 'l1', 'b', ['a', 'b', 'c'], T0 + 90_000);
    const out = lessonOutcomes(p, [
      { id: 'l1', steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
      { id: 'never-opened', steps: [{ id: 'x' }] },
    ]);
    expect(out).toEqual([
      {
        id: 'l1',
        completed: false,
        timeMs: expect.any(Number),
        commands: 0,
        steps: [
          { id: 'a', passed: true, attempts: 1, hints: 1, withHelp: false, ms: 30_000 },
          { id: 'b', passed: true, attempts: 0, hints: 0, withHelp: true, ms: 60_000 },
          { id: 'c', passed: false, attempts: 0, hints: 0, withHelp: false },
        ],
      },
    ]);
  });

  it('records what the grader showed: findings with their grant, failed checks as plain lines, counted', () => {
    const report: GradeReport = {
      lessonId: 'least-privilege-dir',
      newlyPassed: [],
      completed: false,
      relevant: true,
      results: [
        { stepId: 'narrow', status: 'pass', message: '', checks: [] },
        {
          stepId: 'grant',
          status: 'fail',
          message: '',
          checks: [
            {
              name: 'least',
              kind: 'least-privilege',
              status: 'fail',
              message: 'x',
              findings: [{ kind: 'unnecessary', grant: '--dir /', message: 'The module never used `/`.', evidence: ['path_open …'] }],
            },
            { name: 'manifest', kind: 'file', status: 'fail', message: '`spin.toml`: **route** is\nmissing' },
            { name: 'ok', kind: 'command', status: 'pass', message: 'fine' },
          ],
        },
      ],
    };
    const recs = seenFromReport(report);
    expect(recs).toEqual([
      { lesson: 'least-privilege-dir', step: 'grant', check: 'least', kind: 'unnecessary', grant: '--dir /', message: 'The module never used /.' },
      { lesson: 'least-privilege-dir', step: 'grant', check: 'manifest', kind: 'check', message: 'spin.toml: route is missing' },
    ]);
    const twice = addSeen(addSeen([], recs), recs.slice(0, 1));
    expect(twice.map((r) => [r.check, r.count])).toEqual([
      ['manifest', 1],
      ['least', 2],
    ]);
  });
});
