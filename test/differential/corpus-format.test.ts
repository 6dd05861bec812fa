import { describe, expect, it } from 'vitest';
import { normaliseBashVoice, parseCorpus } from './corpus-format';

describe('the differential corpus format', () => {
  it('splits cases at ## headers, keeps script comments, reads #! differs', () => {
    const cases = parseCorpus('x.txt', '# file comment\n## first\necho a\n# a comment bash reads too\n\n## second\n#! differs: the clock\ndate\n');
    expect(cases).toEqual([
      { file: 'x.txt', name: 'first', line: 2, lines: ['echo a', '# a comment bash reads too'], differs: null },
      { file: 'x.txt', name: 'second', line: 6, lines: ['date'], differs: 'the clock' },
    ]);
  });

  it('refuses empty cases, twice-used names and unknown directives', () => {
    expect(() => parseCorpus('x.txt', '## a\n## b\necho\n')).toThrow(/case "a" has no lines/);
    expect(() => parseCorpus('x.txt', '## a\necho\n## a\necho\n')).toThrow(/used twice/);
    expect(() => parseCorpus('x.txt', '## a\n#! skip\necho\n')).toThrow(/unknown harness directive/);
  });

  it("reads bash's voice as the Dojo's", () => {
    expect(normaliseBashVoice('bash: line 3: nope: command not found\nbash: cd: x: No such file or directory\n')).toBe(
      'dojo: nope: command not found\ndojo: cd: x: No such file or directory\n',
    );
    expect(normaliseBashVoice('cat: bash: No such file\n')).toBe('cat: bash: No such file\n');
  });
});
