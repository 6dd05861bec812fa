/**
 * xterm's Unicode provider for the Dojo: character widths from lib/char-width.ts, the function
 * the line editor and `ls` lay text out with, so what xterm draws and where the editor puts the
 * cursor cannot disagree. (xterm's built-in table is Unicode 6, where most emoji are one cell
 * wide; today's terminals draw them two cells wide, as this does.)
 */
import type { IUnicodeVersionProvider } from '@xterm/xterm';
import { cellWidth } from '../lib/char-width';

export const DOJO_UNICODE: IUnicodeVersionProvider = {
  version: 'dojo',
  wcwidth: cellWidth,
  /**
   * xterm's own rule (its Unicode 6 provider does exactly this): a zero-width character joins the
   * cell before it, which keeps that cell's width. The value packs width and "joins" the way
   * xterm's UnicodeService reads it: `width << 1 | joins`.
   */
  charProperties(codepoint: number, preceding: number): number {
    let width: number = cellWidth(codepoint);
    let joins = width === 0 && preceding !== 0;
    if (joins) {
      const before = (preceding >> 1) & 3;
      if (before === 0) joins = false;
      else width = Math.max(width, before);
    }
    return (width << 1) | (joins ? 1 : 0);
  },
};
