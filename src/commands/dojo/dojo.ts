/** `dojo`: the playground's own controls (reset the machine, show the last run's WASI calls). */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { helpText } from '../cli/getopt';
import { formatOutcome, formatTraceEntry } from '../../runtime/trace-format';

const SUBCOMMANDS = [
  { name: 'reset', summary: 'Restore the workspace to its starting files (your changes are lost)' },
  { name: 'trace', summary: 'Show the WASI calls of the last module run, strace style' },
];

export const dojo: CommandDefinition = {
  name: 'dojo',
  summary: 'Wasm Dojo controls: reset the workspace, trace the last run',
  usage: 'dojo <COMMAND>',
  subcommands: SUBCOMMANDS,
  async run(ctx) {
    const sub = ctx.argv[1];
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      ctx.stdout.write(helpText(dojo));
      return 0;
    }
    if (sub === 'reset') return reset(ctx);
    if (sub === 'trace') return trace(ctx);
    ctx.stderr.write(sub === undefined ? helpText(dojo) : `dojo: unknown command '${sub}'\n\n${helpText(dojo)}`);
    return 2;
  },
};

async function reset(ctx: CommandContext): Promise<number> {
  if (!ctx.services.resetWorkspace) {
    ctx.stderr.write('dojo: reset is not available here\n');
    return 1;
  }
  await ctx.services.resetWorkspace();
  try {
    ctx.shell.chdir(ctx.shell.home);
  } catch {
    // The seed always has a home; if not, the prompt falls back to /.
  }
  ctx.stdout.write('dojo: workspace restored to its starting files\n');
  return 0;
}

async function trace(ctx: CommandContext): Promise<number> {
  const last = ctx.services.lastRun;
  if (!last) {
    ctx.stdout.write('dojo: no module has run yet; run one (e.g. wasmtime ...) and try again\n');
    return 0;
  }
  const lines = [`# ${last.command}`, ...last.result.trace.map(formatTraceEntry), formatOutcome(last.result.outcome)];
  ctx.stdout.write(lines.join('\n') + '\n');
  return 0;
}
