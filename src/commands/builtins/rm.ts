import { basename } from '../../fs/path';
import type { CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName, usageError } from './options';
import { errorText } from './fs-errors';

export const rm: CommandDefinition = {
  name: 'rm',
  summary: 'Remove files or directories',
  usage: 'rm [-rfv] FILE...',
  flags: [
    { name: '-r', description: 'remove directories and their contents recursively' },
    { name: '-R', description: 'same as -r' },
    { name: '-f', description: 'ignore nonexistent files, never complain' },
    { name: '-v', description: 'explain what is being done' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, rm, { letters: 'rRfv', long: { recursive: 'r', force: 'f', verbose: 'v' } });
    if (typeof opts === 'number') return opts;
    const recursive = opts.flags.has('r') || opts.flags.has('R');
    const force = opts.flags.has('f');
    if (opts.operands.length === 0) {
      if (force) return 0;
      usageError(ctx, 'rm', 'missing operand');
      return 1;
    }
    let status = 0;
    for (const file of opts.operands) {
      const abs = ctx.shell.resolvePath(file);
      const base = basename(file);
      // The failsafes are for -r; without it, `.` and `/` are just directories rm will not remove.
      if (recursive && (base === '.' || base === '..')) {
        ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping ${quoteName(file)}\n`);
        status = 1;
        continue;
      }
      if (recursive && abs === '/') {
        ctx.stderr.write(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
        status = 1;
        continue;
      }
      const st = ctx.fs.lstat(abs); // a link is removed itself, even one that dangles
      if (!st) {
        if (!force) {
          ctx.stderr.write(`rm: cannot remove ${quoteName(file)}: No such file or directory\n`);
          status = 1;
        }
        continue;
      }
      if (st.kind === 'dir' && !recursive) {
        ctx.stderr.write(`rm: cannot remove ${quoteName(file)}: Is a directory\n`);
        status = 1;
        continue;
      }
      try {
        ctx.fs.remove(abs, { recursive });
        if (opts.flags.has('v')) ctx.stdout.write(`removed ${st.kind === 'dir' ? 'directory ' : ''}${quoteName(file)}\n`);
      } catch (err) {
        ctx.stderr.write(`rm: cannot remove ${quoteName(file)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
