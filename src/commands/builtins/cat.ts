import type { CommandDefinition } from '../../shell/types';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { standardStream } from '../../fs/devices';

export const cat: CommandDefinition = {
  name: 'cat',
  summary: 'Print files (or standard input) to standard output',
  usage: 'cat [-n] [FILE]...',
  flags: [{ name: '-n', description: 'number all output lines' }],
  async run(ctx) {
    const opts = parseOptions(ctx, cat, { letters: 'n', long: { number: 'n' } });
    if (typeof opts === 'number') return opts;
    const operands = opts.operands.length ? opts.operands : ['-'];
    let status = 0;
    let lineNo = 0;
    const decoder = new TextDecoder();
    for (const op of operands) {
      if (ctx.signal.aborted) return 130;
      let data: Uint8Array;
      // `/dev/stdin` is the same input as `-` (on Linux a link to the process's own fd 0).
      if (op === '-' || standardStream(ctx.shell.resolvePath(op)) === 0) data = await ctx.stdin.readAll();
      else {
        try {
          data = ctx.fs.readFile(ctx.shell.resolvePath(op));
        } catch (err) {
          ctx.stderr.write(`cat: ${shellEscapeName(op, false)}: ${errorText(err)}\n`);
          status = 1;
          continue;
        }
      }
      if (!opts.flags.has('n')) {
        ctx.stdout.write(data);
        continue;
      }
      const text = decoder.decode(data);
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      ctx.stdout.write(lines.map((l) => `${String(++lineNo).padStart(6)}\t${l}`).join('\n') + (text.endsWith('\n') ? '\n' : ''));
    }
    return status;
  },
};
