/** Does a run's exit status / output satisfy an OutcomeSpec? Shared by command and least-privilege checks. */
import type { OutcomeSpec } from '../schema';

export interface Observed {
  status: number;
  stdout: string;
  stderr: string;
}

/** Returns the unmet expectations as learner-facing sentences; empty = satisfied. */
export function unmetExpectations(spec: OutcomeSpec, obs: Observed): string[] {
  const unmet: string[] = [];
  if (spec.exitCode === 'nonzero' && obs.status === 0) unmet.push('it exited with status 0, but this step expects a failure');
  if (typeof spec.exitCode === 'number' && obs.status !== spec.exitCode) unmet.push(`it exited with status ${obs.status}, expected ${spec.exitCode}`);
  if (spec.stdoutContains !== undefined && !obs.stdout.includes(spec.stdoutContains)) unmet.push(`its output does not contain \`${spec.stdoutContains}\``);
  if (spec.stdoutMatches !== undefined && !new RegExp(spec.stdoutMatches, 'm').test(obs.stdout)) unmet.push(`its output does not match \`${spec.stdoutMatches}\``);
  if (spec.stderrContains !== undefined && !obs.stderr.includes(spec.stderrContains)) unmet.push(`its error output does not contain \`${spec.stderrContains}\``);
  if (spec.stderrMatches !== undefined && !new RegExp(spec.stderrMatches, 'm').test(obs.stderr)) unmet.push(`its error output does not match \`${spec.stderrMatches}\``);
  return unmet;
}
