/**
 * What the lesson runtime remembers about each command the learner typed: enough for command
 * checks (output, status, the module run) and for the least-privilege grader to replay it on the
 * filesystem as it was just before (`before`).
 */
import { parse as parseShell } from 'shell-quote';
import type { HostFs } from '../fs/types';
import type { RunResult } from '../runtime/types';
import type { CommandFilter } from './schema';

export interface CommandRecord {
  line: string;
  /** The simple commands of the line (split at |, ;, &&, ||), each as argv. */
  segments: string[][];
  status: number;
  stdout: string;
  stderr: string;
  /** The module run this line produced, if any (services.lastRun). */
  run?: RunResult;
  cwd: string;
  /** Exported shell variables when the line ran (for `--env NAME` without a value). */
  env: Array<[string, string]>;
  /** A clone of the host filesystem taken just before the line ran. */
  before?: HostFs;
  at: number;
}

/**
 * Splits a line into argv lists with shell-quote. Variables are expanded from `env` so that a
 * replay sees what the shell saw; globs and redirect targets are kept as plain words.
 */
export function splitSegments(line: string, env: Array<[string, string]> = []): string[][] {
  const vars = Object.fromEntries(env);
  let entries: ReturnType<typeof parseShell>;
  try {
    entries = parseShell(line, (key) => vars[key] ?? '');
  } catch {
    return [];
  }
  const segments: string[][] = [];
  let current: string[] = [];
  let skipNext = false;
  for (const e of entries) {
    if (typeof e === 'string') {
      if (skipNext) skipNext = false;
      else current.push(e);
      continue;
    }
    if ('op' in e) {
      if (e.op === 'glob') {
        current.push((e as { pattern: string }).pattern);
        continue;
      }
      if (['>', '>>', '<', '>&', '<&', '2>', '&>'].includes(e.op)) {
        // the next word is a redirect target, not an argument
        skipNext = true;
        continue;
      }
      if (current.length) segments.push(current);
      current = [];
    }
    // comments end the line
    if ('comment' in e) break;
  }
  if (current.length) segments.push(current);
  return segments;
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
export function findLatest(history: readonly CommandRecord[], filter: CommandFilter, lineMatches?: string): { rec: CommandRecord; argv: string[] } | undefined {
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
