/**
 * The `wasmedge` command (WasmEdge 0.17 CLI): run/reactor, --version, --help, its own parser's
 * `unknown option` error, and the AOT/inspection subcommands as honest stubs.
 */
import type { CommandDefinition } from '../../shell/types';
import { dojoLine } from '../../lib/dojo-line';
import { describeGrants, parseWasmedgeArgs } from './args';
import { EDGE_EXIT_FAILURE } from './errors';
import { EDGE_FLAGS, EDGE_SUBCOMMANDS, EDGE_VERSION_TEXT, edgeHelp } from './help';
import { runWasmedge } from './run';

export const wasmedgeCommand: CommandDefinition = {
  name: 'wasmedge',
  summary: 'Run a WebAssembly module with WasmEdge (grants: --dir GUEST:HOST, --env)',
  usage: 'wasmedge [OPTIONS] [--] WASM_OR_SO [ARG ...]',
  flags: EDGE_FLAGS,
  describeGrants,
  // As for wasmtime: offered by `complete` so the first word can still complete as a file name.
  complete(args, partial) {
    return args.length === 0 ? EDGE_SUBCOMMANDS.map((s) => s.name).filter((n) => n.startsWith(partial)) : [];
  },
  async run(ctx) {
    const parsed = parseWasmedgeArgs(ctx.argv);
    switch (parsed.kind) {
      case 'version':
        ctx.stdout.write(EDGE_VERSION_TEXT);
        return 0;
      case 'help':
        ctx.stdout.write(edgeHelp(ctx.stdout.isTTY));
        return 0;
      case 'missing-file':
        ctx.stdout.write(edgeHelp(ctx.stdout.isTTY));
        return EDGE_EXIT_FAILURE;
      case 'unknown-option':
        ctx.stdout.write(`unknown option: ${parsed.name}\n`);
        if (parsed.name === 'mapdir' || parsed.name === 'tcplisten')
          ctx.stderr.write(
            dojoLine(
              `--${parsed.name} is an old wasmtime flag; WasmEdge grants directories with --dir GUEST:HOST and allows its socket extension without a flag.`,
              ctx.stderr.isTTY,
            ),
          );
        return EDGE_EXIT_FAILURE;
      case 'bad-value':
        ctx.stdout.write(`${parsed.message}\n`);
        return EDGE_EXIT_FAILURE;
      case 'subcommand':
        ctx.stderr.write(
          dojoLine(
            parsed.name === 'compile'
              ? '`wasmedge compile` builds native AOT code; the Dojo has no native code generator.'
              : `\`wasmedge ${parsed.name}\` is not emulated in the Dojo; \`wasmedge FILE\` runs (and so parses, validates and instantiates) a module.`,
            ctx.stderr.isTTY,
          ),
        );
        return EDGE_EXIT_FAILURE;
      case 'run':
        return runWasmedge(ctx, parsed.args);
    }
  },
};
