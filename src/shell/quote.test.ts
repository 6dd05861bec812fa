import { describe, expect, it } from 'vitest';
import { quoteWord } from './quote';
import { testShell } from '../../test/support/shell';

describe('quoteWord', () => {
  it('leaves plain words alone and single-quotes the rest, so the shell reads each back unchanged', async () => {
    expect(quoteWord('/home/learner/site/data/config.json')).toBe('/home/learner/site/data/config.json');
    expect(quoteWord("it's a $HOME *")).toBe(`'it'\\''s a $HOME *'`);
    const t = testShell();
    for (const w of ["it's", 'a b', '$HOME', '*', '~', '#x', 'a\nb', '', '"q"', '\\']) {
      expect((await t.run(`echo -n ${quoteWord(w)}`)).stdout).toBe(w);
    }
  });
});
