/**
 * The lesson format as data: the types every other part of the lesson engine works with, and the
 * validators that turn untrusted front matter (written by instructors, see lessons/README.md) into
 * them. The generic collecting Validator is in validator.ts; each check kind validates its own keys
 * (src/lessons/checks/, through the CheckKindRegistry).
 */

import type { CheckKindRegistry } from '../checks/registry';
import { defaultCheckKinds } from '../checks/builtin';
import { COMMON_CHECK_KEYS } from '../checks/registry';
import { describeValue, type FormatIssue, type Validator } from './validator';

export type { FormatIssue } from './validator';
export { Validator } from './validator';
// Each kind's spec type lives in the kind's own file; re-exported for the pane and the tests.
export type { CommandFilter, OutcomeSpec } from '../checks/outcome';
export type { CommandCheck } from '../checks/command';
export type { LeastPrivilegeCheck } from '../checks/least-privilege';
export type { FileCheck } from '../checks/file';
export type { QuizCheck } from '../checks/quiz';
export type { SpinOutboundCheck } from '../checks/spin-outbound';

/** What every check has, whatever its kind (checks/registry.ts: each kind extends it). */
export interface CheckBase {
  /** Stable name used in results; defaults to "<kind>-<index>". */
  name: string;
  /** A kind registered in the CheckKindRegistry ("command", "quiz", ...). */
  kind: string;
  /** Learner-facing text shown when the check fails (replaces the generated message). */
  message?: string;
}

/** A validated check of any registered kind; narrow it with the kind's own guard (e.g. isQuizCheck). */
export type CheckSpec = CheckBase;

export interface StepSolution {
  /** Commands that solve the step, in order (shown by `show solution`, runnable from the pane). */
  commands: string[];
  /** Markdown explaining why. */
  explanation?: string;
}

/** A step as the engine uses it: its front matter (StepMeta) plus what the parser adds. */
export interface LessonStep extends StepMeta {
  /** From the file name: steps/02-grant-data.md → "grant-data". */
  id: string;
  /** Markdown body of the step file. */
  body: string;
  /** Repository-relative file the step came from, for error messages. */
  file: string;
}

/** A lesson as the engine uses it: its front matter (LessonMeta) plus what the parser adds. */
export interface Lesson extends LessonMeta {
  /** Markdown body of lesson.md (the introduction). */
  intro: string;
  /** Markdown of finish.md, shown when every step passed. */
  finish?: string;
  steps: LessonStep[];
  /** Seed files: absolute host path → text content. */
  seed: Record<string, string>;
  /** Folder, e.g. "lessons/02-runtimes/02-wasmtime-dir". */
  folder: string;
}

export interface ChapterInfo {
  number: number;
  title: string;
}

export const LESSON_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LEARNER_HOME = '/home/learner';

const LESSON_KEYS = ['id', 'title', 'chapter', 'order', 'objectives', 'minutes', 'prerequisites', 'timed'] as const;
const STEP_KEYS = ['title', 'hints', 'solution', 'checks'] as const;
/** lesson.md's front matter, validated. */
export interface LessonMeta {
  id: string;
  title: string;
  chapter: number;
  order: number;
  objectives: string[];
  /** Estimated minutes; for a timed lesson also the target time of a run. */
  minutes: number;
  prerequisites: string[];
  /** A drill: each run is timed from the first graded command to completion against `minutes`. */
  timed: boolean;
}

export function validateLessonMeta(data: unknown, v: Validator): LessonMeta {
  const meta: LessonMeta = { id: '', title: '', chapter: 0, order: 0, objectives: [], minutes: 0, prerequisites: [], timed: false };
  if (!v.isRecord(data)) {
    v.fail('frontmatter', 'missing or not a mapping (start the file with --- YAML --- )');
    return meta;
  }
  v.noUnknownKeys(data, LESSON_KEYS, '');
  meta.id = v.string(data, 'id', 'id', { required: true });
  if (meta.id && !LESSON_ID_PATTERN.test(meta.id)) v.fail('id', `"${meta.id}" must be lowercase letters, digits and single dashes`);
  meta.title = v.string(data, 'title', 'title', { required: true });
  meta.chapter = v.number(data, 'chapter', 'chapter', { required: true, integer: true, min: 1 }) ?? 0;
  meta.order = v.number(data, 'order', 'order', { required: true, integer: true, min: 1 }) ?? 0;
  meta.objectives = v.stringList(data, 'objectives', 'objectives', { required: true, nonEmpty: true }) ?? [];
  meta.minutes = v.number(data, 'minutes', 'minutes', { required: true, min: 1 }) ?? 0;
  meta.prerequisites = v.stringList(data, 'prerequisites', 'prerequisites') ?? [];
  if (data.timed !== undefined && data.timed !== null) {
    if (typeof data.timed === 'boolean') meta.timed = data.timed;
    else v.fail('timed', `expected true or false, got ${describeValue(data.timed)}`);
  }
  return meta;
}

/** A step file's front matter, validated. */
export interface StepMeta {
  title: string;
  hints: string[];
  solution?: StepSolution;
  checks: CheckSpec[];
}

export function validateStepMeta(data: unknown, v: Validator, kinds: CheckKindRegistry = defaultCheckKinds()): StepMeta {
  const meta: StepMeta = { title: '', hints: [], checks: [] };
  if (!v.isRecord(data)) {
    v.fail('frontmatter', 'missing or not a mapping (start the file with --- YAML --- )');
    return meta;
  }
  v.noUnknownKeys(data, STEP_KEYS, '');
  meta.title = v.string(data, 'title', 'title', { required: true });
  meta.hints = v.stringList(data, 'hints', 'hints') ?? [];
  const sol = data.solution;
  if (sol !== undefined && sol !== null) {
    if (typeof sol === 'string') meta.solution = { commands: [], explanation: sol };
    else if (v.isRecord(sol)) {
      v.noUnknownKeys(sol, ['commands', 'explanation'], 'solution');
      const commands = v.stringList(sol, 'commands', 'solution.commands', { allowSingle: true }) ?? [];
      const explanation = v.string(sol, 'explanation', 'solution.explanation');
      if (commands.length === 0 && !explanation) v.fail('solution', 'needs commands or an explanation');
      meta.solution = { commands, ...(explanation ? { explanation } : {}) };
    } else v.fail('solution', 'expected a mapping with commands / explanation, or text');
  }
  const checks = data.checks;
  if (checks === undefined || checks === null) v.fail('checks', 'is required (a step with nothing to check cannot turn green)');
  else if (!Array.isArray(checks)) v.fail('checks', 'expected a list of checks');
  else {
    if (checks.length === 0) v.fail('checks', 'must list at least one check');
    checks.forEach((c, i) => {
      const check = validateCheck(c, i, v, kinds);
      if (check) meta.checks.push(check);
    });
    const quizzes = meta.checks.filter((c) => c.kind === 'quiz').length;
    if (quizzes > 1) v.fail('checks', 'at most one quiz per step (the learner answers with `answer ...`)');
    const names = new Set<string>();
    for (const c of meta.checks) {
      if (names.has(c.name)) v.fail('checks', `two checks are named "${c.name}"`);
      names.add(c.name);
    }
  }
  return meta;
}

function validateCheck(c: unknown, index: number, v: Validator, kinds: CheckKindRegistry): CheckSpec | undefined {
  const f = `checks[${index}]`;
  if (!v.isRecord(c)) {
    v.fail(f, 'expected a mapping with a kind');
    return undefined;
  }
  const kind = c.kind;
  const def = typeof kind === 'string' ? kinds.get(kind) : undefined;
  if (!def) {
    v.fail(`${f}.kind`, `must be one of: ${kinds.kinds().join(', ')} (got ${describeValue(kind)})`);
    return undefined;
  }
  v.noUnknownKeys(c, [...COMMON_CHECK_KEYS, ...def.keys], f);
  const name = v.string(c, 'name', `${f}.name`) ?? `${def.kind}-${index + 1}`;
  const message = v.string(c, 'message', `${f}.message`);
  const fields = def.validate(c, v, f);
  if (!fields) return undefined;
  return { ...fields, kind: def.kind, name, ...(message ? { message } : {}) };
}

/** Checks that need the whole catalogue: unique ids, prerequisites that exist. */
export function validateCatalog(lessons: Lesson[]): FormatIssue[] {
  const issues: FormatIssue[] = [];
  const byId = new Map<string, Lesson>();
  for (const l of lessons) {
    const prev = byId.get(l.id);
    if (prev) issues.push({ file: `${l.folder}/lesson.md`, field: 'id', message: `"${l.id}" is also used by ${prev.folder}` });
    byId.set(l.id, l);
  }
  for (const l of lessons) {
    for (const p of l.prerequisites) {
      if (!byId.has(p)) issues.push({ file: `${l.folder}/lesson.md`, field: 'prerequisites', message: `no lesson has id "${p}"` });
    }
  }
  return issues;
}
