/**
 * bash's `jobs`, `fg` and `kill` over the machine's job table (src/machine/jobs.ts). The shell has no `&`;
 * servers such as `spin up` background themselves and these bring them back or stop them.
 */
import type { CommandDefinition } from '../../shell/types';
import { printsHelp } from '../cli/getopt';

const state = (label: string) => label.padEnd(24);

export const jobsCommand: CommandDefinition = {
  name: 'jobs',
  summary: 'List background jobs',
  usage: 'jobs',
  async run(ctx) {
    if (printsHelp(ctx, jobsCommand)) return 0;
    const all = ctx.services.machine.jobs.list();
    all.forEach((j, i) => {
      const mark = i === all.length - 1 ? '+' : i === all.length - 2 ? '-' : ' ';
      ctx.stdout.write(`[${j.id}]${mark}  ${state('Running')}${j.command} &\n`);
    });
    return 0;
  },
};

export const fgCommand: CommandDefinition = {
  name: 'fg',
  summary: 'Bring a background job to the foreground (Ctrl-C then stops it)',
  usage: 'fg [%JOB]',
  async run(ctx) {
    if (printsHelp(ctx, fgCommand)) return 0;
    const spec = ctx.argv[1] ?? '%+';
    const job = ctx.services.machine.jobs.resolve(spec.startsWith('%') || /^\d+$/.test(spec) ? spec : `%${spec}`);
    if (!job) {
      ctx.stderr.write(ctx.argv[1] ? `bash: fg: ${ctx.argv[1]}: no such job\n` : 'bash: fg: current: no such job\n');
      return 1;
    }
    ctx.stdout.write(`${job.command}\n`);
    if (ctx.signal.aborted) {
      job.stop();
      return 130;
    }
    return new Promise<number>((resolve) => {
      const onAbort = () => {
        job.stop();
        resolve(130);
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      void job.done.then(() => {
        ctx.signal.removeEventListener('abort', onAbort);
        resolve(0);
      });
    });
  },
};

export const killCommand: CommandDefinition = {
  name: 'kill',
  summary: 'Stop a background job',
  usage: 'kill [-s SIGNAL | -SIGNAL] %JOB|PID...',
  async run(ctx) {
    if (printsHelp(ctx, killCommand)) return 0;
    const targets = ctx.argv.slice(1).filter((a, i, all) => !(a.startsWith('-') && a !== '-') && all[i - 1] !== '-s');
    if (targets.length === 0) {
      ctx.stderr.write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      return 2;
    }
    let status = 0;
    for (const t of targets) {
      const job = ctx.services.machine.jobs.resolve(t);
      if (!job) {
        ctx.stderr.write(t.startsWith('%') ? `bash: kill: ${t}: no such job\n` : `bash: kill: (${t}) - No such process\n`);
        status = 1;
        continue;
      }
      job.stop();
      ctx.stdout.write(`[${job.id}]+  ${state('Terminated')}${job.command}\n`);
    }
    return status;
  },
};
