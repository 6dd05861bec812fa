/**
 * awk's evaluation: values are numbers, strings, or "strnums" (input that looks numeric compares
 * as a number); numbers print as integers when integral (within an int, as mawk does), else through
 * OFMT/CONVFMT. Statements run async so long loops yield and Ctrl-C lands; expressions run sync.
 */
import type { CommandContext } from '../../../shell/types';
import { formatFloat, formatInt, formatString, readSpec } from '../c-format';
import { translatePatterns } from '../grep-pattern';
import { runChild, runChildWithInput } from '../run-child';
import type { Expr, Func, Program, Stmt } from './parser';

export class Strnum {
  constructor(
    readonly s: string,
    readonly n: number,
    readonly numeric: boolean,
  ) {}
}
type Value = number | string | Strnum;
const UNINIT = new Strnum('', 0, true);

export class AwkRuntimeError extends Error {
  /** What printf had formatted before it failed (mawk writes it out). */
  partial = '';
}
/** An input file could not be opened: mawk stops at once, status 2 (the message is already out). */
export class AwkFatal extends Error {}
class Next {}
class NextFile {}
class Exit {
  constructor(readonly status: number) {}
}
class Return {
  constructor(readonly value: Value) {}
}
class Break {}
class Continue {}

const NUM_PREFIX = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
const LOOKS_NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n\r\f\v]*$/;

export function fieldValue(s: string): Value {
  return LOOKS_NUMERIC.test(s) ? new Strnum(s, Number(s.trim()), true) : s;
}

function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v instanceof Strnum) return v.n;
  const m = NUM_PREFIX.exec(v);
  return m ? Number(m[0].trim()) : 0;
}

function fmtNum(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) <= 0x7fffffff) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return sprintf(fmt, [n]);
}

function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v instanceof Strnum) return v.numeric && v !== UNINIT ? v.n !== 0 : v.s !== '';
  return v !== '';
}

/** awk's sprintf over C's conversions; %c of a number is that character. */
export function sprintf(fmt: string, args: Value[], fn = 'sprintf'): string {
  let out = '';
  let ai = 0;
  const next = (): Value => {
    if (ai >= args.length) {
      const err = new AwkRuntimeError(`not enough arguments passed to ${fn}("${fmt}")`);
      err.partial = out;
      throw err;
    }
    return args[ai++]!;
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const r = readSpec(fmt, i, () => toNum(next()));
    if (!r) {
      out += c;
      continue;
    }
    i = r.end - 1;
    const spec = r.spec;
    const v = next();
    switch (spec.conv) {
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X':
      case 'u': {
        const n = toNum(v);
        out += Number.isFinite(n) ? formatInt(BigInt(Math.trunc(n)), spec) : formatFloat(n, { ...spec, conv: 'f' });
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        out += formatFloat(toNum(v), spec);
        break;
      case 'c': {
        const ch = typeof v === 'number' ? String.fromCodePoint(Math.max(0, Math.trunc(v)) % 0x110000) : toStrPlain(v).slice(0, 1);
        out += formatString(ch, spec);
        break;
      }
      case 's':
        out += formatString(toStrPlain(v), spec);
        break;
      default:
        out += fmt.slice(i - (r.end - 1 - i), r.end);
    }
  }
  return out;
}

function toStrPlain(v: Value): string {
  if (typeof v === 'number') return fmtNum(v, '%.6g');
  return v instanceof Strnum ? v.s : v;
}

interface Output {
  text: string;
  kind: 'file' | 'append' | 'pipe';
}

export class Interpreter {
  readonly globals = new Map<string, Value>();
  readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private record = '';
  private nf = 0;
  private out = '';
  private readonly outputs = new Map<string, Output>();
  private readonly readers = new Map<string, { lines: string[]; i: number }>();
  private readonly regexCache = new Map<string, RegExp>();
  private steps = 0;
  private rangeActive: boolean[] = [];
  /** The main input, record by record (set by run). */
  nextRecord: () => string | null = () => null;
  private rand = 0;

  constructor(
    private readonly prog: Program,
    private readonly ctx: CommandContext,
  ) {
    for (const [k, v] of Object.entries({
      FS: ' ',
      OFS: ' ',
      ORS: '\n',
      RS: '\n',
      NR: 0,
      NF: 0,
      FNR: 0,
      SUBSEP: '\x1c',
      CONVFMT: '%.6g',
      OFMT: '%.6g',
      RSTART: 0,
      RLENGTH: -1,
      FILENAME: '',
    }))
      this.globals.set(k, v as Value);
    const env = new Map<string, Value>();
    for (const [k, v] of ctx.env.exported()) env.set(k, fieldValue(v));
    this.arrays.set('ENVIRON', env);
    this.rangeActive = prog.rules.map(() => false);
  }

  // ── values ──
  str(v: Value, fmt = 'CONVFMT'): string {
    if (typeof v === 'number') return fmtNum(v, String(this.globals.get(fmt) ?? '%.6g'));
    return v instanceof Strnum ? v.s : v;
  }
  regex(src: string): RegExp {
    let re = this.regexCache.get(src);
    if (!re) {
      try {
        const t = translatePatterns(src.replace(/\n/g, '\\n'), 'extended');
        re = new RegExp(t.source, 'u');
      } catch (err) {
        throw new AwkRuntimeError(`regular expression compile failed (${err instanceof Error ? err.message : String(err)})\n${src}`);
      }
      if (this.regexCache.size > 500) this.regexCache.clear();
      this.regexCache.set(src, re);
    }
    return re;
  }
  private reOf(e: Expr): RegExp {
    return e.k === 're' ? this.regex(e.v) : this.regex(this.str(this.eval(e)));
  }

  // ── fields ──
  setRecord(text: string): void {
    this.record = text;
    this.split();
  }
  private split(): void {
    const fs = this.str(this.globals.get('FS') ?? ' ');
    let parts: string[];
    const r = this.record;
    if (fs === ' ') parts = r.split(/[ \t\n]+/).filter((x, i, a) => x !== '' || (i > 0 && i < a.length - 1));
    else if (r === '') parts = [];
    else if (fs.length === 1 && fs !== '\\') parts = r.split(fs === '\t' ? '\t' : fs);
    else parts = r.split(new RegExp(this.regex(fs).source, 'u'));
    if (fs === ' ') parts = r.trim() === '' ? [] : r.trim().split(/[ \t\n]+/);
    this.fields = ['', ...parts];
    this.nf = parts.length;
    this.globals.set('NF', this.nf);
  }
  private rebuild(): void {
    const ofs = this.str(this.globals.get('OFS')!);
    this.record = this.fields
      .slice(1, this.nf + 1)
      .map((f) => f ?? '')
      .join(ofs);
  }
  getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return fieldValue(this.record);
    return i <= this.nf ? fieldValue(this.fields[i] ?? '') : UNINIT;
  }
  setField(i: number, v: string): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return this.setRecord(v);
    if (i > 32767) throw new AwkRuntimeError(`program limit exceeded: maximum number of fields size=32767`);
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) {
      this.nf = i;
      this.globals.set('NF', i);
    }
    this.rebuild();
  }

  // ── variables ──
  getVar(name: string, locals?: Map<string, Value | Map<string, Value>>): Value {
    if (locals?.has(name)) {
      const v = locals.get(name)!;
      if (v instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
      return v;
    }
    if (name === 'NF') return this.nf;
    return this.globals.get(name) ?? UNINIT;
  }
  setVar(name: string, v: Value, locals?: Map<string, Value | Map<string, Value>>): void {
    if (locals?.has(name)) {
      locals.set(name, v);
      return;
    }
    if (this.arrays.has(name)) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    if (name === 'NF') {
      const n = Math.max(0, Math.trunc(toNum(v)));
      while (this.fields.length <= n) this.fields.push('');
      this.nf = n;
      this.globals.set('NF', n);
      this.rebuild();
      return;
    }
    this.globals.set(name, v);
    if (name === 'FS' || name === 'RS') return;
  }
  array(name: string, locals?: Map<string, Value | Map<string, Value>>): Map<string, Value> {
    if (locals?.has(name)) {
      let v = locals.get(name);
      if (v === UNINIT) {
        v = new Map();
        locals.set(name, v);
      }
      if (!(v instanceof Map)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      return v;
    }
    let a = this.arrays.get(name);
    if (!a) {
      if (this.globals.has(name) && name !== 'ENVIRON') throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }
  private key(subs: Expr[], locals?: Locals): string {
    return subs.map((s) => this.str(this.eval(s, locals))).join(this.str(this.globals.get('SUBSEP')!));
  }

  // ── expressions ──
  assignTo(target: Expr, v: Value, locals?: Locals): void {
    if (target.k === 'var') this.setVar(target.name, v, locals);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(this.eval(target.e, locals))), this.str(v));
    else if (target.k === 'index') this.array(target.name, locals).set(this.key(target.subs, locals), v);
  }
  eval(e: Expr, locals?: Locals): Value {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'val':
        return e.v as Value;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.v).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.e, locals);
      case 'var':
        return this.getVar(e.name, locals);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.e, locals))));
      case 'index': {
        const arr = this.array(e.name, locals);
        const k = this.key(e.subs, locals);
        if (!arr.has(k)) arr.set(k, UNINIT);
        return arr.get(k)!;
      }
      case 'in':
        return this.array(e.name, locals).has(this.key(e.subs, locals)) ? 1 : 0;
      case 'assign': {
        let v: Value;
        if (e.op === '=') {
          v = this.eval(e.e, locals);
          if (v instanceof Strnum && v === UNINIT) v = UNINIT;
        } else {
          const rhs = toNum(this.eval(e.e, locals));
          v = arith(e.op.slice(0, -1), toNum(this.eval(e.target, locals)), rhs);
        }
        this.assignTo(e.target, v, locals);
        return v;
      }
      case 'cond':
        return truthy(this.eval(e.c, locals)) ? this.eval(e.a, locals) : this.eval(e.b, locals);
      case 'un': {
        const v = this.eval(e.e, locals);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target, locals));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, nv, locals);
        return e.prefix ? nv : old;
      }
      case 'match': {
        const s = this.str(this.eval(e.a, locals));
        const hit = this.reOf(e.re).test(s);
        return hit !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (e.op === '&&') return truthy(this.eval(e.a, locals)) && truthy(this.eval(e.b, locals)) ? 1 : 0;
        if (e.op === '||') return truthy(this.eval(e.a, locals)) || truthy(this.eval(e.b, locals)) ? 1 : 0;
        const a = this.eval(e.a, locals);
        const b = this.eval(e.b, locals);
        if (e.op === 'concat') return this.str(a) + this.str(b);
        if (['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
          const numeric = isNum(a) && isNum(b);
          const c = numeric ? Math.sign(toNum(a) - toNum(b)) : cmp(this.str(a), this.str(b));
          switch (e.op) {
            case '<':
              return c < 0 ? 1 : 0;
            case '<=':
              return c <= 0 ? 1 : 0;
            case '>':
              return c > 0 ? 1 : 0;
            case '>=':
              return c >= 0 ? 1 : 0;
            case '==':
              return c === 0 ? 1 : 0;
            default:
              return c !== 0 ? 1 : 0;
          }
        }
        return arith(e.op, toNum(a), toNum(b));
      }
      case 'builtin':
        return this.builtin(e.name, e.args, locals);
      case 'call':
        throw new AwkRuntimeError('internal: calls are evaluated by callSync');
      case 'getline':
        return this.getline(e, locals);
    }
  }

  private getline(e: Extract<Expr, { k: 'getline' }>, locals?: Locals): Value {
    let line: string | null;
    if (e.file) {
      const name = this.str(this.eval(e.file, locals));
      let r = this.readers.get(name);
      if (!r) {
        let text: string;
        try {
          text = name === '-' || name === '/dev/stdin' ? '' : this.ctx.fs.readText(this.ctx.shell.resolvePath(name));
        } catch {
          return -1;
        }
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        r = { lines, i: 0 };
        this.readers.set(name, r);
      }
      line = r.i < r.lines.length ? r.lines[r.i++]! : null;
      if (line === null) return 0;
      if (e.target) this.assignTo(e.target, fieldValue(line), locals);
      else {
        this.setRecord(line);
        this.globals.set('NR', toNum(this.globals.get('NR')!) + 1);
      }
      return 1;
    }
    line = this.nextRecord();
    if (line === null) return 0;
    this.globals.set('NR', toNum(this.globals.get('NR')!) + 1);
    this.globals.set('FNR', toNum(this.globals.get('FNR')!) + 1);
    if (e.target) this.assignTo(e.target, fieldValue(line), locals);
    else this.setRecord(line);
    return 1;
  }

  private builtin(name: string, args: Expr[], locals?: Locals): Value {
    const arg = (i: number) => (args[i] ? this.eval(args[i]!, locals) : UNINIT);
    const s = (i: number) => this.str(arg(i));
    const n = (i: number) => toNum(arg(i));
    switch (name) {
      case 'length':
        if (!args.length) return [...this.record].length;
        if (args[0]!.k === 'var' && (this.arrays.has(args[0]!.name) || locals?.get(args[0]!.name) instanceof Map))
          return this.array(args[0]!.name, locals).size;
        return [...s(0)].length;
      case 'substr': {
        const str = [...s(0)];
        // mawk: the start truncates to an integer and is raised to 1; the length counts from there.
        const start = Math.max(1, Math.trunc(n(1)));
        const len = args.length > 2 ? Math.trunc(n(2)) : Infinity;
        if (!(len > 0)) return '';
        return str.slice(start - 1, len === Infinity ? undefined : start - 1 + len).join('');
      }
      case 'index': {
        const at = s(0).indexOf(s(1));
        return at < 0 ? 0 : [...s(0).slice(0, at)].length + 1;
      }
      case 'split': {
        const text = s(0);
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        const arr = this.array(target.name, locals);
        arr.clear();
        let parts: string[];
        const sep = args[2] ? (args[2].k === 're' ? null : this.str(this.eval(args[2], locals))) : this.str(this.globals.get('FS')!);
        if (sep === ' ') parts = text.trim() === '' ? [] : text.trim().split(/[ \t\n]+/);
        else if (text === '') parts = [];
        else if (sep !== null && sep.length === 1) parts = text.split(sep);
        else parts = text.split(new RegExp(this.reOf(args[2]!).source, 'u'));
        parts.forEach((p, i) => arr.set(String(i + 1), fieldValue(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.reOf(args[0]!);
        const repl = s(1);
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const text = this.str(this.eval(target, locals));
        let count = 0;
        let out = '';
        let last = 0;
        const g = new RegExp(re.source, 'gu');
        let prevEnd = -1;
        for (let m = g.exec(text); m; m = g.exec(text)) {
          if (m[0] === '') g.lastIndex++;
          if (m[0] === '' && m.index === prevEnd) continue;
          prevEnd = m.index + m[0].length;
          count++;
          out += text.slice(last, m.index) + repl.replace(/\\\\|\\&|&/g, (t) => (t === '&' ? m[0] : t === '\\&' ? '&' : '\\'));
          last = m.index + m[0].length;
          if (name === 'sub') break;
          if (g.lastIndex > text.length) break;
        }
        if (count) this.assignTo(target, out + text.slice(last), locals);
        return count;
      }
      case 'match': {
        const text = s(0);
        const m = this.reOf(args[1]!).exec(text);
        const start = m ? [...text.slice(0, m.index)].length + 1 : 0;
        const len = m ? [...m[0]].length : -1;
        this.globals.set('RSTART', start);
        this.globals.set('RLENGTH', len);
        return start;
      }
      case 'sprintf':
        return args.length
          ? sprintf(
              s(0),
              args.slice(1).map((a) => this.eval(a, locals)),
            )
          : '';
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'int':
        return Math.trunc(n(0));
      case 'rand': {
        // A small LCG: awk's rand is only promised to be in [0, 1).
        this.rand = (this.rand * 1103515245 + 12345) % 2147483648;
        return this.rand / 2147483648;
      }
      case 'srand': {
        const prev = this.rand;
        this.rand = args.length ? Math.trunc(n(0)) : Math.floor(Date.now() / 1000);
        return prev;
      }
      case 'tolower':
        return s(0).toLowerCase();
      case 'toupper':
        return s(0).toUpperCase();
      case 'close': {
        const name = s(0);
        this.readers.delete(name);
        return this.outputs.has(name) ? 0 : -1;
      }
      case 'fflush':
        return 0;
      case 'system':
        throw new AwkRuntimeError('internal: system is evaluated by the statement runner');
    }
    return UNINIT;
  }

  // ── statements (async: loops yield) ──
  private async tick(): Promise<void> {
    if (++this.steps % 20000 === 0) {
      await new Promise((r) => setTimeout(r, 0));
      if (this.ctx.signal.aborted) throw new Exit(130);
      if (this.out.length > 1 << 16) this.flush();
    }
  }
  flush(): void {
    if (this.out) this.ctx.stdout.write(this.out);
    this.out = '';
  }
  /** Evaluates an expression, running user functions and system() (which may need to await). */
  async value(e: Expr, locals?: Locals): Promise<Value> {
    if (!hasCall(e)) return this.eval(e, locals);
    // Calls inside: evaluate sub-expressions first, bottom-up, by substituting their values.
    return this.eval(await this.resolveCalls(e, locals), locals);
  }
  private async resolveCalls(e: Expr, locals?: Locals): Promise<Expr> {
    if (e.k === 'call') {
      const args: Array<Value | { array: string }> = [];
      const f = this.prog.funcs.get(e.name);
      if (!f) throw new AwkRuntimeError(`function ${e.name} never defined`);
      for (const a of e.args) {
        if (a.k === 'var' && (this.arrays.has(a.name) || locals?.get(a.name) instanceof Map)) args.push({ array: a.name });
        else if (a.k === 'var' && !this.globals.has(a.name) && !locals?.has(a.name)) args.push({ array: a.name });
        else args.push(await this.value(a, locals));
      }
      return valueExpr(await this.call(f, args, locals));
    }
    if (e.k === 'builtin' && e.name === 'system') {
      this.flush();
      const cmd = this.str(await this.value(e.args[0] ?? { k: 'str', v: '' }, locals));
      const argv = cmd.trim().split(/\s+/).filter(Boolean);
      if (!argv.length) return valueExpr(0);
      const r = await runChild(this.ctx, argv);
      if (r === null) this.ctx.stderr.write(`sh: 1: ${argv[0]}: not found\n`);
      return valueExpr(r ?? 127);
    }
    // Short-circuit and conditional operators keep their laziness.
    if (e.k === 'bin' && (e.op === '&&' || e.op === '||')) {
      const a = truthy(await this.value(e.a, locals));
      if (e.op === '&&' && !a) return valueExpr(0);
      if (e.op === '||' && a) return valueExpr(1);
      return valueExpr(truthy(await this.value(e.b, locals)) ? 1 : 0);
    }
    if (e.k === 'cond') return valueExpr(truthy(await this.value(e.c, locals)) ? await this.value(e.a, locals) : await this.value(e.b, locals));
    const copy = { ...e } as Record<string, unknown>;
    for (const [k, v] of Object.entries(e)) {
      if (k === 'target') continue;
      if (v && typeof v === 'object' && 'k' in (v as object)) copy[k] = await this.resolveCalls(v as Expr, locals);
      else if (Array.isArray(v))
        copy[k] = await Promise.all(v.map((x) => (x && typeof x === 'object' && 'k' in x ? this.resolveCalls(x as Expr, locals) : x)));
    }
    return copy as Expr;
  }
  private depth = 0;
  private async call(f: Func, args: Array<Value | { array: string }>, callerLocals?: Locals): Promise<Value> {
    if (++this.depth > 1000) throw new AwkRuntimeError('function call nesting too deep');
    const locals: Locals = new Map();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (a === undefined) locals.set(p, UNINIT);
      else if (typeof a === 'object' && 'array' in a) locals.set(p, this.array(a.array, callerLocals));
      else locals.set(p, a);
    });
    try {
      await this.block(f.body, locals);
      return UNINIT;
    } catch (err) {
      if (err instanceof Return) return err.value;
      throw err;
    } finally {
      this.depth--;
    }
  }
  async block(body: Stmt[], locals?: Locals): Promise<void> {
    for (const s of body) await this.exec(s, locals);
  }
  async exec(s: Stmt, locals?: Locals): Promise<void> {
    await this.tick();
    switch (s.k) {
      case 'expr':
        await this.value(s.e, locals);
        return;
      case 'block':
        return this.block(s.body, locals);
      case 'print': {
        const vals = await Promise.all(s.args.map((a) => this.value(a, locals)));
        let text: string;
        if (s.printf) {
          try {
            text = sprintf(this.str(vals[0]!), vals.slice(1), 'printf');
          } catch (err) {
            if (err instanceof AwkRuntimeError && !s.redir) this.out += err.partial;
            throw err;
          }
        } else {
          const items = vals.length ? vals.map((v) => this.str(v, 'OFMT')) : [this.record];
          text = items.join(this.str(this.globals.get('OFS')!)) + this.str(this.globals.get('ORS')!);
        }
        if (!s.redir) {
          this.out += text;
          if (this.out.length > 1 << 16) this.flush();
          return;
        }
        const dest = this.str(await this.value(s.redir.e, locals));
        if (dest === '/dev/stdout' || dest === '-') this.out += text;
        else if (dest === '/dev/stderr') {
          this.flush();
          this.ctx.stderr.write(text);
        } else {
          const o = this.outputs.get(dest) ?? { text: '', kind: s.redir.op === '|' ? 'pipe' : s.redir.op === '>>' ? 'append' : 'file' };
          o.text += text;
          this.outputs.set(dest, o);
        }
        return;
      }
      case 'if':
        if (truthy(await this.value(s.c, locals))) await this.exec(s.a, locals);
        else if (s.b) await this.exec(s.b, locals);
        return;
      case 'while':
        while (truthy(await this.value(s.c, locals))) {
          try {
            await this.exec(s.body, locals);
          } catch (err) {
            if (err instanceof Break) break;
            if (!(err instanceof Continue)) throw err;
          }
          await this.tick();
        }
        return;
      case 'do':
        do {
          try {
            await this.exec(s.body, locals);
          } catch (err) {
            if (err instanceof Break) break;
            if (!(err instanceof Continue)) throw err;
          }
          await this.tick();
        } while (truthy(await this.value(s.c, locals)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init, locals);
        while (!s.c || truthy(await this.value(s.c, locals))) {
          try {
            await this.exec(s.body, locals);
          } catch (err) {
            if (err instanceof Break) break;
            if (!(err instanceof Continue)) throw err;
          }
          if (s.step) await this.exec(s.step, locals);
          await this.tick();
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr, locals);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          this.setVar(s.v, fieldValue(k), locals);
          try {
            await this.exec(s.body, locals);
          } catch (err) {
            if (err instanceof Break) break;
            if (!(err instanceof Continue)) throw err;
          }
        }
        return;
      }
      case 'next':
        throw new Next();
      case 'nextfile':
        throw new NextFile();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(toNum(await this.value(s.e, locals))) & 0xff : -1);
      case 'return':
        throw new Return(s.e ? await this.value(s.e, locals) : UNINIT);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'delete': {
        const arr = this.array(s.name, locals);
        if (s.subs) arr.delete(this.key(s.subs, locals));
        else arr.clear();
        return;
      }
    }
  }

  /** Runs the program over the records `nextRecord` hands out; returns the exit status. */
  async run(): Promise<number> {
    let status = 0;
    let exiting = false;
    const rules = this.prog.rules;
    const runRules = async (kind: 'begin' | 'end') => {
      for (const r of rules) if (r.kind === kind) await this.block(r.action!);
    };
    try {
      await runRules('begin');
    } catch (err) {
      if (!(err instanceof Exit)) throw err;
      status = err.status < 0 ? 0 : err.status;
      exiting = true;
    }
    const hasMain = rules.some((r) => r.kind === 'main' || r.kind === 'end');
    if (!exiting && hasMain) {
      try {
        for (let line = this.nextRecord(); line !== null; line = this.nextRecord()) {
          this.globals.set('NR', toNum(this.globals.get('NR')!) + 1);
          this.globals.set('FNR', toNum(this.globals.get('FNR')!) + 1);
          this.setRecord(line);
          await this.tick();
          try {
            for (const [i, r] of rules.entries()) {
              if (r.kind !== 'main') continue;
              let hit: boolean;
              if (r.range) {
                if (!this.rangeActive[i]) {
                  hit = truthy(await this.value(r.range[0]));
                  if (hit) this.rangeActive[i] = !truthy(await this.value(r.range[1]));
                } else {
                  hit = true;
                  if (truthy(await this.value(r.range[1]))) this.rangeActive[i] = false;
                }
              } else hit = r.pattern ? truthy(await this.value(r.pattern)) : true;
              if (!hit) continue;
              if (r.action) await this.block(r.action);
              else this.out += this.record + this.str(this.globals.get('ORS')!);
            }
          } catch (err) {
            if (err instanceof Next) continue;
            if (err instanceof NextFile) continue;
            throw err;
          }
        }
      } catch (err) {
        if (!(err instanceof Exit)) throw err;
        status = err.status < 0 ? 0 : err.status;
        if (err.status === 130) return 130;
      }
    }
    try {
      if (!(exiting && status === 130)) await runRules('end');
    } catch (err) {
      if (!(err instanceof Exit)) throw err;
      if (err.status >= 0) status = err.status;
    }
    this.flush();
    await this.closeAll();
    return status;
  }

  private async closeAll(): Promise<void> {
    for (const [dest, o] of this.outputs) {
      if (o.kind === 'pipe') {
        const argv = dest.trim().split(/\s+/).filter(Boolean);
        const r = argv.length ? await runChildWithInput(this.ctx, argv, new TextEncoder().encode(o.text)) : null;
        if (r === null) this.ctx.stderr.write(`sh: 1: ${argv[0] ?? ''}: not found\n`);
      } else {
        const path = this.ctx.shell.resolvePath(dest);
        this.ctx.fs.writeFile(path, o.text, { append: o.kind === 'append' });
      }
    }
  }
}

type Locals = Map<string, Value | Map<string, Value>>;

function valueExpr(v: Value): Expr {
  return { k: 'val', v };
}

function hasCall(e: Expr): boolean {
  if (e.k === 'call' || (e.k === 'builtin' && e.name === 'system')) return true;
  for (const v of Object.values(e)) {
    if (v && typeof v === 'object' && 'k' in (v as object) && hasCall(v as Expr)) return true;
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object' && 'k' in x && hasCall(x as Expr))) return true;
  }
  return false;
}

function isNum(v: Value): boolean {
  return typeof v === 'number' || (v instanceof Strnum && v.numeric);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    // mawk divides by zero as the FPU does (inf, nan) and carries on.
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
  }
  return 0;
}
