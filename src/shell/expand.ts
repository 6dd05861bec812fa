/**
 * Word expansion: quote removal, `$VAR`, `${VAR}`, `${VAR:-default}`, `$?`, a leading `~`,
 * field splitting of unquoted variables and pathname expansion, in that spirit of POSIX order.
 * Quoting rules come from shell-quote (single quotes are literal, `"$X"` expands, `\` escapes).
 */
import { parse as shellQuoteParse } from 'shell-quote';
import type { HostFs } from '../fs/types';
import type { WordToken } from './lexer';
import { expandGlob } from './glob';
import { ShellSyntaxError } from './lexer';
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
function charge(ctx: ExpandContext, value: string | undefined): string | undefined {
  if (value === undefined || !ctx.budget) return value;
  ctx.budget.left -= value.length;
  if (ctx.budget.left < 0) throw new ShellLimitError('expansion too long');
  return value;
}

type QuoteParse = (s: string, env: (key: string) => string | undefined, opts: { splitUnquoted?: boolean }) => unknown[];
const quoteParse = shellQuoteParse as unknown as QuoteParse;

/**
 * The value of `$key` / `${key}`. shell-quote hands over an empty key for a `$` that starts no
 * expansion (`"cost$"`, `a$`, `$/`): undefined tells it to keep the `$`, as bash does.
 */
function variable(ctx: ExpandContext, key: string): string | undefined {
  if (key === '') return undefined;
  if (key === '?') return String(ctx.lastStatus);
  if (key === '$') return '4242';
  if (key === '0') return 'dojo';
  // No positional parameters here: `$#` is 0 and `$@`, `$*`, `$1` are empty.
  if (key === '#') return '0';
  const length = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(key);
  if (length) return String((ctx.lookup(length[1]!) ?? '').length);
  const operator = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])(:?)([-+])(.*)$/s.exec(key);
  if (operator) {
    const [, name, colon, op, word] = operator;
    const value = variable(ctx, name!) ?? '';
    // Specials such as `$?` are always set; positional parameters never are here.
    const isSet = /^[A-Za-z_]/.test(name!) ? ctx.lookup(name!) !== undefined : /^[?$#0]$/.test(name!);
    const present = colon === ':' ? value !== '' : isSet;
    // `${A:-word}` / `${A:+word}`: the word is expanded too (`${A:-${B}}`, `${A:-"a b"}`, `${A:-~}`).
    if (op === '-') return present ? value : expandText(word!, ctx);
    return present ? expandText(word!, ctx) : '';
  }
  // shell-quote reads `$1x` as one name; bash reads `$1` then `x`. (Only braces give a key with an
  // operator, handled above; `${10}` and `$10` reach here alike, and `$10` is the common one.)
  if (/^[0-9]\w/.test(key)) return (variable(ctx, key[0]!) ?? '') + key.slice(1);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$|^[0-9#@*!-]$/.test(key)) throw new ShellSyntaxError(`dojo: ${shorten('${' + key + '}')}: bad substitution`);
  return ctx.lookup(key) ?? '';
}

/** The word of `${A:-word}` after expansion and quote removal, as one string. */
function expandText(text: string, ctx: ExpandContext): string {
  if (text === '') return '';
  return expandWord({ kind: 'word', raw: text, start: 0, end: text.length, glob: false }, ctx, { split: false })[0] ?? '';
}

/** Expands one word to zero or more fields. `split: false` keeps it one field (assignment values). */
export function expandWord(word: WordToken, ctx: ExpandContext, opts: { split?: boolean } = {}): string[] {
  const split = opts.split ?? true;
  // Most words need no expansion at all; skipping shell-quote for them keeps huge lines fast.
  if (PLAIN_WORD.test(word.raw)) return [word.raw];
  if (!ctx.budget) ctx = { ...ctx, budget: { left: MAX_VALUE_LENGTH } };
  let parsed: unknown[];
  try {
    parsed = quoteParse(word.raw, (key) => charge(ctx, variable(ctx, key)), { splitUnquoted: split });
  } catch (err) {
    if (err instanceof ShellSyntaxError) throw err;
    // bash has no such limit; this is the Dojo's (see MAX_VALUE_LENGTH), said plainly.
    if (err instanceof ShellLimitError) throw new ShellLimitError(`${shorten(word.raw)}: expansion too long (the limit is 1 MB)`);
    const msg = err instanceof Error ? err.message : String(err);
    if (/^Bad substitution/.test(msg)) throw new ShellSyntaxError(`dojo: ${shorten(word.raw)}: bad substitution`);
    throw new ShellSyntaxError(`dojo: cannot expand ${shorten(word.raw)}: ${msg}`);
  }
  const fields: string[] = [];
  let pattern = false;
  for (const entry of parsed) {
    if (typeof entry === 'string') fields.push(entry);
    else if (entry && typeof entry === 'object') {
      const e = entry as { op?: string; pattern?: string; comment?: string };
      if (e.op === 'glob' && typeof e.pattern === 'string') {
        fields.push(e.pattern);
        pattern = true;
      } else if (typeof e.comment === 'string') {
        // shell-quote treats `#` anywhere as a comment; inside a word it is an ordinary character.
        const last = fields.pop() ?? '';
        fields.push(`${last}#${e.comment}`);
      }
    }
  }
  if (!split) {
    const joined = fields.join('');
    return [tilde(word, joined, ctx.home)];
  }
  if (fields.length > 0) fields[0] = tilde(word, fields[0]!, ctx.home);
  if (word.glob && pattern && fields.length === 1) {
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
