import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineRenderer } from './line-renderer';
import { FakeScreen } from '../../test/support/fake-screen';
import { HeadlessScreen } from '../../test/support/headless-screen';
import { cellWidth } from '../lib/char-width';

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
  // FakeScreen shares char-width.ts with the renderer, so this is the fast case; the properties on
  // xterm itself (below) are the ones a width mistake cannot pass.
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

/**
 * The same property with xterm itself as the screen (@xterm/headless: xterm.js's own parser and
 * buffer), so where a character lands, when a row wraps, what a wide character does at the margin
 * and where the cursor ends up are xterm's answers, not FakeScreen's copy of the renderer's rules.
 */
describe('LineRenderer on xterm (@xterm/headless)', () => {
  /** Random editing sessions: each step is a whole line and a cursor on a piece boundary. */
  const sessions = (pieces: string[]) => {
    const view = fc
      .array(fc.constantFrom(...pieces), { maxLength: 14 })
      .chain((parts) => fc.record({ parts: fc.constant(parts), at: fc.nat({ max: parts.length }) }));
    return fc.tuple(fc.integer({ min: 3, max: 9 }), fc.array(view, { minLength: 1, maxLength: 6 }));
  };

  async function check(widths: 'dojo' | 'xterm', cols: number, views: Array<{ parts: string[]; at: number }>): Promise<void> {
    const screen = new HeadlessScreen({ cols, widths });
    const fresh = new HeadlessScreen({ cols, widths });
    const probe = new HeadlessScreen({ cols, widths });
    const r = new LineRenderer(() => cols);
    try {
      for (const v of views) {
        const text = v.parts.join('');
        const cursor = v.parts.slice(0, v.at).join('').length;
        // The renderer's screen after this edit; a fresh draw of the same line on a blank xterm; and a
        // probe: what is left of the cursor, then the character under it (or the next one, at the end).
        screen.write(r.render({ prompt: P, text, cursor }));
        fresh.redraw(P + text);
        const under = cursor < text.length ? String.fromCodePoint(text.codePointAt(cursor)!) : '_';
        probe.redraw(P + text.slice(0, cursor) + under);
        await Promise.all([screen.settle(), fresh.settle(), probe.settle()]);
        expect(screen.lines(), `${JSON.stringify(text)} at ${cols} columns`).toEqual(fresh.lines());
        // The cursor sits where xterm draws the character under it.
        expect(screen.cursor(), `cursor ${cursor} in ${JSON.stringify(text)} at ${cols} columns`).toEqual(probe.lastDrawn());
      }
    } finally {
      for (const t of [screen, fresh, probe]) t.dispose();
    }
  }

  it("with the Dojo's width provider registered as the app does: any edit session matches a fresh draw", async () => {
    const pieces = ['a', 'b', ' ', '日', '🚀', 'e\u0301', 'é', '語本', '👍🏽'];
    await fc.assert(
      fc.asyncProperty(sessions(pieces), ([cols, views]) => check('dojo', cols, views)),
      { numRuns: 100 },
    );
  });

  // xterm's built-in table (Unicode 6) is independent of lib/char-width.ts: on the characters where the
  // two agree, a wrong width in char-width.ts shows here as a misplaced cursor or a different wrap.
  const AGREED = ['a', 'b', ' ', '日', 'e\u0301', 'é', '語本', 'Ω', '한'];

  it("xterm's own widths agree with char-width.ts on the characters of the next property", async () => {
    for (const piece of AGREED) {
      const s = new HeadlessScreen({ cols: 20, widths: 'xterm' });
      s.write(piece);
      await s.settle();
      const ours = [...piece].reduce((n, ch) => n + cellWidth(ch.codePointAt(0)!), 0);
      expect(s.cursor().col, JSON.stringify(piece)).toBe(ours);
      s.dispose();
    }
  });

  it("with xterm's own width table: any edit session matches a fresh draw", async () => {
    await fc.assert(
      fc.asyncProperty(sessions(AGREED), ([cols, views]) => check('xterm', cols, views)),
      { numRuns: 100 },
    );
  });
});
