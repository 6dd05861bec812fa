/**
 * What the command-based kinds (command, least-privilege) share: which recorded command a check looks
 * at (CommandFilter), what a run must have produced (OutcomeSpec), their validation, and the one
 * comparison of a run with an OutcomeSpec.
 */
import { describeValue, type Validator } from '../schema/validator';
import { quoteInput } from './quote';
import { strip as visibleText } from '../../lib/ansi';

/** Which recorded command a command / least-privilege check looks at. */
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

export const FILTER_KEYS = ['tool', 'module'] as const;
export const OUTCOME_KEYS = ['exitCode', 'stdoutContains', 'stdoutMatches', 'stderrContains', 'stderrMatches'] as const;

export interface Observed {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Returns the unmet expectations as learner-facing sentences; empty = satisfied. Output is compared
 * as a person sees it: a tool that colours its output on a terminal (`spin build`, `cargo`) must
 * pass the same check as when piped, so terminal escapes are stripped first (visible-text.ts).
 */
export function unmetExpectations(spec: OutcomeSpec, obs: Observed): string[] {
  const unmet: string[] = [];
  const stdout = visibleText(obs.stdout);
  const stderr = visibleText(obs.stderr);
  if (spec.exitCode === 'nonzero' && obs.status === 0) unmet.push('it exited with status 0, but this step expects a failure');
  if (typeof spec.exitCode === 'number' && obs.status !== spec.exitCode) unmet.push(`it exited with status ${obs.status}, expected ${spec.exitCode}`);
  if (spec.stdoutContains !== undefined && !stdout.includes(spec.stdoutContains))
    unmet.push(`its output does not contain ${quoteInput(spec.stdoutContains)}`);
  if (spec.stdoutMatches !== undefined && !new RegExp(spec.stdoutMatches, 'm').test(stdout))
    unmet.push(`its output does not match ${quoteInput(spec.stdoutMatches)}`);
  if (spec.stderrContains !== undefined && !stderr.includes(spec.stderrContains))
    unmet.push(`its error output does not contain ${quoteInput(spec.stderrContains)}`);
  if (spec.stderrMatches !== undefined && !new RegExp(spec.stderrMatches, 'm').test(stderr))
    unmet.push(`its error output does not match ${quoteInput(spec.stderrMatches)}`);
  return unmet;
}

export function validateFilter(c: Record<string, unknown>, f: string, v: Validator): CommandFilter {
  const tool = v.stringList(c, 'tool', `${f}.tool`, { allowSingle: true });
  const module = v.string(c, 'module', `${f}.module`);
  if (module && /\.(wasm|wat)$/.test(module)) v.fail(`${f}.module`, 'give the base name without .wasm/.wat');
  return { ...(tool && tool.length ? { tool } : {}), ...(module ? { module } : {}) };
}

export function validateOutcome(c: Record<string, unknown>, f: string, v: Validator): OutcomeSpec {
  const out: OutcomeSpec = {};
  const ec = c.exitCode;
  if (ec !== undefined) {
    if (ec === 'nonzero' || (typeof ec === 'number' && Number.isInteger(ec) && ec >= 0 && ec <= 255)) out.exitCode = ec;
    else v.fail(`${f}.exitCode`, `expected 0-255 or "nonzero", got ${describeValue(ec)}`);
  }
  for (const key of ['stdoutContains', 'stdoutMatches', 'stderrContains', 'stderrMatches'] as const) {
    const s = v.string(c, key, `${f}.${key}`);
    if (s !== undefined) out[key] = s;
    if (key.endsWith('Matches')) v.regex(s, `${f}.${key}`);
  }
  return out;
}
