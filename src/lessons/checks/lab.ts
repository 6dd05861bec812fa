/**
 * `kind: lab` — graded on the learner's own measured races (src/lab/store.ts: the latest race of
 * each module, from the Lab tab or `dojo bench`), so the answer depends on their data:
 *
 * ```yaml
 * - kind: lab                 # hands-on: a race of this module with at least minRuns measured runs
 *   module: hello
 *   minRuns: 20
 * - kind: lab                 # which of two modules measured larger/smaller (answer A or B)
 *   question: Which module took longer to compile on its first run?
 *   compare: [hello, config-reader]
 *   measure: first-compile    # first-compile | instantiate | run | end-to-end (medians)
 *   pick: larger
 * - kind: lab                 # how many times a figure fits in a reference (answer by band letter)
 *   question: How many of your hello.wasm starts fit in one 200 ms container cold start?
 *   module: hello
 *   measure: end-to-end
 *   ratioTo: 200              # ms, the primer's container cold start
 *   bands: [10, 100]          # A: fewer than 10, B: 10 to 100, C: 100 or more
 * ```
 */
import { summarizeRace } from '../../lab/race';
import { labStoreOf, moduleBaseName, type StoredRace } from '../../lab/store';
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import type { CheckKindDefinition } from './registry';
import { quoteInput } from './quote';

const MEASURES = ['first-compile', 'instantiate', 'run', 'end-to-end'] as const;
type Measure = (typeof MEASURES)[number];

export interface LabCheck extends CheckBase {
  kind: 'lab';
  question?: string;
  /** Shown with the question; the answer is a letter. */
  choices?: string[];
  /** Hands-on and ratio forms: the module raced. */
  module?: string;
  minRuns?: number;
  compare?: [string, string];
  measure?: Measure;
  pick?: 'larger' | 'smaller';
  ratioTo?: number;
  bands?: number[];
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** The figure a question reads from one race (medians over the measured runs). */
export function measureOf(race: StoredRace, measure: Measure): number | undefined {
  const s = summarizeRace(race.records);
  switch (measure) {
    case 'first-compile':
      return s.firstCompileMs;
    case 'instantiate':
      return s.instantiate?.median;
    case 'run':
      return s.run?.median;
    case 'end-to-end':
      return s.endToEnd?.median;
  }
}

function raceHint(module: string): string {
  return `Race it first: \`dojo bench -n 20 modules/${module}.wasm\`, or run the race in the Lab tab.`;
}

/** The correct letter for a question on the learner's data, or a message saying what data is missing. */
export function expectedAnswer(
  check: LabCheck,
  find: (module: string) => StoredRace | undefined,
): { letter: string; why: string } | { missing: string } {
  const measure = check.measure ?? 'end-to-end';
  if (check.compare) {
    const values = check.compare.map((m) => {
      const race = find(m);
      return race ? measureOf(race, measure) : undefined;
    });
    const gap = check.compare.findIndex((_, i) => values[i] === undefined);
    if (gap >= 0) return { missing: `No race of ${check.compare[gap]}.wasm yet. ${raceHint(check.compare[gap]!)}` };
    const [a, b] = values as [number, number];
    const pickA = check.pick === 'smaller' ? a <= b : a >= b;
    return { letter: pickA ? 'A' : 'B', why: `your ${measure}: ${check.compare[0]} ${a.toFixed(3)} ms, ${check.compare[1]} ${b.toFixed(3)} ms` };
  }
  const module = check.module!;
  const race = find(module);
  const value = race ? measureOf(race, measure) : undefined;
  if (value === undefined) return { missing: `No race of ${module}.wasm yet. ${raceHint(module)}` };
  const ratio = check.ratioTo! / Math.max(value, 1e-6);
  const band = (check.bands ?? []).filter((edge) => ratio >= edge).length;
  return {
    letter: letter(band),
    why: `your median ${measure} of ${module} is ${value.toFixed(3)} ms: ${check.ratioTo} ms holds it ${ratio.toFixed(0)} times`,
  };
}

export function evaluateLabCheck(check: LabCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'lab' as const };
  const store = labStoreOf(ctx.fs);
  const find = (m: string) => store.latest(m);
  if (!check.question) {
    const module = check.module!;
    const race = find(module);
    const runs = race ? race.records.filter((r) => !r.warmup && r.outcome === 'exit' && r.exitCode === 0).length : 0;
    const need = check.minRuns ?? 1;
    if (runs >= need) return { ...base, status: 'pass', message: `Your race of ${moduleBaseName(race!.label)}.wasm has ${runs} measured runs.` };
    return {
      ...base,
      status: 'fail',
      message:
        check.message ??
        (race
          ? `Your race of ${module}.wasm has ${runs} measured runs; ${need} are needed. ${raceHint(module)}`
          : `No race of ${module}.wasm yet. ${raceHint(module)}`),
    };
  }
  const expected = expectedAnswer(check, find);
  if ('missing' in expected) return { ...base, status: 'fail', message: expected.missing };
  const given = ctx.quizAnswer?.trim().toUpperCase().replace(/[.)]$/, '');
  if (!given) return { ...base, status: 'fail', message: 'Answer with `answer LETTER` once you have read your numbers.' };
  if (given === expected.letter) return { ...base, status: 'pass', message: `Correct for your data (${expected.why}).` };
  return {
    ...base,
    status: 'fail',
    message: check.message ?? `${quoteInput(ctx.quizAnswer!.trim())} does not match your measured data. Look at the Lab's table again.`,
  };
}

export const labCheckKind: CheckKindDefinition<LabCheck> = {
  kind: 'lab',
  keys: ['question', 'choices', 'module', 'minRuns', 'compare', 'measure', 'pick', 'ratioTo', 'bands'],
  validate(c, v, f) {
    const question = v.string(c, 'question', `${f}.question`);
    const choices = v.stringList(c, 'choices', `${f}.choices`);
    const module = v.string(c, 'module', `${f}.module`);
    const minRuns = v.number(c, 'minRuns', `${f}.minRuns`, { integer: true, min: 1 });
    const compare = v.stringList(c, 'compare', `${f}.compare`);
    const measure = v.string(c, 'measure', `${f}.measure`);
    const pick = v.string(c, 'pick', `${f}.pick`);
    const ratioTo = v.number(c, 'ratioTo', `${f}.ratioTo`, { min: 0 });
    const raw = c.bands;
    let bands: number[] | undefined;
    if (raw !== undefined) {
      if (Array.isArray(raw) && raw.every((b) => typeof b === 'number' && Number.isFinite(b) && b > 0)) bands = raw as number[];
      else v.fail(`${f}.bands`, 'expected a list of positive numbers');
    }
    if (measure !== undefined && !(MEASURES as readonly string[]).includes(measure))
      v.fail(`${f}.measure`, `expected one of: ${MEASURES.join(', ')}`);
    if (pick !== undefined && pick !== 'larger' && pick !== 'smaller') v.fail(`${f}.pick`, 'expected larger or smaller');
    if (!question) {
      if (!module) v.fail(`${f}.module`, 'is required (the module the learner races) when there is no question');
      if (compare || ratioTo !== undefined) v.fail(`${f}.question`, 'is required with compare or ratioTo');
    } else {
      if (!compare === (ratioTo === undefined))
        v.fail(`${f}.question`, 'needs exactly one of compare (two modules) or ratioTo (with module and bands)');
      if (compare && compare.length !== 2) v.fail(`${f}.compare`, 'expected exactly two module names');
      if (ratioTo !== undefined && !module) v.fail(`${f}.module`, 'is required with ratioTo');
      if (bands && bands.some((b, i) => i > 0 && b <= bands![i - 1]!)) v.fail(`${f}.bands`, 'must ascend');
      const options = compare ? 2 : (bands?.length ?? 0) + 1;
      if (!choices || choices.length !== options) v.fail(`${f}.choices`, `expected ${options} choices (one per possible answer)`);
    }
    return {
      kind: 'lab',
      ...(question ? { question } : {}),
      ...(choices ? { choices } : {}),
      ...(module ? { module: moduleBaseName(module) } : {}),
      ...(minRuns !== undefined ? { minRuns } : {}),
      ...(compare ? { compare: [moduleBaseName(compare[0]!), moduleBaseName(compare[1] ?? '')] as [string, string] } : {}),
      ...(measure ? { measure: measure as Measure } : {}),
      ...(pick ? { pick: pick as 'larger' | 'smaller' } : {}),
      ...(ratioTo !== undefined ? { ratioTo } : {}),
      ...(bands ? { bands } : {}),
    };
  },
  evaluate: evaluateLabCheck,
  concerns: (spec, rec) => !spec.question && rec.segments.some((seg) => seg[0] === 'dojo' && seg[1] === 'bench'),
};
