/** `kind: file` — a file on the learner's machine exists (or not), contains text, or parses. */
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { resolve } from '../../fs/path';
import type { CheckResult } from '../results';
import type { FileCheck } from '../schema';
import type { CheckContext } from './context';

/** "~/x" and "x" are in the learner's home; "/x" is absolute. */
export function resolveLessonPath(path: string, home: string): string {
  return resolve(home, path, home);
}

export function evaluateFileCheck(check: FileCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'file' as const };
  const abs = resolveLessonPath(check.path, ctx.home);
  const shown = check.path;
  const fail = (why: string): CheckResult => ({ ...base, status: 'fail', message: check.message ? `${check.message} (${why})` : why });
  const stat = ctx.fs.stat(abs);
  if (!check.exists) return stat ? fail(`\`${shown}\` should not exist, but it does.`) : { ...base, status: 'pass', message: `\`${shown}\` is gone.` };
  if (!stat) return fail(`\`${shown}\` does not exist.`);
  if (stat.kind !== 'file') return fail(`\`${shown}\` is a directory, not a file.`);
  let text: string;
  try {
    text = ctx.fs.readText(abs);
  } catch (e) {
    return { ...base, status: 'error', message: `Could not read \`${shown}\`: ${(e as Error).message}` };
  }
  if (check.contains !== undefined && !text.includes(check.contains)) return fail(`\`${shown}\` does not contain \`${check.contains}\`.`);
  if (check.matches !== undefined && !new RegExp(check.matches, 'm').test(text)) return fail(`\`${shown}\` does not match \`${check.matches}\`.`);
  if (check.parses) {
    const problem = parseProblem(check.parses, text);
    if (problem) return fail(`\`${shown}\` is not valid ${check.parses.toUpperCase()}: ${problem}`);
  }
  return { ...base, status: 'pass', message: `\`${shown}\` looks right.` };
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
