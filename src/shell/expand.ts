/**
 * Word expansion, in POSIX order and following bash 5.2 (checked against it): tilde (`~`, `~user`),
 * parameters (`$X`, `${X:-d}`, `${X:=d}`, `${X:?m}`, `${X:+w}`, `${#X}`, `${X%p}`, `${X#p}`,
 * `${X/a/b}`, `${X:1:2}`, `${X^^}`, `${!X}`, `$@`, `$1`…), command substitution (`$(…)`, backquotes),
 * arithmetic (`$((…))`), field splitting at IFS, pathname expansion, quote removal.
 * Async because a command substitution runs commands.
 */
import type { HostFs } from '../fs/types';
import type { WordToken } from './lexer';
import { expandGlob, matchGlob } from './glob';
import { ShellSyntaxError, matchingBrace } from './lexer';
import { MAX_VALUE_LENGTH, ShellLimitError } from './env';
import { arithEnd, substitutionEnd } from './parser';
import { ArithError, evalArith } from './arith';

/** An expansion failed the way bash reports it (`${X:?}`, `set -u`, bad arithmetic): the command does not run. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** The status `$?` gets. */
    readonly status = 1,
    /** bash exits a non-interactive shell here (`${X:?}`, `set -u`). */
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'ExpansionError';
  }
}

export interface ExpandContext {
  lookup(name: string): string | undefined;
  /** For `${X:=d}` and arithmetic assignments; absent: read-only. */
  assign?(name: string, value: string): void;
  lastStatus: number;
  home: string;
  fs: HostFs;
  cwd: string;
  /** `$1`…, `$@`, `$#`; `$0` is `arg0`. */
  positional?: readonly string[];
  arg0?: string;
  /** `$$` and `$!`. */
  pid?: number;
  lastBackground?: number;
  /** Options that change expansion: `set -u`, `set -f`, and the flags `$-` shows. */
  nounset?: boolean;
  noglob?: boolean;
  flags?: string;
  /** Runs `$(…)`'s text and returns its stdout; records its status. */
  substitute?(source: string): Promise<string>;
  /** Indexed arrays (`a=(x y)`, `PIPESTATUS`, `BASH_REMATCH`). */
  array?(name: string): readonly string[] | undefined;
  /** Home directories of the machine's users, for `~user`. */
  userHome?(name: string): string | undefined;
  /**
   * Characters variable expansions may still produce for this command (shared by all its words,
   * so neither one `$A$A$A…` nor many `$A` words can build a huge string). Default: MAX_VALUE_LENGTH per word.
   */
  budget?: { left: number };
}

/** An expansion's text in parts: `quoted` parts are never split into fields nor globbed; `brk` separates `"$@"`'s fields. */
type Piece = { text: string; quoted: boolean; brk?: boolean };

const textOf = (pieces: Piece[]): string => pieces.map((p) => (p.brk ? ' ' : p.text)).join('');

function charge(ctx: ExpandContext, pieces: Piece[]): Piece[] {
  if (!ctx.budget) return pieces;
  for (const p of pieces) ctx.budget.left -= p.text.length;
  if (ctx.budget.left < 0) throw new ShellLimitError('expansion too long');
  return pieces;
}

/** `$'…'` escapes, as bash's ANSI-C quoting reads them. */
const C_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** The body of `$'…'` starting at `from` (after the opening quote): its text and the index after the closing quote. */
export function ansiC(raw: string, from: number): { text: string; end: number } {
  let text = '';
  let i = from;
  while (i < raw.length && raw[i] !== "'") {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      text += c;
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    let m: RegExpExecArray | null;
    if (C_ESCAPES[e] !== undefined) {
      text += C_ESCAPES[e];
      i += 2;
    } else if ((m = /^[0-7]{1,3}/.exec(raw.slice(i + 1, i + 4)))) {
      text += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += 1 + m[0].length;
    } else if (e === 'x' && (m = /^[0-9A-Fa-f]{1,2}/.exec(raw.slice(i + 2, i + 4)))) {
      text += String.fromCharCode(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else if ((e === 'u' || e === 'U') && (m = new RegExp(`^[0-9A-Fa-f]{1,${e === 'u' ? 4 : 8}}`).exec(raw.slice(i + 2, i + 10)))) {
      const code = parseInt(m[0], 16);
      text += code <= 0x10ffff ? String.fromCodePoint(code) : '';
      i += 2 + m[0].length;
    } else if (e === 'c' && i + 2 < raw.length) {
      text += String.fromCharCode(raw.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else {
      // An unknown escape keeps its backslash, as bash does.
      text += '\\' + e;
      i += 2;
    }
  }
  return { text, end: i + 1 };
}

/** Glob characters escaped, so quoted text matches itself in a pattern. */
export const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** How the text is read: a word, the inside of `"…"`, a here-document body (quotes are literal), or `$((…))`'s text. */
type Mode = 'word' | 'dquote' | 'heredoc';

class Walker {
  constructor(
    private readonly ctx: ExpandContext,
    private readonly emit: (p: Piece) => void,
  ) {}

  async run(raw: string, mode: Mode): Promise<void> {
    const { ctx } = this;
    let i = 0;
    if (mode === 'word' && raw.startsWith('~')) i = this.tilde(raw);
    while (i < raw.length) {
      const c = raw[i]!;
      if (c === '\\') {
        const n = raw[i + 1];
        if (mode === 'word') {
          if (n !== '\n') this.quoted(n ?? '\\');
          i += 2;
        } else if (n !== undefined && ('$`\\\n'.includes(n) || (mode === 'dquote' && n === '"'))) {
          if (n !== '\n') this.quoted(n);
          i += 2;
        } else {
          this.quoted('\\');
          i++;
        }
      } else if (c === "'" && mode === 'word') {
        const end = raw.indexOf("'", i + 1);
        const stop = end < 0 ? raw.length : end;
        this.quoted(raw.slice(i + 1, stop));
        i = stop + 1;
      } else if (c === '$' && raw[i + 1] === "'" && mode === 'word') {
        const q = ansiC(raw, i + 2);
        this.quoted(q.text);
        i = q.end;
      } else if (c === '"' && mode === 'word') {
        const end = dquoteEnd(raw, i + 1);
        const inner: Piece[] = [];
        const onlyAt = onlyEmptyLists(raw.slice(i + 1, end - 1), ctx);
        await new Walker(ctx, (p) => inner.push(p)).run(raw.slice(i + 1, end - 1), 'dquote');
        // `""` is an empty field; `"$@"` with no parameters is none.
        if (!onlyAt) this.quoted('');
        for (const p of inner) this.emit(p.brk ? p : { text: p.text, quoted: true });
        i = end;
      } else if (c === '`') {
        const end = backquoteClose(raw, i + 1);
        const body = raw.slice(i + 1, end).replace(/\\([$`\\])/g, '$1');
        this.result(await this.substitute(body), mode);
        i = end + 1;
      } else if (c === '$') {
        i = await this.dollar(raw, i, mode);
      } else {
        if (mode === 'word') this.emit({ text: c, quoted: false });
        else this.quoted(c);
        i++;
      }
    }
  }

  private quoted(text: string): void {
    this.emit({ text, quoted: true });
  }

  /** An expansion's result: split and globbed in a word, literal inside quotes. */
  private result(text: string, mode: Mode): void {
    charge(this.ctx, [{ text, quoted: false }]);
    this.emit({ text, quoted: mode !== 'word' });
  }

  private tilde(raw: string): number {
    const m = /^~([A-Za-z0-9_.-]*|[+-])(?=\/|$)/.exec(raw);
    if (!m) return 0;
    const name = m[1]!;
    const { ctx } = this;
    let home: string | undefined;
    if (name === '') home = ctx.lookup('HOME') ?? ctx.home;
    else if (name === '+') home = ctx.lookup('PWD');
    else if (name === '-') home = ctx.lookup('OLDPWD');
    else home = ctx.userHome?.(name);
    if (home === undefined) return 0;
    this.quoted(home);
    return m[0].length;
  }

  private async substitute(body: string): Promise<string> {
    if (!this.ctx.substitute) return '';
    const out = await this.ctx.substitute(body);
    return out.replace(/\n+$/, '');
  }

  /** A `$` at `i`: expands it and returns the index after it. */
  private async dollar(raw: string, i: number, mode: Mode): Promise<number> {
    const { ctx } = this;
    const next = raw[i + 1];
    if (next === '(') {
      if (raw[i + 2] === '(') {
        const end = arithEnd(raw, i + 3);
        if (end >= 0) {
          this.result(await arith(raw.slice(i + 3, end - 2), ctx), mode);
          return end;
        }
      }
      const end = substitutionEnd(raw, i + 2);
      this.result(await this.substitute(raw.slice(i + 2, end - 1)), mode);
      return end;
    }
    if (next === '{') {
      const close = matchingBrace(raw, i + 2);
      if (close < 0) throw new ShellSyntaxError(`dojo: ${shorten(raw.slice(i))}: bad substitution`);
      const key = raw.slice(i + 2, close);
      if (key === '') throw new ShellSyntaxError('dojo: ${}: bad substitution');
      for (const p of charge(ctx, await this.braced(key, mode))) this.emit(p);
      return close + 1;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9?$#@*!-]/.exec(raw.slice(i + 1, i + 1 + 256));
    if (!name) {
      if (mode === 'word') this.emit({ text: '$', quoted: false });
      else this.quoted('$');
      return i + 1;
    }
    let key = name[0];
    if (key.length === 256) key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))![0];
    for (const p of charge(ctx, this.simpleParam(key, mode))) this.emit(p);
    return i + 1 + key.length;
  }

  /** `$NAME`, `$1`, `$@`… as pieces (unquoted in a word, quoted inside `"…"`). */
  private simpleParam(key: string, mode: Mode): Piece[] {
    const quoted = mode !== 'word';
    if (key === '@' || key === '*') return this.params(key, quoted);
    const v = paramValue(this.ctx, key);
    if (v === undefined) {
      if (this.ctx.nounset && key !== '@' && key !== '*') throw new ExpansionError(`dojo: ${key}: unbound variable`, 127, true);
      return [];
    }
    return [{ text: v, quoted }];
  }

  /** `$@` / `$*`: one field per parameter (`"$*"` joins them with IFS's first character). */
  private params(key: string, quoted: boolean): Piece[] {
    const list = this.ctx.positional ?? [];
    if (quoted && key === '*') {
      const ifs = this.ctx.lookup('IFS');
      return [{ text: list.join(ifs === undefined ? ' ' : ifs.slice(0, 1)), quoted }];
    }
    const out: Piece[] = [];
    list.forEach((p, k) => {
      if (k > 0) out.push({ text: '', quoted, brk: true });
      out.push({ text: p, quoted });
    });
    return out;
  }

  /** `${…}`: every form bash 5.2 has for scalars. */
  private async braced(key: string, mode: Mode): Promise<Piece[]> {
    const { ctx } = this;
    const quoted = mode !== 'word';
    // ${#X}: length (${#} alone is $#; ${#@} the count of parameters).
    if (key.startsWith('#') && key.length > 1 && /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*?$#!-])$/.test(key)) {
      const name = key.slice(1);
      if (name === '@' || name === '*') return [{ text: String((ctx.positional ?? []).length), quoted }];
      const v = paramValue(ctx, name);
      if (v === undefined && ctx.nounset) throw new ExpansionError(`dojo: ${name}: unbound variable`, 127, true);
      return [{ text: String([...(v ?? '')].length), quoted }];
    }
    const sub = /^(#?)([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\](.*)$/s.exec(key);
    if (sub) return this.subscript(sub[1] === '#', sub[2]!, sub[3]!, sub[4]!, mode);
    let indirect = false;
    let body = key;
    if (body.startsWith('!') && body.length > 1) {
      indirect = true;
      body = body.slice(1);
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(.*)$/s.exec(body);
    if (!m) throw new ShellSyntaxError(`dojo: ${shorten('${' + key + '}')}: bad substitution`);
    let name = m[1]!;
    const rest = m[2]!;
    if (indirect) {
      const target = paramValue(ctx, name) ?? '';
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])$/.test(target)) {
        if (target === '' && rest === '') return [];
        throw new ExpansionError(`dojo: ${target}: invalid indirect expansion`);
      }
      name = target;
    }
    const isList = name === '@' || name === '*';
    const value = isList ? textOf(this.params(name, true)) : paramValue(ctx, name);
    const set = isList ? (ctx.positional ?? []).length > 0 : value !== undefined;
    if (rest === '') {
      if (isList) return this.params(name, quoted);
      if (!set && ctx.nounset) throw new ExpansionError(`dojo: ${name}: unbound variable`, 127, true);
      return value === undefined ? [] : [{ text: value, quoted }];
    }
    const op = /^(:?[-=?+]|##?|%%?|\/[/#%]?|\^\^?|,,?|:)/.exec(rest);
    if (!op) throw new ShellSyntaxError(`dojo: ${shorten('${' + key + '}')}: bad substitution`);
    const word = rest.slice(op[0].length);
    const o = op[0];
    if (o.endsWith('-') || o.endsWith('=') || o.endsWith('?') || o.endsWith('+')) {
      const present = o.startsWith(':') ? set && value !== '' : set;
      const kind = o[o.length - 1];
      if (kind === '+') return present ? this.wordPieces(word, mode) : [];
      if (present) return isList ? this.params(name, quoted) : [{ text: value!, quoted }];
      if (kind === '-') return this.wordPieces(word, mode);
      const text = textOf(await this.wordPieces(word, 'dquote'));
      if (kind === '=') {
        if (!/^[A-Za-z_]/.test(name)) throw new ExpansionError(`dojo: $${name}: cannot assign in this way`);
        ctx.assign?.(name, text);
        return [{ text, quoted }];
      }
      throw new ExpansionError(
        `dojo: ${name}: ${text === '' ? (o.startsWith(':') ? 'parameter null or not set' : 'parameter not set') : text}`,
        127,
        true,
      );
    }
    if (!set && ctx.nounset) throw new ExpansionError(`dojo: ${name}: unbound variable`, 127, true);
    const v = value ?? '';
    if (o === ':') {
      // ${X:offset} and ${X:offset:length}, arithmetic both.
      const [offText, lenText] = splitTopColon(word);
      const chars = [...v];
      let off = Number(await arith(offText, ctx));
      if (off < 0) off = Math.max(0, chars.length + off);
      let end = chars.length;
      if (lenText !== undefined) {
        const len = Number(await arith(lenText, ctx));
        if (len < 0) {
          end = chars.length + len;
          if (end < off) throw new ExpansionError(`dojo: ${lenText.trim()}: substring expression < 0`);
        } else end = Math.min(chars.length, off + len);
      }
      return [{ text: chars.slice(off, end).join(''), quoted }];
    }
    if (o === '^' || o === '^^' || o === ',' || o === ',,') {
      const upper = o[0] === '^';
      const conv = (s: string) => (upper ? s.toUpperCase() : s.toLowerCase());
      const text = o.length === 2 ? conv(v) : conv(v.slice(0, 1)) + v.slice(1);
      return [{ text, quoted }];
    }
    if (o.startsWith('#') || o.startsWith('%')) {
      const pattern = await this.pattern(word);
      return [{ text: removeAffix(v, pattern, o[0] === '#', o.length === 2), quoted }];
    }
    // ${X/pat/rep}, ${X//pat/rep}, ${X/#pat/rep}, ${X/%pat/rep}
    const slash = topSlash(word);
    const patText = slash < 0 ? word : word.slice(0, slash);
    const repText = slash < 0 ? '' : word.slice(slash + 1);
    const pattern = await this.pattern(patText);
    const rep = textOf(await this.wordPieces(repText, 'dquote'));
    return [{ text: replace(v, pattern, rep, o.length === 2 ? o[1]! : ''), quoted }];
  }

  /** `${a[i]}`, `${a[@]}`, `${#a[@]}` (a scalar is an array of one). */
  private async subscript(count: boolean, name: string, index: string, rest: string, mode: Mode): Promise<Piece[]> {
    const quoted = mode !== 'word';
    const scalar = this.ctx.lookup(name);
    const list = this.ctx.array?.(name) ?? (scalar === undefined ? [] : [scalar]);
    if (rest !== '') throw new ShellSyntaxError(`dojo: \${${count ? '#' : ''}${name}[${index}]${rest}}: bad substitution`);
    if (index === '@' || index === '*') {
      if (count) return [{ text: String(list.length), quoted }];
      if (quoted && index === '*') return [{ text: list.join(' '), quoted }];
      const out: Piece[] = [];
      list.forEach((p, k) => {
        if (k > 0) out.push({ text: '', quoted, brk: true });
        out.push({ text: p, quoted });
      });
      return out;
    }
    let i = Number(await arith(index, this.ctx));
    if (i < 0) i += list.length;
    const v = list[i];
    if (count) return [{ text: String([...(v ?? '')].length), quoted }];
    return v === undefined ? [] : [{ text: v, quoted }];
  }

  /** A pattern word (`${X%*.txt}`): quoted parts match literally. */
  private async pattern(text: string): Promise<string> {
    const pieces: Piece[] = [];
    await new Walker(this.ctx, (p) => pieces.push(p)).run(text, 'word');
    return pieces.map((p) => (p.quoted ? escapeGlob(p.text) : p.text)).join('');
  }

  /** The word of `${A:-word}`, expanded; inside `"…"` it reads as double-quoted text (`"${U:-'q'}"` keeps its quotes). */
  private async wordPieces(text: string, mode: Mode): Promise<Piece[]> {
    const pieces: Piece[] = [];
    // Inside "…" the word reads as double-quoted text: `"${U:-'q'}"` keeps its single quotes and a `"` inside nests.
    await new Walker(this.ctx, (p) => pieces.push(p)).run(mode === 'word' ? text : `"${text}"`, 'word');
    if (mode !== 'word') return pieces.map((p) => (p.brk ? p : { text: p.text, quoted: true }));
    return pieces;
  }
}

/** `"$@"` or `"${a[@]}"` with nothing in them is no field at all (not an empty one). */
function onlyEmptyLists(body: string, ctx: ExpandContext): boolean {
  const parts = body.match(/\$@|\$\{@\}|\$\{[A-Za-z_][A-Za-z0-9_]*\[@\]\}/g);
  if (!parts || parts.join('') !== body) return false;
  return parts.every((p) => {
    if (p === '$@' || p === '${@}') return (ctx.positional ?? []).length === 0;
    const name = p.slice(2, p.indexOf('['));
    return (ctx.array?.(name) ?? (ctx.lookup(name) === undefined ? [] : ['x'])).length === 0;
  });
}

/** The value of a name or special parameter; undefined when unset. */
function paramValue(ctx: ExpandContext, key: string): string | undefined {
  switch (key) {
    case '?':
      return String(ctx.lastStatus);
    case '$':
      return String(ctx.pid ?? 4242);
    case '!':
      return ctx.lastBackground === undefined ? undefined : String(ctx.lastBackground);
    case '#':
      return String((ctx.positional ?? []).length);
    case '-':
      return ctx.flags ?? 'hB';
    case '0':
      return ctx.arg0 ?? 'dojo';
    case '@':
    case '*':
      return (ctx.positional ?? []).join(' ');
  }
  if (/^[0-9]+$/.test(key)) return (ctx.positional ?? [])[Number(key) - 1];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new ShellSyntaxError(`dojo: ${shorten('${' + key + '}')}: bad substitution`);
  return ctx.lookup(key);
}

function splitTopColon(word: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '?') depth++;
    else if (c === ':' && depth === 0) return [word.slice(0, i), word.slice(i + 1)];
    else if (c === ':') depth--;
  }
  return [word, undefined];
}

function topSlash(word: string): number {
  for (let i = 0; i < word.length; i++) {
    if (word[i] === '\\') i++;
    else if (word[i] === '/') return i;
  }
  return -1;
}

function removeAffix(v: string, pattern: string, prefix: boolean, longest: boolean): string {
  const n = v.length;
  if (prefix) {
    for (let k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) if (matchGlob(pattern, v.slice(0, k))) return v.slice(k);
  } else {
    for (let k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) if (matchGlob(pattern, v.slice(k))) return v.slice(0, k);
  }
  return v;
}

function replace(v: string, pattern: string, rep: string, mode: string): string {
  if (pattern === '') return v;
  const n = v.length;
  if (mode === '#') {
    for (let k = n; k >= 0; k--) if (matchGlob(pattern, v.slice(0, k))) return rep + v.slice(k);
    return v;
  }
  if (mode === '%') {
    for (let k = 0; k <= n; k++) if (matchGlob(pattern, v.slice(k))) return v.slice(0, k) + rep;
    return v;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i < n) {
    let matched = -1;
    if (!(replaced && mode !== '/')) {
      for (let k = n; k > i; k--) {
        if (matchGlob(pattern, v.slice(i, k))) {
          matched = k;
          break;
        }
      }
    }
    if (matched > i) {
      out += rep;
      i = matched;
      replaced = true;
    } else {
      out += v[i];
      i++;
    }
  }
  return out;
}

/** `$((…))`'s text: expanded as in double quotes, then evaluated. */
export async function arith(text: string, ctx: ExpandContext): Promise<string> {
  const pieces: Piece[] = [];
  await new Walker(ctx, (p) => pieces.push(p)).run(text.replace(/"/g, ''), 'heredoc');
  const expr = textOf(pieces);
  try {
    return String(
      evalArith(expr, {
        get: (n) => ctx.lookup(n),
        set: (n, v) => ctx.assign?.(n, v),
      }),
    );
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(`dojo: ${e.message}`, 1, true);
    throw e;
  }
}

function dquoteEnd(raw: string, from: number): number {
  let i = from;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') i += 2;
    else if (c === '$' && raw[i + 1] === '{') {
      const close = matchingBrace(raw, i + 2);
      i = close < 0 ? raw.length : close + 1;
    } else if (c === '$' && raw[i + 1] === '(') {
      if (raw[i + 2] === '(') {
        const end = arithEnd(raw, i + 3);
        if (end >= 0) {
          i = end;
          continue;
        }
      }
      i = substitutionEnd(raw, i + 2);
    } else if (c === '`') i = backquoteClose(raw, i + 1) + 1;
    else i++;
  }
  return raw.length + 1;
}

function backquoteClose(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '`') return i;
  }
  return raw.length;
}

/** IFS splitting: whitespace in IFS collapses and trims; other IFS characters each end a field. */
function splitter(ifs: string | undefined): ((s: string) => string[]) | null {
  const chars = ifs ?? ' \t\n';
  if (chars === '') return null;
  const ws = [...chars].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const other = [...chars].filter((c) => !ws.includes(c)).join('');
  const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
  if (other === '') {
    const re = new RegExp(`[${esc(ws)}]+`);
    return (s) => s.split(re);
  }
  const re = new RegExp(`${ws ? `[${esc(ws)}]*` : ''}[${esc(other)}]${ws ? `[${esc(ws)}]*` : ''}|[${esc(ws) || '\\x00'}]+`);
  return (s) => {
    const trimmed = ws ? s.replace(new RegExp(`^[${esc(ws)}]+|[${esc(ws)}]+$`, 'g'), '') : s;
    if (trimmed === '') return s === '' ? [''] : ['', ''];
    const parts = trimmed.split(re);
    // A trailing non-blank separator ends a field; it does not start an empty one.
    if (parts.length > 1 && parts[parts.length - 1] === '' && !ws.includes(trimmed[trimmed.length - 1]!)) parts.pop();
    const lead = ws && /^\s/.test(s) && s.trim() !== '' ? [''] : [];
    const tail = ws && /\s$/.test(s) && s.trim() !== '' ? [''] : [];
    return [...lead, ...parts, ...tail];
  };
}

/**
 * Expands one word to zero or more fields, as bash does. `split: false` keeps it one field without
 * pathname expansion (assignment values, `case` words, `[[ ]]` operands, redirect targets are globbed by their caller).
 */
export async function expandWord(word: WordToken, ctx: ExpandContext, opts: { split?: boolean } = {}): Promise<string[]> {
  const split = opts.split ?? true;
  // Most words need no expansion at all; skipping the walk for them keeps huge lines fast.
  if (PLAIN_WORD.test(word.raw)) return [word.raw];
  if (!ctx.budget) ctx = { ...ctx, budget: { left: MAX_VALUE_LENGTH } };
  const fields: Array<{ text: string; pattern: string; magic: boolean }> = [];
  let cur = '';
  let pattern = '';
  let magic = false;
  /** `cur` is a field even if empty (something quoted or literal was in it). */
  let curIsField = false;
  const splitAt = split ? splitter(ctx.lookup('IFS')) : null;
  const push = () => {
    fields.push({ text: cur, pattern, magic });
    cur = '';
    pattern = '';
    magic = false;
    curIsField = false;
  };
  const addText = (text: string, quoted: boolean) => {
    cur += text;
    if (quoted) pattern += escapeGlob(text);
    else {
      pattern += text;
      if (/[*?[]/.test(text)) magic = true;
    }
  };
  const add = (p: Piece) => {
    if (p.brk) {
      push();
      return;
    }
    if (p.quoted || !splitAt) {
      addText(p.text, p.quoted);
      curIsField = true;
      return;
    }
    if (p.text === '') return;
    const parts = splitAt(p.text);
    for (let k = 0; k < parts.length; k++) {
      if (k > 0 && (curIsField || cur !== '')) push();
      else if (k > 0) curIsField = false;
      if (parts[k]) {
        addText(parts[k]!, false);
        curIsField = true;
      }
    }
  };
  try {
    await new Walker(ctx, add).run(word.raw, 'word');
  } catch (err) {
    // bash has no such limit; this is the Dojo's (see MAX_VALUE_LENGTH), said plainly.
    if (err instanceof ShellLimitError) throw new ShellLimitError(`${shorten(word.raw)}: expansion too long (the limit is 1 MB)`);
    throw err;
  }
  if (curIsField || cur !== '') push();
  if (!split) return [fields.map((f) => f.text).join(fields.length > 1 ? ' ' : '')];
  if (ctx.noglob) return fields.map((f) => f.text);
  const out: string[] = [];
  for (const f of fields) {
    if (f.magic) {
      const matches = expandGlob(f.pattern, ctx.fs, ctx.cwd, ctx.home);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

/** A word as one string, for a pattern (`case`, `[[ == ]]`): quoted parts escaped so they match literally. */
export async function expandPattern(word: WordToken, ctx: ExpandContext): Promise<string> {
  const pieces: Piece[] = [];
  await new Walker(ctx, (p) => pieces.push(p)).run(word.raw, 'word');
  return pieces.map((p) => (p.quoted ? escapeGlob(p.text) : p.text)).join('');
}

/** A here-document body: `$…`, `` `…` `` and `\` expand; quotes are literal. */
export async function expandHeredoc(body: string, ctx: ExpandContext): Promise<string> {
  let out = '';
  await new Walker(ctx, (p) => (out += p.brk ? ' ' : p.text)).run(body, 'heredoc');
  return out;
}

const PLAIN_WORD = /^[A-Za-z0-9_\-+.,:=@%^/]+$/;

export const ASSIGNMENT_RE = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

/** Error messages quote what was typed, but not all 100,000 characters of it. */
function shorten(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
