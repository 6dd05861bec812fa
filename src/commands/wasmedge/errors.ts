/**
 * WasmEdge's failure output: spdlog lines `[YYYY-MM-DD HH:MM:SS.mmm] [error] <text>`, the main line
 * `<phase> failed: <message>, Code: 0x<hex>` followed by indented detail lines, each its own log
 * line. Codes and messages are those of `include/common/enum.inc` (0.14+ numbering).
 */
import { paint, SGR, sgr, style } from '../../lib/ansi';

export const EDGE_EXIT_FAILURE = 1;
/** Any aborted execution (trap, cost limit, interrupt): 128 + SIGABRT. */
export const EDGE_EXIT_ABORT = 134;

/** ErrCode::getErrCodePhase: the phase is the code's high byte (enum.inc `UseWasmPhase`). */
const PHASES = ['wasmedge runtime', 'loading', 'validation', 'instantiation', 'execution', 'user defined'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function timestamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** One spdlog line; the level is coloured (red bold for error) only on a terminal, like spdlog's colour sink. */
export function logLine(level: 'error' | 'warning' | 'info', text: string, color: boolean, now: Date = new Date()): string {
  // spdlog's colour sink: colour then bold, and the short reset ESC[m.
  const colors = { error: style('red', 'bold'), warning: style('yellow', 'bold'), info: SGR.green };
  const lvl = paint(colors[level], level, color, sgr());
  return `[${timestamp(now)}] [${lvl}] ${text}\n`;
}

export function failureLines(message: string, code: number, details: string[] = []): string[] {
  const phase = PHASES[(code >> 8) & 0xf] ?? 'user defined';
  return [`${phase} failed: ${message}, Code: 0x${code.toString(16).padStart(3, '0')}`, ...details.map((d) => `    ${d}`)];
}

/** spdlog's levels, lowest first; WasmEdge maps `fatal` to spdlog's critical. */
const LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'fatal', 'off'];

/**
 * Whether a line at `level` is printed under `--log-level configured` (default info; WasmEdge
 * leaves the level alone for a value it does not know).
 */
export function logLevelShows(level: 'error' | 'warning' | 'info', configured: string | undefined): boolean {
  const at = LEVELS.indexOf(configured ?? 'info');
  return LEVELS.indexOf(level) >= (at < 0 ? LEVELS.indexOf('info') : at);
}

/** Renders several log lines with one timestamp (they are logged within the same millisecond). */
export function logLines(lines: string[], color: boolean, now: Date = new Date()): string {
  return lines.map((l) => logLine('error', l, color, now)).join('');
}

export const fileNameDetail = (absPath: string) => `File name: ${JSON.stringify(absPath)}`;

export function missingFileLines(absPath: string): string[] {
  return failureLines('invalid path', 0x100, [fileNameDetail(absPath)]);
}

export function badMagicLines(absPath: string): string[] {
  return failureLines('magic header not detected', 0x103, ['Bytecode offset: 0x00000000', 'At AST node: component', fileNameDetail(absPath)]);
}

export function badVersionLines(absPath: string): string[] {
  return failureLines('unknown binary version', 0x104, ['Bytecode offset: 0x00000004', 'At AST node: module', fileNameDetail(absPath)]);
}

export function unknownImportLines(module: string, name: string): string[] {
  return failureLines('unknown import', 0x302, [`When linking module: "${module}" , function name: "${name}"`]);
}

/** wasmtime-worded trap text (what the engine reports) → WasmEdge's error code and message. */
const TRAPS: Array<[RegExp, string, number]> = [
  [/unreachable/, 'unreachable', 0x40a],
  [/out of bounds memory access/, 'out of bounds memory access', 0x408],
  [/integer divide by zero/, 'integer divide by zero', 0x404],
  [/integer overflow/, 'integer overflow', 0x405],
  [/invalid conversion to integer/, 'invalid conversion to integer', 0x406],
  [/undefined element|out of bounds table access/, 'undefined element', 0x40c],
  [/uninitialized element/, 'uninitialized element', 0x40b],
  [/indirect call type mismatch/, 'indirect call type mismatch', 0x40d],
  [/unaligned atomic/, 'unaligned atomic', 0x410],
  [/null reference/, 'null reference', 0x412],
  [/all fuel consumed/, 'cost limit exceeded', 0x3],
  [/^interrupt$/, 'execution interrupted', 0x7],
];

/**
 * `execution failed: unreachable, Code: 0x40a` plus where it happened. `offset` comes from the
 * innermost backtrace frame; the instruction line is only known for `unreachable`.
 */
export function trapLines(trapMessage: string, functionName: string, offset?: number): string[] {
  const msg = trapMessage.replace(/^wasm trap: /, '');
  const hit = TRAPS.find(([re]) => re.test(msg));
  // A trap wasmtime names but WasmEdge has no code for (e.g. stack exhaustion) is a generic runtime error.
  const [text, code] = hit ? [hit[1], hit[2]] : ['generic runtime error', 0x2];
  const details: string[] = [];
  if (offset !== undefined && code === 0x40a)
    details.push(`In instruction: unreachable (0x00) , Bytecode offset: 0x${offset.toString(16).padStart(8, '0')}`);
  details.push(`When executing function name: "${functionName}"`);
  return failureLines(text, code, details);
}

/** The offset of the innermost frame of an engine backtrace line like `    0:     0x5d - trap!f`. */
export function innermostOffset(backtrace: string[]): number | undefined {
  const m = /:\s+0x([0-9a-f]+) - /.exec(backtrace[0] ?? '');
  return m ? parseInt(m[1]!, 16) : undefined;
}
