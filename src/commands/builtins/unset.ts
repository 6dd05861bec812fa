import type { CommandDefinition } from '../../shell/types';
import { NAME_RE } from '../../shell/env';

export const unset: CommandDefinition = {
  name: 'unset',
  summary: 'Remove shell variables',
  usage: 'unset NAME...',
  async run(ctx) {
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
