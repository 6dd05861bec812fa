import type { CommandDefinition } from '../../shell/types';
import { parseOptions } from './options';

export const pwd: CommandDefinition = {
  name: 'pwd',
  summary: 'Print the current directory',
  usage: 'pwd',
  async run(ctx) {
    const opts = parseOptions(ctx, pwd, { letters: 'LP', usageStatus: 2 });
    if (typeof opts === 'number') return opts;
    ctx.stdout.write(ctx.shell.cwd + '\n');
    return 0;
  },
};
