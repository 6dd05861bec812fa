/**
 * `wasmtime --help`, `-h`, `wasmtime help run`, `--version`. The layout follows clap 4 as wasmtime
 * v48 builds it (src/bin/wasmtime.rs, clap 4.5); option descriptions are short paraphrases. What the Dojo does not
 * really do (native compilation, serving) is said in the subcommand stubs, not here, so the help
 * text keeps the real tool's shape.
 */
import type { FlagSpec, SubcommandSpec } from '../../shell/types';

export const WASMTIME_VERSION = '48.0.0';
/**
 * Released binaries are built from git, so build.rs adds `(<9-hex commit> <commit date>)` (wasmtime's build.rs);
 * only builds without git metadata print the bare version. v48.0.0's tag is commit f1412a598f (2026-08-20),
 * read from bytecodealliance/wasmtime (the same lookup gives v47.0.2 → 90fed3c6a 2026-07-21, the reference's example).
 */
export const WASMTIME_COMMIT = 'f1412a598';
export const WASMTIME_COMMIT_DATE = '2026-08-20';
export const VERSION_TEXT = `wasmtime ${WASMTIME_VERSION} (${WASMTIME_COMMIT} ${WASMTIME_COMMIT_DATE})\n`;

/** clap's command list: doc-comment summaries from src/bin/wasmtime.rs (trailing period dropped, as clap does). */
export const SUBCOMMAND_SUMMARIES: Array<[string, string]> = [
  ['run', 'Runs a WebAssembly module'],
  ['config', 'Controls Wasmtime configuration settings'],
  ['compile', 'Compiles a WebAssembly module'],
  ['explore', 'Explore the compilation of a WebAssembly module to native code'],
  ['serve', 'Serves requests from a wasi-http proxy component'],
  ['settings', 'Displays available Cranelift settings for a target'],
  ['wast', 'Runs a WebAssembly test script file'],
  ['completion', 'Generate shell completions for the `wasmtime` CLI'],
  ['objdump', 'Inspect `*.cwasm` files output from Wasmtime'],
  ['hot-blocks', "Profile a Wasm module's execution and print the hottest basic blocks"],
  ['wizer', ''],
  ['help', 'Print this message or the help of the given subcommand(s)'],
];

const group = (short: string, long: string, text: string): FlagSpec[] => [
  { name: `-${short}`, value: 'KEY[=VAL[,..]]', description: text },
  { name: `--${long}`, value: 'KEY[=VAL[,..]]', description: text },
];

/**
 * The `run` options in clap's order (CommonOptions, RunCommon, RunCommand) with the first paragraph
 * of each doc comment, which is what `-h` shows; also the Tab-completion specs.
 */
export const RUN_FLAGS: FlagSpec[] = [
  ...group('O', 'optimize', 'Optimization and tuning related options for wasm performance, `-O help` to see all'),
  ...group('C', 'codegen', 'Codegen-related configuration options, `-C help` to see all'),
  ...group('D', 'debug', 'Debug-related configuration options, `-D help` to see all'),
  ...group('W', 'wasm', 'Options for configuring semantic execution of WebAssembly, `-W help` to see all'),
  ...group('S', 'wasi', 'Options for configuring WASI and its proposals, `-S help` to see all'),
  ...group('R', 'record', 'Options to enable and configure execution recording, `-R help` to see all'),
  { name: '--target', value: 'TARGET', description: 'The target triple; default is the host triple' },
  {
    name: '--config',
    value: 'FILE',
    description:
      'Use the specified TOML configuration file. This TOML configuration file can provide same configuration options as the `--optimize`, `--codegen`, `--debug`, `--wasm`, `--wasi` CLI options, with a couple exceptions',
  },
  { name: '--allow-precompiled', description: 'Allow executing precompiled WebAssembly modules as `*.cwasm` files' },
  { name: '--profile', value: 'STRATEGY', description: 'Profiling strategy (valid options are: perfmap, jitdump, vtune, guest)' },
  { name: '--dir', value: 'HOST_DIR[::GUEST_DIR]', description: 'Grant access of a host directory to a guest' },
  { name: '--env', value: 'NAME[=VAL]', description: 'Pass an environment variable to the program' },
  {
    name: '-g',
    value: '[ADDR:]PORT',
    description:
      'Attach the built-in gdbstub debugger component, listening on the given TCP address. Accepts a port number (e.g. `1234`) or a full `address:port`. A bare port number will bind on localhost only (`127.0.0.1`). A debugger (e.g. LLDB) can then connect via `process connect --plugin=wasm connect://<ADDR>:<PORT>`',
  },
  {
    name: '--gdbstub',
    value: '[ADDR:]PORT',
    description:
      'Attach the built-in gdbstub debugger component, listening on the given TCP address. Accepts a port number (e.g. `1234`) or a full `address:port`. A bare port number will bind on localhost only (`127.0.0.1`). A debugger (e.g. LLDB) can then connect via `process connect --plugin=wasm connect://<ADDR>:<PORT>`',
  },
  { name: '--invoke', value: 'FUNCTION', description: 'The the function to run' },
  { name: '--preload', value: 'NAME=MODULE_PATH', description: 'Load the given WebAssembly module before the main module' },
  {
    name: '--argv0',
    value: 'ARGV0',
    description: 'Override the value of `argv[0]`, typically the name of the executable of the application being run',
  },
  { name: '-h', description: "Print help (see more with '--help')" },
  { name: '--help', description: "Print help (see more with '--help')" },
];

export const TOP_FLAGS: FlagSpec[] = [
  ...RUN_FLAGS,
  { name: '-V', description: 'Print version' },
  { name: '--version', description: 'Print version' },
];

export const SUBCOMMAND_SPECS: SubcommandSpec[] = SUBCOMMAND_SUMMARIES.map(([name, summary]) => ({
  name,
  summary,
  ...(name === 'run' ? { flags: RUN_FLAGS } : {}),
  ...(name === 'help' ? { subcommands: SUBCOMMAND_SUMMARIES.filter(([n]) => n !== 'help').map(([n, s]) => ({ name: n, summary: s })) } : {}),
}));

/** Pairs `-X` and `--xxx` aliases into clap's `-X, --xxx <VALUE>` column. */
function optionRows(flags: FlagSpec[]): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    const next = flags[i + 1];
    const value = f.value ? ` <${f.value}>` : '';
    if (f.name.length === 2 && next && next.name.startsWith('--') && next.description === f.description) {
      rows.push([`${f.name}, ${next.name}${value}`, f.description]);
      i++;
    } else rows.push([`    ${f.name}${value}`, f.description]);
  }
  return rows;
}

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => (r ? `  ${l.padEnd(width)}  ${r}` : `  ${l}`)).join('\n');
}

const AFTER_HELP = `If a subcommand is not provided, the \`run\` subcommand will be used.

Usage examples:

Running a WebAssembly module with a start function:

  wasmtime example.wasm

Passing command line arguments to a WebAssembly module:

  wasmtime example.wasm arg1 arg2 arg3

Invoking a specific function (e.g. \`add\`) in a WebAssembly module:

  wasmtime --invoke add example.wasm 1 2`;

export function mainHelp(): string {
  return `Wasmtime WebAssembly Runtime

Usage: wasmtime [OPTIONS] <WASM>...
       wasmtime <COMMAND>

Commands:
${table(SUBCOMMAND_SUMMARIES)}

Arguments:
  <WASM>...  The WebAssembly module to run and arguments to pass to it

Options:
${table(optionRows(TOP_FLAGS))}

${AFTER_HELP}
`;
}

export function runHelp(): string {
  return `Runs a WebAssembly module

Usage: wasmtime run [OPTIONS] <WASM>...

Arguments:
  <WASM>...  The WebAssembly module to run and arguments to pass to it

Options:
${table(optionRows(RUN_FLAGS))}
`;
}

/** `wasmtime help compile` etc.: the subcommand's one-liner and usage. */
export function subcommandHelp(name: string): string {
  const summary = SUBCOMMAND_SUMMARIES.find(([n]) => n === name)?.[1] ?? '';
  return `${summary}\n\nUsage: wasmtime ${name} [OPTIONS]\n\nOptions:\n  -h, --help  Print help\n`;
}
