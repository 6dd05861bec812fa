/** `kind: least-privilege` — the module works with the learner's grants, and every grant is needed. */
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import { describeFilter, execOf, findLatest, type CommandRecord } from '../records';
import { gradeLeastPrivilege } from '../grader/ablation';
import type { CheckContext } from './context';
import { FILTER_KEYS, OUTCOME_KEYS, validateFilter, validateOutcome, type CommandFilter, type OutcomeSpec } from './outcome';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';
import { strip as visibleText } from '../../lib/ansi';

export interface LeastPrivilegeCheck extends CheckBase, CommandFilter {
  kind: 'least-privilege';
  /** What "the module works" means; default exit code 0. */
  success: OutcomeSpec;
}

/**
 * A verdict depends only on the record and the check, so grading the same command again (after an
 * unrelated `cat`, or on `check`) reuses it instead of replaying the module once per grant again.
 */
const memo = new WeakMap<CommandRecord, Map<string, CheckResult>>();

export async function evaluateLeastPrivilegeCheck(check: LeastPrivilegeCheck, ctx: CheckContext): Promise<CheckResult> {
  const base = { name: check.name, kind: 'least-privilege' as const };
  const found = findLatest(ctx.history, check);
  if (!found) return { ...base, status: 'fail', message: check.message ?? `Run ${describeFilter(check)} with the grants you think it needs.` };
  const key = JSON.stringify(check);
  const cached = memo.get(found.rec)?.get(key);
  if (cached) return cached;
  const result = await gradeRecord(check, ctx, found.rec, found.argv);
  if (result.status !== 'error') {
    const m = memo.get(found.rec) ?? new Map<string, CheckResult>();
    m.set(key, result);
    memo.set(found.rec, m);
  }
  return result;
}

async function gradeRecord(check: LeastPrivilegeCheck, ctx: CheckContext, rec: CommandRecord, argv: string[]): Promise<CheckResult> {
  const base = { name: check.name, kind: 'least-privilege' as const };
  if (!rec.before || !ctx.replay) {
    return { ...base, status: 'error', message: 'The grader has no snapshot of your files before that command; run it again.' };
  }
  let grants;
  try {
    grants = ctx.describeGrants(argv);
  } catch (e) {
    return { ...base, status: 'error', message: `Could not read the grants of ${quoteInput(rec.line)}: ${(e as Error).message}` };
  }
  // Replays get what this command itself got (`cd x && …`, `export A=1; …`, `echo hi | …`).
  const exec = execOf(rec, argv);
  const report = await gradeLeastPrivilege({
    argv,
    grants,
    cwd: exec?.cwd ?? rec.cwd,
    home: ctx.home,
    env: exec?.env ?? rec.env,
    stdin: exec?.stdin ?? null,
    before: rec.before,
    original: { status: exec?.status ?? rec.status, stdout: rec.stdout, stderr: rec.stderr, ...(rec.run ? { run: rec.run } : {}) },
    success: check.success,
    replay: ctx.replay,
  });
  const durationMs = Math.round(report.durationMs * 10) / 10;
  if (report.findings.length === 0) {
    const list = grants.map((g) => quoteInput(g.text)).join(', ') || 'no grants at all';
    return {
      ...base,
      status: 'pass',
      message: `Least privilege: the module works with ${list}, and each grant is needed.`,
      findings: [],
      durationMs,
    };
  }
  const lines = report.findings.map((f) => `- ${f.message}`);
  const lead = report.works ? `${quoteInput(rec.line)} works, but it grants more than the module needs:` : `${quoteInput(rec.line)} did not work.`;
  // The reviewer's verdict in one line: the minimal set found by removing grants one by one.
  const removed = grants.filter((g) => !report.keep.includes(g));
  const verdict =
    report.works && removed.length > 0
      ? `So: remove ${removed.map((g) => quoteInput(g.text)).join(', ')}; keep ${report.keep.map((g) => quoteInput(g.text)).join(', ') || 'no grants at all'}.`
      : undefined;
  return {
    ...base,
    status: 'fail',
    message: [check.message, lead, ...lines, verdict].filter(Boolean).join('\n'),
    findings: report.findings,
    durationMs,
    ...(report.works ? {} : rec.stderr ? { output: visibleText(rec.stderr).slice(0, 2000) } : {}),
  };
}

export const leastPrivilegeCheckKind: CheckKindDefinition<LeastPrivilegeCheck> = {
  kind: 'least-privilege',
  keys: [...FILTER_KEYS, 'success'],
  validate(c, v, f) {
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
    return { kind: 'least-privilege', ...filter, success };
  },
  evaluate: evaluateLeastPrivilegeCheck,
  concerns: (check, rec) => findLatest([rec], check) !== undefined,
};
