/**
 * The exact texts wasmtime v48 prints when something goes wrong, and their exit codes
 * (crates/core/src/error/error.rs, src/commands/run.rs, tests/all/cli_tests.rs). Two families:
 *  - clap usage errors (`error: unexpected argument ...`, exit 2), coloured like clap on a TTY;
 *  - `Error: <outer>` + `Caused by:` chains from wasmtime's error Debug impl (exit 1, trap 134).
 * Pure string builders; run.ts decides which one applies.
 */
import type { UsageError } from './args';
import { type Styler, styler } from '../cli/clap';

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGABRT: what a trapping guest makes wasmtime exit with on Unix. */
export const EXIT_TRAP = 134;
export const EXIT_INTERRUPTED = 130;

const plain = styler(false);

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
 * What wasmtime prints for an error that ends the run: `eprintln!("Error: {e:?}")` (its `main`
 * returns `wasmtime::Result`, and traps are printed the same way before exiting 134), with the
 * Debug rendering of wasmtime's own error type (wasmtime-internal-core, `impl Debug for Error`):
 * the outer message; then, when there are causes, a blank line, `Caused by:`, and each cause on
 * its own line — indented by four spaces when there is one, numbered `{i:>5}: ` when there are
 * several. Unlike anyhow, later lines of a multi-line cause (a wasm backtrace) are not indented.
 * Every cause ends with a newline, and eprintln adds one more, so a chain ends with a blank line.
 */
export function errorChain(outer: string, causes: string[] = []): string {
  let out = `Error: ${outer}`;
  if (causes.length > 0) {
    out += '\n\nCaused by:\n';
    causes.forEach((cause, i) => {
      out += `${causes.length > 1 ? `${String(i).padStart(5)}: ` : '    '}${cause}\n`;
    });
  }
  return out + '\n';
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
  return errorChain('failed to parse WebAssembly module', [`Invalid input WebAssembly code at offset ${offset}: ${detail}`]);
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

/** wasmtime's `WasmBacktrace` as a cause of the chain (none when no wasm frame was captured). */
function backtraceCause(backtrace: string[]): string[] {
  return backtrace.length > 0 ? [['error while executing at wasm backtrace:', ...backtrace].join('\n')] : [];
}

/** A trap's full block, e.g. `wasm trap: wasm `unreachable` instruction executed` with its backtrace. */
export function trapError(path: string, message: string, backtrace: string[], invoke?: string): string {
  const trap = message.startsWith('wasm trap: ') ? message : `wasm trap: ${message}`;
  const where = invoke === undefined ? 'failed to invoke command default' : `failed to invoke \`${invoke}\``;
  return errorChain(`failed to run main module \`${path}\``, [where, ...backtraceCause(backtrace), trap]);
}

/**
 * p1 `proc_exit(n)` with n ≥ 126: wasmtime refuses the status and exits 1. The refusal is a host
 * error raised while wasm runs, so, like a trap, it carries the wasm backtrace of the call
 * (wasmtime's `from_runtime_box` adds it as context to host errors too).
 */
export function invalidExitStatusError(path: string, backtrace: string[] = []): string {
  return errorChain(`failed to run main module \`${path}\``, [
    'failed to invoke command default',
    ...backtraceCause(backtrace),
    'exit with invalid exit status outside of [0..126)',
  ]);
}

export const INVOKE_PARAMS_WARNING = 'warning: using `--invoke` with a function that takes arguments is experimental and may break in the future\n';
export const INVOKE_RESULTS_WARNING = 'warning: using `--invoke` with a function that returns values is experimental and may break in the future\n';

export const PRECOMPILED_ERROR = errorChain('running a precompiled module requires the `--allow-precompiled` flag');

/**
 * wabt's `file.wat:3:5: error: unexpected token...` rewritten in the layout of the `wat` crate that
 * wasmtime uses (message, then `--> file:line:col` and the offending source line with a caret).
 * The message wording stays wabt's: the two parsers phrase errors differently.
 */
export function formatWatDiagnostic(message: string, text: string, file: string): string {
  const m = /^(.*?):(\d+):(\d+): error: (.*)$/m.exec(message);
  if (!m) return message.split('\n')[0] ?? message;
  const line = Number(m[2]);
  const col = Number(m[3]);
  const src = text.split('\n')[line - 1] ?? '';
  const gutter = ' '.repeat(String(line).length);
  return [
    m[4]!,
    `${gutter}    --> ${file}:${line}:${col}`,
    `${gutter}     |`,
    `${String(line).padStart(gutter.length + 4)} | ${src}`,
    `${gutter}     | ${' '.repeat(Math.max(0, col - 1))}^`,
  ].join('\n');
}
