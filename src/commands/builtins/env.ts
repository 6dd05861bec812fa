import type { CommandDefinition, ShellEnv } from '../../shell/types';
import { OverlayEnv, VariableTable } from '../../shell/env';
import { quoteName, usageError } from './options';
import { printsHelp } from '../cli/getopt';

export const env: CommandDefinition = {
  name: 'env',
  summary: 'Print the environment, or run a command with extra variables',
  usage: 'env [-i] [NAME=VALUE]... [COMMAND [ARG]...]',
  flags: [{ name: '-i', description: 'start with an empty environment' }],
  async run(ctx) {
    if (printsHelp(ctx, env)) return 0;
    const args = ctx.argv.slice(1);
    let empty = false;
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const flag = args.shift()!;
      if (flag === '--') break;
      if (flag === '-i' || flag === '--ignore-environment') empty = true;
      else return usageError(ctx, 'env', flag.startsWith('--') ? `unrecognized option '${flag}'` : `invalid option -- '${flag.slice(1, 2)}'`);
    }
    const extra = new Map<string, string>();
    while (args[0] !== undefined && /^[^=]+=/.test(args[0])) {
      const a = args.shift()!;
      const eq = a.indexOf('=');
      extra.set(a.slice(0, eq), a.slice(eq + 1));
    }
    const base: ShellEnv = empty ? new VariableTable() : ctx.env;
    const childEnv = new OverlayEnv(base, extra);
    if (args.length === 0) {
      ctx.stdout.write(
        childEnv
          .exported()
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      return 0;
    }
    const def = ctx.shell.registry.get(args[0]!);
    if (!def) {
      ctx.stderr.write(`env: ${quoteName(args[0]!)}: No such file or directory\n`);
      return 127;
    }
    return def.run({ ...ctx, argv: args, env: childEnv });
  },
};
