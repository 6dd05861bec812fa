/**
 * Shell arithmetic, as bash evaluates `$(( ))`, `(( ))`, `let` and C-style `for`: 64-bit signed
 * integers (BigInt, wrapped with asIntN), C precedence, `**`, assignments (`=`, `+=`, …), `++`/`--`,
 * `?:` and `,`. Variables are read by name (an unset or empty one is 0; a value that is itself an
 * expression is evaluated, as bash does). Errors use bash's words.
 */

export class ArithError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArithError';
  }
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: bigint } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPS = [
  '<<=',
  '>>=',
  '**=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '^=',
  '|=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '!',
  '~',
  '&',
  '^',
  '|',
  '?',
  ':',
  '(',
  ')',
  ',',
];

const wrap = (v: bigint) => BigInt.asIntN(64, v);

/** A numeric literal: decimal, 0x hex, 0 octal, BASE#digits. */
function parseNumber(text: string, expr: string): bigint {
  const bad = () => new ArithError(`${expr}: value too great for base (error token is "${text}")`);
  let m = /^(\d+)#([0-9A-Za-z@_]+)$/.exec(text);
  if (m) {
    const base = Number(m[1]);
    if (base < 2 || base > 64) throw new ArithError(`${expr}: invalid arithmetic base (error token is "${text}")`);
    let v = 0n;
    for (const ch of m[2]!) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 97 + 10;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
      else if (ch === '@') d = 62;
      else d = 63;
      if (d >= base) throw bad();
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if ((m = /^0[xX]([0-9A-Fa-f]+)$/.exec(text))) return wrap(BigInt('0x' + m[1]));
  if (/^0[0-7]+$/.test(text)) return wrap(BigInt('0o' + text.slice(1)));
  if (/^\d+$/.test(text)) {
    if (/^0\d/.test(text)) throw bad();
    return wrap(BigInt(text));
  }
  throw bad();
}

function tokenize(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(#[0-9A-Za-z@_]+)?|^0[xX][0-9A-Fa-f]*/.exec(expr.slice(i))!;
      let text = m[0];
      const rest = /^[0-9A-Za-z_@#]*/.exec(expr.slice(i + text.length))![0];
      text += rest;
      out.push({ t: 'num', v: parseNumber(text, expr.trim()) });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i))!;
      out.push({ t: 'name', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) throw new ArithError(`${expr.trim()}: syntax error: invalid arithmetic operator (error token is "${expr.slice(i)}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end' });
  return out;
}

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=', '**=']);

/** Evaluates `expr`; `depth` guards against a variable whose value names itself. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > 64) throw new ArithError(`${expr}: expression recursion level exceeded`);
  const toks = tokenize(expr);
  let pos = 0;
  const whole = expr.trim();
  const peek = () => toks[pos]!;
  const isOp = (v: string) => {
    const t = peek();
    return t.t === 'op' && t.v === v;
  };
  const rest = () =>
    toks
      .slice(pos)
      .map((t) => (t.t === 'end' ? '' : String(t.v)))
      .join(' ')
      .trim();
  const syntax = (): never => {
    const r = rest();
    throw new ArithError(
      r === ''
        ? `${whole}: syntax error: operand expected (error token is "${r}")`
        : `${whole}: syntax error: ${peek().t === 'op' ? 'operand expected' : 'invalid arithmetic operator'} (error token is "${r}")`,
    );
  };
  const readVar = (name: string): bigint => {
    const v = vars.get(name);
    if (v === undefined || v.trim() === '') return 0n;
    if (/^-?\d+$/.test(v.trim())) return wrap(BigInt(v.trim()));
    return evalArith(v, vars, depth + 1);
  };
  const assign = (name: string, v: bigint): bigint => {
    vars.set(name, String(v));
    return v;
  };
  // `skip` evaluates nothing (the untaken side of && || ?:) but still parses.
  const binop = (op: string, a: bigint, b: bigint, skip: boolean): bigint => {
    switch (op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (skip) return 0n;
          throw new ArithError(`${whole}: division by 0 (error token is "${rest() || String(b)}")`);
        }
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) {
          if (skip) return 0n;
          throw new ArithError(`${whole}: exponent less than 0 (error token is "${String(b)}")`);
        }
        return wrap(a ** b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return wrap(a >> (b & 63n));
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '&':
        return a & b;
      case '^':
        return a ^ b;
      case '|':
        return a | b;
    }
    throw new ArithError(`${whole}: syntax error`);
  };

  const comma = (skip: boolean): bigint => {
    let v = assignment(skip);
    while (isOp(',')) {
      pos++;
      v = assignment(skip);
    }
    return v;
  };
  const assignment = (skip: boolean): bigint => {
    const t = peek();
    const next = toks[pos + 1];
    if (t.t === 'name' && next?.t === 'op' && ASSIGN.has(next.v)) {
      pos += 2;
      const v = assignment(skip);
      if (skip) return 0n;
      const result = next.v === '=' ? v : binop(next.v.slice(0, -1), readVar(t.v), v, false);
      return assign(t.v, result);
    }
    return ternary(skip);
  };
  const ternary = (skip: boolean): bigint => {
    const c = binary(1, skip);
    if (!isOp('?')) return c;
    pos++;
    const a = assignment(skip || c === 0n);
    if (!isOp(':')) syntax();
    pos++;
    const b = assignment(skip || c !== 0n);
    return c !== 0n ? a : b;
  };
  const binary = (minPrec: number, skip: boolean): bigint => {
    let left = unary(skip);
    for (;;) {
      const t = peek();
      if (t.t !== 'op') {
        if (t.t !== 'end') syntax();
        return left;
      }
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) return left;
      pos++;
      if (t.v === '&&' || t.v === '||') {
        const shortCut = t.v === '&&' ? left === 0n : left !== 0n;
        const right = binary(prec + 1, skip || shortCut);
        left = shortCut ? (t.v === '&&' ? 0n : 1n) : right !== 0n ? 1n : 0n;
        continue;
      }
      // `**` is right-associative.
      const right = binary(t.v === '**' ? prec : prec + 1, skip);
      left = binop(t.v, left, right, skip);
    }
  };
  const unary = (skip: boolean): bigint => {
    const t = peek();
    if (t.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        pos++;
        const n = peek();
        if (n.t !== 'name') syntax();
        pos++;
        const name = (n as { v: string }).v;
        if (skip) return 0n;
        return assign(name, wrap(readVar(name) + (t.v === '++' ? 1n : -1n)));
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        pos++;
        const v = unary(skip);
        return t.v === '-' ? wrap(-v) : t.v === '+' ? v : t.v === '!' ? (v === 0n ? 1n : 0n) : ~v;
      }
      if (t.v === '(') {
        pos++;
        const v = comma(skip);
        if (!isOp(')')) syntax();
        pos++;
        return v;
      }
      syntax();
    }
    if (t.t === 'num') {
      pos++;
      return t.v;
    }
    if (t.t === 'name') {
      pos++;
      if (isOp('++') || isOp('--')) {
        const op = (peek() as { v: string }).v;
        pos++;
        if (skip) return 0n;
        const old = readVar(t.v);
        assign(t.v, wrap(old + (op === '++' ? 1n : -1n)));
        return old;
      }
      return skip ? 0n : readVar(t.v);
    }
    return syntax();
  };

  if (peek().t === 'end') return 0n;
  const v = comma(false);
  if (peek().t !== 'end') syntax();
  return v;
}
