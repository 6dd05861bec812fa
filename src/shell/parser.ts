/**
 * bash's grammar as an AST, by recursive descent over the characters (bash's own tokenizer is
 * context-dependent in the same way: reserved words only where a command starts, here-document
 * bodies after the next newline, `$(…)` read by parsing the command inside it).
 *
 *   list      := and_or ((';' | '&' | NEWLINE) and_or)*
 *   and_or    := pipeline (('&&' | '||') NEWLINE* pipeline)*
 *   pipeline  := ['time' ['-p']] ['!'] command ('|' NEWLINE* command)*
 *   command   := simple | compound redirect* | function
 *   compound  := '{' list '}' | '(' list ')' | if | for | while | until | case | '((' … '))' | '[[' … ']]'
 *
 * Words keep their raw text (quotes included); expansion happens when they run (expand.ts).
 */
import { ShellSyntaxError, UNTERMINATED_QUOTE, matchingBrace, type WordToken } from './lexer';

export type RedirectOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (1 for `>`, 0 for `<`, N for `N>`); `&>` is 1 and 2. */
  fd: number;
  op: RedirectOp;
  /** As typed, fd prefix included (`2>`, `>>`, `&>`), for the exec events. */
  typed: string;
  /** The file, the fd to duplicate (`2>&1`: "1"), or the here-string's word. */
  target?: WordToken;
  /** A here-document's body, read from the lines after the command. */
  heredoc?: { body: string; quoted: boolean; delimiter: string; span?: HeredocSpan };
}

/** Where a here-document is in the source: its `<<WORD` and its body lines (terminator included). */
export interface HeredocSpan {
  op: [number, number];
  body: [number, number];
}

/** A simple command (its words, assignments first, as typed) or, with `compound`, any other command. */
export interface Command {
  words: WordToken[];
  redirects: Redirect[];
  compound?: Compound;
}

export interface Pipeline {
  commands: Command[];
  bang?: boolean;
  /** `time` (with `-p`: POSIX format). */
  time?: 'bash' | 'posix';
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  /** Ended by `&`: runs as a background job. */
  background?: boolean;
  /** Source text of this item, for `jobs` and `[1]+ Done` lines. */
  text?: string;
}

/** Items separated by `;`, `&` or newlines. */
export type Script = AndOrList[];

export interface CaseItem {
  patterns: WordToken[];
  body: Script;
  /** `;;` ends the case, `;&` falls through, `;;&` tests the next patterns. */
  end: ';;' | ';&' | ';;&';
}

export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: WordToken }
  | { kind: 'binary'; op: string; left: WordToken; right: WordToken }
  | { kind: 'word'; word: WordToken };

export type Compound =
  | { kind: 'group'; body: Script }
  | { kind: 'subshell'; body: Script }
  | { kind: 'if'; clauses: Array<{ cond: Script; body: Script }>; otherwise?: Script }
  | { kind: 'for'; name: string; words?: WordToken[]; body: Script }
  | { kind: 'cfor'; init: string; cond: string; step: string; body: Script }
  | { kind: 'while'; until: boolean; cond: Script; body: Script }
  | { kind: 'case'; word: WordToken; items: CaseItem[] }
  | { kind: 'arith'; expr: string }
  | { kind: 'cond'; expr: CondExpr }
  | { kind: 'func'; name: string; body: Command; text: string };

/** The parse ran out of input inside a construct: at the prompt, the terminal reads on at `> `. */
export class IncompleteInput extends ShellSyntaxError {
  constructor(
    message: string,
    readonly why: 'heredoc' | 'compound' | 'quote' | 'operator' | 'brace',
  ) {
    super(message);
    this.name = 'IncompleteInput';
  }
}

/** bash's reserved words: a command starts with one only as syntax, never as a command name. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'in',
  'function',
  'select',
  'time',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);
/** Words that end a list (the parser stops there and the caller checks which it expected). */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ParseOptions {
  /** An unfinished here-document ends at the end of input, with bash's warning, instead of asking for more. */
  warn?: (message: string) => void;
}

export function parse(source: string, opts: ParseOptions = {}): Script {
  const p = new Parser(source, 0, opts);
  const script = p.list(true);
  p.skipSpace();
  if (p.pos < source.length) p.unexpected();
  p.finishHeredocs();
  return script;
}

/** The here-documents of a complete command, with where each sits in the source. @public (through engine.ts) */
export function heredocsOf(source: string): Redirect[] {
  const p = new Parser(source, 0, {});
  p.list(true);
  p.finishHeredocs();
  return p.heredocs;
}

/** The words of an array assignment's list (`a=(x "y z")`). */
export function parseWordList(text: string): WordToken[] {
  const p = new Parser(text.replace(/\n/g, ' '), 0, {});
  const out: WordToken[] = [];
  for (;;) {
    const w = p.readWord();
    if (!w) break;
    out.push(w);
  }
  return out;
}

/** The index just after the `)` closing a `$(` whose body starts at `from` (the body is parsed to find it). */
export function substitutionEnd(source: string, from: number): number {
  const p = new Parser(source, from, {});
  p.list(true);
  p.skipSpace();
  if (p.pos >= source.length) throw new IncompleteInput("dojo: unexpected EOF while looking for matching `)'", 'compound');
  if (source[p.pos] !== ')') p.unexpected();
  return p.pos + 1;
}

/** The index after the `))` closing `$((` or `((` whose text starts at `from`, or -1. */
export function arithEnd(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return source[i + 1] === ')' ? i + 2 : -1;
      depth--;
    }
  }
  return -1;
}

/** The index after the backquote closing one that opened just before `from`, or -1. */
function backquoteEnd(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '`') return i + 1;
  }
  return -1;
}

class Parser {
  private pending: Redirect[] = [];

  constructor(
    readonly src: string,
    public pos: number,
    private readonly opts: ParseOptions,
  ) {}

  // ── characters ────────────────────────────────────────────────────────────────
  /** Blanks, comments and backslash-newlines (not newlines: they separate commands). */
  skipSpace(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** Newlines (and blanks/comments between them); each newline reads the here-documents pending. */
  private skipNewlines(): void {
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] !== '\n') return;
      this.pos++;
      this.readHeredocs();
    }
  }

  private at(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  /** The operator at the cursor, longest first, or undefined. */
  private op(): string | undefined {
    const s = this.src;
    const i = this.pos;
    const c = s[i];
    if (c === undefined) return undefined;
    for (const o of [';;&', ';;', ';&', '&&', '||', '|&', ';', '&', '|', '(', ')', '\n']) if (s.startsWith(o, i)) return o;
    return undefined;
  }

  unexpected(): never {
    this.skipSpace();
    if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'compound');
    const o = this.op();
    const tok = o === '\n' ? 'newline' : (o ?? this.peekWordText() ?? this.src[this.pos]!);
    throw new ShellSyntaxError(`dojo: syntax error near unexpected token \`${tok}'`);
  }

  private peekWordText(): string | undefined {
    const save = this.pos;
    const pendingBefore = this.pending.length;
    try {
      const w = this.readWord();
      return w?.raw;
    } catch {
      return undefined;
    } finally {
      this.pos = save;
      this.pending.length = pendingBefore;
    }
  }

  // ── here-documents ────────────────────────────────────────────────────────────
  private readHeredocs(): void {
    const s = this.src;
    for (const r of this.pending) {
      const h = r.heredoc!;
      const bodyStart = this.pos;
      const strip = r.op === '<<-';
      let body = '';
      for (;;) {
        if (this.pos >= s.length) {
          if (this.opts.warn) {
            this.opts.warn(`dojo: warning: here-document delimited by end-of-file (wanted \`${h.delimiter}')`);
            break;
          }
          throw new IncompleteInput(`dojo: here-document wanted \`${h.delimiter}'`, 'heredoc');
        }
        const nl = s.indexOf('\n', this.pos);
        const end = nl < 0 ? s.length : nl;
        let line = s.slice(this.pos, end);
        this.pos = nl < 0 ? s.length : nl + 1;
        if (strip) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
        if (nl < 0 && !this.opts.warn) {
          // The last line typed so far may not be finished yet: ask for more.
          throw new IncompleteInput(`dojo: here-document wanted \`${h.delimiter}'`, 'heredoc');
        }
        body += line + '\n';
      }
      h.body = body;
      if (h.span) h.span.body = [bodyStart, this.pos];
    }
    this.pending = [];
  }

  /** Every here-document read so far, in order. */
  readonly heredocs: Redirect[] = [];

  finishHeredocs(): void {
    if (this.pending.length === 0) return;
    if (this.opts.warn) {
      for (const r of this.pending) {
        r.heredoc!.body = '';
        this.opts.warn(`dojo: warning: here-document delimited by end-of-file (wanted \`${r.heredoc!.delimiter}')`);
      }
      this.pending = [];
      return;
    }
    throw new IncompleteInput(`dojo: here-document wanted \`${this.pending[0]!.heredoc!.delimiter}'`, 'heredoc');
  }

  // ── words ─────────────────────────────────────────────────────────────────────
  /** One word at the cursor (after blanks), or undefined at an operator or the end. */
  readWord(): WordToken | undefined {
    this.skipSpace();
    const s = this.src;
    const start = this.pos;
    let i = start;
    let glob = false;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(s.slice(start, i))) {
        // `a=(x y z)`: an array assignment is one word.
        i = this.listEnd(i + 1);
        continue;
      }
      if (META.has(c)) break;
      if (c === '\\') {
        if (i + 1 >= s.length) {
          i++;
          break;
        }
        i += 2;
        continue;
      }
      if (c === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) throw new IncompleteInput(UNTERMINATED_QUOTE, 'quote');
        i = close + 1;
        continue;
      }
      if (c === '"') {
        i = this.dquoteEnd(i + 1);
        continue;
      }
      if (c === '$' || c === '`') {
        i = this.dollarEnd(i);
        continue;
      }
      if (c === '*' || c === '?' || c === '[') glob = true;
      i++;
    }
    if (i === start) return undefined;
    this.pos = i;
    return { kind: 'word', raw: s.slice(start, i), start, end: i, glob };
  }

  /** The index after the `)` closing an array list whose items start at `from`. */
  private listEnd(from: number): number {
    const s = this.src;
    let i = from;
    while (i < s.length) {
      const c = s[i]!;
      if (c === ')') return i + 1;
      if (c === '\\') i += 2;
      else if (c === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) throw new IncompleteInput(UNTERMINATED_QUOTE, 'quote');
        i = close + 1;
      } else if (c === '"') i = this.dquoteEnd(i + 1);
      else if (c === '$' || c === '`') i = this.dollarEnd(i);
      else i++;
    }
    throw new IncompleteInput("dojo: unexpected EOF while looking for matching `)'", 'compound');
  }

  /** The index after the `"` closing a double quote whose body starts at `from`. */
  private dquoteEnd(from: number): number {
    const s = this.src;
    let i = from;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '"') return i + 1;
      if (c === '\\') i += 2;
      else if (c === '$' || c === '`') i = this.dollarEnd(i);
      else i++;
    }
    throw new IncompleteInput(UNTERMINATED_QUOTE, 'quote');
  }

  /** The end of an expansion starting with `$` or a backquote at `i` (or i+1 for a lone `$`). */
  private dollarEnd(i: number): number {
    const s = this.src;
    if (s[i] === '`') {
      const end = backquoteEnd(s, i + 1);
      if (end < 0) throw new IncompleteInput("dojo: unexpected EOF while looking for matching ``'", 'quote');
      return end;
    }
    const n = s[i + 1];
    if (n === '{') {
      const close = matchingBrace(s, i + 2);
      if (close < 0) throw new IncompleteInput("dojo: unexpected EOF while looking for matching `}'", 'brace');
      return close + 1;
    }
    if (n === "'") {
      let j = i + 2;
      while (j < s.length && s[j] !== "'") j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) throw new IncompleteInput(UNTERMINATED_QUOTE, 'quote');
      return j + 1;
    }
    if (n === '(') {
      if (s[i + 2] === '(') {
        const end = arithEnd(s, i + 3);
        if (end >= 0) return end;
        if (this.unclosed(i + 3)) throw new IncompleteInput("dojo: unexpected EOF while looking for matching `)'", 'compound');
      }
      return substitutionEnd(s, i + 2);
    }
    return i + 1;
  }

  /** `$((…` never closed: true when the input ends with its parentheses still open. */
  private unclosed(from: number): boolean {
    let depth = 2;
    for (let i = from; i < this.src.length; i++) {
      if (this.src[i] === '(') depth++;
      else if (this.src[i] === ')') depth--;
    }
    return depth > 0;
  }

  /** A reserved word at the cursor (unquoted, standing alone), without consuming it. */
  private reserved(): string | undefined {
    this.skipSpace();
    const m = /^(?:[A-Za-z]+|\{|\}|!|\[\[|\]\])/.exec(this.src.slice(this.pos, this.pos + 10));
    if (!m || !RESERVED_WORDS.has(m[0])) return undefined;
    const after = this.src[this.pos + m[0].length];
    if (after !== undefined && !META.has(after)) return undefined;
    return m[0];
  }

  private expectWord(word: string): void {
    if (this.reserved() !== word) this.unexpected();
    this.pos += word.length;
  }

  // ── lists ─────────────────────────────────────────────────────────────────────
  /** A list up to a closing reserved word, `)` or the end. `top`: newlines separate items. */
  list(top: boolean): Script {
    const items: Script = [];
    this.skipNewlines();
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) break;
      const r = this.reserved();
      if (r && CLOSERS.has(r)) break;
      const o = this.op();
      if (o === ')' || o === ';;' || o === ';&' || o === ';;&') break;
      const start = this.pos;
      const item = this.andOr();
      this.skipSpace();
      const sep = this.op();
      item.text = this.src.slice(start, this.pos).trim();
      items.push(item);
      if (sep === '&') {
        item.background = true;
        this.pos++;
      } else if (sep === ';') this.pos++;
      else if (sep === '\n') {
        this.pos++;
        this.readHeredocs();
      } else break;
      this.skipNewlines();
    }
    if (!top && items.length === 0) this.unexpected();
    return items;
  }

  private andOr(): AndOrList {
    const list: AndOrList = { first: this.pipeline(), rest: [] };
    for (;;) {
      this.skipSpace();
      const o = this.op();
      if (o !== '&&' && o !== '||') return list;
      this.pos += 2;
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'operator');
      list.rest.push({ op: o, pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    const p: Pipeline = { commands: [] };
    if (this.reserved() === 'time') {
      this.pos += 4;
      p.time = 'bash';
      this.skipSpace();
      if (this.at('-p') && META.has(this.src[this.pos + 2] ?? ' ')) {
        this.pos += 2;
        p.time = 'posix';
      }
    }
    while (this.reserved() === '!') {
      this.pos++;
      p.bang = !p.bang;
    }
    this.skipSpace();
    // `time` alone (or `!` alone) is a complete, empty pipeline in bash.
    const o = this.op();
    if ((p.time || p.bang) && (this.pos >= this.src.length || o === '\n' || o === ';' || o === '&')) return p;
    p.commands.push(this.command());
    for (;;) {
      this.skipSpace();
      const o = this.op();
      if (o !== '|' && o !== '|&') return p;
      this.pos += o.length;
      if (o === '|&') p.commands[p.commands.length - 1]!.redirects.push({ fd: 2, op: '>&', typed: '2>&', target: fdWord('1', this.pos) });
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'operator');
      p.commands.push(this.command());
    }
  }

  // ── commands ──────────────────────────────────────────────────────────────────
  private command(): Command {
    this.skipSpace();
    const r = this.reserved();
    const start = this.pos;
    let compound: Compound | undefined;
    if (r === '{') {
      this.pos++;
      const body = this.list(false);
      this.expectWord('}');
      compound = { kind: 'group', body };
    } else if (this.at('((')) {
      const end = arithEnd(this.src, this.pos + 2);
      if (end < 0) {
        if (this.unclosed(this.pos + 2)) throw new IncompleteInput('dojo: unexpected EOF', 'compound');
        compound = this.subshell();
      } else {
        compound = { kind: 'arith', expr: this.src.slice(this.pos + 2, end - 2) };
        this.pos = end;
      }
    } else if (this.op() === '(') compound = this.subshell();
    else if (r === 'if') compound = this.ifClause();
    else if (r === 'for') compound = this.forClause();
    else if (r === 'while' || r === 'until') {
      this.pos += r.length;
      const cond = this.list(false);
      this.expectWord('do');
      const body = this.list(false);
      this.expectWord('done');
      compound = { kind: 'while', until: r === 'until', cond, body };
    } else if (r === 'case') compound = this.caseClause();
    else if (r === '[[') compound = this.condCommand();
    else if (r === 'function') {
      this.pos += 8;
      const name = this.readWord();
      if (!name) this.unexpected();
      this.skipSpace();
      if (this.at('()')) this.pos += 2;
      else if (this.op() === '(') {
        this.pos++;
        this.skipSpace();
        if (this.op() !== ')') this.unexpected();
        this.pos++;
      }
      return this.functionBody(name.raw, start);
    } else if (r && r !== '!' && r !== 'time' && r !== 'in' && r !== 'function' && r !== 'select') {
      // `fi`, `done`, `then` … where a command should start.
      throw new ShellSyntaxError(`dojo: syntax error near unexpected token \`${r}'`);
    }
    if (compound) return { words: [], redirects: this.redirects(), compound };
    return this.simple(start);
  }

  private subshell(): Compound {
    this.pos++;
    const body = this.list(false);
    this.skipSpace();
    if (this.op() !== ')') this.unexpected();
    this.pos++;
    return { kind: 'subshell', body };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      const r = this.redirect();
      if (!r) return out;
      out.push(r);
    }
  }

  /** A redirect at the cursor (`>f`, `2>&1`, `<<EOF`, `&>f`, `3<in`), or undefined. */
  private redirect(): Redirect | undefined {
    this.skipSpace();
    const m = /^(\d*)(&>>|&>|<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)/.exec(this.src.slice(this.pos, this.pos + 16));
    if (!m) return undefined;
    const opStart = this.pos;
    const [whole, digits, op] = m as unknown as [string, string, RedirectOp];
    if (digits && (op === '&>' || op === '&>>')) return undefined;
    this.pos += whole.length;
    const fd = digits ? Number(digits) : op.startsWith('<') ? 0 : 1;
    const red: Redirect = { fd, op, typed: whole };
    this.skipSpace();
    const target = this.readWord();
    if (!target) {
      this.skipSpace();
      if (this.pos >= this.src.length) throw new ShellSyntaxError("dojo: syntax error near unexpected token `newline'");
      this.unexpected();
    }
    if (op === '<<' || op === '<<-') {
      const quoted = /['"\\]/.test(target.raw);
      const delimiter = target.raw.replace(/\\(.)|'([^']*)'|"([^"]*)"/g, (_m, a: string, b: string, c: string) => a ?? b ?? c ?? '');
      red.heredoc = { body: '', quoted, delimiter, span: { op: [opStart, target.end], body: [0, 0] } };
      this.pending.push(red);
      this.heredocs.push(red);
    } else red.target = target;
    return red;
  }

  private simple(start: number): Command {
    const cmd: Command = { words: [], redirects: [] };
    for (;;) {
      const r = this.redirect();
      if (r) {
        cmd.redirects.push(r);
        continue;
      }
      this.skipSpace();
      // `}` ends a group only where a command could start; as an argument it is a word (`echo }`).
      const w = this.readWord();
      if (!w) break;
      if (cmd.words.length === 0 && cmd.redirects.length === 0 && NAME.test(w.raw)) {
        // `name()` starts a function definition.
        this.skipSpace();
        if (this.op() === '(') {
          const save = this.pos;
          this.pos++;
          this.skipSpace();
          if (this.op() === ')') {
            this.pos++;
            return this.functionBody(w.raw, start);
          }
          this.pos = save;
          this.unexpected();
        }
      }
      cmd.words.push(w);
    }
    if (cmd.words.length === 0 && cmd.redirects.length === 0) this.unexpected();
    this.skipSpace();
    if (this.op() === '(') this.unexpected();
    return cmd;
  }

  private functionBody(name: string, start: number): Command {
    this.skipNewlines();
    if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'compound');
    const body = this.command();
    if (!body.compound) throw new ShellSyntaxError(`dojo: syntax error near unexpected token \`${body.words[0]?.raw ?? 'newline'}'`);
    return { words: [], redirects: [], compound: { kind: 'func', name, body, text: this.src.slice(start, this.pos) } };
  }

  /** After a condition or a `for` head: `;` or newlines before `then`/`do`. */
  private separator(): void {
    this.skipSpace();
    if (this.op() === ';') this.pos++;
    this.skipNewlines();
  }

  private ifClause(): Compound {
    this.pos += 2;
    const clauses: Array<{ cond: Script; body: Script }> = [];
    let otherwise: Script | undefined;
    for (;;) {
      const cond = this.list(false);
      this.expectWord('then');
      const body = this.list(false);
      clauses.push({ cond, body });
      const r = this.reserved();
      if (r === 'elif') {
        this.pos += 4;
        continue;
      }
      if (r === 'else') {
        this.pos += 4;
        otherwise = this.list(false);
      }
      this.expectWord('fi');
      return { kind: 'if', clauses, otherwise };
    }
  }

  private forClause(): Compound {
    this.pos += 3;
    this.skipSpace();
    if (this.at('((')) {
      const end = arithEnd(this.src, this.pos + 2);
      if (end < 0) throw new IncompleteInput('dojo: unexpected EOF', 'compound');
      const parts = this.src.slice(this.pos + 2, end - 2).split(';');
      if (parts.length !== 3) throw new ShellSyntaxError("dojo: syntax error: `;' unexpected");
      this.pos = end;
      this.separator();
      const body = this.doGroup();
      return { kind: 'cfor', init: parts[0]!, cond: parts[1]!, step: parts[2]!, body };
    }
    const name = this.readWord();
    if (!name) this.unexpected();
    if (!NAME.test(name.raw)) throw new ShellSyntaxError(`dojo: \`${name.raw}': not a valid identifier`);
    this.skipSpace();
    let words: WordToken[] | undefined;
    if (this.op() === ';') this.pos++;
    this.skipNewlines();
    if (this.reserved() === 'in') {
      this.pos += 2;
      words = [];
      for (;;) {
        this.skipSpace();
        const o = this.op();
        if (o === ';' || o === '\n') break;
        if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'compound');
        const w = this.readWord();
        if (!w) this.unexpected();
        words.push(w);
      }
      this.separator();
    }
    const body = this.doGroup();
    return { kind: 'for', name: name.raw, words, body };
  }

  private doGroup(): Script {
    const r = this.reserved();
    if (r === '{') {
      this.pos++;
      const body = this.list(false);
      this.expectWord('}');
      return body;
    }
    this.expectWord('do');
    const body = this.list(false);
    this.expectWord('done');
    return body;
  }

  private caseClause(): Compound {
    this.pos += 4;
    const word = this.readWord();
    if (!word) this.unexpected();
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.reserved() === 'esac') {
        this.pos += 4;
        return { kind: 'case', word, items };
      }
      if (this.pos >= this.src.length) throw new IncompleteInput('dojo: syntax error: unexpected end of file', 'compound');
      this.skipSpace();
      if (this.op() === '(') this.pos++;
      const patterns: WordToken[] = [];
      for (;;) {
        const p = this.readWord();
        if (!p) this.unexpected();
        patterns.push(p);
        this.skipSpace();
        const o = this.op();
        if (o === '|') {
          this.pos++;
          continue;
        }
        if (o === ')') {
          this.pos++;
          break;
        }
        this.unexpected();
      }
      const body = this.list(true);
      this.skipSpace();
      const o = this.op();
      let end: CaseItem['end'] = ';;';
      if (o === ';;' || o === ';&' || o === ';;&') {
        end = o;
        this.pos += o.length;
      } else if (this.reserved() !== 'esac') this.unexpected();
      items.push({ patterns, body, end });
    }
  }

  // ── [[ … ]] ───────────────────────────────────────────────────────────────────
  private condCommand(): Compound {
    this.pos += 2;
    const expr = this.condOr();
    this.skipCondSpace();
    if (!this.at(']]')) this.unexpected();
    this.pos += 2;
    return { kind: 'cond', expr };
  }

  private skipCondSpace(): void {
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] !== '\n') return;
      this.pos++;
    }
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    for (;;) {
      this.skipCondSpace();
      if (!this.at('||')) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.condAnd() };
    }
  }

  private condAnd(): CondExpr {
    let left = this.condNot();
    for (;;) {
      this.skipCondSpace();
      if (!this.at('&&')) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.condNot() };
    }
  }

  private condNot(): CondExpr {
    this.skipCondSpace();
    if (this.at('!') && META.has(this.src[this.pos + 1] ?? ' ')) {
      this.pos++;
      return { kind: 'not', expr: this.condNot() };
    }
    if (this.at('(')) {
      this.pos++;
      const e = this.condOr();
      this.skipCondSpace();
      if (!this.at(')')) this.unexpected();
      this.pos++;
      return e;
    }
    return this.condPrimary();
  }

  private condWord(): WordToken {
    this.skipCondSpace();
    if (this.pos >= this.src.length) throw new IncompleteInput("dojo: unexpected EOF while looking for `]]'", 'compound');
    const w = this.readWord();
    if (!w) this.unexpected();
    return w;
  }

  private condPrimary(): CondExpr {
    this.skipCondSpace();
    const first = this.condWord();
    if (first.raw === ']]') throw new ShellSyntaxError("dojo: syntax error near unexpected token `]]'");
    if (/^-[a-zA-Z]$/.test(first.raw)) {
      this.skipCondSpace();
      if (!this.at(']]') && !this.at('&&') && !this.at('||') && !this.at(')')) {
        return { kind: 'unary', op: first.raw, arg: this.condWord() };
      }
    }
    this.skipCondSpace();
    let op: string | undefined;
    if (this.at('<') || this.at('>')) {
      op = this.src[this.pos]!;
      this.pos++;
    } else {
      const save = this.pos;
      const w = this.at(']]') || this.at('&&') || this.at('||') || this.at(')') ? undefined : this.readWord();
      if (w && /^(==?|!=|=~|-(eq|ne|lt|le|gt|ge|nt|ot|ef))$/.test(w.raw)) op = w.raw;
      else this.pos = save;
    }
    if (!op) return { kind: 'word', word: first };
    if (op === '=~') return { kind: 'binary', op, left: first, right: this.regexWord() };
    return { kind: 'binary', op, left: first, right: this.condWord() };
  }

  /** The right side of `=~`: parentheses and `|` belong to the regular expression. */
  private regexWord(): WordToken {
    this.skipCondSpace();
    const s = this.src;
    const start = this.pos;
    let i = start;
    let depth = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\') i += 2;
      else if (c === "'") i = s.indexOf("'", i + 1) + 1 || s.length;
      else if (c === '"') i = this.dquoteEnd(i + 1);
      else if (c === '$') i = this.dollarEnd(i);
      else if (c === '(') {
        depth++;
        i++;
      } else if (c === ')' && depth > 0) {
        depth--;
        i++;
      } else if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || (c === ')' && depth === 0))) break;
      else i++;
    }
    if (i === start) this.unexpected();
    this.pos = i;
    return { kind: 'word', raw: s.slice(start, i), start, end: i, glob: false };
  }
}

function fdWord(text: string, at: number): WordToken {
  return { kind: 'word', raw: text, start: at, end: at, glob: false };
}
