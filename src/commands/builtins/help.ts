import type { CommandDefinition } from '../../shell/types';
import { helpText } from '../cli/getopt';

export const help: CommandDefinition = {
  name: 'help',
  summary: 'List every command, or show how to use one',
  usage: 'help [COMMAND]',
  complete: (args, _partial, shell) => (args.length === 0 ? shell.registry.list().map((d) => d.name) : []),
  async run(ctx) {
    const registry = ctx.shell.registry;
    const topic = ctx.argv[1];
    if (topic === '--help') {
      ctx.stdout.write(helpText(help));
      return 0;
    }
    if (topic !== undefined) {
      const def = registry.get(topic);
      if (!def) {
        ctx.stderr.write(`help: no help topics match '${topic}'.  Try 'help' to list every command.\n`);
        return 1;
      }
      ctx.stdout.write(helpText(def));
      return 0;
    }
    const defs = registry.list();
    const width = Math.max(...defs.map((d) => d.name.length));
    const lines = defs.map((d) => `  ${d.name.padEnd(width)}  ${d.summary}`);
    ctx.stdout.write(`Commands ('help NAME' or 'NAME --help' for details):\n${lines.join('\n')}\n`);
    return 0;
  },
};
