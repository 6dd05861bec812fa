import type { CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName, usageError } from './options';
import { errorText } from './fs-errors';

export const touch: CommandDefinition = {
  name: 'touch',
  summary: 'Create empty files, or update their modification time',
  usage: 'touch [-c] FILE...',
  flags: [{ name: '-c', description: 'do not create any files' }],
  async run(ctx) {
    const opts = parseOptions(ctx, touch, { letters: 'c', long: { 'no-create': 'c' } });
    if (typeof opts === 'number') return opts;
    if (opts.operands.length === 0) {
      usageError(ctx, 'touch', 'missing file operand');
      return 1;
    }
    let status = 0;
    for (const file of opts.operands) {
      const abs = ctx.shell.resolvePath(file);
      const st = ctx.fs.stat(abs);
      if (st?.kind === 'dir' || (!st && opts.flags.has('c'))) continue;
      try {
        // Rewriting the same bytes is how this fs bumps an mtime.
        ctx.fs.writeFile(abs, st ? ctx.fs.readFile(abs) : '');
      } catch (err) {
        ctx.stderr.write(`touch: cannot touch ${quoteName(file)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
