import type { CommandDefinition } from '../../shell/types';

export const clear: CommandDefinition = {
  name: 'clear',
  summary: 'Clear the terminal screen',
  usage: 'clear',
  async run(ctx) {
    if (ctx.services.clearScreen && ctx.stdout.isTTY) ctx.services.clearScreen();
    // Without a terminal service (or into a pipe) emit what clear(1) emits: home + erase screen.
    else ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
