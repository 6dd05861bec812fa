import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { q, sleepFor, tryHelp, tryHelpLine } from './gnu-text';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** coreutils sleep.c: each operand is a floating-point NUMBER with an optional s/m/h/d suffix; the total is slept. */
export const sleep: CommandDefinition = {
  name: 'sleep',
  summary: 'delay for a specified amount of time',
  usage: 'sleep NUMBER[SUFFIX]...',
  async run(ctx) {
    const opts = parseOptions(ctx, sleep, { letters: '', help: GNU_HELP.sleep });
    if (typeof opts === 'number') return opts;
    if (!opts.operands.length) return tryHelp(ctx, 'sleep', 'missing operand');
    let seconds = 0;
    let ok = true;
    for (const op of opts.operands) {
      const m = /^\s*(\+?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf(?:inity)?)([smhd]?)$/i.exec(op);
      if (!m) {
        ctx.stderr.write(`sleep: invalid time interval ${q(op)}\n`);
        ok = false;
        continue;
      }
      seconds += (/^inf/i.test(m[1]!) ? Infinity : Number(m[1])) * UNITS[m[2]!.toLowerCase()]!;
    }
    if (!ok) return tryHelpLine(ctx, 'sleep');
    const done = await sleepFor(Number.isFinite(seconds) ? seconds * 1000 : Number.MAX_SAFE_INTEGER, ctx.signal);
    return done ? 0 : 130;
  },
};
