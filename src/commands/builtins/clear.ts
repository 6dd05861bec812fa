import type { CommandDefinition } from '../../shell/types';
import { CLEAR_SCREEN } from '../../lib/ansi';
import { printsHelp } from '../cli/getopt';

export const clear: CommandDefinition = {
  name: 'clear',
  summary: 'Clear the terminal screen',
  usage: 'clear',
  async run(ctx) {
    if (printsHelp(ctx, clear)) return 0;
    if (ctx.services.clearScreen && ctx.stdout.isTTY) ctx.services.clearScreen();
    // Without a terminal service (or into a pipe) emit what clear(1) emits: home + erase screen.
    else ctx.stdout.write(CLEAR_SCREEN);
    return 0;
  },
};
