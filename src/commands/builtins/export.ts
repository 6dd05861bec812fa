import type { CommandDefinition } from '../../shell/types';
import { NAME_RE } from '../../shell/env';
import { printsHelp } from '../cli/getopt';

export const exportCommand: CommandDefinition = {
  name: 'export',
  summary: 'Make shell variables visible to commands',
  usage: 'export [NAME[=VALUE]]...',
  flags: [{ name: '-p', description: 'list exported variables' }],
  async run(ctx) {
    if (printsHelp(ctx, exportCommand)) return 0;
    const args = ctx.argv.slice(1);
    const bad = args.find((a) => a.startsWith('-') && a !== '-p' && a !== '--');
    if (bad) {
      ctx.stderr.write(`dojo: export: ${bad}: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n`);
      return 2;
    }
    const operands = args.filter((a) => a !== '-p' && a !== '--');
    if (operands.length === 0) {
      const lines = ctx.env
        .exported()
        .slice()
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `declare -x ${k}="${v.replace(/["\\$`]/g, '\\$&')}"\n`);
      ctx.stdout.write(lines.join(''));
      return 0;
    }
    let status = 0;
    for (const arg of operands) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!NAME_RE.test(name)) {
        ctx.stderr.write(`dojo: export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      const value = eq < 0 ? (ctx.env.get(name) ?? '') : arg.slice(eq + 1);
      ctx.env.set(name, value, { exported: true });
    }
    return status;
  },
};
