/**
 * C's printf conversions, as glibc prints them: what bash's printf builtin, seq -f and awk's printf
 * all reduce to. One conversion at a time: flags (`-+ #0`), width, precision, and the letter.
 */

export interface Spec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

function pad(body: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (body.length >= width) return body;
  if (spec.flags.includes('-')) return body.padEnd(width);
  if (numeric && spec.flags.includes('0') && !(spec.precision !== undefined && 'diouxX'.includes(spec.conv))) {
    const sign = /^[-+ ]|^0[xX]/.exec(body)?.[0] ?? '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

function signed(body: string, negative: boolean, flags: string): string {
  if (negative) return `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  if (flags.includes(' ')) return ` ${body}`;
  return body;
}

/** %e with C's at-least-two-digit exponent. */
function expo(x: number, precision: number): string {
  const s = x.toExponential(precision);
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
}

/** %g: the shorter of %e and %f with `precision` significant digits, trailing zeros removed unless `#`. */
function general(x: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? (0).toFixed(p - 1) : '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  const e = Number(x.toExponential(p - 1).split('e')[1]);
  let out: string;
  if (e < -4 || e >= p) out = expo(x, p - 1);
  else out = x.toFixed(Math.max(0, p - 1 - e));
  void exp;
  if (!alt) {
    if (out.includes('e')) out = out.replace(/\.?0+e/, 'e');
    else if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  }
  return out;
}

/** Formats a floating-point value for %f %F %e %E %g %G. */
export function formatFloat(x: number, spec: Spec): string {
  const precision = spec.precision ?? 6;
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  if (!Number.isFinite(a)) body = Number.isNaN(a) ? 'nan' : 'inf';
  else if (spec.conv === 'f' || spec.conv === 'F') body = a.toFixed(precision);
  else if (spec.conv === 'e' || spec.conv === 'E') body = expo(a, precision);
  else body = general(a, precision, spec.flags.includes('#'));
  if (spec.conv === 'E' || spec.conv === 'G' || spec.conv === 'F') body = body.toUpperCase();
  return pad(signed(body, negative && !Number.isNaN(x), spec.flags), spec, Number.isFinite(a));
}

/** Formats an integer (as a bigint, so 64-bit values stay exact) for %d %i %u %o %x %X. */
export function formatInt(n: bigint, spec: Spec): string {
  const negative = n < 0n;
  let a = negative ? -n : n;
  if (spec.conv === 'u' || spec.conv === 'o' || spec.conv === 'x' || spec.conv === 'X') {
    if (negative) a = (1n << 64n) - a;
  }
  const radix = spec.conv === 'o' ? 8 : spec.conv === 'x' || spec.conv === 'X' ? 16 : 10;
  let body = a.toString(radix);
  if (spec.conv === 'X') body = body.toUpperCase();
  if (spec.precision !== undefined) body = spec.precision === 0 && a === 0n ? '' : body.padStart(spec.precision, '0');
  if (spec.flags.includes('#') && a !== 0n) {
    if (spec.conv === 'o' && !body.startsWith('0')) body = `0${body}`;
    if (spec.conv === 'x') body = `0x${body}`;
    if (spec.conv === 'X') body = `0X${body}`;
  }
  const isSigned = spec.conv === 'd' || spec.conv === 'i';
  return pad(isSigned ? signed(body, negative, spec.flags) : body, spec, true);
}

/** %s and %c: precision cuts, width pads. */
export function formatString(s: string, spec: Spec): string {
  const body = spec.precision !== undefined ? [...s].slice(0, spec.precision).join('') : s;
  return pad(body, spec, false);
}

/** One `%…X` directive at `i` (pointing at the `%`): its spec and length; `*` widths come from `star`. */
export function readSpec(fmt: string, i: number, star?: () => number): { spec: Spec; end: number } | null {
  const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|q|j|z|t)?([a-zA-Z%])/.exec(fmt.slice(i));
  if (!m) return null;
  const spec: Spec = { flags: m[1]!, conv: m[4]! };
  if (m[2] === '*') {
    const w = star ? star() : 0;
    if (w < 0) {
      spec.flags += '-';
      spec.width = -w;
    } else spec.width = w;
  } else if (m[2]) spec.width = Number(m[2]);
  if (m[3] !== undefined) {
    const p = m[3] === '*' ? (star ? star() : 0) : Number(m[3] || '0');
    if (p >= 0) spec.precision = p;
  }
  return { spec, end: i + m[0].length };
}
