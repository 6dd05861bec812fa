/**
 * A learner's results: what they did in the lessons (per step: passed, attempts, hints, solution
 * shown, time to pass), what the grader told them (least-privilege findings and failed checks, as
 * they were shown), and what other parts of the Dojo contribute (mock-interview scores). Nothing
 * else: no files, no command lines, no machine state. The learner picks the display name.
 *
 * Two forms: a JSON file, and a compact code to paste in a chat (`wdr1.` + base64url of the deflated
 * file). Both carry a SHA-256 digest of the canonical JSON, so a file damaged on the way is refused
 * with that reason rather than read wrong.
 */
import type { GradeReport } from '../lessons/runtime';
import type { ProgressData } from '../lessons/progress';
import { canonicalJson, deflateText, fromBase64Url, inflateText, isObj, sha256, toBase64Url, UNSAFE_CHARS } from './codec';
import type { Contribution } from './contributors';

export const RESULTS_FORMAT = 'wasm-dojo-results';
export const RESULTS_VERSION = 1;
export const CODE_PREFIX = 'wdr1.';

export const RESULTS_LIMITS = {
  nameChars: 60,
  lessons: 200,
  steps: 60,
  seen: 400,
  messageChars: 300,
  contributions: 8,
  scores: 20,
  contributionBytes: 16 * 1024,
  fileBytes: 512 * 1024,
} as const;

export interface StepOutcome {
  id: string;
  passed: boolean;
  /** Gradings that did not pass. */
  attempts: number;
  hints: number;
  /** The solution was shown before the step passed. */
  withHelp: boolean;
  /** Time from the previous step's pass (or the lesson's start) to this one's. */
  ms?: number;
}

export interface LessonOutcome {
  id: string;
  completed: boolean;
  /** Active time in the lesson (idle gaps capped, as the lessons count it). */
  timeMs: number;
  commands: number;
  steps: StepOutcome[];
}

/** What the grader showed: a least-privilege finding ("unnecessary --dir /") or a failed check's message. */
export interface SeenRecord {
  lesson: string;
  step: string;
  /** The check's name in the lesson. */
  check: string;
  /** `unnecessary` / `too-broad` / `failed` for findings; `check` for a failed check without findings. */
  kind: string;
  /** The grant as typed, for findings about grants. */
  grant?: string;
  message: string;
  /** How often it was shown. */
  count: number;
}

export interface ResultsBody {
  format: typeof RESULTS_FORMAT;
  version: number;
  name: string;
  /** Random per browser (made once, kept until `dojo reset`): two files from one learner merge. */
  learner: string;
  plan?: { id: string; title: string };
  exportedAt: string;
  lessons: LessonOutcome[];
  seen: SeenRecord[];
  contributions: Contribution[];
}

export interface ResultsFile extends ResultsBody {
  /** `sha256:` + hex of the canonical JSON of everything else. */
  digest: string;
}

/** The steps of the lessons named, in catalogue order, from the progress store. Lessons never opened are left out. */
export function lessonOutcomes(
  progress: ProgressData,
  lessons: ReadonlyArray<{ id: string; steps: ReadonlyArray<{ id: string }> }>,
): LessonOutcome[] {
  const out: LessonOutcome[] = [];
  for (const lesson of lessons) {
    const lp = progress.lessons[lesson.id];
    if (!lp) continue;
    let since = lp.startedAt;
    const passedTimes = lesson.steps.map((s) => lp.steps[s.id]?.passedAt).filter((t): t is number => t !== undefined);
    const order = [...passedTimes].sort((a, b) => a - b);
    const steps = lesson.steps.map((s): StepOutcome => {
      const sp = lp.steps[s.id];
      const base: StepOutcome = {
        id: s.id,
        passed: sp?.status === 'passed',
        attempts: sp?.attempts ?? 0,
        hints: sp?.hintsUsed ?? 0,
        withHelp: sp?.solvedWithHelp ?? false,
      };
      if (sp?.passedAt !== undefined) {
        const prev = order.filter((t) => t < sp.passedAt!).pop();
        since = Math.max(lp.startedAt, prev ?? lp.startedAt);
        base.ms = Math.max(0, sp.passedAt - since);
      }
      return base;
    });
    out.push({ id: lesson.id, completed: lp.completedAt !== undefined, timeMs: lp.timeSpentMs, commands: lp.commands, steps });
  }
  return out;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Markdown the learner saw, as one plain line: backticks and emphasis marks dropped, whitespace folded, control characters out. */
export function plainLine(md: string, max: number = RESULTS_LIMITS.messageChars): string {
  return clip(md.replace(UNSAFE_CHARS_G, '').replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim(), max);
}
const UNSAFE_CHARS_G = new RegExp(UNSAFE_CHARS.source, 'g');

/** The grader's verdicts in a report that the learner was shown (checks that did not pass), one record each. */
export function seenFromReport(report: GradeReport): Array<Omit<SeenRecord, 'count'>> {
  const out: Array<Omit<SeenRecord, 'count'>> = [];
  for (const r of report.results) {
    if (r.status === 'pass') continue;
    for (const c of r.checks) {
      if (c.status === 'pass') continue;
      const findings = (c.findings ?? []).filter((f) => f.kind !== 'failed' || f.message);
      if (findings.length === 0) out.push({ lesson: report.lessonId, step: r.stepId, check: c.name, kind: 'check', message: plainLine(c.message) });
      for (const f of findings)
        out.push({
          lesson: report.lessonId,
          step: r.stepId,
          check: c.name,
          kind: f.kind,
          ...(f.grant ? { grant: plainLine(f.grant, 120) } : {}),
          message: plainLine(f.message),
        });
    }
  }
  return out;
}

/** Adds records to a list, counting repeats (same lesson, step, check, kind, grant and message), newest last, capped. */
export function addSeen(list: readonly SeenRecord[], records: ReadonlyArray<Omit<SeenRecord, 'count'>>): SeenRecord[] {
  const key = (r: Omit<SeenRecord, 'count'>) => [r.lesson, r.step, r.check, r.kind, r.grant ?? '', r.message].join('\u0000');
  const byKey = new Map(list.map((r) => [key(r), r]));
  for (const r of records) {
    const k = key(r);
    const hit = byKey.get(k);
    byKey.delete(k);
    byKey.set(k, { ...r, count: (hit?.count ?? 0) + 1 });
  }
  return [...byKey.values()].slice(-RESULTS_LIMITS.seen);
}

export async function sealResults(body: ResultsBody): Promise<ResultsFile> {
  return { ...body, digest: `sha256:${await sha256(canonicalJson(body))}` };
}

export function resultsFileText(file: ResultsFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

export function resultsCode(file: ResultsFile): string {
  return CODE_PREFIX + toBase64Url(deflateText(canonicalJson(file)));
}

export type ResultsOutcome = { ok: true; results: ResultsFile } | { ok: false; reason: string };

/** Reads a results file's text or a pasted code; refuses damage, foreign files and hostile values with a reason. */
export async function readResults(input: string): Promise<ResultsOutcome> {
  const t = input.trim();
  if (t.startsWith(CODE_PREFIX) || /^wdr\d+\./.test(t)) return decodeResultsCode(t);
  if (t.length > RESULTS_LIMITS.fileBytes)
    return { ok: false, reason: `too large to be a results file (more than ${RESULTS_LIMITS.fileBytes / 1024} KB)` };
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch (err) {
    return { ok: false, reason: `damaged: it is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  return checkResults(data);
}

async function decodeResultsCode(code: string): Promise<ResultsOutcome> {
  // Chat apps wrap long lines and add spaces: they are not part of a code.
  const compact = code.replace(/\s+/g, '');
  if (!compact.startsWith(CODE_PREFIX))
    return {
      ok: false,
      reason: `a results code from another version of Wasm Dojo (it starts "${compact.slice(0, 6)}", this one reads "${CODE_PREFIX}")`,
    };
  const bytes = fromBase64Url(compact.slice(CODE_PREFIX.length));
  if (!bytes) return { ok: false, reason: 'damaged code: it has characters a results code never has' };
  const inflated = inflateText(bytes, RESULTS_LIMITS.fileBytes);
  if ('error' in inflated) return { ok: false, reason: `damaged or incomplete code: ${inflated.error}` };
  let data: unknown;
  try {
    data = JSON.parse(inflated.text);
  } catch {
    return { ok: false, reason: 'damaged code: its contents are not JSON' };
  }
  return checkResults(data);
}

async function checkResults(data: unknown): Promise<ResultsOutcome> {
  if (!isObj(data) || data.format !== RESULTS_FORMAT)
    return { ok: false, reason: 'not a Wasm Dojo results file (its "format" is missing or different)' };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1)
    return { ok: false, reason: 'it has no valid version number' };
  if (data.version > RESULTS_VERSION)
    return { ok: false, reason: `made by a newer Wasm Dojo (results version ${data.version}; this one reads up to ${RESULTS_VERSION})` };
  const { digest, ...body } = data;
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
    return { ok: false, reason: 'it has no SHA-256 digest, so damage could not be detected' };
  const actual = `sha256:${await sha256(canonicalJson(body))}`;
  if (actual !== digest)
    return {
      ok: false,
      reason:
        'corrupted: its SHA-256 digest does not match its contents (the file was changed or damaged after it was exported; ask for a fresh export)',
    };
  const problem = resultsProblem(body);
  if (problem) return { ok: false, reason: `not readable: ${problem}` };
  return { ok: true, results: data as unknown as ResultsFile };
}

const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const ms = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e12;
const STEP_KEYS = new Set(['id', 'passed', 'attempts', 'hints', 'withHelp', 'ms']);
const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function textProblem(v: unknown, field: string, max: number, required = false): string | null {
  if (typeof v !== 'string') return `${field} must be text`;
  if (required && !v.trim()) return `${field} is empty`;
  if (v.length > max) return `${field} is longer than ${max} characters`;
  if (UNSAFE_CHARS.test(v) || /[\n\t]/.test(v)) return `${field} holds control characters`;
  return null;
}

/** Every field, against its type and limit; the reason names the first that fails. */
export function resultsProblem(b: Record<string, unknown>): string | null {
  const known = new Set(['format', 'version', 'name', 'learner', 'plan', 'exportedAt', 'lessons', 'seen', 'contributions']);
  const extra = Object.keys(b).find((k) => !known.has(k));
  if (extra) return `unknown field ${JSON.stringify(extra).slice(0, 40)}`;
  const p =
    textProblem(b.name, 'the display name', RESULTS_LIMITS.nameChars, true) ??
    (typeof b.learner === 'string' && /^[A-Za-z0-9_-]{6,32}$/.test(b.learner) ? null : 'the learner id is not one this app makes') ??
    (typeof b.exportedAt === 'string' && !Number.isNaN(Date.parse(b.exportedAt)) && b.exportedAt.length <= 40 ? null : 'exportedAt must be a date');
  if (p) return p;
  if (b.plan !== undefined) {
    if (!isObj(b.plan) || Object.keys(b.plan).some((k) => k !== 'id' && k !== 'title')) return 'plan must be { id, title }';
    const pp =
      (typeof b.plan.id === 'string' && /^[A-Za-z0-9_-]{6,32}$/.test(b.plan.id) ? null : 'the plan id is not one this app makes') ??
      textProblem(b.plan.title, 'the plan title', 120);
    if (pp) return pp;
  }
  if (!Array.isArray(b.lessons) || b.lessons.length > RESULTS_LIMITS.lessons) return `lessons must be a list of at most ${RESULTS_LIMITS.lessons}`;
  for (const [i, l] of b.lessons.entries()) {
    const w = `lesson ${i + 1}`;
    if (!isObj(l) || Object.keys(l).some((k) => !['id', 'completed', 'timeMs', 'commands', 'steps'].includes(k)))
      return `${w} has unknown fields or is not an object`;
    if (typeof l.id !== 'string' || !ID_RE.test(l.id)) return `${w}: the lesson id is not a lesson id`;
    if (typeof l.completed !== 'boolean' || !ms(l.timeMs) || !count(l.commands))
      return `${w} ("${l.id}"): completed, timeMs or commands has the wrong type`;
    if (!Array.isArray(l.steps) || l.steps.length > RESULTS_LIMITS.steps)
      return `${w} ("${l.id}"): steps must be a list of at most ${RESULTS_LIMITS.steps}`;
    for (const s of l.steps) {
      if (!isObj(s) || Object.keys(s).some((k) => !STEP_KEYS.has(k))) return `${w} ("${l.id}"): a step has unknown fields`;
      if (typeof s.id !== 'string' || !ID_RE.test(s.id)) return `${w} ("${l.id}"): a step id is not a step id`;
      if (
        typeof s.passed !== 'boolean' ||
        !count(s.attempts) ||
        !count(s.hints) ||
        typeof s.withHelp !== 'boolean' ||
        (s.ms !== undefined && !ms(s.ms))
      )
        return `${w} ("${l.id}") step "${s.id}": a value has the wrong type`;
    }
  }
  if (!Array.isArray(b.seen) || b.seen.length > RESULTS_LIMITS.seen) return `seen must be a list of at most ${RESULTS_LIMITS.seen}`;
  for (const [i, r] of b.seen.entries()) {
    const w = `grader message ${i + 1}`;
    if (!isObj(r) || Object.keys(r).some((k) => !['lesson', 'step', 'check', 'kind', 'grant', 'message', 'count'].includes(k)))
      return `${w} has unknown fields`;
    const rp =
      (typeof r.lesson === 'string' && ID_RE.test(r.lesson) && typeof r.step === 'string' && ID_RE.test(r.step)
        ? null
        : `${w}: lesson and step must be ids`) ??
      textProblem(r.check, `${w}'s check`, 80) ??
      (['check', 'unnecessary', 'too-broad', 'failed'].includes(r.kind as string) ? null : `${w}: unknown kind`) ??
      (r.grant === undefined ? null : textProblem(r.grant, `${w}'s grant`, 120)) ??
      textProblem(r.message, `${w}'s message`, RESULTS_LIMITS.messageChars) ??
      (count(r.count) && (r.count as number) >= 1 ? null : `${w}: count must be a whole number from 1`);
    if (rp) return rp;
  }
  if (!Array.isArray(b.contributions) || b.contributions.length > RESULTS_LIMITS.contributions)
    return `contributions must be a list of at most ${RESULTS_LIMITS.contributions}`;
  for (const c of b.contributions) {
    if (!isObj(c) || Object.keys(c).some((k) => !['id', 'label', 'summary', 'scores', 'data'].includes(k)))
      return 'a contribution has unknown fields';
    const cp =
      (typeof c.id === 'string' && ID_RE.test(c.id) ? null : 'a contribution id is not an id') ??
      textProblem(c.label, 'a contribution label', 60, true) ??
      (c.summary === undefined ? null : textProblem(c.summary, `${String(c.id)}'s summary`, 200));
    if (cp) return cp;
    if (c.scores !== undefined) {
      if (!Array.isArray(c.scores) || c.scores.length > RESULTS_LIMITS.scores)
        return `${String(c.id)}'s scores must be a list of at most ${RESULTS_LIMITS.scores}`;
      for (const s of c.scores) {
        if (!isObj(s) || Object.keys(s).some((k) => !['label', 'score', 'max'].includes(k))) return `${String(c.id)}: a score has unknown fields`;
        const sp = textProblem(s.label, `${String(c.id)}'s score label`, 60, true);
        if (sp) return sp;
        if (
          typeof s.max !== 'number' ||
          !Number.isFinite(s.max) ||
          s.max <= 0 ||
          typeof s.score !== 'number' ||
          !Number.isFinite(s.score) ||
          s.score < 0 ||
          s.score > s.max
        )
          return `${String(c.id)}: a score must be a number from 0 to its max`;
      }
    }
    if (JSON.stringify(c).length > RESULTS_LIMITS.contributionBytes)
      return `${String(c.id)}'s part is larger than ${RESULTS_LIMITS.contributionBytes / 1024} KB`;
  }
  return null;
}
