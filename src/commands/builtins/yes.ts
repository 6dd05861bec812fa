import type { CommandDefinition } from '../../shell/types';

/** Bytes per write: big enough to be fast, small enough that Ctrl-C and output caps act quickly. */
const CHUNK = 64 * 1024;

export const yes: CommandDefinition = {
  name: 'yes',
  summary: "Print 'y' (or STRING) forever, until interrupted",
  usage: 'yes [STRING]...',
  async run(ctx) {
    const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
    const chunk = line.repeat(Math.max(1, Math.floor(CHUNK / line.length)));
    while (!ctx.signal.aborted) {
      ctx.stdout.write(chunk);
      // Yield to the event loop so the terminal can deliver Ctrl-C and paint.
      await new Promise((r) => setTimeout(r, 0));
    }
    return 130;
  },
};
