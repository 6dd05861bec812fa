import type { CommandDefinition } from '../../shell/types';
import { NAME_RE } from '../../shell/env';
import { printsHelp } from '../cli/getopt';

export const unset: CommandDefinition = {
  name: 'unset',
  summary: 'Remove shell variables',
  usage: 'unset NAME...',
  async run(ctx) {
    if (printsHelp(ctx, unset)) return 0;
    const status = 0;
    for (const name of ctx.argv.slice(1)) {
      if (name === '-v') continue;
      // bash 5.2 passes over a name that is no identifier without a word (it could be a function's).
      if (!NAME_RE.test(name)) continue;
      ctx.env.unset(name);
    }
    return status;
  },
};
