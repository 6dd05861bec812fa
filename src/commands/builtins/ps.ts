/**
 * ps (procps-ng 4.0) over the machine's job table: the learner's shell, each background job
 * (`spin up &`, `kubectl port-forward … &`) as a process, and ps itself. BSD (`ps aux`) and UNIX
 * (`ps -ef`) forms. Process ids are the job table's stand-ins; times are simulated.
 */
import type { CommandDefinition } from '../../shell/types';

/** The learner's login shell: a fixed stand-in process id, below the jobs' (they start at 4242). */
const SHELL_PID = 4100;

const HELP = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

export const ps: CommandDefinition = {
  name: 'ps',
  summary: 'report a snapshot of the current processes',
  usage: 'ps [options]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--help') {
      ctx.stdout.write(HELP);
      return 0;
    }
    let full = false;
    let bsd = false;
    for (const a of args) {
      if (/^-[efAaxwl]+$/.test(a)) full ||= /[fl]/.test(a);
      else if (/^[auxwf]+$/.test(a)) bsd = true;
      else {
        ctx.stderr.write(`error: unsupported option (BSD syntax)\n${HELP}`);
        return 1;
      }
    }
    const jobs = ctx.services.machine?.jobs.list() ?? [];
    const nextPid = Math.max(SHELL_PID, ...jobs.map((j) => j.pid)) + 1;
    const procs = [
      { pid: SHELL_PID, ppid: 1, cmd: 'bash', args: '-bash' },
      ...jobs.map((j) => ({ pid: j.pid, ppid: SHELL_PID, cmd: j.command.split(/\s+/)[0] ?? j.command, args: j.command })),
      { pid: nextPid, ppid: SHELL_PID, cmd: 'ps', args: ctx.argv.join(' ') },
    ];
    const pid = (n: number) => String(n).padStart(7);
    let out: string;
    if (bsd) {
      out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
      for (const p of procs)
        out += `learner  ${pid(p.pid)}  0.0  0.1  10000  4000 pts/0    ${p.cmd === 'ps' ? 'R+' : p.cmd === 'bash' ? 'Ss' : 'S'}   00:00   0:00 ${p.args}\n`;
    } else if (full) {
      out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
      for (const p of procs) out += `learner  ${pid(p.pid)} ${pid(p.ppid)}  0 00:00 pts/0    00:00:00 ${p.args}\n`;
    } else {
      out = '    PID TTY          TIME CMD\n';
      for (const p of procs) out += `${pid(p.pid)} pts/0    00:00:00 ${p.cmd}\n`;
    }
    ctx.stdout.write(out);
    return 0;
  },
};
