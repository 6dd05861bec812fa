import { describe, expect, it } from 'vitest';
import { lex, ShellSyntaxError, UNTERMINATED_QUOTE } from './lexer';
import { parse } from './parser';

const words = (line: string) => parse(line)[0]!.first.commands[0]!.words.map((w) => w.raw);

describe('lexer and parser', () => {
  it('splits words and keeps quotes raw for expansion', () => {
    expect(words(`echo "a b" 'c d' e\\ f`)).toEqual(['echo', '"a b"', "'c d'", 'e\\ f']);
  });
  it('recognises lists, and/or, pipes and redirects', () => {
    const script = parse('a; b && c || d | e > f >> g < h 2> i 2>&1');
    expect(script).toHaveLength(2);
    const andOr = script[1]!;
    expect(andOr.rest.map((r) => r.op)).toEqual(['&&', '||']);
    const last = andOr.rest[1]!.pipeline.commands[1]!;
    expect(last.words.map((w) => w.raw)).toEqual(['e']);
    expect(last.redirects.map((r) => [r.kind, r.target?.raw])).toEqual([
      ['>', 'f'],
      ['>>', 'g'],
      ['<', 'h'],
      ['2>', 'i'],
      ['2>&1', undefined],
    ]);
  });
  it('treats 2> as a redirect only at a word start', () => {
    expect(parse('echo a2>f')[0]!.first.commands[0]!.words.map((w) => w.raw)).toEqual(['echo', 'a2']);
    expect(parse('echo 2 > f')[0]!.first.commands[0]!.words.map((w) => w.raw)).toEqual(['echo', '2']);
  });
  it('ignores operators inside quotes and comments', () => {
    expect(words(`echo "a;b|c" 'x&&y' # ; rm -rf /`)).toEqual(['echo', '"a;b|c"', "'x&&y'"]);
  });
  it.each([`echo "abc`, `echo 'abc`, `echo "a'b`, `echo $'abc`])('reports an unterminated quote in %s', (line) => {
    expect(() => parse(line)).toThrow(new ShellSyntaxError(UNTERMINATED_QUOTE));
  });
  it.each([
    ['a &&', 'dojo: syntax error: unexpected end of file'],
    ['&& a', "dojo: syntax error near unexpected token `&&'"],
    ['a | | b', "dojo: syntax error near unexpected token `|'"],
    ['echo >', "dojo: syntax error near unexpected token `newline'"],
    ['echo > ;', "dojo: syntax error near unexpected token `;'"],
    ['sleep 1 &', 'dojo: background jobs (&) are not supported'],
    ['(ls)', "dojo: syntax error near unexpected token `('"],
    ['echo $(ls)', 'dojo: command substitution is not supported'],
    ['echo $((1+2))', 'dojo: arithmetic expansion is not supported'],
    ['cat <<EOF', 'dojo: here-documents (<<) are not supported'],
  ])('rejects %s', (line, message) => {
    expect(() => parse(line)).toThrow(message);
  });
  it('lenient lexing reports the open quote instead of throwing', () => {
    const r = lex(`cat "my fi`, { lenient: true });
    expect(r.openQuote).toBe('"');
    expect(r.tokens.map((t) => (t.kind === 'word' ? t.raw : t.op))).toEqual(['cat', '"my fi']);
  });
  it('treats an unquoted newline as a command separator, but not after && or inside quotes', () => {
    expect(parse('echo a\necho b')).toHaveLength(2);
    expect(parse('true &&\necho b')).toHaveLength(1);
    expect(words('echo "a\nb"')).toEqual(['echo', '"a\nb"']);
    expect(parse('\n\necho a\n\n')).toHaveLength(1);
  });
  it('parses a 100,000-character line', () => {
    const line = 'echo ' + 'x'.repeat(100_000);
    expect(words(line)[1]).toHaveLength(100_000);
  });
});
