/** `kind: command` — the learner ran a tool on a module and it ended the way the step asks. */
import type { CheckResult } from '../results';
import type { CommandCheck } from '../schema';
import { describeFilter, findLatest } from '../records';
import type { CheckContext } from './context';
import { unmetExpectations } from './outcome';

export function evaluateCommandCheck(check: CommandCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'command' as const };
  const found = findLatest(ctx.history, check, check.lineMatches);
  if (!found) {
    return { ...base, status: 'fail', message: check.message ?? `Run ${describeFilter(check)} first.` };
  }
  const unmet = unmetExpectations(check, found.rec);
  if (unmet.length === 0) return { ...base, status: 'pass', message: `\`${found.rec.line}\` did what this step asks.` };
  return {
    ...base,
    status: 'fail',
    message: check.message ? `${check.message} (\`${found.rec.line}\`: ${unmet.join('; ')})` : `\`${found.rec.line}\`: ${unmet.join('; ')}.`,
    ...(found.rec.stderr ? { output: found.rec.stderr.slice(0, 2000) } : {}),
  };
}
