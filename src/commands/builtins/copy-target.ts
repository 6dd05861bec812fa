/** What cp and mv share: operand checks and "into a directory or onto a name" resolution. */
import { basename, childPath } from '../../fs/path';
import type { CommandContext } from '../../shell/types';
import { quoteName, usageError } from './options';

export interface Move {
  src: string;
  srcAbs: string;
  dest: string;
  destAbs: string;
}

/** Returns the source → destination pairs, or an exit status after printing coreutils' complaint. */
export function planCopies(ctx: CommandContext, name: 'cp' | 'mv', operands: string[]): Move[] | number {
  if (operands.length === 0) {
    usageError(ctx, name, 'missing file operand');
    return 1;
  }
  if (operands.length === 1) {
    usageError(ctx, name, `missing destination file operand after ${quoteName(operands[0]!)}`);
    return 1;
  }
  const dest = operands[operands.length - 1]!;
  const destAbs = ctx.shell.resolvePath(dest);
  const intoDir = ctx.fs.stat(destAbs)?.kind === 'dir';
  const sources = operands.slice(0, -1);
  if (dest.endsWith('/') && !intoDir) {
    // A trailing slash promises a directory; coreutils refuses rather than creating a file.
    const first = quoteName(sources[0]!);
    ctx.stderr.write(
      name === 'cp'
        ? `cp: cannot create regular file ${quoteName(dest)}: Not a directory\n`
        : `mv: cannot move ${first} to ${quoteName(dest)}: Not a directory\n`,
    );
    return 1;
  }
  if (sources.length > 1 && !intoDir) {
    ctx.stderr.write(`${name}: target ${quoteName(dest)} is not a directory\n`);
    return 1;
  }
  return sources.map((src) => {
    const srcAbs = ctx.shell.resolvePath(src);
    const base = basename(srcAbs);
    return intoDir ? { src, srcAbs, dest: `${dest.replace(/\/+$/, '')}/${base}`, destAbs: childPath(destAbs, base) } : { src, srcAbs, dest, destAbs };
  });
}
