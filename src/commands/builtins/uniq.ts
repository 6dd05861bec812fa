/** coreutils uniq.c: adjacent equal lines; -c -d -D -u -i -f N -s N -w N -z; INPUT [OUTPUT]. */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { readInputs } from './inputs';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { fail, q, tryHelp } from './gnu-text';

export const uniq: CommandDefinition = {
  name: 'uniq',
  summary: 'report or omit repeated lines',
  usage: 'uniq [OPTION]... [INPUT [OUTPUT]]',
  async run(ctx) {
    const opts = parseOptions(ctx, uniq, {
      letters: 'cdDuiz',
      withValue: 'fsw',
      long: {
        count: 'c',
        repeated: 'd',
        unique: 'u',
        'ignore-case': 'i',
        'zero-terminated': 'z',
        'skip-fields': 'f',
        'skip-chars': 's',
        'check-chars': 'w',
      },
      longOnlyValue: ['all-repeated', 'group'],
      help: GNU_HELP.uniq,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    if (opts.operands.length > 2) return tryHelp(ctx, 'uniq', `extra operand ${q(opts.operands[2]!)}`);
    const num = (letter: string, what: string): number | string => {
      const v = opts.values.get(letter);
      if (v === undefined) return letter === 'w' ? Infinity : 0;
      if (!/^\d+$/.test(v)) return `${v}: invalid number of ${what}`;
      return Number(v);
    };
    const skipFields = num('f', 'fields to skip');
    const skipChars = num('s', 'bytes to skip');
    const check = num('w', 'bytes to compare');
    for (const n of [skipFields, skipChars, check]) if (typeof n === 'string') return fail(ctx, 'uniq', n);
    const allRepeated = f.has('D') || opts.all.has('all-repeated');
    if (f.has('c') && allRepeated) return tryHelp(ctx, 'uniq', 'printing all duplicated lines and repeat counts is meaningless');
    const { inputs, status } = await readInputs(ctx, 'uniq', opts.operands.slice(0, 1));
    if (status) return status;
    const sep = f.has('z') ? '\0' : '\n';
    const text = inputs[0]?.text ?? '';
    const lines = text.split(sep);
    if (lines[lines.length - 1] === '') lines.pop();
    const keyOf = (line: string): string => {
      let s = line;
      for (let i = 0; i < (skipFields as number); i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
      s = s.slice(skipChars as number);
      if (check !== Infinity) s = s.slice(0, check as number);
      return f.has('i') ? s.toLowerCase() : s;
    };
    let out = '';
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      const k = keyOf(lines[i]!);
      while (j < lines.length && keyOf(lines[j]!) === k) j++;
      const n = j - i;
      const show = (f.has('d') || allRepeated ? n > 1 : true) && (f.has('u') ? n === 1 : true);
      if (show) {
        if (allRepeated)
          out += lines
            .slice(i, j)
            .map((l) => l + sep)
            .join('');
        else out += (f.has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + sep;
      }
      i = j;
    }
    const target = opts.operands[1];
    if (target !== undefined && target !== '-') {
      try {
        ctx.fs.writeFile(ctx.shell.resolvePath(target), out);
      } catch (err) {
        return fail(ctx, 'uniq', `${shellEscapeName(target, false)}: ${errorText(err)}`);
      }
    } else ctx.stdout.write(out);
    return 0;
  },
};
