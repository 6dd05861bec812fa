/**
 * The least-privilege grader. "It ran" is not enough: every grant on the command line must be
 * needed, and every directory grant must be no wider than what the module touched.
 *
 * 1. The learner's run must meet the success spec; if not, explain the failure from the trace.
 * 2. Ablation, to the minimal set a reviewer would leave: try removing one grant at a time,
 *    broadest first (a directory above another granted one goes before it), each time re-running the
 *    line on a fresh clone of the filesystem as it was before the learner's command. A grant whose
 *    removal still meets the success spec is unnecessary and stays removed while the rest are tried,
 *    so two grants that each make the other redundant (`--dir site::/ --dir site/data::/data`) are not
 *    both reported: the wider goes, the narrower is kept. One replay per grant, as before.
 * 3. Breadth: for each needed directory grant, the deepest directory holding every path the module
 *    successfully touched through it (from the trace). A grant above that directory is too broad.
 */
import type { HostFs } from '../../fs/types';
import { normalizeLexical } from '../../fs/path';
import type { RunResult, TraceEntry } from '../../runtime/types';
import type { OutcomeSpec } from '../schema';
import type { Finding } from '../results';
import { unmetExpectations, type Observed } from '../checks/outcome';
import type { Grant } from './grants';
import type { Replayer } from './replay';
import { quoteInput } from '../checks/quote';

export interface AblationInput {
  /** The simple command that ran the module; argv[0] = tool. */
  argv: string[];
  grants: Grant[];
  cwd: string;
  home: string;
  env: Array<[string, string]>;
  /** What the learner's command read on stdin (null: the terminal); each replay reads the same. */
  stdin?: Uint8Array | null;
  /** The filesystem just before the learner's command; never modified (each replay gets a clone). */
  before: HostFs;
  /** What the learner's own run produced. */
  original: Observed & { run?: RunResult };
  success: OutcomeSpec;
  replay: Replayer;
  signal?: AbortSignal;
}

export interface AblationRun {
  removed: string;
  status: number;
  stillWorks: boolean;
}

export interface AblationReport {
  /** The learner's own run met the success spec. */
  works: boolean;
  findings: Finding[];
  /** The minimal set found: the grants to keep, in command-line order (empty when the run failed). */
  keep: Grant[];
  runs: AblationRun[];
  durationMs: number;
}

const MAX_EVIDENCE = 4;

function within(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/');
  if (outer === '.') return !inner.startsWith('/');
  return inner === outer || inner.startsWith(outer + '/');
}

function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

function commonDir(dirs: string[]): string {
  let common = dirs[0] ?? '/';
  for (const d of dirs.slice(1)) while (!within(d, common)) common = parentDir(common);
  return common;
}

/** Calls that name a path; their resolvedPath says where the guest went. */
const PATH_CALLS = /^path_/;
const DIR_CALLS = new Set(['path_create_directory', 'path_remove_directory']);

function traceLine(e: TraceEntry): string {
  const path = e.resolvedPath ?? (typeof e.args.path === 'string' ? e.args.path : '');
  return `${e.fn} ${path} → ${e.errnoName}`.replace(/\s+→/, ' →');
}

/** Successful path calls the guest made under `guest`, deduplicated by path. */
function touchedUnder(trace: TraceEntry[], guest: string): TraceEntry[] {
  const seen = new Set<string>();
  const out: TraceEntry[] = [];
  for (const e of trace) {
    if (!PATH_CALLS.test(e.fn) || e.errno !== 0 || !e.resolvedPath) continue;
    if (!within(e.resolvedPath, guest) || seen.has(e.resolvedPath)) continue;
    seen.add(e.resolvedPath);
    out.push(e);
  }
  return out;
}

function withoutTokens(argv: string[], indexes: number[]): string[] {
  const drop = new Set(indexes);
  return argv.filter((_, i) => !drop.has(i));
}

function firstLines(text: string, n: number): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, n);
}

/** Why the learner's run did not work, with the trace's refused calls as evidence. */
export function explainFailure(original: AblationInput['original'], unmet: string[]): Finding {
  const evidence: string[] = [];
  const trace = original.run?.trace ?? [];
  const refused = trace.filter((e) => PATH_CALLS.test(e.fn) && e.errno !== 0).slice(0, MAX_EVIDENCE);
  for (const e of refused) evidence.push(`trace: ${traceLine(e)}`);
  const preopens = trace.filter((e) => e.fn === 'fd_prestat_dir_name').length;
  if (refused.length === 0 && trace.length > 0 && preopens === 0) evidence.push('trace: no directory was preopened for the module');
  for (const l of firstLines(original.stderr, 2)) evidence.push(`stderr: ${l}`);
  if (original.run?.outcome.kind === 'trap') evidence.push(`trap: ${original.run.outcome.message}`);
  const missing = refused.find((e) => e.errnoName === 'ENOTCAPABLE' || e.errnoName === 'ENOENT' || e.errnoName === 'EBADF');
  const hint = missing?.resolvedPath ?? (typeof missing?.args.path === 'string' ? missing.args.path : undefined);
  return {
    kind: 'failed',
    message: `The module did not work with your grants: ${unmet.join('; ')}.` + (hint ? ` It could not open ${quoteInput(hint)} — is a directory covering it granted?` : ''),
    evidence,
  };
}

export async function gradeLeastPrivilege(input: AblationInput): Promise<AblationReport> {
  const started = performance.now();
  const findings: Finding[] = [];
  const runs: AblationRun[] = [];
  const unmet = unmetExpectations(input.success, input.original);
  if (unmet.length > 0) {
    findings.push(explainFailure(input.original, unmet));
    return { works: false, findings, keep: [], runs, durationMs: performance.now() - started };
  }

  const trace = input.original.run?.trace ?? [];
  const unnecessary = new Set<Grant>();
  // Sequential on purpose: the browser engine runs one module per worker at a time, and the
  // clones must not share state. Each replay is a few ms for our modules.
  for (const grant of broadestFirst(input.grants)) {
    const removed = [...unnecessary, grant].flatMap((g) => g.tokenIndexes);
    const argv = withoutTokens(input.argv, removed);
    const result = await input.replay({ argv, fs: input.before.clone(), cwd: input.cwd, home: input.home, env: input.env, stdin: input.stdin ?? null, ...(input.signal ? { signal: input.signal } : {}) });
    const stillWorks = unmetExpectations(input.success, result).length === 0;
    runs.push({ removed: grant.text, status: result.status, stillWorks });
    if (!stillWorks) continue;
    findings.push(unnecessaryFinding(grant, input.original, result, trace, [...unnecessary]));
    unnecessary.add(grant);
  }
  // Findings in command-line order, whatever order the grants were tried in.
  const order = (f: Finding) => input.grants.findIndex((g) => g.text === f.grant);
  findings.sort((a, b) => order(a) - order(b));

  for (const grant of input.grants) {
    if (grant.kind !== 'dir' || unnecessary.has(grant) || grant.guestPath === undefined) continue;
    const guest = normalizeLexical(grant.guestPath);
    const touched = touchedUnder(trace, guest);
    if (touched.length === 0) continue;
    const needed = commonDir(touched.map((e) => (DIR_CALLS.has(e.fn) ? e.resolvedPath! : parentDir(e.resolvedPath!))));
    if (needed === guest || !within(needed, guest)) continue;
    findings.push({
      kind: 'too-broad',
      grant: grant.text,
      message: `${quoteInput(grant.text)} exposes all of ${quoteInput(guest)} to the module, but it only opened files under ${quoteInput(needed)}. Grant just that directory.`,
      evidence: touched.slice(0, MAX_EVIDENCE).map((e) => `trace: ${traceLine(e)}`),
    });
  }
  // Bench (bench/run.mjs): the ablation's wall time as a User Timing measure.
  performance.clearMeasures?.('dojo:grade');
  performance.measure?.('dojo:grade', { start: started, detail: { grants: input.grants.length, replays: runs.length } });
  return { works: true, findings, keep: input.grants.filter((g) => !unnecessary.has(g)), runs, durationMs: performance.now() - started };
}

/** The order grants are tried for removal: directories nearer the root first, then the rest as typed. */
function broadestFirst(grants: Grant[]): Grant[] {
  const depth = (g: Grant) => (g.kind === 'dir' && g.guestPath !== undefined ? normalizeLexical(g.guestPath).split('/').filter(Boolean).length : Infinity);
  return grants.map((g, i) => ({ g, i })).sort((a, b) => depth(a.g) - depth(b.g) || a.i - b.i).map(({ g }) => g);
}

function unnecessaryFinding(grant: Grant, original: Observed, without: Observed, trace: TraceEntry[], alsoRemoved: Grant[]): Finding {
  const same = without.stdout === original.stdout && without.status === original.status;
  const also = alsoRemoved.length ? ` and ${alsoRemoved.map((g) => quoteInput(g.text)).join(', ')}` : '';
  const evidence = [`re-run without ${quoteInput(grant.text)}${also}: exit ${without.status}${same ? ', same output' : ''}`];
  let message: string;
  switch (grant.kind) {
    case 'env':
      message = same
        ? `${quoteInput(grant.text)} was never read: without it the module behaved exactly the same.`
        : `${quoteInput(grant.text)} is not needed: without it the module still succeeded.`;
      break;
    case 'dir': {
      const guest = grant.guestPath !== undefined ? normalizeLexical(grant.guestPath) : undefined;
      const touched = guest ? touchedUnder(trace, guest) : [];
      if (guest && touched.length === 0) {
        message = `${quoteInput(grant.text)} was never used: the trace shows no file opened under ${quoteInput(guest)}.`;
      } else {
        message = `${quoteInput(grant.text)} is not needed: without it the module still succeeded.`;
        evidence.push(...touched.slice(0, MAX_EVIDENCE).map((e) => `trace: ${traceLine(e)}`));
      }
      break;
    }
    case 'network':
      message = `${quoteInput(grant.text)} is not needed: the module makes no network calls that depend on it.`;
      break;
    case 'inherit-env':
      message = `${quoteInput(grant.text)} hands the module your whole environment, and it does not need it.`;
      break;
    default:
      message = `${quoteInput(grant.text)} is not needed: without it the module still succeeded.`;
  }
  return { kind: 'unnecessary', grant: grant.text, message, evidence };
}
