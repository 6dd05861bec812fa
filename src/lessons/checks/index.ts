/**
 * Evaluates checks through the kind registry; an evaluator that throws becomes an `error` result,
 * never a crash, and so does a kind nobody registered.
 */
import type { CommandRecord } from '../records';
import type { CheckResult, StepResult } from '../results';
import { combineStatus } from '../results';
import type { CheckSpec, LessonStep } from '../schema';
import { defaultCheckKinds } from './builtin';
import type { CheckContext } from './context';
import { quoteInput } from './quote';
import type { CheckKindRegistry } from './registry';

export type { CheckContext } from './context';

export async function evaluateCheck<S extends CheckSpec>(check: S, ctx: CheckContext, kinds: CheckKindRegistry = defaultCheckKinds()): Promise<CheckResult> {
  const started = performance.now();
  const def = kinds.get(check.kind);
  if (!def) return { name: check.name, kind: check.kind, status: 'error', message: `No grader is installed for checks of kind ${quoteInput(check.kind)}.` };
  try {
    const result = await def.evaluate(check, ctx);
    return { durationMs: Math.round((performance.now() - started) * 10) / 10, ...result };
  } catch (e) {
    return { name: check.name, kind: check.kind, status: 'error', message: `The grader failed on this check: ${quoteInput((e as Error).message)}` };
  }
}

export async function evaluateStep(step: LessonStep, ctx: CheckContext, kinds: CheckKindRegistry = defaultCheckKinds()): Promise<StepResult> {
  const checks: CheckResult[] = [];
  for (const c of step.checks) checks.push(await evaluateCheck(c, ctx, kinds));
  const status = combineStatus(checks.map((c) => c.status));
  const message =
    status === 'pass' ? `Step "${step.title}" passed.` : checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n');
  return { stepId: step.id, status, message, checks };
}

/** Did this command do something the step checks for (so a failure is news, not noise)? */
export function stepConcerns(step: LessonStep, rec: CommandRecord, kinds: CheckKindRegistry = defaultCheckKinds()): boolean {
  return step.checks.some((c) => kinds.get(c.kind)?.concerns?.(c, rec) ?? false);
}
