import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import { translatePatterns } from './grep-pattern';

const INPUT = 'a|b\na+\naa\nb\nabab\n(x)\nx\n*a\naaa\n\\\n.\na^b\na$b\nxxy\na{2\n123\nABC\nabc\nac\nbc\ncab ab\na.b\n]a\n^x\na)\n*\nab\n$x\naab\n';

/** [flags, pattern, lines GNU grep 3.8 prints for INPUT ('none': status 1)], recorded with real grep. */
const CASES: Array<[string, string, string[] | 'none']> = [
  ['', 'a\\|b', ['a|b', 'a+', 'aa', 'b', 'abab', '*a', 'aaa', 'a^b', 'a$b', 'a{2', 'abc', 'ac', 'bc', 'cab ab', 'a.b', ']a', 'a)', 'ab', 'aab']],
  ['', 'a|b', ['a|b']],
  ['-E', 'a|b', ['a|b', 'a+', 'aa', 'b', 'abab', '*a', 'aaa', 'a^b', 'a$b', 'a{2', 'abc', 'ac', 'bc', 'cab ab', 'a.b', ']a', 'a)', 'ab', 'aab']],
  ['', 'a+', ['a+']],
  ['', 'a\\+', ['a|b', 'a+', 'aa', 'abab', '*a', 'aaa', 'a^b', 'a$b', 'a{2', 'abc', 'ac', 'cab ab', 'a.b', ']a', 'a)', 'ab', 'aab']],
  ['-E', 'a+', ['a|b', 'a+', 'aa', 'abab', '*a', 'aaa', 'a^b', 'a$b', 'a{2', 'abc', 'ac', 'cab ab', 'a.b', ']a', 'a)', 'ab', 'aab']],
  ['', '\\(ab\\)\\{2\\}', ['abab']],
  ['-E', '(ab){2}', ['abab']],
  ['', '(x)', ['(x)']],
  ['-E', '\\(x\\)', ['(x)']],
  ['', '\\(a\\)\\1', ['aa', 'aaa', 'aab']],
  ['-E', '(a)\\1', ['aa', 'aaa', 'aab']],
  ['', '*a', ['*a']],
  [
    '',
    'a**',
    [
      'a|b',
      'a+',
      'aa',
      'b',
      'abab',
      '(x)',
      'x',
      '*a',
      'aaa',
      '\\',
      '.',
      'a^b',
      'a$b',
      'xxy',
      'a{2',
      '123',
      'ABC',
      'abc',
      'ac',
      'bc',
      'cab ab',
      'a.b',
      ']a',
      '^x',
      'a)',
      '*',
      'ab',
      '$x',
      'aab',
    ],
  ],
  [
    '-E',
    'a**',
    [
      'a|b',
      'a+',
      'aa',
      'b',
      'abab',
      '(x)',
      'x',
      '*a',
      'aaa',
      '\\',
      '.',
      'a^b',
      'a$b',
      'xxy',
      'a{2',
      '123',
      'ABC',
      'abc',
      'ac',
      'bc',
      'cab ab',
      'a.b',
      ']a',
      '^x',
      'a)',
      '*',
      'ab',
      '$x',
      'aab',
    ],
  ],
  ['', '[\\.]', ['\\', '.', 'a.b']],
  ['', 'a^b', ['a^b']],
  ['', 'a$b', ['a$b']],
  ['-E', 'x{,2}y', ['xxy']],
  ['-E', 'a{2', ['a{2']],
  ['', 'x\\{1,2\\}', ['(x)', 'x', 'xxy', '^x', '$x']],
  ['', '[[:digit:]]\\+', ['a{2', '123']],
  ['', '[[:upper:]]', ['ABC']],
  ['-i', 'abc', ['ABC', 'abc']],
  ['-E', '^(a|b)c$', ['ac', 'bc']],
  ['', '\\<ab', ['abab', 'abc', 'cab ab', 'ab']],
  ['-F', 'a.b', ['a.b']],
  ['-F', 'a\\|b', 'none'],
  ['', '[]a]', ['a|b', 'a+', 'aa', 'abab', '*a', 'aaa', 'a^b', 'a$b', 'a{2', 'abc', 'ac', 'cab ab', 'a.b', ']a', 'a)', 'ab', 'aab']],
  ['', '[^]a]x', ['(x)', 'xxy', '^x', '$x']],
  ['-E', 'a)', ['a)']],
  ['', '^*', ['*a', '*']],
  ['', 'ab$', ['abab', 'cab ab', 'ab', 'aab']],
  ['', '\\$x', ['$x']],
  ['', 'a\\?b', ['a|b', 'b', 'abab', 'a^b', 'a$b', 'abc', 'bc', 'cab ab', 'a.b', 'ab', 'aab']],
  ['-iE', '^A+b?$', ['aa', 'aaa', 'ab', 'aab']],
];

function setup() {
  const t = testShell();
  t.fs.writeFile('/home/learner/input.txt', INPUT);
  return t;
}

const quoted = (s: string) => `'${s}'`;

describe('grep patterns (BRE by default, ERE with -E, fixed with -F) as GNU grep reads them', () => {
  it.each(CASES)('grep %s %s', async (flags, pattern, expected) => {
    const r = await setup().run(`grep ${flags} -- ${quoted(pattern)} input.txt`);
    if (expected === 'none') expect(r).toMatchObject({ status: 1, stdout: '' });
    else expect(r).toMatchObject({ status: 0, stdout: expected.join('\n') + '\n' });
  });

  const gnu = spawnSync('grep', ['--version']).stdout?.toString().includes('GNU grep') ?? false;
  it.skipIf(!gnu)('agrees with the GNU grep installed here on every case', async () => {
    const t = setup();
    for (const [flags, pattern] of CASES) {
      const real = spawnSync('grep', [...(flags ? [flags] : []), '--', pattern], { input: INPUT });
      const ours = await t.run(`grep ${flags} -- ${quoted(pattern)} input.txt`);
      expect({ pattern, flags, stdout: ours.stdout, status: ours.status }).toEqual({
        pattern,
        flags,
        stdout: real.stdout.toString(),
        status: real.status,
      });
    }
  });

  it('matches a catastrophic-backtracking pattern in linear time', async () => {
    const t = testShell();
    // Nothing matches (the line ends in b), and a backtracking engine needs minutes to find out.
    expect(await t.run(`echo ${'a'.repeat(5000)}b | grep -E '(a+)+$'`)).toMatchObject({ status: 1, stdout: '' });
    expect(await t.run(`echo ${'a'.repeat(5000)}b | grep '\\(a\\+\\)\\+$'`)).toMatchObject({ status: 1, stdout: '' });
    const hit = await t.run(`echo ${'a'.repeat(5000)}b | grep -c -E '^(a+)+b$'`);
    expect(hit).toMatchObject({ status: 0, stdout: '1\n' });
    // No clock here: a backtracking engine would need minutes, far past the test's own time limit.
  });

  it('reports bad patterns in GNU words with status 2', async () => {
    const t = setup();
    expect(await t.run("grep -E '(a' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Unmatched ( or \\(\n', stdout: '' });
    expect(await t.run("grep '\\(a' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Unmatched ( or \\(\n' });
    expect(await t.run("grep '[a' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Unmatched [, [^, [:, [., or [=\n' });
    expect(await t.run("grep 'a\\' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Trailing backslash\n' });
    expect(await t.run("grep 'a\\{2' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Unmatched \\{\n' });
    expect(await t.run("grep '[b-a]' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Invalid range end\n' });
    expect(await t.run("grep '[:space:]' input.txt")).toMatchObject({
      status: 2,
      stderr: 'grep: character class syntax is [[:space:]], not [:space:]\n',
    });
    expect(await t.run("grep '\\(a\\)\\2' input.txt")).toMatchObject({ status: 2, stderr: 'grep: Invalid back reference\n' });
    expect(await t.run("grep -E '*a' input.txt")).toMatchObject({ status: 0, stderr: 'grep: warning: * at start of expression\n' });
  });

  it('a back-reference names a group of its own pattern when several are given (one per line)', async () => {
    const t = testShell();
    t.fs.writeFile(`${t.shell.home}/f.txt`, 'b\nbb\nax\n');
    // GNU grep prints `bb` and `ax`: in `\(b\)\1`, \1 is b's group, not the first pattern's.
    expect(await t.run("grep '\\(a\\)x\n\\(b\\)\\1' f.txt")).toMatchObject({ status: 0, stdout: 'bb\nax\n' });
  });

  it('uses RE2 syntax except for back-references, which need the JS fallback', () => {
    expect(translatePatterns('\\(ab\\)*c\\{1,\\}', 'basic')).toMatchObject({ source: '(ab)*c{1,}', backReferences: false });
    expect(translatePatterns('[\\.[:digit:]]', 'basic').source).toBe('[\\\\.0-9]');
    expect(translatePatterns('\\(a\\)\\1', 'basic')).toMatchObject({ source: '(a)\\1', backReferences: true });
    expect(translatePatterns('a\nb', 'fixed').source).toBe('(?:a)|(?:b)');
  });
});
