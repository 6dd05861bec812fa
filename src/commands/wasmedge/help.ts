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
  { name: '--reactor', description: 'Enable reactor mode. Reactor mode calls `_initialize` if exported.' },
  { name: '--dir', value: 'GUEST:HOST[:readonly]', description: 'Binding directories into WASI virtual filesystem. Each directories can specified as --dir `guest_path:host_path`, where `guest_path` specifies the path that will correspond to `host_path` for calls like `fopen` in the guest. Append `:readonly` to make the mapping read-only.' },
  { name: '--env', value: 'NAME=VALUE', description: 'Environ variables. Each variable can be specified as --env `NAME=VALUE`.' },
  { name: '--time-limit', value: 'TIMEOUT', description: 'Limitation of maximum time(in milliseconds) for execution, default value is 0 for no limitations' },
  { name: '--gas-limit', value: 'GAS_LIMIT', description: 'Limitation of execution gas. Upper bound can be specified as --gas-limit `GAS_LIMIT`.' },
  { name: '--memory-page-limit', value: 'PAGE_COUNT', description: 'Limitation of pages(as size of 64 KiB) in every memory instance. Upper bound can be specified as --memory-page-limit `PAGE_COUNT`.' },
  { name: '--enable-component', description: 'Enable the component model (not available in the Dojo)' },
  { name: '--run-mode', value: 'MODE', description: 'interpreter, jit, aot or lazyjit' },
  { name: '--log-level', value: 'LEVEL', description: 'off, trace, debug, info, warning, error or fatal' },
  { name: '--enable-all-statistics', description: 'Print instruction, gas and time statistics' },
  { name: '--allow-af-unix', description: 'Allow AF_UNIX sockets' },
];

/** lib/po's indent_output: two tabs, lines broken at the last space before 80 - 2 columns. */
function wrap(text: string): string {
  const width = 78;
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1).replace(/^ +/, '');
  }
  if (rest) lines.push(rest);
  return lines.map((l) => `\t\t${l}`).join('\n');
}

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
  for (const f of EDGE_FLAGS.slice(2)) out += `\t${g(f.name)}\n${wrap(f.description)}\n`;
  return out + '\n(Wasm Dojo: modules run in a browser sandbox; AOT compilation and plugins are not available.)\n';
}
