/** `kind: file` — a file on the learner's machine exists (or not), contains text, or parses. */
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { resolve } from '../../fs/path';
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';

export interface FileCheck extends CheckBase {
  kind: 'file';
  /** "~/x", "x" (relative to the learner's home) or "/abs/x". */
  path: string;
  /** Default true; false means the file must NOT exist. */
  exists: boolean;
  contains?: string;
  matches?: string;
  parses?: 'json' | 'yaml' | 'toml';
}

const FORMATS = ['json', 'yaml', 'toml'] as const;

/** "~/x" and "x" are in the learner's home; "/x" is absolute. */
export function resolveLessonPath(path: string, home: string): string {
  return resolve(home, path, home);
}

export function evaluateFileCheck(check: FileCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'file' as const };
  const abs = resolveLessonPath(check.path, ctx.home);
  const shown = quoteInput(check.path);
  const fail = (why: string): CheckResult => ({ ...base, status: 'fail', message: check.message ? `${check.message} (${why})` : why });
  const stat = ctx.fs.stat(abs);
  if (!check.exists) return stat ? fail(`${shown} should not exist, but it does.`) : { ...base, status: 'pass', message: `${shown} is gone.` };
  if (!stat) return fail(`${shown} does not exist.`);
  if (stat.kind !== 'file') return fail(`${shown} is a directory, not a file.`);
  let text: string;
  try {
    text = ctx.fs.readText(abs);
  } catch (e) {
    return { ...base, status: 'error', message: `Could not read ${shown}: ${quoteInput((e as Error).message)}` };
  }
  if (check.contains !== undefined && !text.includes(check.contains)) return fail(`${shown} does not contain ${quoteInput(check.contains)}.`);
  if (check.matches !== undefined && !new RegExp(check.matches, 'm').test(text)) return fail(`${shown} does not match ${quoteInput(check.matches)}.`);
  if (check.parses) {
    const problem = parseProblem(check.parses, text);
    if (problem) return fail(`${shown} is not valid ${check.parses.toUpperCase()}: ${quoteInput(problem)}`);
  }
  return { ...base, status: 'pass', message: `${shown} looks right.` };
}

/** The parser's complaint (with line/column where the parser gives one), or null when it parses. */
export function parseProblem(format: 'json' | 'yaml' | 'toml', text: string): string | null {
  try {
    if (format === 'json') JSON.parse(text);
    else if (format === 'yaml') parseYaml(text);
    else parseToml(text);
    return null;
  } catch (e) {
    return ((e as Error).message || String(e)).split('\n')[0] ?? 'parse error';
  }
}

export const fileCheckKind: CheckKindDefinition<FileCheck> = {
  kind: 'file',
  keys: ['path', 'exists', 'contains', 'matches', 'parses'],
  validate(c, v, f) {
    const path = v.string(c, 'path', `${f}.path`, { required: true });
    let exists = true;
    if (c.exists !== undefined) {
      if (typeof c.exists !== 'boolean') v.fail(`${f}.exists`, 'expected true or false');
      else exists = c.exists;
    }
    const contains = v.string(c, 'contains', `${f}.contains`);
    const matches = v.string(c, 'matches', `${f}.matches`);
    v.regex(matches, `${f}.matches`);
    const parses = v.string(c, 'parses', `${f}.parses`);
    const format = FORMATS.find((x) => x === parses);
    if (parses !== undefined && !format) v.fail(`${f}.parses`, 'must be json, yaml or toml');
    if (!exists && (contains || matches || parses)) v.fail(`${f}.exists`, 'is false, so contains/matches/parses make no sense');
    return {
      kind: 'file',
      path,
      exists,
      ...(contains !== undefined ? { contains } : {}),
      ...(matches !== undefined ? { matches } : {}),
      ...(format ? { parses: format } : {}),
    };
  },
  evaluate: evaluateFileCheck,
};
