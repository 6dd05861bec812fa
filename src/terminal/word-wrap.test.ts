import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANNER } from '../ui/TerminalPane';
import { testShell } from '../../test/support/shell';
import { TerminalSession } from './session';
import { HeadlessScreen } from '../../test/support/headless-screen';
import { visibleWidth, wordWrap } from './word-wrap';

describe('wordWrap', () => {
  it('breaks at spaces so that no row is wider than the terminal', () => {
    expect(wordWrap('Type help for the commands, or try wasmtime hello.wasm.', 20)).toBe('Type help for the\ncommands, or try\nwasmtime hello.wasm.');
  });

  it('colour codes take no room and stay with their word', () => {
    expect(wordWrap('try \x1b[1mwasmtime hello.wasm\x1b[0m now', 14)).toBe('try \x1b[1mwasmtime\nhello.wasm\x1b[0m now');
    expect(visibleWidth('\x1b[1mab\x1b[0m')).toBe(2);
  });

  it('counts wide characters by their cells', () => {
    expect(wordWrap('日本語 日本語', 8)).toBe('日本語\n日本語');
    expect(wordWrap('日本語 日本語', 13)).toBe('日本語 日本語');
  });

  it('leaves short lines, blank lines and a word longer than a row alone', () => {
    expect(wordWrap('short\n\nline', 10)).toBe('short\n\nline');
    expect(wordWrap('a https://example.com/very/long/path b', 10)).toBe('a\nhttps://example.com/very/long/path\nb');
  });

  it('never loses or reorders a word, and a row is over the width only when one word is', () => {
    const word = fc.constantFrom('a', 'wasm', 'learner', '日本', '\x1b[1mbold\x1b[0m', 'https://docs.wasmtime.dev/');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), (words, cols) => {
        const out = wordWrap(words.join(' '), cols);
        expect(out.split(/[ \n]/).filter(Boolean)).toEqual(words);
        for (const row of out.split('\n')) {
          if (visibleWidth(row) > cols) expect(row.includes(' ')).toBe(false);
        }
      }),
    );
  });
});

describe('the welcome text on a phone-wide terminal', () => {
  /** Every word of the welcome text, as the learner should be able to read it. */
  const words = BANNER.replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\s+/)
    .filter(Boolean);

  for (const cols of [32, 40, 47]) {
    it(`${cols} columns (real xterm wrapping): no word is cut across two rows`, async () => {
      const screen = new HeadlessScreen({ cols, rows: 30 });
      const session = new TerminalSession(screen, testShell().shell);
      session.start(BANNER);
      await screen.settle();
      const rows = screen.lines();
      const shown = rows.slice(0, -1).join(' ').split(/\s+/).filter(Boolean);
      expect(shown).toEqual(words);
      expect(rows.at(-1)).toBe('learner@dojo:~$');
      screen.dispose();
    });
  }
});
