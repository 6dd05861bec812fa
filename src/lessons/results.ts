/**
 * The one machine-readable result shape every check returns, modelled on Exercism's results.json:
 * an overall status plus one entry per check, each with a learner-facing message. The pane, the
 * `check` command, tests and bench all read this and nothing else.
 */
export type CheckStatus = 'pass' | 'fail' | 'error';

/** One thing the least-privilege grader noticed, with the trace evidence that backs it. */
export interface Finding {
  kind: 'unnecessary' | 'too-broad' | 'failed';
  /** The grant as typed, e.g. "--dir /" (absent for "failed"). */
  grant?: string;
  message: string;
  /** Facts from the trace / re-runs, e.g. "path_open /data/config.json → ESUCCESS". */
  evidence: string[];
}

export interface CheckResult {
  name: string;
  /** The check's kind, e.g. "command" (any kind registered in checks/registry.ts). */
  kind: string;
  status: CheckStatus;
  /** Shown to the learner (Markdown). */
  message: string;
  findings?: Finding[];
  /** Captured output that explains the result (e.g. the failing run's stderr). */
  output?: string;
  durationMs?: number;
}

export interface StepResult {
  stepId: string;
  status: CheckStatus;
  message: string;
  checks: CheckResult[];
}

/** error beats fail beats pass: an error means the grader could not judge, which the learner must not mistake for a fail. */
export function combineStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'fail';
  return 'pass';
}
