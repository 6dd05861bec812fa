/**
 * `wasmtime --invoke NAME ARGS...` for core modules: arguments are parsed by the export's parameter
 * types (i32/i64 decimal or 0x hex, f32/f64 decimal) and results printed one per line the way
 * wasmtime's run.rs does (Rust `Display`: `100` for 100.0, `inf`, `NaN`).
 */
import type { FuncType, ValType } from './module-info';

export class InvokeArgError extends Error {}

function parseInt32(text: string): number {
  const v = parseIntegral(text, 32);
  return Number(BigInt.asIntN(32, v));
}

/** Rust's `str::parse::<iN>` accepts an optional sign and decimal digits; wasmtime adds `0x` hex. */
function parseIntegral(text: string, bits: 32 | 64): bigint {
  let v: bigint;
  if (text.startsWith('0x')) {
    if (!/^[0-9a-fA-F]+$/.test(text.slice(2))) throw new InvokeArgError('invalid digit found in string');
    v = BigInt(`0x${text.slice(2)}`);
    // from_str_radix into a signed type: values above iN::MAX overflow.
    if (v > (1n << BigInt(bits - 1)) - 1n) throw new InvokeArgError('number too large to fit in target type');
    return v;
  }
  if (text === '') throw new InvokeArgError('cannot parse integer from empty string');
  if (!/^[+-]?\d+$/.test(text)) throw new InvokeArgError('invalid digit found in string');
  v = BigInt(text);
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (v > max) throw new InvokeArgError('number too large to fit in target type');
  if (v < -max - 1n) throw new InvokeArgError('number too small to fit in target type');
  return v;
}

function parseFloatArg(text: string): number {
  const t = text.trim() === text ? text : '';
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(t)) throw new InvokeArgError('invalid float literal');
  return Number(t);
}

export function parseInvokeArgs(name: string, type: FuncType, args: string[]): unknown[] {
  if (args.length < type.params.length) throw new InvokeArgError(`not enough arguments for \`${name}\``);
  return type.params.map((t, i) => {
    const text = args[i]!;
    switch (t) {
      case 'i32':
        return parseInt32(text);
      case 'i64':
        return parseIntegral(text, 64);
      case 'f32':
        return Math.fround(parseFloatArg(text));
      case 'f64':
        return parseFloatArg(text);
      default:
        throw new InvokeArgError(`unsupported argument type ${t}`);
    }
  });
}

/** Rust Display never uses exponent notation; JS does above 1e21 / below 1e-7. */
function plainDecimal(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead! + frac;
  if (exp >= 0) {
    const intLen = 1 + exp;
    return digits.length <= intLen
      ? `${sign}${digits}${'0'.repeat(intLen - digits.length)}`
      : `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

function formatFloat(v: number, single: boolean): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0';
  let text = String(v);
  if (single) {
    // Shortest decimal that round-trips through f32, as Rust prints an f32.
    for (let p = 1; p <= 9; p++) {
      const candidate = Number(v.toPrecision(p));
      if (Math.fround(candidate) === v) {
        text = String(candidate);
        break;
      }
    }
  }
  return plainDecimal(text);
}

export function formatInvokeResult(type: ValType, value: unknown): string {
  switch (type) {
    case 'i32':
      return String((value as number) | 0);
    case 'i64':
      return String(BigInt.asIntN(64, BigInt(value as bigint)));
    case 'f32':
      return formatFloat(value as number, true);
    case 'f64':
      return formatFloat(value as number, false);
    case 'funcref':
      return value === null ? '<null funcref>' : '<funcref>';
    case 'externref':
      return value === null ? '<null externref>' : '<externref>';
    default:
      return String(value);
  }
}

export function formatInvokeResults(type: FuncType, returned: unknown): string[] {
  if (type.results.length === 0) return [];
  const values = type.results.length === 1 ? [returned] : (returned as unknown[]);
  return type.results.map((t, i) => formatInvokeResult(t, values[i]));
}
