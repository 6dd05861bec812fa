import type { CommandContext, CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { formatFloat, readSpec } from './c-format';
import { fail, q, tryHelp, writeChunked } from './gnu-text';

/** coreutils seq.c: FIRST and INCREMENT default to 1; a negative number is an operand, not an option. */
export const seq: CommandDefinition = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  usage: 'seq [OPTION]... LAST\nseq [OPTION]... FIRST LAST\nseq [OPTION]... FIRST INCREMENT LAST',
  async run(ctx) {
    // seq.c stops reading options at the first argument that looks like a negative number.
    const cut = ctx.argv.findIndex((a, i) => i > 0 && /^-(\d|\.\d)/.test(a));
    const argv = cut > 0 ? [...ctx.argv.slice(0, cut), '--', ...ctx.argv.slice(cut)] : ctx.argv;
    const opts = parseOptions({ ...ctx, argv }, seq, {
      letters: 'w',
      withValue: 'sf',
      long: { 'equal-width': 'w', separator: 's', format: 'f' },
      help: GNU_HELP.seq,
    });
    if (typeof opts === 'number') return opts;
    const ops = opts.operands;
    if (ops.length === 0) return tryHelp(ctx, 'seq', 'missing operand');
    if (ops.length > 3) return tryHelp(ctx, 'seq', `extra operand ${q(ops[3]!)}`);
    const nums: number[] = [];
    for (const op of ops) {
      const t = op.trim();
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf(inity)?|nan)$/i.test(t))
        return tryHelp(ctx, 'seq', `invalid floating point argument: ${q(op)}`);
      nums.push(Number(t));
    }
    const [first, incr, last] = ops.length === 1 ? [1, 1, nums[0]!] : ops.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
    if (incr === 0) return tryHelp(ctx, 'seq', `invalid Zero increment value: ${q(ops[1]!)}`);
    const decimals = (s: string) => (/e/i.test(s) ? 0 : (s.split('.')[1] ?? '').length);
    const firstText = ops.length === 1 ? '1' : ops[0]!;
    const incrText = ops.length === 3 ? ops[1]! : '1';
    const precision = Math.max(decimals(firstText), decimals(incrText));
    const format = opts.values.get('f');
    let render: (x: number) => string;
    if (format !== undefined) {
      const f = checkFormat(ctx, format);
      if (typeof f === 'number') return f;
      render = f;
    } else render = (x) => x.toFixed(precision);
    const sep = opts.values.get('s') ?? '\n';
    const width = opts.flags.has('w') && format === undefined ? Math.max(render(first).length, render(last).length) : 0;
    const pad = (s: string) => (s.startsWith('-') ? `-${s.slice(1).padStart(width - 1, '0')}` : s.padStart(width, '0'));
    function* values(): Generator<string> {
      let any = false;
      for (let i = 0; ; i++) {
        const x = first + i * incr;
        if (incr > 0 ? x > last + 1e-12 * Math.abs(incr) : x < last - 1e-12 * Math.abs(incr)) break;
        yield (any ? sep : '') + (width ? pad(render(x)) : render(x));
        any = true;
      }
      if (any) yield '\n';
    }
    if (!Number.isFinite(first) || Number.isNaN(last)) return fail(ctx, 'seq', `invalid floating point argument: ${q(ops[0]!)}`);
    return (await writeChunked(ctx, values())) ? 0 : 130;
  },
};

/** seq -f: exactly one floating-point directive (%e %f %g and friends), else seq.c's errors. */
function checkFormat(ctx: CommandContext, format: string): ((x: number) => string) | number {
  let at = -1;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (format[i + 1] === '%') {
      i++;
      continue;
    }
    if (at >= 0) return fail(ctx, 'seq', `format ${q(format)} has too many % directives`);
    at = i;
  }
  if (at < 0) return fail(ctx, 'seq', `format ${q(format)} has no % directive`);
  const read = readSpec(format, at);
  if (!read || !'eEfFgGaA'.includes(read.spec.conv)) {
    return fail(ctx, 'seq', `format ${q(format)} has unknown %${format.slice(at + 1).replace(/^[-+ #0\d.']*/, '')[0] ?? ''} directive`);
  }
  const before = format.slice(0, at).replace(/%%/g, '%');
  const after = format.slice(read.end).replace(/%%/g, '%');
  return (x) => before + formatFloat(x, read.spec) + after;
}
