import type { CommandDefinition } from '../../shell/types';
import { printsHelp } from '../cli/getopt';

/** Builtins of the shell itself: `which` (an external program) finds no file for them, like on Linux. */
export const SHELL_ONLY = new Set([
  'cd',
  'export',
  'unset',
  'history',
  'help',
  // The shell's language and job builtins (Debian ships no file for any of them).
  ':',
  '.',
  'source',
  'eval',
  'exit',
  'read',
  'set',
  'shopt',
  'type',
  'command',
  'local',
  'declare',
  'typeset',
  'let',
  'return',
  'break',
  'continue',
  'shift',
  'wait',
  'bg',
  'fg',
  'jobs',
]);
/** What a Debian box keeps in /usr/bin (coreutils, grep, tree...); the emulated tools live in /usr/local/bin like a manual install. */
const IN_USR_BIN = new Set([
  'ls',
  'cat',
  'echo',
  'pwd',
  'mkdir',
  'touch',
  'rm',
  'cp',
  'mv',
  'tree',
  'clear',
  'which',
  'env',
  'true',
  'false',
  'yes',
  'grep',
  'head',
  'tail',
  'wc',
  // bash, sh, sudo and procps' kill; coreutils' test and [.
  'bash',
  'sh',
  'sudo',
  'kill',
  'test',
  '[',
]);

export const which: CommandDefinition = {
  name: 'which',
  summary: 'Show where a command lives',
  usage: 'which COMMAND...',
  complete: (_args, _partial, shell) => shell.registry.list().map((d) => d.name),
  async run(ctx) {
    if (printsHelp(ctx, which)) return 0;
    // debianutils' which reads -a and -s with getopts and exits 2 on anything else, printing its usage
    // (dash's own getopts complaint before it is not reproduced).
    let i = 1;
    for (; i < ctx.argv.length && ctx.argv[i]!.startsWith('-') && ctx.argv[i] !== '-'; i++) {
      if (ctx.argv[i] === '--') {
        i++;
        break;
      }
      if (!/^-[as]+$/.test(ctx.argv[i]!)) {
        ctx.stderr.write('Usage: /usr/bin/which [-as] args\n');
        return 2;
      }
    }
    const names = ctx.argv.slice(i);
    let status = names.length === 0 ? 1 : 0;
    for (const name of names) {
      if (name.includes('/')) {
        if (ctx.fs.stat(ctx.shell.resolvePath(name))?.kind === 'file') ctx.stdout.write(name + '\n');
        else status = 1;
        continue;
      }
      if (!ctx.shell.registry.get(name) || SHELL_ONLY.has(name)) {
        status = 1;
        continue;
      }
      ctx.stdout.write(`${IN_USR_BIN.has(name) ? '/usr/bin' : '/usr/local/bin'}/${name}\n`);
    }
    return status;
  },
};
