import { describe, expect, it } from 'vitest';
import { lex, UNTERMINATED_QUOTE } from './lexer';
import { IncompleteInput, parse } from './parser';

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
    expect(last.redirects.map((r) => [r.typed, r.fd, r.target?.raw])).toEqual([
      ['>', 1, 'f'],
      ['>>', 1, 'g'],
      ['<', 0, 'h'],
      ['2>', 2, 'i'],
      ['2>&', 2, '1'],
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
    expect(() => parse(line)).toThrow(UNTERMINATED_QUOTE);
  });
  it.each([
    ['a &&', 'dojo: syntax error: unexpected end of file'],
    ['&& a', "dojo: syntax error near unexpected token `&&'"],
    ['a | | b', "dojo: syntax error near unexpected token `|'"],
    ['echo >', "dojo: syntax error near unexpected token `newline'"],
    ['echo > ;', "dojo: syntax error near unexpected token `;'"],
    ['echo )', "dojo: syntax error near unexpected token `)'"],
    ['fi', "dojo: syntax error near unexpected token `fi'"],
    ['if true; then echo; done', "dojo: syntax error near unexpected token `done'"],
    ['for 1 in a; do :; done', "dojo: `1': not a valid identifier"],
    ['echo a (b)', "dojo: syntax error near unexpected token `('"],
  ])('rejects %s', (line, message) => {
    expect(() => parse(line)).toThrow(message);
  });
  it.each([
    ['if true; then', 'compound'],
    ['for i in a b; do echo $i', 'compound'],
    ['f() {', 'compound'],
    ['case x in', 'compound'],
    ['cat <<EOF', 'heredoc'],
    ['cat <<EOF\nline', 'heredoc'],
    ['echo $(ls', 'compound'],
    ['echo ${HOME', 'brace'],
  ])('%s is unfinished (%s), not wrong', (line, why) => {
    expect(() => parse(line)).toThrow(IncompleteInput);
    try {
      parse(line);
    } catch (e) {
      expect((e as IncompleteInput).why).toBe(why);
    }
  });
  it('builds compound commands, functions and here-documents', () => {
    const [item] = parse('f() { echo "$1"; }');
    expect(item!.first.commands[0]!.compound).toMatchObject({ kind: 'func', name: 'f', body: { compound: { kind: 'group' } } });
    const heredoc = parse("cat <<'EOF' | wc -l\n$x\nEOF\necho after");
    expect(heredoc).toHaveLength(2);
    expect(heredoc[0]!.first.commands[0]!.redirects[0]!.heredoc).toMatchObject({ body: '$x\n', quoted: true, delimiter: 'EOF' });
    expect(parse('sleep 1 & echo x')[0]).toMatchObject({ background: true, text: 'sleep 1' });
    expect(parse('for ((i=0; i<3; i++)); do :; done')[0]!.first.commands[0]!.compound).toMatchObject({
      kind: 'cfor',
      init: 'i=0',
      cond: ' i<3',
      step: ' i++',
    });
    expect(parse('[[ -f x && $a == b* ]]')[0]!.first.commands[0]!.compound).toMatchObject({
      kind: 'cond',
      expr: { kind: 'and', left: { kind: 'unary', op: '-f' } },
    });
    expect(parse('echo $(case x in x) echo y;; esac)')[0]!.first.commands[0]!.words[1]!.raw).toBe('$(case x in x) echo y;; esac)');
    expect(parse('time -p ! true')[0]!.first).toMatchObject({ time: 'posix', bang: true });
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
