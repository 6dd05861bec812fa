import type { CommandDefinition } from '../../shell/types';
import { printsHelp } from '../cli/getopt';

export const history: CommandDefinition = {
  name: 'history',
  summary: 'Show the commands typed so far',
  usage: 'history [N]',
  async run(ctx) {
    if (printsHelp(ctx, history)) return 0;
    const arg = ctx.argv[1];
    const entries = ctx.shell.history();
    let from = 0;
    if (arg !== undefined) {
      if (!/^\d+$/.test(arg)) {
        ctx.stderr.write(`dojo: history: ${arg}: numeric argument required\n`);
        return 1;
      }
      from = Math.max(0, entries.length - Number(arg));
    }
    const lines = entries.slice(from).map((line, i) => `${String(from + i + 1).padStart(5)}  ${line}\n`);
    ctx.stdout.write(lines.join(''));
    return 0;
  },
};
