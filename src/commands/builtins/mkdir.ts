import type { CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName, usageError } from './options';
import { errorText } from './fs-errors';

export const mkdir: CommandDefinition = {
  name: 'mkdir',
  summary: 'Create directories',
  usage: 'mkdir [-pv] DIRECTORY...',
  flags: [
    { name: '-p', description: 'no error if existing, make parent directories as needed' },
    { name: '-v', description: 'print a message for each created directory' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, mkdir, { letters: 'pv', long: { parents: 'p', verbose: 'v' } });
    if (typeof opts === 'number') return opts;
    if (opts.operands.length === 0) {
      usageError(ctx, 'mkdir', 'missing operand');
      return 1;
    }
    let status = 0;
    for (const dir of opts.operands) {
      const abs = ctx.shell.resolvePath(dir);
      try {
        const existed = ctx.fs.exists(abs);
        if (opts.flags.has('p') && existed && ctx.fs.stat(abs)?.kind === 'dir') continue;
        ctx.fs.mkdir(abs, { recursive: opts.flags.has('p') });
        if (opts.flags.has('v')) ctx.stdout.write(`mkdir: created directory ${quoteName(dir)}\n`);
      } catch (err) {
        ctx.stderr.write(`mkdir: cannot create directory ${quoteName(dir)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
