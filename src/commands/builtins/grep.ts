/**
 * `grep PATTERN [FILE]...` with the options people pipe into: -i, -v, -n, -c, -E/-F.
 * Patterns are GNU BRE by default, ERE with -E, fixed strings with -F (see grep-pattern.ts), matched
 * by re2js in linear time: a backtracking RegExp froze the tab on `(a+)+$` and Ctrl-C could not stop
 * it. Only patterns with back-references (`\(a\)\1`), which RE2 cannot express, use a JS RegExp.
 * Exit 0 on a match, 1 on none, 2 on error, as GNU grep does.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { GrepPatternError, translatePatterns } from './grep-pattern';
import { linesOf, readInputs } from './inputs';
import { parseOptions } from './options';
import { hideControlChars } from './display-name';

type LineTest = (line: string) => boolean;

/** Compiles the pattern, or prints GNU's message and returns null (status 2). */
async function compile(ctx: CommandContext, pattern: string, flags: Set<string>): Promise<LineTest | null> {
  const ignoreCase = flags.has('i');
  try {
    const translated = translatePatterns(pattern, flags.has('F') ? 'fixed' : flags.has('E') ? 'extended' : 'basic');
    for (const w of translated.warnings) ctx.stderr.write(`grep: warning: ${w}\n`);
    if (translated.backReferences) {
      // One RegExp per pattern: `\1` names a group of its own pattern, not of the joined alternation.
      const regexes = translated.alternatives.map((source) => new RegExp(source, ignoreCase ? 'i' : ''));
      return (line) => regexes.some((r) => r.test(line));
    }
    // Loaded on first use: grep is in the initial bundle and re2js is not needed before the prompt.
    const { RE2JS } = await import('re2js');
    const re = RE2JS.compile(translated.source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return (line) => re.test(line);
  } catch (err) {
    ctx.stderr.write(`grep: ${gnuMessage(err)}\n`);
    return null;
  }
}

/** RE2's parse errors in GNU grep's words where the meaning is the same. */
function gnuMessage(err: unknown): string {
  if (err instanceof GrepPatternError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  if (/invalid character class range/.test(text)) return 'Invalid range end';
  if (/missing closing \)/.test(text)) return 'Unmatched ( or \\(';
  if (/missing closing \]/.test(text)) return 'Unmatched [, [^, [:, [., or [=';
  if (/invalid repeat count|expression too large/.test(text)) return 'Regular expression too big';
  return text.replace(/^error parsing regexp: /, '');
}

export const grep: CommandDefinition = {
  name: 'grep',
  summary: 'Print lines that match a pattern',
  usage: 'grep [-ivncEF] PATTERN [FILE]...',
  flags: [
    { name: '-i', description: 'ignore case' },
    { name: '-v', description: 'select non-matching lines' },
    { name: '-n', description: 'prefix each line with its line number' },
    { name: '-c', description: 'print only a count of matching lines' },
    { name: '-E', description: 'extended regular expression (default: basic)' },
    { name: '-F', description: 'the pattern is a fixed string' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, grep, {
      letters: 'ivncEF',
      long: { 'ignore-case': 'i', 'invert-match': 'v', 'line-number': 'n', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F' },
      usageStatus: 2,
    });
    if (typeof opts === 'number') return opts;
    const [pattern, ...files] = opts.operands;
    if (pattern === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    const matches = await compile(ctx, pattern, opts.flags);
    if (!matches) return 2;
    const { inputs, status } = await readInputs(ctx, 'grep', files);
    const showNames = inputs.length > 1;
    let matched = 0;
    for (const input of inputs) {
      const prefix = showNames ? `${input.name === '-' ? '(standard input)' : hideControlChars(input.name)}:` : '';
      let count = 0;
      const out: string[] = [];
      linesOf(input.text).forEach((line, i) => {
        if (matches(line) === opts.flags.has('v')) return;
        count++;
        if (!opts.flags.has('c')) out.push(`${prefix}${opts.flags.has('n') ? `${i + 1}:` : ''}${line}`);
      });
      if (opts.flags.has('c')) out.push(`${prefix}${count}`);
      if (out.length) ctx.stdout.write(out.join('\n') + '\n');
      matched += count;
    }
    if (status !== 0) return 2;
    return matched > 0 ? 0 : 1;
  },
};
