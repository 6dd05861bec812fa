/** `dojo`: the playground's own controls (reset the machine, show the last run's WASI calls). */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { helpText } from '../cli/getopt';
import { formatOutcome, formatTraceEntry } from '../../runtime/trace-format';

const RESET_FLAGS = [
  { name: '-y', description: 'Do not ask first' },
  { name: '--yes', description: 'Do not ask first' },
  { name: '-h', description: 'Print help' },
  { name: '--help', description: 'Print help' },
];

const SUBCOMMANDS = [
  { name: 'reset', summary: 'Restore the workspace to its starting files (asks first; `undo` brings your files back)', flags: RESET_FLAGS },
  { name: 'trace', summary: 'Show the WASI calls of the last module run, strace style' },
  {
    name: 'bench',
    summary: 'Start a module many times and summarise its start-up times, hyperfine style',
    flags: [
      { name: '-n', value: 'NUM', description: 'Perform exactly NUM measured runs' },
      { name: '--runs', value: 'NUM', description: 'Perform exactly NUM measured runs' },
      { name: '-w', value: 'NUM', description: 'Perform NUM warm-up runs first' },
      { name: '--warmup', value: 'NUM', description: 'Perform NUM warm-up runs first' },
      { name: '-i', description: 'Keep going when a run fails' },
      { name: '--ignore-failure', description: 'Keep going when a run fails' },
      { name: '--export-csv', value: 'FILE', description: 'Write every run to FILE as CSV' },
    ],
  },
];

const RESET_HELP = `Usage: dojo reset [-y]
Restore the workspace to its starting files: everything you created or changed is replaced.
Asks first; right after a reset, \`undo\` brings your files back.

Options:
  -y, --yes   Do not ask first
  -h, --help  Print help
`;

export const dojo: CommandDefinition = {
  name: 'dojo',
  summary: 'Wasm Dojo controls: reset the workspace, trace the last run, bench a module',
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
    // Loaded on first use: the CLI kit and the lab engine stay out of the first chunk.
    if (sub === 'bench') return import('./bench').then((m) => m.bench(ctx));
    ctx.stderr.write(sub === undefined ? helpText(dojo) : `dojo: unknown command '${sub}'\n\n${helpText(dojo)}`);
    return 2;
  },
};

async function reset(ctx: CommandContext): Promise<number> {
  let ask = true;
  for (const arg of ctx.argv.slice(2)) {
    // Asking for help must never change anything: print it and stop, whatever else is on the line.
    if (arg === '-h' || arg === '--help') {
      ctx.stdout.write(RESET_HELP);
      return 0;
    }
  }
  for (const arg of ctx.argv.slice(2)) {
    if (arg === '-y' || arg === '--yes') ask = false;
    else {
      ctx.stderr.write(`dojo reset: ${arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`}\n\n${RESET_HELP}`);
      return 2;
    }
  }
  if (!ctx.services.resetWorkspace) {
    ctx.stderr.write('dojo: reset is not available here\n');
    return 1;
  }
  // Files come back with `undo` only where the lessons' undo is loaded (it snapshots every line).
  const undoable = Boolean(ctx.shell.registry.get('undo'));
  if (ask) {
    const answer = await ctx.prompt(
      `Restore the workspace to its starting files? Your changes will be replaced${undoable ? ' (`undo` brings them back)' : ''}. [y/N] `,
      '',
    );
    if (answer === null || !/^y(es)?$/i.test(answer.trim())) {
      ctx.stdout.write('dojo: not reset; your files are unchanged\n');
      return 1;
    }
  }
  await ctx.services.resetWorkspace();
  try {
    ctx.shell.chdir(ctx.shell.home);
  } catch {
    // The seed always has a home; if not, the prompt falls back to /.
  }
  ctx.stdout.write(`dojo: workspace restored to its starting files${undoable ? '; `undo` brings your files back' : ''}\n`);
  return 0;
}

const TRACE_HELP = `Usage: dojo trace
Show the WASI calls of the last module run, strace style: each call with its arguments and result,
then how the module ended.
`;

async function trace(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(2);
  if (args.some((a) => a === '-h' || a === '--help')) {
    ctx.stdout.write(TRACE_HELP);
    return 0;
  }
  if (args.length) {
    ctx.stderr.write(`dojo trace: unexpected argument '${args[0]}'\n\n${TRACE_HELP}`);
    return 2;
  }
  const last = ctx.services.lastRun;
  if (!last) {
    ctx.stdout.write('dojo: no module has run yet; run one (e.g. wasmtime ...) and try again\n');
    return 0;
  }
  const lines = [`# ${last.command}`, ...last.result.trace.map(formatTraceEntry), formatOutcome(last.result.outcome)];
  ctx.stdout.write(lines.join('\n') + '\n');
  return 0;
}
