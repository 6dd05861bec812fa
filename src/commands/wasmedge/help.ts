/**
 * `wasmedge --help` / `--version`. WasmEdge prints USAGE / SUBCOMMANDS / OPTIONS sections with
 * tab-indented entries to stdout (reference §9); descriptions are our paraphrases.
 */
import type { FlagSpec, SubcommandSpec } from '../../shell/types';

export const WASMEDGE_VERSION = '0.17.1';

/** `<argv[0]> version <ver>`, then one line per loaded plugin (the built-in logging plugin has no path). */
export const EDGE_VERSION_TEXT = `wasmedge version ${WASMEDGE_VERSION}\n (plugin "wasi_logging") version 0.1.0.0\n`;

export const EDGE_SUBCOMMANDS: SubcommandSpec[] = [
  { name: 'compile', summary: 'Ahead-of-time compile a WebAssembly file to native code' },
  { name: 'run', summary: 'Run a WebAssembly file (the default when no subcommand is given)' },
  { name: 'parse', summary: 'Parse a WebAssembly file' },
  { name: 'validate', summary: 'Validate a WebAssembly file' },
  { name: 'instantiate', summary: 'Instantiate a WebAssembly file' },
];

export const EDGE_FLAGS: FlagSpec[] = [
  { name: '--help', description: 'Show this help message' },
  { name: '--version', description: 'Show version information' },
  { name: '--reactor', description: 'Reactor mode: call `_initialize` if exported, then the function named after the file' },
  { name: '--dir', value: 'GUEST:HOST[:readonly]', description: 'Bind a host directory into the WASI filesystem (guest path first; `:readonly` forbids writes)' },
  { name: '--env', value: 'NAME=VALUE', description: 'Set an environment variable for the guest' },
  { name: '--time-limit', value: 'MS', description: 'Stop execution after this many milliseconds' },
  { name: '--gas-limit', value: 'N', description: 'Stop execution when this much gas is used' },
  { name: '--memory-page-limit', value: 'N', description: 'Limit each memory to N 64 KiB pages' },
  { name: '--enable-component', description: 'Enable the component model (not available in the Dojo)' },
  { name: '--run-mode', value: 'MODE', description: 'interpreter, jit, aot or lazyjit' },
  { name: '--log-level', value: 'LEVEL', description: 'off, trace, debug, info, warning, error or fatal' },
  { name: '--enable-all-statistics', description: 'Print instruction, gas and time statistics' },
  { name: '--allow-af-unix', description: 'Allow AF_UNIX sockets' },
];

/**
 * The layout of lib/po's help(): yellow section titles, green option names, descriptions indented
 * by two tabs. (Real WasmEdge emits the colours even into a pipe; we colour only on a terminal.)
 */
export function edgeHelp(color: boolean): string {
  const y = (s: string) => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const g = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
  let out = `${y('USAGE')}\n\twasmedge [SUBCOMMANDS] [OPTIONS] [--] WASM_OR_SO [ARG ...]\n\n${y('SUBCOMMANDS')}\n`;
  for (const s of EDGE_SUBCOMMANDS) out += `\t${g(s.name)}\n\t\t${s.summary}\n`;
  out += `\n${y('OPTIONS')}\n`;
  out += `\t${g('-h|--help')}\n\t\tShow this help messages\n\t${g('-v|--version')}\n\t\tShow version information\n`;
  for (const f of EDGE_FLAGS.slice(2)) out += `\t${g(f.name)}\n\t\t${f.description}\n`;
  return out + '\n(Wasm Dojo: modules run in a browser sandbox; AOT compilation and plugins are not available.)\n';
}
