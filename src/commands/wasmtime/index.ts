/**
 * The `wasmtime` command: implicit `run`, `--help`/`--version`, option-group help, usage errors
 * (with a `dojo:` line for primer-era flags), and the other subcommands as honest stubs.
 */
import type { CommandDefinition } from '../../shell/types';
import { parseWasmtimeArgs } from './args';
import { EXIT_USAGE, formatUsageError } from './errors';
import { VERSION_TEXT, SUBCOMMAND_SPECS, TOP_FLAGS, mainHelp, runHelp, subcommandHelp } from './help';
import { dojoLine, legacyFlagHint } from './legacy';
import { formatGroupHelp } from './options';
import { runWasmtime } from './run';
import { runStubSubcommand } from './subcommands';

export { describeGrants } from './args';

export const wasmtimeCommand: CommandDefinition = {
  name: 'wasmtime',
  summary: 'Run a WebAssembly module with Wasmtime (grants: --dir, --env, -S)',
  usage: 'wasmtime [OPTIONS] <WASM> [ARGS]...\nwasmtime <COMMAND>',
  flags: TOP_FLAGS,
  subcommands: SUBCOMMAND_SPECS,
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
