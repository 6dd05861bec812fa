/**
 * whoami, id and uname (coreutils whoami.c, id.c, uname.c) for the Dojo's one user. The machine is
 * simulated: its user is `learner` (uid 1000, as on a fresh Debian or Ubuntu install), its kernel a
 * stand-in Linux named for the Dojo, its hardware x86_64 (what install scripts ask uname -m for).
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { fail, q, tryHelp } from './gnu-text';

const UID = 1000;
const USER = 'learner';
export const UNAME = {
  s: 'Linux',
  r: '6.1.0-dojo',
  v: '#1 SMP PREEMPT_DYNAMIC Wasm Dojo (simulated)',
  m: 'x86_64',
  p: 'unknown',
  i: 'unknown',
  o: 'GNU/Linux',
};

function userOf(ctx: CommandContext): string {
  return ctx.env.get('USER') || USER;
}

export const whoami: CommandDefinition = {
  name: 'whoami',
  summary: 'print effective user name',
  usage: 'whoami [OPTION]...',
  async run(ctx) {
    const opts = parseOptions(ctx, whoami, { letters: '', help: GNU_HELP.whoami });
    if (typeof opts === 'number') return opts;
    if (opts.operands.length) return tryHelp(ctx, 'whoami', `extra operand ${q(opts.operands[0]!)}`);
    ctx.stdout.write(`${USER}\n`);
    return 0;
  },
};

export const id: CommandDefinition = {
  name: 'id',
  summary: 'print real and effective user and group IDs',
  usage: 'id [OPTION]... [USER]...',
  async run(ctx) {
    const opts = parseOptions(ctx, id, {
      letters: 'ugGnrzaZ',
      long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r', zero: 'z', context: 'Z' },
      help: GNU_HELP.id,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    let status = 0;
    for (const who of opts.operands.length ? opts.operands : [USER]) {
      if (who !== USER && who !== String(UID) && who !== 'root' && who !== '0') {
        status = fail(ctx, 'id', `${q(who)}: no such user`);
        continue;
      }
      const root = who === 'root' || who === '0';
      const [n, u] = root ? ['root', 0] : [USER, UID];
      const one = ['u', 'g', 'G'].filter((l) => f.has(l));
      if (one.length > 1) return fail(ctx, 'id', 'cannot print "only" of more than one choice');
      if ((f.has('n') || f.has('r')) && !one.length) return fail(ctx, 'id', 'cannot print only names or real IDs in default format');
      if (one.length) ctx.stdout.write(`${f.has('n') ? n : u}\n`);
      else ctx.stdout.write(`uid=${u}(${n}) gid=${u}(${n}) groups=${u}(${n})\n`);
    }
    void userOf;
    return status;
  },
};

export const uname: CommandDefinition = {
  name: 'uname',
  summary: 'print system information',
  usage: 'uname [OPTION]...',
  async run(ctx) {
    const opts = parseOptions(ctx, uname, {
      letters: 'asnrvmpio',
      long: {
        all: 'a',
        'kernel-name': 's',
        nodename: 'n',
        'kernel-release': 'r',
        'kernel-version': 'v',
        machine: 'm',
        processor: 'p',
        'hardware-platform': 'i',
        'operating-system': 'o',
      },
      help: GNU_HELP.uname,
    });
    if (typeof opts === 'number') return opts;
    if (opts.operands.length) return tryHelp(ctx, 'uname', `extra operand ${q(opts.operands[0]!)}`);
    const f = opts.flags;
    const node = ctx.fs.exists('/etc/hostname') ? ctx.fs.readText('/etc/hostname').trim() || 'dojo' : 'dojo';
    const values: Record<string, string> = { ...UNAME, n: node };
    // uname.c: -a prints every field but -p and -i when they are "unknown".
    const all = f.has('a');
    const picked = 'snrvmpio'.split('').filter((l) => (all ? !((l === 'p' || l === 'i') && values[l] === 'unknown') : f.has(l)));
    ctx.stdout.write(`${(picked.length ? picked : ['s']).map((l) => values[l]).join(' ')}\n`);
    return 0;
  },
};
