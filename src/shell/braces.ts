/**
 * Brace expansion, bash's first expansion: `{a,b}c` → `ac bc`, `{1..5}`, `{01..10..3}`, `{a..e}`, nested
 * braces, on the raw word (quotes, `\{` and `${…}`/`$(…)` are left alone). A word with no valid brace
 * expression stays as it is (`{x}` and `{}` are literal, as in bash).
 */
import { matchingBrace } from './lexer';

/** Beyond this many words the expansion stops (bash would try, and a typed `{1..99999999}` would freeze the tab). */
export const MAX_BRACE_WORDS = 100_000;

export class BraceLimitError extends Error {
  constructor() {
    super(`brace expansion too large (the limit is ${MAX_BRACE_WORDS} words)`);
    this.name = 'BraceLimitError';
  }
}

/** The index after a `'…'`, `"…"`, `$(…)`, `${…}` or backquote starting at `i`, or `i + 1`/`i + 2` for other characters. */
function skip(raw: string, i: number): number {
  const c = raw[i];
  if (c === '\\') return i + 2;
  if (c === "'") {
    const e = raw.indexOf("'", i + 1);
    return e < 0 ? raw.length : e + 1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < raw.length && raw[j] !== '`') j += raw[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '$' && raw[i + 1] === '{') {
    const e = matchingBrace(raw, i + 2);
    return e < 0 ? raw.length : e + 1;
  }
  if (c === '$' && raw[i + 1] === '(') {
    let depth = 0;
    let j = i + 1;
    while (j < raw.length) {
      const d = raw[j]!;
      if (d === '(') {
        depth++;
        j++;
      } else if (d === ')') {
        depth--;
        j++;
        if (depth === 0) return j;
      } else if (d === '\\' || d === "'" || d === '"' || d === '`') j = skip(raw, j);
      else j++;
    }
    return raw.length;
  }
  return i + 1;
}

/** The `}` matching the `{` at `open`, and the top-level commas between them; null if unclosed. */
function braceBody(raw: string, open: number): { close: number; commas: number[] } | null {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < raw.length;) {
    const c = raw[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return { close: i, commas };
    } else if (c === ',' && depth === 1) commas.push(i);
    i = c === '{' || c === '}' || c === ',' ? i + 1 : skip(raw, i);
  }
  return null;
}

function sequence(body: string): string[] | null {
  let m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const step = Math.abs(Number(m[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(m[1]!) || /^-?0\d/.test(m[2]!) ? Math.max(m[1]!.length, m[2]!.length) : 0;
    if (Math.abs(b - a) / step > MAX_BRACE_WORDS) throw new BraceLimitError();
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
      const text = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? `-${text}` : text);
    }
    return out;
  }
  m = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (m) {
    const [a, b] = [m[1]!.charCodeAt(0), m[2]!.charCodeAt(0)];
    const step = Math.abs(Number(m[3] ?? 1)) || 1;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}

/** The words `raw` brace-expands to (just `[raw]` when it has no brace expression). */
export function expandBraces(raw: string): string[] {
  if (!raw.includes('{')) return [raw];
  const out: string[] = [];
  const walk = (word: string, from: number) => {
    for (let i = from; i < word.length;) {
      if (word[i] !== '{') {
        i = skip(word, i);
        continue;
      }
      const body = braceBody(word, i);
      if (!body) return void out.push(word);
      const inner = word.slice(i + 1, body.close);
      const prefix = word.slice(0, i);
      const suffix = word.slice(body.close + 1);
      let alts: string[] | null;
      if (body.commas.length > 0) {
        const cuts = [i, ...body.commas, body.close];
        alts = cuts.slice(0, -1).map((c, k) => word.slice(c + 1, cuts[k + 1]));
      } else alts = sequence(inner);
      if (!alts) {
        i++;
        continue;
      }
      for (const alt of alts) {
        if (out.length > MAX_BRACE_WORDS) throw new BraceLimitError();
        // The prefix holds no brace expression; expand what follows it (alternatives may nest).
        walk(prefix + alt + suffix, prefix.length);
      }
      return;
    }
    out.push(word);
  };
  walk(raw, 0);
  return out;
}
