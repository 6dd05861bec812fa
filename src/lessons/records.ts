/**
 * What the lesson runtime remembers about each command the learner typed: enough for command
 * checks (output, status, the module run) and for the least-privilege grader to replay it on the
 * filesystem as it was just before (`before`), with what the shell really ran (its exec events).
 */
import type { HostFs } from '../fs/types';
import type { RunResult } from '../runtime/types';
import type { ExecEvent } from '../shell/exec-events';
import type { CommandFilter } from './schema';

export interface CommandRecord {
  line: string;
  /**
   * The simple commands of the line that ran, in order, each as the argv the shell ran (after
   * expansion, without assignments and redirects): from the shell's exec events, never re-parsed.
   */
  segments: string[][];
  /** What each segment received (cwd, env, stdin, redirects, its own status and run); `execs[i].argv === segments[i]`. */
  execs?: ExecEvent[];
  status: number;
  stdout: string;
  stderr: string;
  /** The module run this line produced, if any (the last one when several ran). */
  run?: RunResult;
  cwd: string;
  /** Exported shell variables when the line ran (for `--env NAME` without a value). */
  env: Array<[string, string]>;
  /** A clone of the host filesystem taken just before the line ran. */
  before?: HostFs;
  at: number;
}

/** The segments and runs of a line from the exec events it produced (assignment-only commands carry no argv). */
export function fromEvents(events: readonly ExecEvent[]): Pick<CommandRecord, 'segments' | 'execs' | 'run'> {
  const execs = events.filter((e) => e.argv.length > 0);
  const run = [...events].reverse().find((e) => e.run)?.run;
  return { segments: execs.map((e) => e.argv), execs, ...(run ? { run } : {}) };
}

/** What the segment `argv` of `rec` received (its own cwd, env and stdin), if the record has events. */
export function execOf(rec: CommandRecord, argv: string[]): ExecEvent | undefined {
  const i = rec.segments.indexOf(argv);
  return i >= 0 ? rec.execs?.[i] : undefined;
}

/** "modules/config-reader.wasm" → "config-reader". */
export function moduleBaseName(token: string): string {
  const base = token.split('/').pop() ?? token;
  return base.replace(/\.(wasm|wat|cwasm)$/, '');
}

/** The first segment of the record that matches the filter, or undefined. */
export function matchingSegment(rec: CommandRecord, filter: CommandFilter): string[] | undefined {
  return rec.segments.find(
    (argv) =>
      (!filter.tool || filter.tool.includes(argv[0] ?? '')) &&
      (!filter.module || argv.slice(1).some((t) => /\.(wasm|wat|cwasm)$/.test(t) && moduleBaseName(t) === filter.module)),
  );
}

/** Most recent record matching the filter (and line regex), newest first. */
export function findLatest(
  history: readonly CommandRecord[],
  filter: CommandFilter,
  lineMatches?: string,
): { rec: CommandRecord; argv: string[] } | undefined {
  const re = lineMatches ? new RegExp(lineMatches) : undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const rec = history[i];
    if (!rec) continue;
    if (re && !re.test(rec.line)) continue;
    const argv = filter.tool || filter.module ? matchingSegment(rec, filter) : rec.segments[0];
    if (argv) return { rec, argv };
  }
  return undefined;
}

export function describeFilter(filter: CommandFilter): string {
  const tool = filter.tool ? filter.tool.map((t) => `\`${t}\``).join(' or ') : 'a tool';
  return filter.module ? `${tool} on \`${filter.module}\`` : tool;
}
