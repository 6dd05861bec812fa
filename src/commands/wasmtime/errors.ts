/**
 * The exact texts wasmtime v48 prints when something goes wrong, and their exit codes
 * (crates/core/src/error/error.rs, src/commands/run.rs, tests/all/cli_tests.rs). Two families:
 *  - clap usage errors (`error: unexpected argument ...`, exit 2), coloured like clap on a TTY;
 *  - `Error: <outer>` + `Caused by:` chains from wasmtime's error Debug impl (exit 1, trap 134).
 * Pure string builders; run.ts decides which one applies.
 */
import type { UsageError } from './args';

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGABRT: what a trapping guest makes wasmtime exit with on Unix. */
export const EXIT_TRAP = 134;
export const EXIT_INTERRUPTED = 130;

/** clap 4's default styles, applied only when the stream is a terminal. */
export interface Styler {
  error(s: string): string;
  invalid(s: string): string;
  valid(s: string): string;
  literal(s: string): string;
  header(s: string): string;
}

const plain: Styler = { error: (s) => s, invalid: (s) => s, valid: (s) => s, literal: (s) => s, header: (s) => s };
const ansi: Styler = {
  error: (s) => `\x1b[1m\x1b[31m${s}\x1b[0m`,
  invalid: (s) => `\x1b[33m${s}\x1b[0m`,
  valid: (s) => `\x1b[32m${s}\x1b[0m`,
  literal: (s) => `\x1b[1m${s}\x1b[0m`,
  header: (s) => `\x1b[1m\x1b[4m${s}\x1b[0m`,
};
export const styler = (color: boolean): Styler => (color ? ansi : plain);

export function usageLines(explicitRun: boolean, st: Styler = plain): string {
  if (explicitRun) return `${st.header('Usage:')} ${st.literal('wasmtime run')} [OPTIONS] <WASM>...`;
  return `${st.header('Usage:')} ${st.literal('wasmtime')} [OPTIONS] <WASM>...\n       ${st.literal('wasmtime')} <COMMAND>`;
}

const moreInfo = (st: Styler) => `For more information, try '${st.literal('--help')}'.`;

/** clap's rendering of a usage error; always ends with a newline. Exit status is EXIT_USAGE. */
export function formatUsageError(err: UsageError, color = false): string {
  const st = styler(color);
  const e = st.error('error:');
  switch (err.kind) {
    case 'unknown-argument': {
      // wasmtime's <WASM> is a trailing var-arg, so clap always adds the `--` tip, after any suggestion.
      const tips = [
        ...(err.suggestion ? [`  ${st.valid('tip:')} a similar argument exists: '${st.valid(err.suggestion)}'`] : []),
        `  ${st.valid('tip:')} to pass '${st.valid(err.arg)}' as a value, use '${st.valid(`-- ${err.arg}`)}'`,
      ];
      const usage = err.used?.length
        ? `${st.header('Usage:')} ${st.literal(err.explicitRun ? 'wasmtime run' : 'wasmtime')} ${err.used.join(' ')} <WASM>...`
        : usageLines(err.explicitRun, st);
      return `${e} unexpected argument '${st.invalid(err.arg)}' found\n\n${tips.join('\n')}\n\n${usage}\n\n${moreInfo(st)}\n`;
    }
    case 'missing-value':
      return `${e} a value is required for '${st.invalid(err.arg)}' but none was supplied\n\n${moreInfo(st)}\n`;
    case 'invalid-value':
      return `${e} invalid value '${st.invalid(err.value)}' for '${st.literal(err.arg)}': ${err.message}\n\n${moreInfo(st)}\n`;
    case 'raw':
      return `${e} ${err.message}\n`;
    case 'missing-module':
      return `${e} the following required arguments were not provided:\n  ${st.valid('<WASM>...')}\n\n${usageLines(err.explicitRun, st)}\n\n${moreInfo(st)}\n`;
    case 'unrecognized-subcommand':
      return `${e} unrecognized subcommand '${st.invalid(err.name)}'\n\n${usageLines(false, st)}\n\n${moreInfo(st)}\n`;
  }
}

/**
 * wasmtime's (anyhow-compatible) Debug rendering of an error chain: one cause is indented by four
 * spaces; several are numbered `{i:>5}: `, and continuation lines of a cause get 7 more spaces.
 */
export function errorChain(outer: string, causes: string[] = []): string {
  let out = `Error: ${outer}\n`;
  if (causes.length === 0) return out;
  out += '\nCaused by:\n';
  if (causes.length === 1) {
    out += causes[0]!
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    return out + '\n';
  }
  causes.forEach((cause, i) => {
    const [head, ...rest] = cause.split('\n');
    out += `${String(i).padStart(5)}: ${head}\n`;
    for (const line of rest) out += `       ${line}\n`;
  });
  return out;
}

/** Rust's `{:?}` of a string or path: double quotes, with `"`, `\` and control characters escaped. */
export function rustDebugString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

/** v31+: `Error: failed to open wasm module "app.wasm"` + the OS error. */
export function missingModuleError(path: string, cause = 'No such file or directory (os error 2)'): string {
  return errorChain(`failed to open wasm module ${rustDebugString(path)}`, [cause]);
}

/** A `\0asm` file the parser rejects. `offset` is where decoding stopped. */
export function parseWasmError(detail: string, offset: number): string {
  return errorChain('failed to parse WebAssembly module', [
    `Invalid input WebAssembly code at offset ${offset}: ${detail}`,
  ]);
}

/** Neither `\0asm` nor UTF-8: wasmtime tried to read it as WAT text. */
export function notUtf8Error(path: string): string {
  return errorChain(`failed to parse \`${path}\`: input bytes aren't valid utf-8`);
}

/** `--dir` whose host directory cannot be opened: the bare io error, no context (p2 path, v15–v48). */
export function hostDirError(kind: 'missing' | 'not-dir'): string {
  return errorChain(kind === 'missing' ? 'No such file or directory (os error 2)' : 'Not a directory (os error 20)');
}

export function unknownImportError(path: string, module: string, name: string): string {
  return errorChain(`failed to run main module \`${path}\``, [
    `failed to instantiate ${rustDebugString(path)}`,
    `unknown import: \`${module}::${name}\` has not been defined`,
  ]);
}

export function missingExportError(path: string, name: string): string {
  return errorChain(`failed to run main module \`${path}\``, [`no func export named \`${name}\` found`]);
}

/** Any other failure inside "running the main module" (e.g. `not enough arguments for `add``). */
export function mainModuleError(path: string, cause: string): string {
  return errorChain(`failed to run main module \`${path}\``, [cause]);
}

/** A trap's full block, e.g. `wasm trap: wasm `unreachable` instruction executed` with its backtrace. */
export function trapError(path: string, message: string, backtrace: string[], invoke?: string): string {
  const trap = message.startsWith('wasm trap: ') ? message : `wasm trap: ${message}`;
  const where = invoke === undefined ? 'failed to invoke command default' : `failed to invoke \`${invoke}\``;
  const causes = [where];
  if (backtrace.length > 0) causes.push(['error while executing at wasm backtrace:', ...backtrace].join('\n'));
  causes.push(trap);
  return errorChain(`failed to run main module \`${path}\``, causes);
}

/** p1 `proc_exit(n)` with n ≥ 126: wasmtime refuses the status and exits 1. */
export function invalidExitStatusError(path: string): string {
  return errorChain(`failed to run main module \`${path}\``, [
    'failed to invoke command default',
    'exit with invalid exit status outside of [0..126)',
  ]);
}

export const INVOKE_PARAMS_WARNING =
  'warning: using `--invoke` with a function that takes arguments is experimental and may break in the future\n';
export const INVOKE_RESULTS_WARNING =
  'warning: using `--invoke` with a function that returns values is experimental and may break in the future\n';

export const PRECOMPILED_ERROR = errorChain('running a precompiled module requires the `--allow-precompiled` flag');
