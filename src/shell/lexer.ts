/**
 * Splits a typed line into words and operators, keeping each word's raw text and offsets (Tab
 * completion needs them). Quote removal and `$VAR` expansion happen later, word by word
 * (expand.ts); this pass only finds where each word ends, as bash's tokenizer does: quotes and
 * `${…}` run to their match, `2>` at a word's start is a redirect.
 */

export type Operator = ';' | '&&' | '||' | '|' | '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '>&2' | '&>';

export interface WordToken {
  kind: 'word';
  /** Exactly as typed, quotes included. */
  raw: string;
  start: number;
  end: number;
  /** An unquoted, unescaped `*`, `?` or `[` was seen: a candidate for pathname expansion. */
  glob: boolean;
}

export interface OperatorToken {
  kind: 'op';
  op: Operator;
  start: number;
  end: number;
}

export type Token = WordToken | OperatorToken;

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

export const UNTERMINATED_QUOTE = 'dojo: syntax error: unterminated quote';

/** Longest first, so `>>` wins over `>`. Fd forms only count at the start of a word (see below). */
const OPERATORS: Operator[] = ['2>&1', '2>>', '>&2', '2>', '&>', '&&', '||', '>>', ';', '|', '>', '<'];
/** Forms bash accepts that this shell deliberately does not implement; rejected with bash's wording. */
const UNSUPPORTED = ['<<<', '<<', ';;', '|&', '>|', '<>', '<&', '>&', '&', '(', ')'];
const WORD_BREAK = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);

export interface LexResult {
  tokens: Token[];
  /** Set in lenient mode when the line ends inside a quote (completion still wants the tokens). */
  openQuote?: "'" | '"';
}

/**
 * Strict mode throws ShellSyntaxError; lenient mode (for completion) never throws and reports an
 * open quote instead.
 */
export function lex(line: string, opts: { lenient?: boolean } = {}): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === '\n') {
      // An unquoted newline ends a command like `;` (a pasted script), except after an operator
      // that expects more (`&&`, `||`, `|`), where bash reads on.
      const last = tokens[tokens.length - 1];
      if (last?.kind === 'word') tokens.push({ kind: 'op', op: ';', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of its line (a command continued over lines has several).
      while (i < n && line[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    const unsupported = UNSUPPORTED.find((o) => line.startsWith(o, i));
    if (op && (!unsupported || unsupported.length <= op.length)) {
      tokens.push({ kind: 'op', op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    if (unsupported) {
      if (opts.lenient) {
        i += unsupported.length;
        continue;
      }
      throw new ShellSyntaxError(unsupportedMessage(unsupported));
    }
    const word = scanWord(line, i, opts.lenient ?? false);
    tokens.push(word.token);
    if (word.openQuote) return { tokens, openQuote: word.openQuote };
    i = word.token.end;
  }
  return { tokens };
}

/** bash's words for a `${` the input ends inside (bash -c 'echo ${HOME' exits 2 with it). */
const UNCLOSED_BRACE = "dojo: unexpected EOF while looking for matching `}'";

/** The index of the `}` closing a `${` whose body starts at `from`, or -1; quotes and nested `${` inside are skipped. */
export function matchingBrace(line: string, from: number): number {
  let depth = 1;
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') i++;
    else if (c === '$' && line[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (--depth === 0) return i;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return -1;
      i = j;
    }
  }
  return -1;
}

function unsupportedMessage(op: string): string {
  if (op === '&') return 'dojo: background jobs (&) are not supported';
  if (op === '<<' || op === '<<<') return 'dojo: here-documents (<<) are not supported';
  return `dojo: syntax error near unexpected token \`${op}'`;
}

/** `$((…))`, `$(…)` and backquotes: forms this shell refuses, each named for what it is. */
function substitutionError(line: string, i: number): ShellSyntaxError {
  return new ShellSyntaxError(
    line.startsWith('$((', i) ? 'dojo: arithmetic expansion is not supported' : 'dojo: command substitution is not supported',
  );
}

function scanWord(line: string, start: number, lenient: boolean): { token: WordToken; openQuote?: "'" | '"' } {
  let i = start;
  let glob = false;
  const n = line.length;
  const done = (openQuote?: "'" | '"') => ({
    token: { kind: 'word' as const, raw: line.slice(start, i), start, end: i, glob },
    openQuote,
  });
  while (i < n) {
    const c = line[i]!;
    if (WORD_BREAK.has(c)) break;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`' || (c === '$' && line[i + 1] === '(')) {
      if (lenient) {
        i++;
        continue;
      }
      throw substitutionError(line, i);
    }
    if (c === '$' && line[i + 1] === '{') {
      // `${…}` runs to its matching `}`, blanks, operators and newlines included (`${A:-a b|c}` is
      // one word), as bash reads it; an unclosed one is bash's "unexpected EOF" (at the prompt the
      // terminal reads on at `> ` instead: continuation.ts).
      const close = matchingBrace(line, i + 2);
      if (close < 0) {
        i = n;
        if (lenient) return done();
        throw new ShellSyntaxError(UNCLOSED_BRACE);
      }
      i = close + 1;
      continue;
    }
    if (c === "'" || (c === '$' && line[i + 1] === "'")) {
      const ansi = c === '$';
      i += ansi ? 2 : 1;
      while (i < n && line[i] !== "'") i += ansi && line[i] === '\\' ? 2 : 1;
      if (i >= n) {
        i = n;
        if (lenient) return done("'");
        throw new ShellSyntaxError(UNTERMINATED_QUOTE);
      }
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\') i += 2;
        else if (!lenient && (line[i] === '`' || (line[i] === '$' && line[i + 1] === '('))) {
          throw substitutionError(line, i);
        } else if (line[i] === '$' && line[i + 1] === '{') {
          // Quotes inside `"${A:-"x y"}"` nest, as in bash: the word runs to the brace's match.
          const close = matchingBrace(line, i + 2);
          i = close < 0 ? n : close + 1;
        } else i++;
      }
      if (i >= n) {
        i = n;
        if (lenient) return done('"');
        throw new ShellSyntaxError(UNTERMINATED_QUOTE);
      }
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') {
      // `$?` is a variable, not a pattern.
      if (!(c === '?' && line[i - 1] === '$')) glob = true;
    }
    i++;
  }
  if (i > n) i = n; // a trailing backslash
  return done();
}
