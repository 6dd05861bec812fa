import type { CommandDefinition } from '../../shell/types';
import { getopt } from '../cli/getopt';

/** Bytes per write: big enough to be fast, small enough that Ctrl-C and output caps act quickly. */
const CHUNK = 64 * 1024;
const YIELD_EVERY_MS = 16;
const YIELD_EVERY_BYTES = 4 * 1024 * 1024;

export const yes: CommandDefinition = {
  name: 'yes',
  summary: "Print 'y' (or STRING) forever, until interrupted",
  usage: 'yes [STRING]...',
  async run(ctx) {
    // GNU yes reads only --help and --version (parse_gnu_standard_options_only); `--` lets a word through.
    const parsed = getopt(ctx, yes, { name: 'yes', about: yes.summary });
    if (typeof parsed === 'number') return parsed;
    const words = [...parsed.positionals, ...parsed.rest];
    const line = (words.length ? words.join(' ') : 'y') + '\n';
    const chunk = line.repeat(Math.max(1, Math.floor(CHUNK / line.length)));
    let lastYield = Date.now();
    let sinceYield = 0;
    while (!ctx.signal.aborted) {
      ctx.stdout.write(chunk);
      sinceYield += chunk.length;
      // Yield to the event loop every frame or every few MB, so the terminal can deliver Ctrl-C and
      // paint. Not after every chunk: browsers clamp nested zero timeouts to 4 ms, which made
      // `yes | head` (a 16 MB pipe) take 2 s.
      if (sinceYield >= YIELD_EVERY_BYTES || Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((r) => setTimeout(r, 0));
        lastYield = Date.now();
        sinceYield = 0;
      }
    }
    return 130;
  },
};
