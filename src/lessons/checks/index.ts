/** Dispatches a check spec to its evaluator; an evaluator that throws becomes an `error` result, never a crash. */
import type { CheckResult, StepResult } from '../results';
import { combineStatus } from '../results';
import type { CheckSpec, LessonStep } from '../schema';
import type { CheckContext } from './context';
import { evaluateCommandCheck } from './command';
import { evaluateFileCheck } from './file';
import { evaluateLeastPrivilegeCheck } from './least-privilege';
import { evaluateQuizCheck } from './quiz';
import { evaluateSpinOutboundCheck } from './spin-outbound';

export type { CheckContext } from './context';

export async function evaluateCheck(check: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  try {
    let result: CheckResult;
    switch (check.kind) {
      case 'command':
        result = evaluateCommandCheck(check, ctx);
        break;
      case 'least-privilege':
        result = await evaluateLeastPrivilegeCheck(check, ctx);
        break;
      case 'file':
        result = evaluateFileCheck(check, ctx);
        break;
      case 'quiz':
        result = evaluateQuizCheck(check, ctx);
        break;
      case 'spin-outbound':
        result = await evaluateSpinOutboundCheck(check, ctx);
        break;
    }
    return { durationMs: Math.round((performance.now() - started) * 10) / 10, ...result };
  } catch (e) {
    return { name: check.name, kind: check.kind, status: 'error', message: `The grader failed on this check: ${(e as Error).message}` };
  }
}

export async function evaluateStep(step: LessonStep, ctx: CheckContext): Promise<StepResult> {
  const checks: CheckResult[] = [];
  for (const c of step.checks) checks.push(await evaluateCheck(c, ctx));
  const status = combineStatus(checks.map((c) => c.status));
  const message =
    status === 'pass' ? `Step "${step.title}" passed.` : checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n');
  return { stepId: step.id, status, message, checks };
}
