/**
 * The `wasmtime` command: implicit `run`, `--help`/`--version`, option-group help, usage errors
 * (with a `dojo:` line for primer-era flags), and the other subcommands as honest stubs.
 */
import type { CommandDefinition } from '../../shell/types';
import { describeGrants, parseWasmtimeArgs } from './args';
import { EXIT_USAGE, formatUsageError } from './errors';
import { VERSION_TEXT, SUBCOMMAND_SPECS, TOP_FLAGS, mainHelp, runHelp, subcommandHelp } from './help';
import { dojoLine } from '../../lib/dojo-line';
import { legacyFlagHint } from './legacy';
import { GROUPS, GROUP_BY_LONG, GROUP_BY_SHORT, formatGroupHelp } from './options';
import { runWasmtime } from './run';
import { runStubSubcommand } from './subcommands';

export const wasmtimeCommand: CommandDefinition = {
  name: 'wasmtime',
  summary: 'Run a WebAssembly module with Wasmtime (grants: --dir, --env, -S)',
  usage: 'wasmtime [OPTIONS] <WASM> [ARGS]...\nwasmtime <COMMAND>',
  flags: TOP_FLAGS,
  describeGrants,
  // Subcommands are offered by `complete` rather than declared in `subcommands`: with an implicit
  // `run`, the first word is usually a module path, and a declared subcommand list would stop the
  // shell from completing file names there.
  complete(args, partial) {
    const last = args[args.length - 1];
    const letter = last === undefined ? undefined : last.startsWith('--') ? GROUP_BY_LONG[last.slice(2)] : GROUP_BY_SHORT[last.slice(1)];
    if (letter && last!.length > 1) return GROUPS[letter].options.map((o) => o.key).filter((k) => k.startsWith(partial));
    if (args.length === 0 || (args.length === 1 && args[0] === 'help'))
      return SUBCOMMAND_SPECS.map((s) => s.name).filter((n) => n.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const parsed = parseWasmtimeArgs(ctx.argv);
    switch (parsed.kind) {
      case 'version':
        ctx.stdout.write(VERSION_TEXT);
        return 0;
      case 'help':
        ctx.stdout.write(parsed.topic === 'main' ? mainHelp() : parsed.topic === 'run' ? runHelp() : subcommandHelp(parsed.topic));
        return 0;
      case 'group-help':
        ctx.stdout.write(formatGroupHelp(parsed.letter, parsed.long));
        return 0;
      case 'usage-error': {
        const color = ctx.stderr.isTTY;
        ctx.stderr.write(formatUsageError(parsed.error, color));
        const hint = legacyFlagHint(parsed.error);
        if (hint) ctx.stderr.write(dojoLine(hint, color));
        return EXIT_USAGE;
      }
      case 'subcommand':
        return runStubSubcommand(ctx, parsed.name, parsed.rest);
      case 'run':
        return runWasmtime(ctx, parsed.args);
    }
  },
};
