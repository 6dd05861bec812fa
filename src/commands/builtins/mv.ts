import { isWithin } from '../../fs/path';
import type { CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName } from './options';
import { errorText } from './fs-errors';
import { planCopies } from './copy-target';

export const mv: CommandDefinition = {
  name: 'mv',
  summary: 'Move or rename files and directories',
  usage: 'mv SOURCE... DEST',
  flags: [{ name: '-v', description: 'explain what is being done' }],
  async run(ctx) {
    const opts = parseOptions(ctx, mv, { letters: 'vf', long: { verbose: 'v', force: 'f' } });
    if (typeof opts === 'number') return opts;
    const plan = planCopies(ctx, 'mv', opts.operands);
    if (typeof plan === 'number') return plan;
    let status = 0;
    for (const { src, srcAbs, dest, destAbs } of plan) {
      const st = ctx.fs.lstat(srcAbs); // a link is moved itself, even one that dangles
      if (!st) {
        ctx.stderr.write(`mv: cannot stat ${quoteName(src)}: No such file or directory\n`);
        status = 1;
        continue;
      }
      if (srcAbs === destAbs) {
        ctx.stderr.write(`mv: ${quoteName(src)} and ${quoteName(dest)} are the same file\n`);
        status = 1;
        continue;
      }
      if (st.kind === 'dir' && isWithin(destAbs, srcAbs)) {
        ctx.stderr.write(`mv: cannot move ${quoteName(src)} to a subdirectory of itself, ${quoteName(dest)}\n`);
        status = 1;
        continue;
      }
      try {
        ctx.fs.rename(srcAbs, destAbs);
        if (opts.flags.has('v')) ctx.stdout.write(`renamed ${quoteName(src)} -> ${quoteName(dest)}\n`);
      } catch (err) {
        ctx.stderr.write(`mv: cannot move ${quoteName(src)} to ${quoteName(dest)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
