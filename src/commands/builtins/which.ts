import type { CommandDefinition } from '../../shell/types';

/** Builtins of the shell itself: `which` (an external program) finds no file for them, like on Linux. */
export const SHELL_ONLY = new Set(['cd', 'export', 'unset', 'history', 'help']);
/** What a Debian box keeps in /usr/bin (coreutils, grep, tree...); the emulated tools live in /usr/local/bin like a manual install. */
const IN_USR_BIN = new Set(['ls', 'cat', 'echo', 'pwd', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'tree', 'clear', 'which', 'env', 'true', 'false', 'yes', 'grep', 'head', 'tail', 'wc']);

export const which: CommandDefinition = {
  name: 'which',
  summary: 'Show where a command lives',
  usage: 'which COMMAND...',
  complete: (_args, _partial, shell) => shell.registry.list().map((d) => d.name),
  async run(ctx) {
    const names = ctx.argv.slice(1).filter((a) => a !== '-a');
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
