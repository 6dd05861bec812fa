import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import { hideControlChars, octalControlChars, shellEscapeName } from './display-name';

/** Any byte a terminal could act on: C0 (ESC, BEL...), DEL, C1 (CSI U+009B, OSC U+009D...). */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('file names never reach the terminal with raw control characters', () => {
  it('quotes like GNU ls on a tty (outputs recorded from coreutils 9)', () => {
    const gnu: Array<[string, string]> = [
      ['plain', 'plain'],
      ['a b', "'a b'"],
      ["it's", '"it\'s"'],
      ["it's$x", "'it'\\''s$x'"],
      ['a!b', "'a!b'"],
      ['a\x1bb', "'a'$'\\033''b'"],
      ['bel\x07x', "'bel'$'\\a''x'"],
      ['x\x1b', "'x'$'\\033'"],
      ['\x1bx', "''$'\\033''x'"],
      ['\x7f', "''$'\\177'"],
      ['c1\u009bx', "'c1'$'\\302\\233''x'"],
      ['tab\tx', "'tab'$'\\t''x'"],
      ['nl\nx', "'nl'$'\\n''x'"],
      ['#x', "'#x'"],
      ['x#', 'x#'],
      ['~x', "'~x'"],
      ['a]b', 'a]b'],
      ['-x', '-x'],
      ['é', 'é'],
    ];
    for (const [name, shown] of gnu) expect([name, shellEscapeName(name, false)]).toEqual([name, shown]);
    expect(shellEscapeName('noexist', true)).toBe("'noexist'");
    expect(shellEscapeName("noe'st", true)).toBe('"noe\'st"');
    expect(hideControlChars('a\x1b]0;pwned\x07b')).toBe('a?]0;pwned?b');
    expect(octalControlChars('a\x1bb\u009b')).toBe('a\\033b\\302\\233');
  });

  it('ls, tree, rm, cat, wc, head and grep print such names escaped', async () => {
    const t = testShell({ cwd: '/tmp' });
    const evil = 'x\x1b]0;pwned\x07\u009b2J';
    t.fs.mkdir('/tmp/d');
    t.fs.writeFile(`/tmp/d/${evil}`, 'hit\n');
    t.fs.writeFile('/tmp/d/plain', 'hit\n');
    const runs = {
      lsTty: await t.run('ls d', { tty: true }),
      lsOne: await t.run('ls -1 d', { tty: true }),
      lsLong: await t.run('ls -l d', { tty: true }),
      lsPipe: await t.run('ls d | cat'),
      tree: await t.run('tree d', { tty: true }),
      rm: await t.run("rm $'nope\\033x'"),
      cat: await t.run("cat $'nope\\033x'"),
      wc: await t.run('wc -l d/*'),
      head: await t.run('head -n 1 d/*'),
      grep: await t.run('grep hit d/*'),
      ls404: await t.run("ls $'\\u009b'"),
    };
    for (const [what, r] of Object.entries(runs)) {
      expect({ what, raw: RAW_CONTROL.test(r.stdout.replace(/\x1b\[(01;34|0)m/g, '') + r.stderr) }).toEqual({ what, raw: false });
    }
    expect(runs.lsTty.stdout).toBe(" plain  'x'$'\\033'']0;pwned'$'\\a\\302\\233''2J'\n");
    expect(runs.lsOne.stdout).toBe("plain\n'x'$'\\033'']0;pwned'$'\\a\\302\\233''2J'\n");
    expect(runs.lsPipe.stdout).toBe('plain\nx?]0;pwned??2J\n');
    expect(runs.tree.stdout).toContain('└── x\\033]0;pwned\\007\\302\\2332J\n');
    expect(runs.rm.stderr).toBe("rm: cannot remove 'nope'$'\\033''x': No such file or directory\n");
    expect(runs.cat.stderr).toBe("cat: 'nope'$'\\033''x': No such file or directory\n");
    expect(runs.grep.stdout).toBe('d/plain:hit\nd/x?]0;pwned??2J:hit\n');
    expect(runs.ls404.stderr).toBe("ls: cannot access ''$'\\302\\233': No such file or directory\n");
  });
});
