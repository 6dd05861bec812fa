/** `head` and `tail`: the first or last N lines (default 10) of each file or of standard input. */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { expandNumericFlag, linesOf, parseCount, readInputs } from './inputs';
import { parseOptions } from './options';
import { hideControlChars } from './display-name';

function lineFilter(name: 'head' | 'tail', pick: (lines: string[], n: number) => string[]): CommandDefinition {
  const def: CommandDefinition = {
    name,
    summary: `Print the ${name === 'head' ? 'first' : 'last'} lines of files (default 10)`,
    usage: `${name} [-n NUM] [FILE]...`,
    flags: [{ name: '-n', value: 'NUM', description: `print the ${name === 'head' ? 'first' : 'last'} NUM lines` }],
    async run(ctx: CommandContext) {
      const opts = parseOptions({ ...ctx, argv: expandNumericFlag(ctx.argv) }, def, { letters: '', withValue: 'n', long: {} });
      if (typeof opts === 'number') return opts;
      const count = parseCount(opts.values.get('n'), 10);
      if (count === null) {
        ctx.stderr.write(`${name}: invalid number of lines: '${opts.values.get('n')}'\n`);
        return 1;
      }
      const { inputs, status } = await readInputs(ctx, name, opts.operands);
      inputs.forEach((input, i) => {
        if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${input.name === '-' ? 'standard input' : hideControlChars(input.name)} <==\n`);
        const lines = pick(linesOf(input.text), count);
        if (lines.length) ctx.stdout.write(lines.join('\n') + '\n');
        // head got its lines: like closing the pipe, tell the shell how much of stdin it used.
        if (name === 'head' && input.name === '-' && lines.length === count) {
          ctx.stdin.stopReading?.(lines.length ? new TextEncoder().encode(lines.join('\n') + '\n').byteLength : 0);
        }
      });
      return status;
    },
  };
  return def;
}

export const head = lineFilter('head', (lines, n) => lines.slice(0, n));
export const tail = lineFilter('tail', (lines, n) => (n === 0 ? [] : lines.slice(-n)));
