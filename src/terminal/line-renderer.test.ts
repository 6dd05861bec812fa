import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineRenderer } from './line-renderer';
import { FakeScreen } from './testing/fake-screen';

const P = '$ ';

function setup(cols: number) {
  const screen = new FakeScreen(cols);
  const r = new LineRenderer(() => cols);
  const draw = (text: string, cursor = text.length) => screen.write(r.render({ prompt: P, text, cursor }));
  return { screen, r, draw };
}

describe('LineRenderer', () => {
  it('draws prompt and text and puts the cursor after it', () => {
    const { screen, draw } = setup(40);
    draw('echo hi');
    expect(screen.text()).toBe('$ echo hi');
    expect(screen.cursor()).toEqual({ row: 0, col: 9 });
  });

  it('appending writes only the new characters', () => {
    const { screen, r, draw } = setup(40);
    draw('ec');
    const before = screen.written.length;
    screen.write(r.render({ prompt: P, text: 'ech', cursor: 3 }));
    expect(screen.written.slice(before)).toBe('h');
  });

  it('redraws after a deletion in the middle and places the cursor', () => {
    const { screen, draw } = setup(40);
    draw('abcdef');
    draw('abdef', 2);
    expect(screen.text()).toBe('$ abdef');
    expect(screen.cursor()).toEqual({ row: 0, col: 4 });
  });

  it('shrinking clears leftover characters', () => {
    const { screen, draw } = setup(40);
    draw('a long line of text');
    draw('short');
    expect(screen.text()).toBe('$ short');
  });

  it('wraps long lines and moves back across rows on redraw', () => {
    const { screen, draw } = setup(10);
    draw('0123456789abcdef'); // 2 + 16 = 18 columns: two rows
    expect(screen.lines()).toEqual(['$ 01234567', '89abcdef']);
    draw('0123456789abcdef', 3);
    expect(screen.cursor()).toEqual({ row: 0, col: 5 });
    draw('XY');
    expect(screen.text()).toBe('$ XY');
  });

  it('handles a line ending exactly at the right margin', () => {
    const { screen, draw } = setup(10);
    draw('01234567'); // exactly 10 columns
    expect(screen.cursor()).toEqual({ row: 1, col: 0 });
    draw('0123456789');
    expect(screen.lines()).toEqual(['$ 01234567', '89']);
    draw('01', 1);
    expect(screen.text()).toBe('$ 01');
    expect(screen.cursor()).toEqual({ row: 0, col: 3 });
  });

  it('finish moves below a wrapped line even with the cursor in its first row', () => {
    const { screen, r, draw } = setup(10);
    draw('0123456789abcdef', 0);
    screen.write(r.finish());
    screen.write('out');
    expect(screen.lines()).toEqual(['$ 01234567', '89abcdef', 'out']);
  });

  it('erase removes the line so a message can take its place', () => {
    const { screen, r, draw } = setup(10);
    draw('0123456789abcdef');
    screen.write(r.erase() + 'msg\r\n');
    draw('xy');
    expect(screen.lines()).toEqual(['msg', '$ xy']);
  });

  it('measures prompts with colour codes by what is visible', () => {
    const screen = new FakeScreen(40);
    const r = new LineRenderer(() => 40);
    screen.write(r.render({ prompt: '\x1b[32mlearner\x1b[0m$ ', text: 'ls', cursor: 0 }));
    expect(screen.text()).toBe('learner$ ls');
    expect(screen.cursor()).toEqual({ row: 0, col: 9 });
  });

  it('wraps a wide character that does not fit in the last column to the next row, as xterm does', () => {
    const { screen, draw } = setup(6);
    draw('日本語'); // "$ " + 2 + 2 leaves one column: 語 starts the next row
    expect(screen.lines()).toEqual(['$ 日本', '語']);
    expect(screen.cursor()).toEqual({ row: 1, col: 2 });
    draw('日本語', 2);
    expect(screen.cursor()).toEqual({ row: 1, col: 0 });
    draw('日本語', 1);
    expect(screen.cursor()).toEqual({ row: 0, col: 4 });
  });

  it('counts wide and combining characters by the cells they take', () => {
    const { screen, draw } = setup(40);
    draw('echo 🚀 cafe\u0301', 7);
    expect(screen.text()).toBe('$ echo 🚀 cafe\u0301');
    expect(screen.cursor()).toEqual({ row: 0, col: 7 + 2 });
  });

  it('a line of wide characters ending at the margin steps onto the next row', () => {
    const { screen, r, draw } = setup(6);
    draw('日本'); // 2 + 4 = 6: exactly full
    expect(screen.cursor()).toEqual({ row: 1, col: 0 });
    screen.write(r.finish() + 'out');
    expect(screen.lines()).toEqual(['$ 日本', 'out']);
  });

  // The oracle is the fake screen itself: drawing the line from scratch on a blank screen shows
  // where each character lands; after any sequence of redraws the renderer's screen must match it.
  it('after any sequence of edits the screen shows the line and the cursor where a fresh draw would', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '日', '🚀', 'e\u0301', 'é', '語本');
    const view = fc
      .array(piece, { maxLength: 14 })
      .chain((parts) => fc.record({ text: fc.constant(parts.join('')), at: fc.nat({ max: parts.length }), parts: fc.constant(parts) }));
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.array(view, { minLength: 1, maxLength: 6 }), (cols, views) => {
        const { screen, draw } = setup(cols);
        for (const v of views) {
          const cursor = v.parts.slice(0, v.at).join('').length;
          draw(v.text, cursor);
          const fresh = new FakeScreen(cols);
          fresh.write(P + v.text);
          expect(screen.lines()).toEqual(fresh.lines());
          // Where the character under the cursor is drawn (or the next one would be, at the end).
          const probe = new FakeScreen(cols);
          const under = cursor < v.text.length ? String.fromCodePoint(v.text.codePointAt(cursor)!) : '_';
          probe.write(P + v.text.slice(0, cursor) + under);
          expect(screen.cursor()).toEqual(probe.lastPrinted);
        }
      }),
    );
  });
});
