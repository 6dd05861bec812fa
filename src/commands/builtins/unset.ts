import type { CommandDefinition } from '../../shell/types';
import { NAME_RE } from '../../shell/env';

export const unset: CommandDefinition = {
  name: 'unset',
  summary: 'Remove shell variables',
  usage: 'unset NAME...',
  async run(ctx) {
    let status = 0;
    for (const name of ctx.argv.slice(1)) {
      if (name === '-v') continue;
      if (!NAME_RE.test(name)) {
        ctx.stderr.write(`unset: \`${name}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      ctx.env.unset(name);
    }
    return status;
  },
};
