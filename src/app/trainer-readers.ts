/**
 * The trainer's CommandReader: the terminal's own wasmtime and wasmedge argument parsers, so a
 * fill-in-the-command answer is read exactly as the terminal would run it. Lives in app/ because an
 * engine (src/trainer) may not import commands; it reaches the trainer as a function.
 */
import { describeGrants as wasmtimeGrants, parseWasmtimeArgs } from '../commands/wasmtime/args';
import { formatUsageError } from '../commands/wasmtime/errors';
import { legacyFlagHint } from '../commands/wasmtime/legacy';
import { parseWasmedgeArgs } from '../commands/wasmedge/args';
import type { CommandReader, CommandReading } from '../trainer/command-reader';

function readWasmtime(argv: string[]): CommandReading {
  const parsed = parseWasmtimeArgs(argv);
  switch (parsed.kind) {
    case 'run': {
      const { args } = parsed;
      const grants = wasmtimeGrants(argv);
      const inherit = grants.find((g) => g.kind === 'inherit-env');
      return {
        ok: true,
        tool: 'wasmtime',
        module: args.module,
        dirs: args.dirs.map((d) => ({ host: d.host, guest: d.guest, readonly: false, text: d.tokenIndexes.map((i) => argv[i]).join(' ') })),
        env: args.envs.map((e) => ({
          name: e.name,
          ...(e.value !== undefined ? { value: e.value } : {}),
          text: e.tokenIndexes.map((i) => argv[i]).join(' '),
        })),
        ...(inherit ? { inheritEnv: inherit.text } : {}),
        network: grants.filter((g) => g.kind === 'network').map((g) => g.text),
        guestArgs: args.guestArgs,
      };
    }
    case 'usage-error': {
      const first = formatUsageError(parsed.error).split('\n')[0] ?? 'a usage error';
      const hint = legacyFlagHint(parsed.error);
      return { ok: false, tool: 'wasmtime', error: hint ? `${first} (${hint})` : first };
    }
    default:
      return { ok: false, tool: 'wasmtime', error: `this line does not run a module (it is \`wasmtime ${argv[1] ?? ''}\`)` };
  }
}

function readWasmedge(argv: string[]): CommandReading {
  const parsed = parseWasmedgeArgs(argv);
  switch (parsed.kind) {
    case 'run': {
      const { args } = parsed;
      return {
        ok: true,
        tool: 'wasmedge',
        module: args.file,
        dirs: args.dirs.map((d) => ({ host: d.host, guest: d.guest, readonly: d.readonly, text: d.tokenIndexes.map((i) => argv[i]).join(' ') })),
        env: args.envs.map((e) => ({ name: e.name, value: e.value, text: e.tokenIndexes.map((i) => argv[i]).join(' ') })),
        network: [],
        guestArgs: args.rest,
      };
    }
    case 'unknown-option':
      return { ok: false, tool: 'wasmedge', error: `unknown option: ${parsed.name}` };
    case 'bad-value':
      return { ok: false, tool: 'wasmedge', error: parsed.message };
    case 'missing-file':
      return { ok: false, tool: 'wasmedge', error: 'no wasm file given (wasmedge prints its help)' };
    default:
      return { ok: false, tool: 'wasmedge', error: 'this line does not run a module' };
  }
}

export const readRuntimeCommand: CommandReader = (argv) => {
  if (argv[0] === 'wasmtime') return readWasmtime(argv);
  if (argv[0] === 'wasmedge') return readWasmedge(argv);
  return undefined;
};
