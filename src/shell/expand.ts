/**
 * Word expansion: quote removal, `$VAR`, `${VAR}`, `${VAR:-default}`, `$?`, a leading `~`,
 * field splitting of unquoted variables and pathname expansion, in POSIX order, following bash's
 * rules (checked against bash 5.2): single quotes are literal, `"$X"` expands, `\` escapes.
 */
import type { HostFs } from '../fs/types';
import type { WordToken } from './lexer';
import { expandGlob } from './glob';
import { ShellSyntaxError, matchingBrace } from './lexer';
import { MAX_VALUE_LENGTH, ShellLimitError } from './env';

export interface ExpandContext {
  lookup(name: string): string | undefined;
  lastStatus: number;
  home: string;
  fs: HostFs;
  cwd: string;
  /**
   * Characters variable expansions may still produce for this command (shared by all its words,
   * so neither one `$A$A$A…` nor many `$A` words can build a huge string). Default: MAX_VALUE_LENGTH per word.
   */
  budget?: { left: number };
}

/** Counts an expansion's value against the command's budget, before anything joins it into a longer string. */
function charge<T extends { text: string }[]>(ctx: ExpandContext, pieces: T): T {
  if (!ctx.budget) return pieces;
  for (const p of pieces) ctx.budget.left -= p.text.length;
  if (ctx.budget.left < 0) throw new ShellLimitError('expansion too long');
  return pieces;
}

/**
 * An expansion's text in parts: `quoted` parts are never split into fields. A variable's value is
 * one unquoted part; the word of `${A:-word}` keeps its own quoting (`${A:-'x y'}` is one field).
 */
type Piece = { text: string; quoted: boolean };

const textOf = (pieces: Piece[]): string => pieces.map((p) => p.text).join('');

/** The value of `${key}` (or `$key` for a name or special): variables, specials and the `:-`/`-`/`:+`/`+` and `#` forms. */
function variable(ctx: ExpandContext, key: string, inDquote = false): Piece[] {
  const operator = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])(:?)([-+])(.*)$/s.exec(key);
  if (!operator) return [{ text: value(ctx, key), quoted: false }];
  const [, name, colon, op, word] = operator;
  const v = value(ctx, name!);
  // Specials such as `$?` are always set; positional parameters never are here.
  const isSet = /^[A-Za-z_]/.test(name!) ? ctx.lookup(name!) !== undefined : /^[?$#0]$/.test(name!);
  const present = colon === ':' ? v !== '' : isSet;
  // `${A:-word}` / `${A:+word}`: the word is expanded too (`${A:-${B}}`, `${A:-"a b"}`, `${A:-~}`).
  if (op === '-') return present ? [{ text: v, quoted: false }] : wordPieces(word!, ctx, inDquote);
  return present ? wordPieces(word!, ctx, inDquote) : [];
}

/** The plain value of a name or special (`#NAME` is its length). */
function value(ctx: ExpandContext, key: string): string {
  if (key === '?') return String(ctx.lastStatus);
  if (key === '$') return '4242';
  if (key === '0') return 'dojo';
  // No positional parameters here: `$#` is 0 and `$@`, `$*`, `$1` are empty.
  if (key === '#') return '0';
  const length = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(key);
  if (length) return String((ctx.lookup(length[1]!) ?? '').length);
  // `${10}`: positional parameters are never set here.
  if (/^[0-9]+$/.test(key)) return '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$|^[@*!-]$/.test(key)) throw new ShellSyntaxError(`dojo: ${shorten('${' + key + '}')}: bad substitution`);
  return ctx.lookup(key) ?? '';
}

/** The word of `${A:-word}` after expansion and quote removal, in parts that remember their quoting. */
function wordPieces(text: string, ctx: ExpandContext, inDquote: boolean): Piece[] {
  const pieces: Piece[] = [];
  // Inside "…" the word is read as double-quoted text: `"${U:-'q'}"` keeps its single quotes
  // (bash prints 'q'), and a `"` inside it nests.
  walk(inDquote ? `"${text}"` : text, ctx, (p) => pieces.push(p));
  // A leading `~` of the word expands too (`${A:-~}`, `${A:-~/x}`).
  const first = pieces[0];
  if (first && !first.quoted && text.startsWith('~') && (text.length === 1 || text[1] === '/')) first.text = ctx.home + first.text.slice(1);
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
function ansiC(raw: string, from: number): { text: string; end: number } {
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
    } else {
      // An unknown escape keeps its backslash, as bash does.
      text += '\\' + e;
      i += 2;
    }
  }
  return { text, end: i + 1 };
}

/** Characters that IFS (the default: space, tab, newline) splits unquoted expansions at. */
const IFS = /[ \t\n]+/;

/**
 * Reads a word as typed and hands out its parts in order: quote removal (`'…'` literal, `"…"`
 * where only `$` expands and `\` escapes `$ \` " \\` and newline, `$'…'`, a bare `\`) and
 * parameter expansion. `emit` gets quoted and escaped text as quoted parts (never split), and
 * unquoted text and each unquoted expansion's parts as unquoted ones.
 */
function walk(raw: string, ctx: ExpandContext, emit: (p: Piece) => void): void {
  /** A `$` at `i`: the expansion and where it ends, or null when it starts none (`a$`, `"$/"`). */
  const dollar = (i: number, inDquote: boolean): { pieces: Piece[]; end: number } | null => {
    const next = raw[i + 1];
    if (next === '{') {
      const close = matchingBrace(raw, i + 2);
      if (close < 0) throw new ShellSyntaxError(`dojo: ${shorten(raw.slice(i))}: bad substitution`);
      const key = raw.slice(i + 2, close);
      if (key === '') throw new ShellSyntaxError('dojo: ${}: bad substitution');
      return { pieces: charge(ctx, variable(ctx, key, inDquote)), end: close + 1 };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9?$#@*!-]/.exec(raw.slice(i + 1, i + 1 + 256));
    if (!name) return null;
    // A name longer than the slice read: read it all (rare, but a name has no length limit).
    let key = name[0];
    if (key.length === 256) key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))![0];
    return { pieces: charge(ctx, variable(ctx, key)), end: i + 1 + key.length };
  };
  const quoted = (text: string) => emit({ text, quoted: true });
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      quoted(raw[i + 1] ?? '');
      i += 2;
    } else if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      const stop = end < 0 ? raw.length : end;
      quoted(raw.slice(i + 1, stop));
      i = stop + 1;
    } else if (c === '$' && raw[i + 1] === "'") {
      const q = ansiC(raw, i + 2);
      quoted(q.text);
      i = q.end;
    } else if (c === '"') {
      // Even `""` is a (possibly empty) field.
      quoted('');
      i++;
      while (i < raw.length && raw[i] !== '"') {
        const d = raw[i]!;
        if (d === '\\' && i + 1 < raw.length && '$`"\\\n'.includes(raw[i + 1]!)) {
          if (raw[i + 1] !== '\n') quoted(raw[i + 1]!);
          i += 2;
        } else if (d === '$') {
          const x = dollar(i, true);
          if (x) {
            quoted(textOf(x.pieces));
            i = x.end;
          } else {
            quoted('$');
            i++;
          }
        } else {
          quoted(d);
          i++;
        }
      }
      i++;
    } else if (c === '$') {
      const x = dollar(i, false);
      if (x) {
        for (const p of x.pieces) emit(p);
        i = x.end;
      } else {
        emit({ text: '$', quoted: false });
        i++;
      }
    } else {
      // Unquoted text: at the top of a word it holds no blank (the lexer split there); in the word
      // of `${A:-a b}` it does, and bash splits it like the rest of the expansion.
      emit({ text: c, quoted: false });
      i++;
    }
  }
}

/**
 * Expands one word to zero or more fields, as bash does: quote removal and parameter expansion
 * (walk), field splitting of unquoted expansion results at IFS (space, tab, newline), a leading
 * `~`, then pathname expansion. `split: false` keeps it one field (assignment values).
 */
export function expandWord(word: WordToken, ctx: ExpandContext, opts: { split?: boolean } = {}): string[] {
  const split = opts.split ?? true;
  // Most words need no expansion at all; skipping the walk for them keeps huge lines fast.
  if (PLAIN_WORD.test(word.raw)) return [word.raw];
  if (!ctx.budget) ctx = { ...ctx, budget: { left: MAX_VALUE_LENGTH } };
  const fields: string[] = [];
  let cur = '';
  /** `cur` is a field even if empty (something quoted or literal was in it). */
  let curIsField = false;
  const add = (p: Piece) => {
    if (p.quoted || !split) {
      cur += p.text;
      curIsField = true;
      return;
    }
    const parts = p.text.split(IFS);
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) {
        if (curIsField) fields.push(cur);
        cur = '';
        curIsField = false;
      }
      if (parts[k]) {
        cur += parts[k];
        curIsField = true;
      }
    }
  };
  try {
    walk(word.raw, ctx, add);
  } catch (err) {
    // bash has no such limit; this is the Dojo's (see MAX_VALUE_LENGTH), said plainly.
    if (err instanceof ShellLimitError) throw new ShellLimitError(`${shorten(word.raw)}: expansion too long (the limit is 1 MB)`);
    throw err;
  }
  if (curIsField) fields.push(cur);
  if (!split) return [tilde(word, fields.join(''), ctx.home)];
  if (fields.length > 0) fields[0] = tilde(word, fields[0]!, ctx.home);
  if (word.glob && fields.length === 1) {
    const matches = expandGlob(fields[0]!, ctx.fs, ctx.cwd, ctx.home);
    if (matches.length > 0) return matches;
  }
  return fields;
}

/** `~` and `~/x` expand only when the tilde was typed unquoted at the start of the word. */
function tilde(word: WordToken, field: string, home: string): string {
  if (!word.raw.startsWith('~')) return field;
  if (word.raw.length === 1 || word.raw[1] === '/') return home + field.slice(1);
  return field;
}

const PLAIN_WORD = /^[A-Za-z0-9_\-+.,:=@%^/]+$/;

export const ASSIGNMENT_RE = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Error messages quote what was typed, but not all 100,000 characters of it. */
function shorten(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
