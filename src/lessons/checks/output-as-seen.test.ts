import { describe, expect, it } from 'vitest';
import { unmetExpectations } from './outcome';
import { strip as visibleText } from '../../lib/ansi';

describe('visibleText: output as a person sees it', () => {
  it.each([
    ['SGR colours and bold', '\x1b[1m\x1b[32m    Finished\x1b[0m building all Spin components', '    Finished building all Spin components'],
    ['a 256-colour and a truecolour SGR', '\x1b[38;5;208ma\x1b[38;2;1;2;3mb\x1b[m', 'ab'],
    ['cursor moves and erase', 'x\x1b[2K\x1b[1G\x1b[?25ly', 'xy'],
    [
      'an OSC 8 hyperlink (ST and BEL ends)',
      '\x1b]8;;http://127.0.0.1:3000\x1b\\Serving\x1b]8;;\x07 http://127.0.0.1:3000',
      'Serving http://127.0.0.1:3000',
    ],
    ['a window title', '\x1b]0;spin\x07done', 'done'],
    ['a DCS string and two-byte escapes', '\x1bP$qm\x1b\\a\x1b(Bb\x1b7c', 'abc'],
    ['8-bit CSI', 'a\x9b31mb', 'ab'],
  ])('%s', (_name, raw, seen) => {
    expect(visibleText(raw)).toBe(seen);
  });

  it('leaves plain text (and its line breaks) alone', () => {
    expect(visibleText('a\tb\r\nc [not an escape]')).toBe('a\tb\r\nc [not an escape]');
  });

  it('is what every output expectation compares', () => {
    const coloured = { status: 0, stdout: '\x1b[32mFinished\x1b[0m building', stderr: '\x1b[31mError\x1b[0m: x' };
    expect(
      unmetExpectations(
        { stdoutContains: 'Finished building', stdoutMatches: '^Finished', stderrContains: 'Error: x', stderrMatches: 'Error: x$' },
        coloured,
      ),
    ).toEqual([]);
  });
});
