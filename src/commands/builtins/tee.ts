import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { standardStream } from '../../fs/devices';

/** coreutils tee.c: copies standard input to standard output and to each FILE (-a appends). */
export const tee: CommandDefinition = {
  name: 'tee',
  summary: 'read from standard input and write to standard output and files',
  usage: 'tee [OPTION]... [FILE]...',
  async run(ctx) {
    const opts = parseOptions(ctx, tee, {
      letters: 'aip',
      long: { append: 'a', 'ignore-interrupts': 'i' },
      longOnlyValue: ['output-error'],
      help: GNU_HELP.tee,
    });
    if (typeof opts === 'number') return opts;
    const data = await ctx.stdin.readAll();
    let status = 0;
    const targets: string[] = [];
    // Files are opened (created or truncated) before anything is copied, as tee.c does.
    for (const name of opts.operands) {
      const path = ctx.shell.resolvePath(name);
      const stream = standardStream(path);
      if (stream === 1 || stream === 2) {
        targets.push(stream === 1 ? '-' : '/dev/stderr');
        continue;
      }
      try {
        if (!opts.flags.has('a') || !ctx.fs.exists(path)) ctx.fs.writeFile(path, '');
        targets.push(path);
      } catch (err) {
        ctx.stderr.write(`tee: ${shellEscapeName(name, false)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    ctx.stdout.write(data);
    for (const t of targets) {
      if (t === '-') ctx.stdout.write(data);
      else if (t === '/dev/stderr') ctx.stderr.write(data);
      else ctx.fs.writeFile(t, data, { append: true });
    }
    return status;
  },
};
