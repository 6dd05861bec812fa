/** Turns tokens into the small grammar this shell runs: lists of and/or chains of pipelines. */
import { lex, ShellSyntaxError, type Operator, type Token, type WordToken } from './lexer';

export type RedirectKind = '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '>&2' | '&>';

export interface Redirect {
  kind: RedirectKind;
  /** Absent for the fd-duplicating forms `2>&1` and `>&2`. */
  target?: WordToken;
}

export interface SimpleCommand {
  words: WordToken[];
  redirects: Redirect[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

/** Items separated by `;`. */
export type Script = AndOrList[];

const REDIRECTS = new Set<Operator>(['>', '>>', '<', '2>', '2>>', '2>&1', '>&2', '&>']);
const NEEDS_TARGET = new Set<Operator>(['>', '>>', '<', '2>', '2>>', '&>']);

export function parse(line: string): Script {
  return parseTokens(lex(line).tokens);
}

export function parseTokens(tokens: Token[]): Script {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const unexpected = (t: Token | undefined): never => {
    if (!t) throw new ShellSyntaxError('dojo: syntax error: unexpected end of file');
    throw new ShellSyntaxError(`dojo: syntax error near unexpected token \`${t.kind === 'op' ? t.op : t.raw}'`);
  };

  const simple = (): SimpleCommand => {
    const cmd: SimpleCommand = { words: [], redirects: [] };
    for (let t = peek(); t; t = peek()) {
      if (t.kind === 'word') {
        cmd.words.push(t);
        pos++;
      } else if (REDIRECTS.has(t.op)) {
        pos++;
        const kind = t.op as RedirectKind;
        if (NEEDS_TARGET.has(t.op)) {
          const target = peek();
          if (!target) throw new ShellSyntaxError("dojo: syntax error near unexpected token `newline'");
          if (target.kind !== 'word') unexpected(target);
          pos++;
          cmd.redirects.push({ kind, target: target as WordToken });
        } else {
          cmd.redirects.push({ kind });
        }
      } else break;
    }
    if (cmd.words.length === 0 && cmd.redirects.length === 0) unexpected(peek());
    return cmd;
  };

  const pipeline = (): Pipeline => {
    const commands = [simple()];
    for (let t = peek(); t?.kind === 'op' && t.op === '|'; t = peek()) {
      pos++;
      commands.push(simple());
    }
    return { commands };
  };

  const andOr = (): AndOrList => {
    const list: AndOrList = { first: pipeline(), rest: [] };
    for (let t = peek(); t?.kind === 'op' && (t.op === '&&' || t.op === '||'); t = peek()) {
      pos++;
      list.rest.push({ op: t.op, pipeline: pipeline() });
    }
    return list;
  };

  const script: Script = [];
  while (pos < tokens.length) {
    script.push(andOr());
    const t = peek();
    if (!t) break;
    if (t.kind === 'op' && t.op === ';') pos++;
    else unexpected(t);
  }
  return script;
}
