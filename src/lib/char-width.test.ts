import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth, nextCharEnd, padCells, prevCharStart, stringWidth } from './char-width';

const cp = (s: string) => s.codePointAt(0)!;

describe('cellWidth', () => {
  it('gives wcwidth(3) answers: ASCII 1, CJK and emoji 2, combining and format characters 0', () => {
    expect(cellWidth(cp('a'))).toBe(1);
    expect(cellWidth(cp('é'))).toBe(1);
    expect(cellWidth(cp('日'))).toBe(2);
    expect(cellWidth(cp('한'))).toBe(2);
    expect(cellWidth(cp('Ａ'))).toBe(2); // fullwidth A
    expect(cellWidth(cp('🚀'))).toBe(2);
    expect(cellWidth(0x0301)).toBe(0); // combining acute accent
    expect(cellWidth(0x200d)).toBe(0); // zero-width joiner
    expect(cellWidth(0xfe0f)).toBe(0); // variation selector 16
    expect(cellWidth(0x1161)).toBe(0); // Hangul medial vowel
    expect(cellWidth(0xad)).toBe(1); // soft hyphen shows as a hyphen
    expect(cellWidth(0x0600)).toBe(1); // Arabic number sign: a format character glibc draws
    expect(cellWidth(0xd7b0)).toBe(0); // Hangul Jamo extended-B vowel
    expect(cellWidth(0x1b)).toBe(0);
    expect(cellWidth(0x9b)).toBe(0);
  });

  it('answers the same on a second look (the BMP memo)', () => {
    for (const ch of ['日', 'é', '\u0301', '－']) expect(cellWidth(cp(ch))).toBe(cellWidth(cp(ch)));
  });

  it('measures and pads strings in cells', () => {
    expect(stringWidth('ls 日本')).toBe(7);
    expect(stringWidth('e\u0301')).toBe(1);
    expect(padCells('日本', 6)).toBe('日本  ');
    expect(padCells('toolong', 3)).toBe('toolong');
  });
});

describe('character steps for the cursor', () => {
  it('steps over a surrogate pair and a base character with its marks as one', () => {
    const s = 'a🚀e\u0301\u0302b';
    expect(nextCharEnd(s, 0)).toBe(1);
    expect(nextCharEnd(s, 1)).toBe(3);
    expect(nextCharEnd(s, 3)).toBe(6);
    expect(nextCharEnd(s, 6)).toBe(7);
    expect(nextCharEnd(s, 7)).toBe(7);
    expect(prevCharStart(s, 7)).toBe(6);
    expect(prevCharStart(s, 6)).toBe(3);
    expect(prevCharStart(s, 3)).toBe(1);
    expect(prevCharStart(s, 1)).toBe(0);
    expect(prevCharStart(s, 0)).toBe(0);
  });

  const piece = fc.constantFrom('a', ' ', '日', '🚀', '\u0301', '\u200d', 'é', '👩\u200d💻');
  it('walking forward and back visits the same boundaries, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        const forward = [0];
        while (forward[forward.length - 1]! < s.length) forward.push(nextCharEnd(s, forward[forward.length - 1]!));
        const back = [s.length];
        while (back[back.length - 1]! > 0) back.push(prevCharStart(s, back[back.length - 1]!));
        expect(back.reverse()).toEqual(forward);
        for (const i of forward) {
          const c = s.charCodeAt(i);
          expect(i < s.length && c >= 0xdc00 && c <= 0xdfff).toBe(false);
        }
      }),
    );
  });
});
