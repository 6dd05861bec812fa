/**
 * The lesson format as data: the types every other part of the lesson engine works with, and the
 * validators that turn untrusted frontmatter (written by instructors, see lessons/README.md) into them.
 *
 * Validation never throws on the first problem: it collects every issue with the file and the field
 * named, so an author fixes a lesson in one pass (the schema test and `npm test` print them all).
 */

export type CheckKind = 'command' | 'least-privilege' | 'file' | 'quiz' | 'spin-outbound';

/** Shared filter: which recorded command a command / least-privilege check looks at. */
export interface CommandFilter {
  /** argv[0] of the command, e.g. "wasmtime"; any of the list. Absent = any tool. */
  tool?: string[];
  /** Module base name without extension, e.g. "config-reader" matches modules/config-reader.wasm. */
  module?: string;
}

/** What a run must have produced. All present fields must hold. */
export interface OutcomeSpec {
  /** A number, or "nonzero" for "any failure". */
  exitCode?: number | 'nonzero';
  stdoutContains?: string;
  stdoutMatches?: string;
  stderrContains?: string;
  stderrMatches?: string;
}

interface CheckBase {
  /** Stable name used in results; defaults to "<kind>-<index>". */
  name: string;
  kind: CheckKind;
  /** Learner-facing text shown when the check fails (replaces the generated message). */
  message?: string;
}

export interface CommandCheck extends CheckBase, CommandFilter, OutcomeSpec {
  kind: 'command';
  /** The typed line must match this regular expression (e.g. to insist on the HOST::GUEST form). */
  lineMatches?: string;
}

export interface LeastPrivilegeCheck extends CheckBase, CommandFilter {
  kind: 'least-privilege';
  /** What "the module works" means; default exit code 0. */
  success: OutcomeSpec;
}

export interface FileCheck extends CheckBase {
  kind: 'file';
  /** "~/x", "x" (relative to the learner's home) or "/abs/x". */
  path: string;
  /** Default true; false means the file must NOT exist. */
  exists: boolean;
  contains?: string;
  matches?: string;
  parses?: 'json' | 'yaml' | 'toml';
}

export interface QuizCheck extends CheckBase {
  kind: 'quiz';
  question: string;
  /** Multiple choice when present: the learner answers with a letter (A, B, ...). */
  choices?: string[];
  /** For multiple choice: the correct letter(s). For short answer: accepted answers (case/space-insensitive). */
  answer: string[];
}

/**
 * Outbound least privilege for a Spin app: served from the learner's spin.toml (and the built module),
 * a probe request must be answered 2xx with no denied outbound call, and every `allowed_outbound_hosts`
 * entry must be needed (ablation) and no wider than the hosts the component really called.
 */
export interface SpinOutboundCheck extends CheckBase {
  kind: 'spin-outbound';
  /** The app's manifest: "~/quote-app/spin.toml", "quote-app/spin.toml" or absolute. */
  manifest: string;
  /** Grade only this component's entries (default: every component's). */
  component?: string;
  /** Path of the probe request (GET http://127.0.0.1:3000<path>); default "/". */
  path: string;
  /** The probe's response body must contain this, too. */
  bodyContains?: string;
}

export type CheckSpec = CommandCheck | LeastPrivilegeCheck | FileCheck | QuizCheck | SpinOutboundCheck;

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

/** One problem in a lesson, with the file and the field named. */
export interface FormatIssue {
  file: string;
  field: string;
  message: string;
}

export class LessonFormatError extends Error {
  constructor(readonly issues: FormatIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'LessonFormatError';
  }
}

export function formatIssue(i: FormatIssue): string {
  return `${i.file}: ${i.field}: ${i.message}`;
}

export const LESSON_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LEARNER_HOME = '/home/learner';

// ---------------------------------------------------------------------------------------------
// A tiny collecting validator. Hand-written instead of a schema library: the format is small and
// we want author-friendly messages ("expected a list of strings") rather than generic ones.

export class Validator {
  readonly issues: FormatIssue[] = [];
  constructor(readonly file: string) {}

  fail(field: string, message: string): void {
    this.issues.push({ file: this.file, field, message });
  }

  isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  /** Reports keys the format does not know: a typo ("hint:" for "hints:") must not be silently ignored. */
  noUnknownKeys(obj: Record<string, unknown>, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        this.fail(prefix ? `${prefix}.${key}` : key, `unknown field (expected one of: ${known.join(', ')})`);
      }
    }
  }

  string(obj: Record<string, unknown>, key: string, field: string, opts: { required: true }): string;
  string(obj: Record<string, unknown>, key: string, field: string, opts?: { required?: boolean }): string | undefined;
  string(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean } = {}): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return opts.required ? '' : undefined;
    }
    if (typeof v !== 'string') {
      this.fail(field, `expected text, got ${describe(v)}`);
      return opts.required ? '' : undefined;
    }
    if (opts.required && v.trim() === '') this.fail(field, 'must not be empty');
    return v;
  }

  number(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean; integer?: boolean; min?: number } = {}): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(field, `expected a number, got ${describe(v)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) this.fail(field, 'expected a whole number');
    if (opts.min !== undefined && v < opts.min) this.fail(field, `must be at least ${opts.min}`);
    return v;
  }

  stringList(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean; nonEmpty?: boolean; allowSingle?: boolean } = {}): string[] | undefined {
    let v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (opts.allowSingle && typeof v === 'string') v = [v];
    if (!Array.isArray(v)) {
      this.fail(field, `expected a list of text, got ${describe(v)}`);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.fail(`${field}[${i}]`, `expected non-empty text, got ${describe(item)}`);
      else out.push(item);
    });
    if (opts.nonEmpty && v.length === 0) this.fail(field, 'must list at least one entry');
    return out;
  }

  regex(value: string | undefined, field: string): void {
    if (value === undefined) return;
    try {
      new RegExp(value);
    } catch (e) {
      this.fail(field, `is not a valid regular expression (${(e as Error).message})`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

// ---------------------------------------------------------------------------------------------

const LESSON_KEYS = ['id', 'title', 'chapter', 'order', 'objectives', 'minutes', 'prerequisites', 'timed'] as const;
const STEP_KEYS = ['title', 'hints', 'solution', 'checks'] as const;
const CHECK_KEYS: Record<CheckKind, readonly string[]> = {
  command: ['kind', 'name', 'message', 'tool', 'module', 'exitCode', 'stdoutContains', 'stdoutMatches', 'stderrContains', 'stderrMatches', 'lineMatches'],
  'least-privilege': ['kind', 'name', 'message', 'tool', 'module', 'success'],
  file: ['kind', 'name', 'message', 'path', 'exists', 'contains', 'matches', 'parses'],
  quiz: ['kind', 'name', 'message', 'question', 'choices', 'answer'],
  'spin-outbound': ['kind', 'name', 'message', 'manifest', 'component', 'path', 'bodyContains'],
};
const OUTCOME_KEYS = ['exitCode', 'stdoutContains', 'stdoutMatches', 'stderrContains', 'stderrMatches'] as const;

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
    else v.fail('timed', `expected true or false, got ${describe(data.timed)}`);
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

export function validateStepMeta(data: unknown, v: Validator): StepMeta {
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
      const check = validateCheck(c, i, v);
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

function validateCheck(c: unknown, index: number, v: Validator): CheckSpec | undefined {
  const f = `checks[${index}]`;
  if (!v.isRecord(c)) {
    v.fail(f, 'expected a mapping with a kind');
    return undefined;
  }
  const kind = c.kind;
  if (typeof kind !== 'string' || !(kind in CHECK_KEYS)) {
    v.fail(`${f}.kind`, `must be one of: ${Object.keys(CHECK_KEYS).join(', ')} (got ${describe(kind)})`);
    return undefined;
  }
  const k = kind as CheckKind;
  v.noUnknownKeys(c, CHECK_KEYS[k], f);
  const name = v.string(c, 'name', `${f}.name`) ?? `${k}-${index + 1}`;
  const message = v.string(c, 'message', `${f}.message`);
  const base = { name, ...(message ? { message } : {}) };
  switch (k) {
    case 'command': {
      const filter = validateFilter(c, f, v);
      const outcome = validateOutcome(c, f, v);
      const lineMatches = v.string(c, 'lineMatches', `${f}.lineMatches`);
      v.regex(lineMatches, `${f}.lineMatches`);
      if (!filter.tool && !filter.module && !lineMatches) v.fail(f, 'a command check needs tool, module or lineMatches');
      return { ...base, kind: 'command', ...filter, ...outcome, ...(lineMatches ? { lineMatches } : {}) };
    }
    case 'least-privilege': {
      const filter = validateFilter(c, f, v);
      if (!filter.module) v.fail(`${f}.module`, 'is required (which module must run with least privilege)');
      let success: OutcomeSpec = { exitCode: 0 };
      if (c.success !== undefined) {
        if (!v.isRecord(c.success)) v.fail(`${f}.success`, 'expected a mapping (exitCode, stdoutContains, ...)');
        else {
          v.noUnknownKeys(c.success, OUTCOME_KEYS, `${f}.success`);
          success = validateOutcome(c.success, `${f}.success`, v);
          if (success.exitCode === undefined) success.exitCode = 0;
        }
      }
      return { ...base, kind: 'least-privilege', ...filter, success };
    }
    case 'file': {
      const path = v.string(c, 'path', `${f}.path`, { required: true });
      let exists = true;
      if (c.exists !== undefined) {
        if (typeof c.exists !== 'boolean') v.fail(`${f}.exists`, 'expected true or false');
        else exists = c.exists;
      }
      const contains = v.string(c, 'contains', `${f}.contains`);
      const matches = v.string(c, 'matches', `${f}.matches`);
      v.regex(matches, `${f}.matches`);
      const parses = v.string(c, 'parses', `${f}.parses`);
      if (parses !== undefined && !['json', 'yaml', 'toml'].includes(parses)) v.fail(`${f}.parses`, 'must be json, yaml or toml');
      if (!exists && (contains || matches || parses)) v.fail(`${f}.exists`, 'is false, so contains/matches/parses make no sense');
      return {
        ...base,
        kind: 'file',
        path,
        exists,
        ...(contains !== undefined ? { contains } : {}),
        ...(matches !== undefined ? { matches } : {}),
        ...(parses ? { parses: parses as FileCheck['parses'] } : {}),
      };
    }
    case 'quiz': {
      const question = v.string(c, 'question', `${f}.question`, { required: true });
      const choices = v.stringList(c, 'choices', `${f}.choices`);
      let answer: string[] = [];
      const raw = c.answer;
      if (typeof raw === 'string' || typeof raw === 'number') answer = [String(raw)];
      else if (Array.isArray(raw) && raw.every((a) => typeof a === 'string' || typeof a === 'number') && raw.length > 0) answer = raw.map(String);
      else v.fail(`${f}.answer`, raw === undefined ? 'is required' : 'expected text or a list of text');
      if (choices) {
        if (choices.length < 2) v.fail(`${f}.choices`, 'needs at least two choices');
        answer = answer.map((a) => a.trim().toUpperCase());
        for (const a of answer) {
          const idx = a.length === 1 ? a.charCodeAt(0) - 65 : -1;
          if (idx < 0 || idx >= choices.length) v.fail(`${f}.answer`, `"${a}" is not a choice letter (A-${String.fromCharCode(64 + choices.length)})`);
        }
      }
      return { ...base, kind: 'quiz', question, ...(choices ? { choices } : {}), answer };
    }
    case 'spin-outbound': {
      const manifest = v.string(c, 'manifest', `${f}.manifest`, { required: true });
      const component = v.string(c, 'component', `${f}.component`);
      const path = v.string(c, 'path', `${f}.path`) ?? '/';
      if (!path.startsWith('/')) v.fail(`${f}.path`, 'must start with "/" (the path of the probe request)');
      const bodyContains = v.string(c, 'bodyContains', `${f}.bodyContains`);
      return {
        ...base,
        kind: 'spin-outbound',
        manifest,
        ...(component ? { component } : {}),
        path,
        ...(bodyContains !== undefined ? { bodyContains } : {}),
      };
    }
  }
}

function validateFilter(c: Record<string, unknown>, f: string, v: Validator): CommandFilter {
  const tool = v.stringList(c, 'tool', `${f}.tool`, { allowSingle: true });
  const module = v.string(c, 'module', `${f}.module`);
  if (module && /\.(wasm|wat)$/.test(module)) v.fail(`${f}.module`, 'give the base name without .wasm/.wat');
  return { ...(tool && tool.length ? { tool } : {}), ...(module ? { module } : {}) };
}

function validateOutcome(c: Record<string, unknown>, f: string, v: Validator): OutcomeSpec {
  const out: OutcomeSpec = {};
  const ec = c.exitCode;
  if (ec !== undefined) {
    if (ec === 'nonzero' || (typeof ec === 'number' && Number.isInteger(ec) && ec >= 0 && ec <= 255)) out.exitCode = ec;
    else v.fail(`${f}.exitCode`, `expected 0-255 or "nonzero", got ${describe(ec)}`);
  }
  for (const key of ['stdoutContains', 'stdoutMatches', 'stderrContains', 'stderrMatches'] as const) {
    const s = v.string(c, key, `${f}.${key}`);
    if (s !== undefined) out[key] = s;
    if (key.endsWith('Matches')) v.regex(s, `${f}.${key}`);
  }
  return out;
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
