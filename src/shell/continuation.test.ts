import { describe, expect, it } from 'vitest';
import { continuationNeeded, joinContinued } from './continuation';
import { testShell } from './testing';

describe('continuationNeeded', () => {
  it.each([
    ['echo a \\', 'backslash'],
    ['echo "a \\', 'backslash'],
    ['echo "open', 'quote'],
    ["echo 'open \\", 'quote'],
    ["echo $'open", 'quote'],
    ['echo a |', 'operator'],
    ['true &&', 'operator'],
    ['false ||  ', 'operator'],
  ])('%s needs more (%s)', (line, why) => {
    expect(continuationNeeded(line)).toBe(why);
  });

  it.each(['echo a', 'echo a \\\\', "echo 'it''s'", 'echo "done"', 'echo a # a comment \\', 'echo a | cat', 'echo a;', '', 'echo $((1+1)) |x'])(
    '%s is complete',
    (line) => {
      expect(continuationNeeded(line)).toBeNull();
    },
  );
});

describe('joinContinued, then run as one line', () => {
  it('removes a backslash-newline and keeps a quoted or post-operator newline, as bash reads them', async () => {
    const t = testShell();
    expect(joinContinued('echo a \\', 'backslash', '  b')).toBe('echo a   b');
    expect((await t.run(joinContinued('echo a \\', 'backslash', '  b'))).stdout).toBe('a b\n');
    expect((await t.run(joinContinued('echo "one', 'quote', 'two"'))).stdout).toBe('one\ntwo\n');
    expect((await t.run(joinContinued('echo hi |', 'operator', 'cat'))).stdout).toBe('hi\n');
    expect((await t.run(joinContinued('false ||', 'operator', 'echo rescued'))).stdout).toBe('rescued\n');
  });
});
