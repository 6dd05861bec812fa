/**
 * Whether a line typed at the interactive prompt is finished, as bash decides before it runs
 * anything: a line that ends inside a quote, right after an unquoted backslash, or right after
 * `|`, `&&` or `||` is not, and bash shows its PS2 prompt (`> `) to read the rest. Pasted
 * multi-line commands from docs (`helm install … \` on one line, the flags on the next) rely on it.
 */
import { lex } from './lexer';

/** Why the line needs more: the joining differs (a backslash-newline disappears; the others keep the newline). */
export type Continuation = 'quote' | 'backslash' | 'operator';

export function continuationNeeded(line: string): Continuation | null {
  let quote: "'" | '"' | "$'" | null = null;
  let wordStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '\\' && quote !== null) {
      // Inside "…" and $'…' a backslash escapes the next character; at the very end it joins lines ("…" only).
      if (i === line.length - 1) return quote === '"' ? 'backslash' : 'quote';
      i++;
      continue;
    }
    if (quote !== null) {
      if ((quote === '"' && c === '"') || (quote === "$'" && c === "'")) quote = null;
      continue;
    }
    if (c === '\\') {
      if (i === line.length - 1) return 'backslash';
      i++;
      wordStart = false;
      continue;
    }
    // A comment runs to the end of the line; nothing in it asks for more.
    if (c === '#' && wordStart) break;
    if (c === "'") quote = "'";
    else if (c === '"') quote = '"';
    else if (c === '$' && line[i + 1] === "'") {
      quote = "$'";
      i++;
    }
    wordStart = /[\s;&|<>()]/.test(c);
  }
  if (quote !== null) return 'quote';
  let tokens;
  try {
    tokens = lex(line).tokens;
  } catch {
    return null; // a syntax error is reported when the line runs
  }
  const last = tokens[tokens.length - 1];
  return last?.kind === 'op' && (last.op === '|' || last.op === '&&' || last.op === '||') ? 'operator' : null;
}

/**
 * The text so far plus the next line: a backslash-newline is removed (bash's line continuation),
 * otherwise the newline stays (inside quotes it is part of the word; after an operator the lexer
 * reads it as a space).
 */
export function joinContinued(sofar: string, why: Continuation, next: string): string {
  return why === 'backslash' ? sofar.slice(0, -1) + next : `${sofar}\n${next}`;
}
