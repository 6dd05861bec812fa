/**
 * How many terminal cells a character takes: 2 for East Asian wide and fullwidth characters (CJK,
 * most emoji), 0 for combining marks and invisible format characters, 1 otherwise — the rules of
 * wcwidth(3). One function serves both sides of the screen: xterm draws with it (registered as its
 * Unicode provider in terminal/xterm-view.ts) and the line editor, `ls` and completion lists lay
 * text out with it, so the cursor lands where the characters really are.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** Memo for the Basic Multilingual Plane: 0 = not looked up yet, else width + 1. */
const bmp = new Uint8Array(0x10000);
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const VISIBLE_FORMAT = /^[\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}]$/u;

function lookUp(cp: number): 0 | 1 | 2 {
  // Format characters that are drawn all the same: the soft hyphen, and the prepended
  // concatenation marks (Arabic number signs and the like) that glibc gives one cell.
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch) && !VISIBLE_FORMAT.test(ch)) return 0;
  // Hangul Jamo medial vowels and final consonants (and their extension) join the syllable before them.
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return 0;
  return eastAsianWidth(cp) === 2 ? 2 : 1;
}

export function cellWidth(cp: number): 0 | 1 | 2 {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  // C0/C1 controls never reach the screen as characters.
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp > 0xffff) return lookUp(cp);
  const known = bmp[cp]!;
  if (known !== 0) return (known - 1) as 0 | 1 | 2;
  const width = lookUp(cp);
  bmp[cp] = width + 1;
  return width;
}

/** Cells a string takes on screen (no escape sequences in it). */
export function stringWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += cellWidth(ch.codePointAt(0)!);
  return width;
}

/** Pads `text` with spaces to `width` cells, as padEnd does for one-cell characters. */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

const isZeroWidthAt = (text: string, i: number): boolean => i < text.length && cellWidth(text.codePointAt(i)!) === 0;
/** The index after the code point that starts at `i` (a surrogate pair is one). */
export const codePointEnd = (text: string, i: number): number => i + (text.codePointAt(i)! > 0xffff ? 2 : 1);

/**
 * The index after the character at `i` together with the combining marks that follow it: the unit
 * the cursor steps over and Delete removes (readline skips zero-width characters the same way).
 */
export function nextCharEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  let j = codePointEnd(text, i);
  while (isZeroWidthAt(text, j)) j = codePointEnd(text, j);
  return j;
}

/** Where the code point that ends at `i` starts: a low surrogate belongs with the high one before it. */
export function codePointStartBefore(text: string, i: number): number {
  const low = text.charCodeAt(i - 1);
  const high = text.charCodeAt(i - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? i - 2 : i - 1;
}

/** The start of the character (with its combining marks) that ends at `i`: what Backspace removes. */
export function prevCharStart(text: string, i: number): number {
  let j = i;
  for (;;) {
    if (j <= 0) return 0;
    j = codePointStartBefore(text, j);
    if (!isZeroWidthAt(text, j)) return j;
  }
}

/** `text` cut to at most `end` UTF-16 units without splitting a surrogate pair (an emoji stays whole or goes). */
export function cutWhole(text: string, end: number): string {
  const high = text.charCodeAt(end - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff && end < text.length ? end - 1 : end);
}
