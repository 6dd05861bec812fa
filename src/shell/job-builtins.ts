/**
 * bash's job control builtins over the machine's job table (src/machine/jobs.ts): jobs the shell
 * started with `&` and servers that background themselves (`spin up`). Texts are bash 5.2's
 * (jobs.c, builtins/{fg_bg,kill,wait}.def), with `dojo:` where bash prints `bash:`.
 */
import type { CommandContext, CommandDefinition } from './types';
import type { Job } from '../machine/jobs';
import type { Interp, ShellJob } from './executor';
import { builtinHelp, helpStatus } from './builtin-help';
import { builtinInfo } from './builtin-list';

const state = (label: string) => label.padEnd(24);
const say = (ctx: CommandContext, text: string) => ctx.stderr.write(`dojo: ${text}\n`);

/** The interpreter behind the context, without importing its class (job builtins also serve hand-made contexts). */
function interp(ctx: CommandContext): Interp | undefined {
  const s = ctx.shell as Partial<Interp>;
  return s.root && s.fork ? (s as Interp) : undefined;
}

function shellJob(ctx: CommandContext, job: Job): ShellJob | undefined {
  return interp(ctx)?.root.jobs.get(job.id);
}

function resolve(ctx: CommandContext, spec: string | undefined): Job | undefined {
  const jobs = ctx.services.machine.jobs;
  const s = spec ?? '%+';
  return jobs.resolve(s.startsWith('%') || /^\d+$/.test(s) ? s : `%${s}`);
}

export const jobsCommand: CommandDefinition = {
  ...builtinInfo('jobs'),
  async run(ctx) {
    if (builtinHelp(ctx, jobsCommand)) return helpStatus(ctx);
    const args = ctx.argv.slice(1);
    const bad = args.find((a) => a.startsWith('-') && !/^-[lprs]+$/.test(a));
    if (bad) {
      say(ctx, `jobs: ${bad}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]`);
      return 2;
    }
    const pids = args.includes('-p');
    const long = args.some((a) => a.includes('l'));
    const all = ctx.services.machine.jobs.list();
    all.forEach((j, i) => {
      if (pids) {
        ctx.stdout.write(`${j.pid}\n`);
        return;
      }
      const mark = i === all.length - 1 ? '+' : i === all.length - 2 ? '-' : ' ';
      ctx.stdout.write(`[${j.id}]${mark}  ${long ? `${j.pid} ` : ''}${state('Running')}${j.command} &\n`);
    });
    return 0;
  },
};

export const fgCommand: CommandDefinition = {
  ...builtinInfo('fg'),
  async run(ctx) {
    if (builtinHelp(ctx, fgCommand)) return helpStatus(ctx);
    const job = resolve(ctx, ctx.argv[1]);
    if (!job) {
      say(ctx, ctx.argv[1] ? `fg: ${ctx.argv[1]}: no such job` : 'fg: current: no such job');
      return 1;
    }
    ctx.stdout.write(`${job.command}\n`);
    const sj = shellJob(ctx, job);
    if (sj) sj.foreground = true;
    if (ctx.signal.aborted) {
      job.stop();
      return 130;
    }
    return new Promise<number>((resolveStatus) => {
      const onAbort = () => {
        job.stop();
        resolveStatus(130);
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const settle = (s: number) => {
        ctx.signal.removeEventListener('abort', onAbort);
        resolveStatus(s);
      };
      if (sj && !sj.server) void sj.status.then(settle);
      else void job.done.then(() => settle(0));
    });
  },
};

export const bgCommand: CommandDefinition = {
  ...builtinInfo('bg'),
  async run(ctx) {
    if (builtinHelp(ctx, bgCommand)) return helpStatus(ctx);
    const job = resolve(ctx, ctx.argv[1]);
    if (!job) {
      say(ctx, ctx.argv[1] ? `bg: ${ctx.argv[1]}: no such job` : 'bg: current: no such job');
      return 1;
    }
    // Nothing here is ever stopped (there is no Ctrl-Z), so every job already runs in the background.
    say(ctx, `bg: job ${job.id} already in background`);
    return 0;
  },
};

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];
/** What `jobs` and the notice say for a job ended by a signal (strsignal's words). */
const SIGNAL_TEXT: Record<string, string> = {
  HUP: 'Hangup',
  INT: 'Interrupt',
  QUIT: 'Quit',
  KILL: 'Killed',
  TERM: 'Terminated',
  USR1: 'User defined signal 1',
  USR2: 'User defined signal 2',
  ALRM: 'Alarm clock',
  PIPE: 'Broken pipe',
};

function signalName(spec: string): string | undefined {
  const s = spec.toUpperCase().replace(/^SIG/, '');
  if (/^\d+$/.test(s)) return Number(s) === 0 ? '0' : SIGNALS[Number(s) - 1];
  return SIGNALS.includes(s) ? s : undefined;
}

export const killCommand: CommandDefinition = {
  ...builtinInfo('kill'),
  async run(ctx) {
    if (builtinHelp(ctx, killCommand)) return helpStatus(ctx);
    const args = ctx.argv.slice(1);
    let signal = 'TERM';
    if (args[0] === '-l' || args[0] === '-L') {
      if (args[1]) {
        const n = Number(args[1]);
        const name = Number.isInteger(n)
          ? SIGNALS[(n > 128 ? n - 128 : n) - 1]
          : signalName(args[1]) && String(SIGNALS.indexOf(signalName(args[1])!) + 1);
        if (!name) {
          say(ctx, `kill: ${args[1]}: invalid signal specification`);
          return 1;
        }
        ctx.stdout.write(`${name}\n`);
        return 0;
      }
      ctx.stdout.write(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join('\t') + '\n');
      return 0;
    }
    if (args[0] === '-s' || args[0] === '-n') {
      args.shift();
      const spec = args.shift();
      const name = spec === undefined ? undefined : signalName(spec);
      if (!name) {
        say(ctx, spec === undefined ? `kill: -s: option requires an argument` : `kill: ${spec}: invalid signal specification`);
        return spec === undefined ? 2 : 1;
      }
      signal = name;
    } else if (args[0]?.startsWith('-') && args[0] !== '-' && args[0] !== '--') {
      const name = signalName(args[0].slice(1));
      if (!name) {
        say(ctx, `kill: ${args[0].slice(1)}: invalid signal specification`);
        return 1;
      }
      signal = name;
      args.shift();
    }
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      ctx.stderr.write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      return 2;
    }
    let status = 0;
    const sh = interp(ctx);
    for (const t of args) {
      const job = ctx.services.machine.jobs.resolve(t);
      if (!job) {
        if (t.startsWith('%')) say(ctx, `kill: ${t}: no such job`);
        else if (/^-?\d+$/.test(t)) say(ctx, `kill: (${t}) - No such process`);
        else say(ctx, `kill: ${t}: arguments must be process or job IDs`);
        status = 1;
        continue;
      }
      if (signal === '0') continue;
      job.stop();
      const line = `[${job.id}]+  ${state(SIGNAL_TEXT[signal] ?? signal)}${job.command}\n`;
      // bash reports the ended job just before its next prompt, which is right after this line.
      ctx.stdout.write(line);
      if (sh) sh.root.jobs.get(job.id)?.abort.abort('killed');
    }
    return status;
  },
};

/** A job's exit status once it has ended: for a server (`spin up &`), once it is stopped, as with bash's wait. */
function untilEnded(j: ShellJob): Promise<number> {
  return j.status.then((s) => (j.server ? j.job.done.then(() => j.finished ?? 143) : s));
}

export const waitCommand: CommandDefinition = {
  ...builtinInfo('wait'),
  async run(ctx) {
    if (builtinHelp(ctx, waitCommand)) return helpStatus(ctx);
    const sh = interp(ctx);
    if (!sh) return 0;
    const waitFor = (p: Promise<number>) =>
      new Promise<number>((resolveStatus) => {
        if (ctx.signal.aborted) return resolveStatus(130);
        const onAbort = () => resolveStatus(130);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        void p.then((s) => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolveStatus(s);
        });
      });
    const args = ctx.argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
    if (args.length === 0) {
      const all = [...sh.root.jobs.values()];
      for (const j of all) j.foreground = true;
      const s = await waitFor(Promise.all(all.map(untilEnded)).then(() => 0));
      return s;
    }
    let status = 0;
    for (const a of args) {
      const job = ctx.services.machine.jobs.resolve(a);
      const sj = job && sh.root.jobs.get(job.id);
      const done = /^\d+$/.test(a) ? sh.root.finished.get(Number(a)) : undefined;
      if (done !== undefined) {
        status = done;
        continue;
      }
      if (!sj) {
        if (a.startsWith('%')) say(ctx, `wait: ${a}: no such job`);
        else if (/^\d+$/.test(a)) say(ctx, `wait: pid ${a} is not a child of this shell`);
        else say(ctx, `wait: \`${a}': not a pid or valid job spec`);
        status = 127;
        continue;
      }
      sj.foreground = true;
      status = await waitFor(untilEnded(sj));
      if (status === 130) return 130;
    }
    return status;
  },
};

/** The job builtins, for the interpreter chunk (engine.ts); the registry lists them through builtin-list.ts's stubs. */
export const JOB_BUILTINS: readonly CommandDefinition[] = [jobsCommand, fgCommand, bgCommand, killCommand, waitCommand];
