/**
 * `grep PATTERN [FILE]...` with the options people pipe into: -i, -v, -n, -c, -E/-F.
 * Patterns are JavaScript regular expressions (close to ERE); exit 0 on a match, 1 on none, 2 on error,
 * as GNU grep does.
 */
import type { CommandDefinition } from '../../shell/types';
import { linesOf, readInputs } from './inputs';
import { parseOptions } from './options';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    { name: '-E', description: 'extended regular expression (the default here)' },
    { name: '-F', description: 'the pattern is a fixed string' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, grep, {
      letters: 'ivncEF',
      long: { 'ignore-case': 'i', 'invert-match': 'v', 'line-number': 'n', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F' },
    });
    if (typeof opts === 'number') return opts;
    const [pattern, ...files] = opts.operands;
    if (pattern === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    let regex: RegExp;
    try {
      regex = new RegExp(opts.flags.has('F') ? escapeRegExp(pattern) : pattern, opts.flags.has('i') ? 'i' : '');
    } catch {
      ctx.stderr.write(`grep: ${pattern}: invalid regular expression\n`);
      return 2;
    }
    const { inputs, status } = await readInputs(ctx, 'grep', files);
    const showNames = inputs.length > 1;
    let matched = 0;
    for (const input of inputs) {
      const prefix = showNames ? `${input.name === '-' ? '(standard input)' : input.name}:` : '';
      let count = 0;
      const out: string[] = [];
      linesOf(input.text).forEach((line, i) => {
        if (regex.test(line) === opts.flags.has('v')) return;
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
