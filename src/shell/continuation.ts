/**
 * Whether a line typed at the interactive prompt is finished, as bash decides before it runs
 * anything: a line that ends inside a quote, right after an unquoted backslash, or right after
 * `|`, `&&` or `||` is not, and bash shows its PS2 prompt (`> `) to read the rest. Pasted
 * multi-line commands from docs (`helm install … \` on one line, the flags on the next) rely on it.
 *
 * The scan is incremental: each further line is read from where the previous one left off, so a
 * long pasted command costs one pass, not one pass per line.
 */

import { ShellSyntaxError } from './lexer';
import { loadedEngine } from './engine-loader';

/**
 * Why the command needs more: a backslash-newline disappears when joined; the others keep the
 * newline. `heredoc`: a here-document's terminator has not come yet; `compound`: an `if`, loop,
 * `case`, function or group is still open.
 */
export type Continuation = 'quote' | 'backslash' | 'operator' | 'brace' | 'heredoc' | 'compound';

/** Text that may hold a construct only the parser can judge (a here-document, a compound command). */
const NEEDS_PARSE = /<<|\b(if|for|while|until|case|select|function)\b|[({`]|\[\[|\$\(/;

/** Whether the whole command is finished, as bash's parser decides; null when it is (or is simply wrong). */
function parserWants(text: string, fallback: Continuation | null): Continuation | null {
  const engine = loadedEngine();
  // Before the interpreter has loaded (a line typed in the first instant), the scan alone decides.
  if (!engine) return fallback;
  try {
    engine.parse(text);
    return null;
  } catch (e) {
    if (e instanceof engine.IncompleteInput) return e.why;
    if (e instanceof ShellSyntaxError) return null;
    throw e;
  }
}

/** Where the scan of a command stands after the text read so far. */
interface ScanState {
  quote: "'" | '"' | "$'" | null;
  /** Unquoted `${` not yet closed by its `}` (nested ones count): blanks, operators and newlines inside are part of the word. */
  braces: number;
  comment: boolean;
  wordStart: boolean;
  /** The last thing read outside quotes and comments: a word, an operator that wants more (`|`, `&&`, `||`), another operator, or nothing yet. */
  tail: 'none' | 'word' | 'op' | 'wants-more';
}

export interface CommandSoFar {
  /** The command as it will run: lines joined, backslash-newlines removed. */
  text: string;
  /** Null when the command is complete. */
  why: Continuation | null;
  state: ScanState;
}

const START: ScanState = { quote: null, braces: 0, comment: false, wordStart: true, tail: 'none' };
const BLANK = new Set([' ', '\t', '\r', '\n']);

/**
 * What joins the next line to the command so far: nothing after a backslash (the backslash-newline
 * is removed), else a newline, read like any other character (inside quotes it is part of the word,
 * after `|` it is a blank, and it ends a comment).
 */
export function glueAfter(sofar: CommandSoFar): string {
  return sofar.why === 'backslash' ? '' : '\n';
}

/**
 * Reads one more line of a command: `previous` is what earlier lines left (absent for a fresh
 * command). Returns the joined text and whether bash would read on.
 */
export function readLine(line: string, previous?: CommandSoFar): CommandSoFar {
  const scanned = scanLine(line, previous);
  if (scanned.why === 'backslash') return scanned;
  if (!NEEDS_PARSE.test(scanned.text)) return scanned;
  return { ...scanned, why: parserWants(scanned.text, scanned.why) };
}

function scanLine(line: string, previous?: CommandSoFar): CommandSoFar {
  const chunk = (previous ? glueAfter(previous) : '') + line;
  const s: ScanState = { ...(previous?.state ?? START) };
  const base = previous?.text ?? '';
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i]!;
    const last = i === chunk.length - 1;
    if (s.comment) {
      if (c === '\n') {
        s.comment = false;
        s.wordStart = true;
        if (s.tail !== 'wants-more') s.tail = 'none';
      }
      continue;
    }
    if (s.quote === "'") {
      if (c === "'") s.quote = null;
      continue;
    }
    if (s.quote !== null) {
      if (c === '\\') {
        // Inside "…" a backslash at the end joins lines; inside $'…' the newline stays in the string.
        if (last) return { text: base + (s.quote === '"' ? chunk.slice(0, -1) : chunk), why: s.quote === '"' ? 'backslash' : 'quote', state: s };
        i++;
      } else if ((s.quote === '"' && c === '"') || (s.quote === "$'" && c === "'")) s.quote = null;
      continue;
    }
    if (c === '\\') {
      if (last) return { text: base + chunk.slice(0, -1), why: 'backslash', state: s };
      i++;
      s.tail = 'word';
      s.wordStart = false;
      continue;
    }
    if (c === '$' && chunk[i + 1] === '{') {
      s.braces++;
      s.tail = 'word';
      s.wordStart = false;
      i++;
      continue;
    }
    if (s.braces > 0) {
      if (c === '}') s.braces--;
      else if (c === "'" || c === '"') s.quote = c;
      continue;
    }
    if (BLANK.has(c)) {
      s.wordStart = true;
      // An unquoted newline ends a command, unless an operator before it wants more.
      if (c === '\n' && s.tail !== 'wants-more') s.tail = 'none';
      continue;
    }
    if (c === '#' && s.wordStart) {
      s.comment = true;
      continue;
    }
    s.wordStart = false;
    if (c === "'" || c === '"') {
      s.quote = c;
      s.tail = 'word';
    } else if (c === '$' && chunk[i + 1] === "'") {
      s.quote = "$'";
      s.tail = 'word';
      i++;
    } else if (c === '|') {
      // `||` and `|` want more; `>|` and `|&` are forms the shell refuses when it runs the line.
      const double = chunk[i + 1] === '|';
      const refused = !double && (chunk[i - 1] === '>' || chunk[i + 1] === '&');
      s.tail = refused ? 'op' : 'wants-more';
      if (double) i++;
      s.wordStart = true;
    } else if (c === '&') {
      const double = chunk[i + 1] === '&';
      s.tail = double ? 'wants-more' : 'op';
      if (double) i++;
      s.wordStart = true;
    } else if (c === ';' || c === '<' || c === '>' || c === '(' || c === ')') {
      s.tail = 'op';
      s.wordStart = true;
    } else s.tail = 'word';
  }
  const why = s.quote !== null ? 'quote' : s.braces > 0 ? 'brace' : s.tail === 'wants-more' ? 'operator' : null;
  return { text: base + chunk, why, state: s };
}

/**
 * A command's here-documents as here-strings that mean the same (`cat <<EOF⏎hi $X⏎EOF` →
 * `cat <<< "hi $X"`), so it fits on one line; left as it is if the interpreter is not loaded or it
 * does not parse.
 */
function heredocsAsStrings(entry: string): string {
  const engine = loadedEngine();
  if (!engine) return entry;
  let docs;
  try {
    docs = engine.heredocsOf(entry);
  } catch {
    return entry;
  }
  const cuts: Array<{ at: number; end: number; text: string }> = [];
  for (const r of docs) {
    const h = r.heredoc!;
    if (!h.span) continue;
    const body = h.body.endsWith('\n') ? h.body.slice(0, -1) : h.body;
    const text = h.quoted
      ? `$'${body.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`
      : body
          .split('\n')
          // In "…" a `"` needs a backslash, and so does a backslash before one (literal in a here-document).
          .map((line) => `"${line.replace(/\\"/g, '\\\\\\"').replace(/(^|[^\\])"/g, '$1\\"')}"`)
          .join("$'\\n'");
    cuts.push({ at: h.span.op[0], end: h.span.op[1], text: `<<< ${text}` }, { at: h.span.body[0], end: h.span.body[1], text: '' });
  }
  cuts.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const c of cuts) {
    out += entry.slice(pos, c.at) + c.text;
    pos = c.end;
  }
  return (out + entry.slice(pos)).replace(/\n+$/, '');
}

/**
 * A command from history on one line for the editor: newlines outside quotes become spaces;
 * inside quotes they become `$'\n'` spliced between the quote's halves, which means the same.
 */
export function historyLine(entry: string): string {
  if (!entry.includes('\n')) return entry;
  if (entry.includes('<<')) entry = heredocsAsStrings(entry);
  // A newline that ends a command becomes `;`. After `)` it may end a subshell or a `case` pattern:
  // the parser (when loaded) says which reading is right.
  const engine = loadedEngine();
  if (!engine) return oneLine(entry, false);
  for (const parenWantsMore of [false, true]) {
    const one = oneLine(entry, parenWantsMore);
    try {
      engine.parse(one);
      return one;
    } catch {
      // try the other reading
    }
  }
  return oneLine(entry, false);
}

/** After these, a newline is only a blank: the command goes on (`|`, `&&`, `then`, `do`, `{`, …). */
const GOES_ON = /(^|[\s;&|(){}])(then|do|else|elif|in|\{|!)$|[|&;(]$|^$/;

function oneLine(entry: string, parenWantsMore: boolean): string {
  let out = '';
  let quote: "'" | '"' | "$'" | null = null;
  let wordStart = true;
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i]!;
    if (c === '\n') {
      if (quote === null) {
        const tail = out.trimEnd();
        const ends = !GOES_ON.test(tail) && !(parenWantsMore && tail.endsWith(')'));
        out = ends ? `${tail}; ` : `${tail} `;
      } else out += quote === "$'" ? '\\n' : `${quote}$'\\n'${quote}`;
      wordStart = true;
      continue;
    }
    if (quote === null && c === '#' && wordStart) {
      // A comment ended at its newline; on one line it would swallow the rest, so it goes.
      while (i + 1 < entry.length && entry[i + 1] !== '\n') i++;
      continue;
    }
    wordStart = quote === null && /[ \t;&|<>()]/.test(c);
    out += c;
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (quote !== null) {
      if (c === '\\' && i + 1 < entry.length && entry[i + 1] !== '\n') out += entry[++i];
      else if ((quote === '"' && c === '"') || (quote === "$'" && c === "'")) quote = null;
    } else if (c === '\\' && i + 1 < entry.length && entry[i + 1] !== '\n') out += entry[++i];
    else if (c === "'" || c === '"') quote = c;
    else if (c === '$' && entry[i + 1] === "'") {
      out += "'";
      quote = "$'";
      i++;
    }
  }
  return out;
}
