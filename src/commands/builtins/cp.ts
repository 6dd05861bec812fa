import { FsError, type HostFs } from '../../fs/types';
import { isWithin, childPath } from '../../fs/path';
import type { CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName } from './options';
import { errorText } from './fs-errors';
import { planCopies } from './copy-target';

export const cp: CommandDefinition = {
  name: 'cp',
  summary: 'Copy files and directories',
  usage: 'cp [-r] SOURCE... DEST',
  flags: [
    { name: '-r', description: 'copy directories recursively' },
    { name: '-R', description: 'same as -r' },
    { name: '-v', description: 'explain what is being done' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, cp, { letters: 'rRv', long: { recursive: 'r', verbose: 'v' } });
    if (typeof opts === 'number') return opts;
    const plan = planCopies(ctx, 'cp', opts.operands);
    if (typeof plan === 'number') return plan;
    const recursive = opts.flags.has('r') || opts.flags.has('R');
    let status = 0;
    for (const { src, srcAbs, dest, destAbs } of plan) {
      const st = ctx.fs.stat(srcAbs);
      const fail = (msg: string) => {
        ctx.stderr.write(`cp: ${msg}\n`);
        status = 1;
      };
      if (!st) {
        fail(`cannot stat ${quoteName(src)}: No such file or directory`);
        continue;
      }
      if (st.kind === 'dir') {
        if (!recursive) fail(`-r not specified; omitting directory ${quoteName(src)}`);
        else if (isWithin(destAbs, srcAbs)) fail(`cannot copy a directory, ${quoteName(src)}, into itself, ${quoteName(dest)}`);
        else if (ctx.fs.stat(destAbs)?.kind === 'file') fail(`cannot overwrite non-directory ${quoteName(dest)} with directory ${quoteName(src)}`);
        else {
          try {
            copyTree(ctx.fs, srcAbs, destAbs);
          } catch (err) {
            fail(`cannot create directory ${quoteName(dest)}: ${errorText(err)}`);
            continue;
          }
        }
      } else if (srcAbs === destAbs) {
        fail(`${quoteName(src)} and ${quoteName(dest)} are the same file`);
      } else {
        try {
          const existed = ctx.fs.exists(destAbs);
          ctx.fs.writeFile(destAbs, ctx.fs.readFile(srcAbs));
          if (!existed) copyMode(ctx.fs, srcAbs, destAbs);
        } catch (err) {
          fail(`cannot create regular file ${quoteName(dest)}: ${errorText(err)}`);
          continue;
        }
      }
      if (status === 0 && opts.flags.has('v')) ctx.stdout.write(`${quoteName(src)} -> ${quoteName(dest)}\n`);
    }
    return status;
  },
};

/** GNU cp -r: links are copied as links (not followed); a device cannot be made by a non-root user. */
function copyTree(fs: HostFs, from: string, to: string): void {
  const st = fs.lstat(from);
  if (st?.kind === 'symlink') {
    fs.symlink(st.target ?? '', to);
    return;
  }
  if (st?.kind === 'chardev') throw new FsError('EPERM', to);
  if (st?.kind === 'file') {
    const existed = fs.exists(to);
    fs.writeFile(to, fs.readFile(from));
    if (!existed) copyMode(fs, from, to);
    return;
  }
  fs.mkdir(to, { recursive: true });
  copyMode(fs, from, to);
  for (const name of fs.readdir(from)) copyTree(fs, childPath(from, name), childPath(to, name));
}

/** GNU cp without -p: a new file gets the source's permission bits under the umask (022), so scripts stay executable. */
function copyMode(fs: HostFs, from: string, to: string): void {
  const mode = fs.stat(from)?.mode;
  if (mode !== undefined) fs.chmod?.(to, mode & ~0o022 & 0o777);
}
