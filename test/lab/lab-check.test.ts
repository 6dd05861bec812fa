/** `kind: lab`: validation, and answers graded on the learner's own races (the same question, two data sets). */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { evaluateLabCheck, labCheckKind, type LabCheck } from '../../src/lessons/checks/lab';
import type { CheckContext } from '../../src/lessons/checks/context';
import { Validator } from '../../src/lessons/schema/validator';
import { labStoreOf } from '../../src/lab/store';
import type { RunRecord } from '../../src/lab/race';

const run = (i: number, e2e: number, over: Partial<RunRecord> = {}): RunRecord => ({
  index: i,
  warmup: false,
  outcome: 'exit',
  exitCode: 0,
  compileMs: i === 1 ? 5 : 0.01,
  compileCached: i !== 1,
  instantiateMs: 0.2,
  runMs: 0.3,
  endToEndMs: e2e,
  fromSpare: i > 2,
  memoryBytes: 131072,
  ...over,
});

function ctxWith(races: Record<string, number[]>, quizAnswer?: string): CheckContext {
  const fs = new MemoryFs();
  const store = labStoreOf(fs);
  for (const [module, times] of Object.entries(races)) {
    store.add({
      label: `modules/${module}.wasm`,
      moduleBytes: 1000,
      at: 0,
      source: 'lab',
      stopped: false,
      records: times.map((t, i) => run(i + 1, t)),
    });
  }
  return { fs, home: '/home/learner', history: [], describeGrants: () => [], ...(quizAnswer !== undefined ? { quizAnswer } : {}) };
}

const ratio: LabCheck = {
  kind: 'lab',
  name: 'ratio',
  question: 'How many fit?',
  choices: ['< 10', '10-100', '>= 100'],
  module: 'hello',
  measure: 'end-to-end',
  ratioTo: 200,
  bands: [10, 100],
};
const compare: LabCheck = {
  kind: 'lab',
  name: 'cmp',
  question: 'Which?',
  choices: ['hello', 'cpu'],
  compare: ['hello', 'cpu-bench'],
  measure: 'end-to-end',
  pick: 'larger',
};

describe('kind: lab', () => {
  it('the hands-on form passes once the learner raced the module with enough clean runs', () => {
    const check: LabCheck = { kind: 'lab', name: 'raced', module: 'hello', minRuns: 3 };
    expect(evaluateLabCheck(check, ctxWith({})).message).toMatch(
      /No race of hello\.wasm yet\. Race it first: `dojo bench -n 20 modules\/hello\.wasm`/,
    );
    expect(evaluateLabCheck(check, ctxWith({ hello: [1, 1] }))).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('has 2 measured runs; 3 are needed'),
    });
    expect(evaluateLabCheck(check, ctxWith({ hello: [1, 1, 1] })).status).toBe('pass');
  });

  it("the right letter follows the learner's median: the same answer passes on one data set and fails on another", () => {
    // Median 1 ms: 200 holds it 200 times → C. Median 4 ms: 50 times → B. Median 30 ms: 6.7 → A.
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [1, 1, 50] }, 'C')).status).toBe('pass');
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [4, 4, 4] }, 'C')).status).toBe('fail');
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [4, 4, 4] }, 'b')).status).toBe('pass');
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [30, 30, 30] }, 'A')).status).toBe('pass');
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [1] })).message).toMatch(/Answer with `answer LETTER`/);
    expect(evaluateLabCheck(ratio, ctxWith({ hello: [1] }, 'C')).message).toMatch(
      /Correct for your data \(your median end-to-end of hello is 1\.000 ms: 200 ms holds it 200 times\)/,
    );
  });

  it("compare: the larger module by the learner's medians; a missing race says how to make it", () => {
    expect(evaluateLabCheck(compare, ctxWith({ hello: [1, 1, 1], 'cpu-bench': [9, 9, 9] }, 'B')).status).toBe('pass');
    expect(evaluateLabCheck(compare, ctxWith({ hello: [9, 9, 9], 'cpu-bench': [1, 1, 1] }, 'B')).status).toBe('fail');
    expect(evaluateLabCheck(compare, ctxWith({ hello: [9, 9, 9], 'cpu-bench': [1, 1, 1] }, 'A')).status).toBe('pass');
    expect(evaluateLabCheck(compare, ctxWith({ hello: [1] }, 'B')).message).toMatch(/No race of cpu-bench\.wasm yet/);
    // Warm-up runs are not counted in the medians.
    const c = ctxWith({});
    labStoreOf(c.fs).add({
      label: 'hello.wasm',
      moduleBytes: 1,
      at: 0,
      source: 'lab',
      stopped: false,
      records: [run(1, 100, { warmup: true }), run(2, 1)],
    });
    labStoreOf(c.fs).add({ label: 'cpu-bench.wasm', moduleBytes: 1, at: 0, source: 'lab', stopped: false, records: [run(1, 5)] });
    expect(evaluateLabCheck(compare, { ...c, quizAnswer: 'B' }).status).toBe('pass');
  });

  it('validates its YAML with field names', () => {
    const v = new Validator('step.md');
    expect(labCheckKind.validate({ kind: 'lab', module: 'modules/hello.wasm', minRuns: 20 }, v, 'checks[0]')).toEqual({
      kind: 'lab',
      module: 'hello',
      minRuns: 20,
    });
    expect(v.issues).toEqual([]);
    const bad = new Validator('step.md');
    labCheckKind.validate({ kind: 'lab', question: 'Q?', compare: ['a'], measure: 'speed', pick: 'more', choices: ['x'] }, bad, 'checks[0]');
    expect(bad.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'checks[0].measure: expected one of: first-compile, instantiate, run, end-to-end',
      'checks[0].pick: expected larger or smaller',
      'checks[0].compare: expected exactly two module names',
      'checks[0].choices: expected 2 choices (one per possible answer)',
    ]);
    const none = new Validator('step.md');
    labCheckKind.validate({ kind: 'lab' }, none, 'checks[0]');
    expect(none.issues.map((i) => i.field)).toEqual(['checks[0].module']);
    const bands = new Validator('step.md');
    labCheckKind.validate({ kind: 'lab', question: 'Q', module: 'm', ratioTo: 200, bands: [100, 10], choices: ['a', 'b', 'c'] }, bands, 'c');
    expect(bands.issues.map((i) => `${i.field}: ${i.message}`)).toEqual(['c.bands: must ascend']);
  });
});
