/**
 * `wasmedge --help` / `--version`. WasmEdge prints USAGE / SUBCOMMANDS / OPTIONS sections with
 * tab-indented entries to stdout (WasmEdge 0.17's lib/po/argument_parser.cpp); descriptions are our paraphrases.
 */
import type { FlagSpec, SubcommandSpec } from '../../shell/types';
import { SGR } from '../../lib/ansi';

export const WASMEDGE_VERSION = '0.17.1';

/** `<argv[0]> version <ver>`, then one line per loaded plugin (the built-in logging plugin has no path). */
export const EDGE_VERSION_TEXT = `wasmedge version ${WASMEDGE_VERSION}\n (plugin "wasi_logging") version 0.1.0.0\n`;

/** uniTool.cpp's subcommands, in registration order, with their descriptions. */
export const EDGE_SUBCOMMANDS: SubcommandSpec[] = [
  { name: 'compile', summary: 'Wasmedge compiler subcommand' },
  { name: 'run', summary: 'Wasmedge runtime tool subcommand' },
  { name: 'parse', summary: 'Wasmedge parse tool subcommand' },
  { name: 'instantiate', summary: 'Wasmedge instantiate tool subcommand' },
  { name: 'validate', summary: 'Wasmedge validate tool subcommand' },
];

export interface EdgeOption {
  name: string;
  /** Takes a value (`--dir X`); otherwise a toggle. */
  takesValue: boolean;
  description: string;
}

const t = (name: string, description: string): EdgeOption => ({ name, takesValue: false, description });
const v = (name: string, description: string): EdgeOption => ({ name, takesValue: true, description });

/**
 * Every option of `wasmedge [run]` in the order DriverToolOptions::addOptions registers them
 * (include/driver/tool.h and options.h, WasmEdge HEAD d516c5d6; no plugins loaded), with WasmEdge's
 * own descriptions. The parser and `--help` both read this table.
 */
export const EDGE_OPTIONS: EdgeOption[] = [
  v('log-level', 'Set logging level. Valid values: off, trace, debug, info, warning, error, fatal. Default is info.'),
  v('forbidden-plugin', 'List of plugins to ignore.'),
  t('wasm-1', 'Set as WASM 1.0 standard.'),
  t('wasm-2', 'Set as WASM 2.0 standard.'),
  t('wasm-3', 'Set as WASM 3.0 standard (default).'),
  t('disable-import-export-mut-globals', 'Disable Import/Export of mutable globals proposal'),
  t('disable-non-trap-float-to-int', 'Disable Non-trapping float-to-int conversions proposal'),
  t('disable-sign-extension-operators', 'Disable Sign-extension operators proposal'),
  t('disable-multi-value', 'Disable Multi-value proposal'),
  t('disable-bulk-memory', 'Disable Bulk memory operations proposal'),
  t('disable-reference-types', 'Disable Reference types proposal'),
  t('disable-simd', 'Disable SIMD proposal'),
  t('disable-tail-call', 'Disable Tail-call proposal'),
  t('disable-extended-const', 'Disable Extended-const proposal'),
  t('disable-function-reference', 'Disable Function Reference proposal'),
  t('disable-gc', 'Disable GC proposal'),
  t('disable-multi-memory', 'Disable Multiple memories proposal'),
  t('disable-relaxed-simd', 'Disable Relaxed SIMD proposal'),
  t('disable-exception-handling', 'Disable Exception handling proposal'),
  t('disable-memory64', 'Disable Memory64 proposal'),
  t('enable-threads', 'Enable Threads proposal'),
  t('enable-all', 'Enable all features'),
  t('enable-component', 'Enable Component Model proposal, this is experimental'),
  v(
    'dir',
    'Binding directories into WASI virtual filesystem. Each directory can be specified as --dir `host_path`. You can also map a guest directory to a host directory by --dir `guest_path:host_path`, where `guest_path` specifies the path that will correspond to `host_path` for calls like `fopen` in the guest. The default permission is `readwrite`, however, you can use --dir `guest_path:host_path:readonly` to make the mapping directory become a read only mode.',
  ),
  v('env', 'Environ variables. Each variable can be specified as --env `NAME=VALUE`.'),
  v(
    'module',
    'Register additional WASM modules for linking. Each module can be specified as --module `name:path`, where `name` is the module name to export and `path` is the WASM file path.',
  ),
  v(
    'memory-page-limit',
    'Limitation of pages(as size of 64 KiB) in every memory instance. Upper bound can be specified as --memory-page-limit `PAGE_COUNT`.',
  ),
  t('enable-instruction-count', 'Enable generating code for counting Wasm instructions executed.'),
  t('enable-gas-measuring', 'Enable generating code for counting gas burned during execution.'),
  t('enable-time-measuring', 'Enable generating code for counting time during execution.'),
  t('enable-all-statistics', 'Enable generating code for all statistics options include instruction counting, gas measuring, and execution time'),
  t('enable-jit', 'Enable Just-In-Time compiler for running WASM'),
  t('enable-coredump', 'Enable coredump when WebAssembly enters a trap'),
  t('coredump-for-wasmgdb', 'Enable coredump for wasm-gdb to debug'),
  t('force-interpreter', 'Forcibly run WASM in interpreter mode.'),
  v('run-mode', 'Set execution mode. Valid values: interpreter, jit, aot, lazyjit. Default is interpreter.'),
  t('allow-af-unix', 'Enable UNIX domain sockets'),
  v('time-limit', 'Limitation of maximum time(in milliseconds) for execution, default value is 0 for no limitations'),
  v('gas-limit', 'Limitation of execution gas. Upper bound can be specified as --gas-limit `GAS_LIMIT`.'),
  t('reactor', 'Enable reactor mode. Reactor mode calls `_initialize` if exported.'),
];

/** Tab-completion specs. */
export const EDGE_FLAGS: FlagSpec[] = [
  { name: '--help', description: 'Show this help messages' },
  { name: '--version', description: 'Show version information' },
  ...EDGE_OPTIONS.map((o) => ({ name: `--${o.name}`, description: o.description, ...(o.takesValue ? { value: o.name.toUpperCase() } : {}) })),
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
 * lib/po's help() byte for byte, including its quirk of printing each option's names on the line
 * after a lone tab. Real WasmEdge emits the colour codes even into a pipe; we colour only on a terminal.
 */
export function edgeHelp(color: boolean): string {
  const Y = color ? SGR.yellow : '';
  const G = color ? SGR.green : '';
  const R = color ? SGR.reset : '';
  let out = `${Y}USAGE${R}\n\twasmedge [SUBCOMMANDS] [OPTIONS] [--] WASM_OR_SO [ARG ...]\n\n`;
  out += `${Y}SUBCOMMANDS${R}\n`;
  for (const s of EDGE_SUBCOMMANDS) out += `\t${G}${s.name}${R}\n${wrap(s.summary)}\n`;
  out += `\n${Y}OPTIONS${R}\n`;
  const option = (names: string, description: string) => `\t${G}\n${names}${R}\n${wrap(description)}\n`;
  out += option('-h|--help', 'Show this help messages');
  out += option('-v|--version', 'Show version information');
  for (const o of EDGE_OPTIONS) out += option(`--${o.name}`, o.description);
  return out;
}
