import { describe, expect, it } from 'vitest';
import { LineRenderer, visibleLength } from './line-renderer';
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
    expect(visibleLength('\x1b[32mlearner\x1b[0m$ ')).toBe(9);
  });
});
