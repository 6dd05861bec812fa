/**
 * How `wasmedge --reactor` prints a function's results: one per line with C++ `std::cout <<`
 * (tools/wasmedge/runtimeTool.cpp), reading i32/i64 as unsigned (`get<uint32_t>()`) and floats with
 * the stream's default format (`%g`, six significant digits). The engine hands results over in
 * wasmtime's wording (src/runtime/invoke.ts); this re-reads those strings, which lose nothing
 * that matters here: i32/i64 are exact, and an f32 is printed shortest-round-trip.
 */
import type { ValType } from '../../runtime/module-info';

/** C's `%g` at precision 6, as glibc prints a double through an ostream. */
export function cppDefaultFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expText] = x.toExponential(5).split('e') as [string, string];
  const exp = Number(expText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return trim(x.toFixed(5 - exp));
}

function parseFloatResult(text: string): number {
  if (text === 'NaN') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

/** One result as WasmEdge prints it, from the engine's (wasmtime-worded) text of it. */
export function wasmedgeResult(type: ValType, text: string): string {
  switch (type) {
    case 'i32':
      return String(Number(text) >>> 0);
    case 'i64':
      return String(BigInt.asUintN(64, BigInt(text)));
    case 'f32':
      return cppDefaultFloat(Math.fround(parseFloatResult(text)));
    case 'f64':
      return cppDefaultFloat(parseFloatResult(text));
    default:
      // runtimeTool.cpp prints nothing for reference types ("TODO: FuncRef and ExternRef").
      return '';
  }
}

export function wasmedgeResultLines(types: readonly ValType[], texts: readonly string[]): string[] {
  const lines: string[] = [];
  texts.forEach((text, i) => {
    const type = types[i];
    if (type === 'funcref' || type === 'externref') return;
    lines.push(type ? wasmedgeResult(type, text) : text);
  });
  return lines;
}
