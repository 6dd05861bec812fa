/**
 * Turns a JS engine's trap (a WebAssembly.RuntimeError or a stack overflow RangeError) into what
 * wasmtime prints: its trap message (crates/environ/src/trap_encoding.rs wording, without the
 * "wasm trap: " prefix the CLI adds) and its backtrace frame lines.
 */
import type { ModuleInfo } from './module-info';

/** V8 / SpiderMonkey / JSC message fragments → wasmtime's trap text. Order matters: first match wins. */
const TRAP_MESSAGES: Array<[RegExp, string]> = [
  [/unreachable/i, 'wasm `unreachable` instruction executed'],
  [/memory access out of bounds|out of bounds memory access|data segment out of bounds|index out of bounds.*memory/i, 'out of bounds memory access'],
  [/divide by zero|remainder by zero|division by zero/i, 'integer divide by zero'],
  [/divide result unrepresentable|integer overflow|integer result unrepresentable/i, 'integer overflow'],
  [/float unrepresentable|invalid conversion to integer|unrepresentable in integer range/i, 'invalid conversion to integer'],
  [/maximum call stack|too much recursion|call stack exhausted|stack overflow/i, 'call stack exhausted'],
  // V8 reports a null entry and a wrong signature with one message; wasmtime's mismatch text fits both best.
  [/signature mismatch|indirect call type mismatch|function signature/i, 'indirect call type mismatch'],
  [
    /table index is out of bounds|out of bounds table access|element segment out of bounds|invalid index into function table/i,
    'undefined element: out of bounds table access',
  ],
  [/array element access out of bounds/i, 'out of bounds array access'],
  [/illegal cast/i, 'cast failure'],
  [/uninitialized element/i, 'uninitialized element'],
  [/unaligned/i, 'unaligned atomic'],
  [/null/i, 'null reference'],
];

export function isTrapError(err: unknown): err is Error {
  if (err instanceof WebAssembly.RuntimeError) return true;
  return err instanceof RangeError && /call stack/i.test(err.message);
}

export function wasmtimeTrapMessage(err: Error): string {
  for (const [re, text] of TRAP_MESSAGES) if (re.test(err.message)) return text;
  return err.message;
}

export interface WasmFrame {
  funcIndex: number;
  offset: number;
}

/**
 * Wasm frames from a V8 stack, innermost first. V8 writes them as
 * `at name (wasm://wasm/8c5e2a0e:wasm-function[3]:0x5b)` or `at wasm://wasm/8c5e2a0e:wasm-function[3]:0x5b`;
 * the offset is module-relative, which is exactly what wasmtime prints.
 */
export function parseWasmFrames(stack: string | undefined): WasmFrame[] {
  if (!stack) return [];
  const frames: WasmFrame[] = [];
  const re = /wasm-function\[(\d+)\]:(0x[0-9a-f]+)/gi;
  for (const m of stack.matchAll(re)) frames.push({ funcIndex: Number(m[1]), offset: Number(m[2]) });
  return frames;
}

/**
 * Rust's legacy mangling (`_ZN4core9panicking5panic17h0123456789abcdefE`) → `core::panicking::panic`,
 * as wasmtime shows it (it demangles; the hash suffix is dropped by rustc-demangle's alternate form).
 */
export function demangle(name: string): string {
  const m = /^_?_ZN(.*?)E(?:\.llvm\.[0-9a-f.]+)?$/.exec(name);
  if (!m) return name;
  const body = m[1]!;
  const parts: string[] = [];
  let i = 0;
  while (i < body.length) {
    let len = 0;
    while (i < body.length && body[i]! >= '0' && body[i]! <= '9') len = len * 10 + Number(body[i++]);
    if (len === 0) return name;
    parts.push(body.slice(i, i + len));
    i += len;
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1]!)) parts.pop();
  const unescape = (s: string) =>
    s
      .replace(/^_\$/, '$')
      .replace(/\$LT\$/g, '<')
      .replace(/\$GT\$/g, '>')
      .replace(/\$u20\$/g, ' ')
      .replace(/\$u7b\$/g, '{')
      .replace(/\$u7d\$/g, '}')
      .replace(/\$RF\$/g, '&')
      .replace(/\$LP\$/g, '(')
      .replace(/\$RP\$/g, ')')
      .replace(/\$C\$/g, ',')
      .replace(/\$BP\$/g, '*')
      .replace(/\.\./g, '::');
  return parts.map(unescape).join('::');
}

/**
 * wasmtime's frame line: `  {i:>3}: {offset:#8x} - {module}!{func}`. `codeOffsetShift`: how far a
 * rewrite of the module moved its code section; offsets are given in the file as the learner has it.
 */
export function formatBacktrace(frames: WasmFrame[], info: ModuleInfo, codeOffsetShift = 0): string[] {
  const moduleName = info.moduleName ?? '<unknown>';
  return frames.map((f, i) => {
    const name = info.funcNames.get(f.funcIndex);
    const func = name !== undefined ? demangle(name) : `<wasm function ${f.funcIndex}>`;
    const offset = `0x${Math.max(0, f.offset - codeOffsetShift).toString(16)}`.padStart(8, ' ');
    return `  ${String(i).padStart(3, ' ')}: ${offset} - ${moduleName}!${func}`;
  });
}
