/**
 * Draws a LineView with VT escape sequences, including lines that wrap over several rows.
 * It remembers where it left the cursor so the next redraw can go back to the line's first
 * row. Appending at the end (plain typing) writes only the new characters: cheap, and screen
 * readers then announce just the typed character instead of the whole line again.
 *
 * Positions are worked out cell by cell with the width function xterm itself draws with
 * (lib/char-width.ts), so wide characters (CJK, emoji) and combining marks keep the cursor true.
 */
import { cellWidth } from '../lib/char-width';
import type { LineView } from './line-editor';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

interface Cell {
  row: number;
  col: number;
}

/** Where a drawn line's cursor and end are, in rows and columns from its first cell. */
interface Layout {
  cursor: Cell;
  end: Cell;
  /** The text fills its last row exactly: the terminal waits in the last column ("pending wrap"). */
  endsAtMargin: boolean;
}

/**
 * Places prompt and text as xterm does on a terminal `cols` wide: a character that does not fit in
 * what is left of a row starts the next one (a wide one leaves the last column blank), and a full
 * row wraps only when the next character comes. A position's cell is where the character there
 * would be drawn; the end of a line that fills its row is the next row's first cell, because the
 * renderer steps there itself (see `wrapFix`).
 */
function layout(prompt: string, text: string, cursor: number, cols: number): Layout {
  let row = 0;
  let col = 0;
  const place = (width: number): Cell => (col + width > cols ? { row: row + 1, col: 0 } : { row, col });
  const advance = (cp: number) => {
    const width = cellWidth(cp);
    if (width === 0) return;
    ({ row, col } = place(width));
    col += width;
  };
  for (const ch of prompt.replace(ANSI, '')) advance(ch.codePointAt(0)!);
  let cursorCell: Cell | undefined;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    if (i === cursor) cursorCell = place(Math.max(1, cellWidth(cp)));
    advance(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  const end = place(1);
  return { cursor: cursorCell ?? end, end, endsAtMargin: col === cols && col > 0 };
}

export class LineRenderer {
  /** What is on screen now, and the row its cursor is on; null when no line is drawn (after submit/print). */
  private drawn: { prompt: string; text: string; cursor: number; layout: Layout } | null = null;

  constructor(private readonly columns: () => number) {}

  private cols(): number {
    return Math.max(1, this.columns());
  }

  /** Escape sequence to move from the current cursor position to the line's first column. */
  private toLineStart(): string {
    if (!this.drawn) return '\r';
    const up = this.drawn.layout.cursor.row;
    return (up > 0 ? `\x1b[${up}A` : '') + '\r';
  }

  /** Writes `view`, replacing what was drawn before. */
  render(view: LineView): string {
    const prev = this.drawn;
    const lay = layout(view.prompt, view.text, view.cursor, this.cols());
    if (
      prev &&
      prev.prompt === view.prompt &&
      prev.cursor === prev.text.length &&
      view.cursor === view.text.length &&
      view.text.length > prev.text.length &&
      view.text.startsWith(prev.text) &&
      // A combining mark typed after a wrap would have nothing before it on its row to join.
      cellWidth(view.text.codePointAt(prev.text.length)!) > 0
    ) {
      const added = view.text.slice(prev.text.length);
      this.drawn = { ...view, layout: lay };
      return added + this.wrapFix(lay);
    }
    let out = this.toLineStart() + '\x1b[J' + view.prompt + view.text + this.wrapFix(lay);
    // Move from the end of the text to the cursor.
    const { end, cursor } = lay;
    if (end.row > cursor.row) out += `\x1b[${end.row - cursor.row}A`;
    if (end.row !== cursor.row || end.col !== cursor.col) {
      out += '\r';
      if (cursor.col > 0) out += `\x1b[${cursor.col}C`;
    }
    this.drawn = { ...view, layout: lay };
    return out;
  }

  /**
   * At the right margin the terminal's cursor waits in the last column ("pending wrap");
   * step onto the next row so row arithmetic stays true.
   */
  private wrapFix(lay: Layout): string {
    return lay.endsAtMargin ? '\r\n' : '';
  }

  /** Moves the cursor past the drawn line and onto a fresh row; the line stays on screen. */
  finish(): string {
    if (!this.drawn) return '';
    const { end, cursor, endsAtMargin } = this.drawn.layout;
    const down = end.row - cursor.row;
    this.drawn = null;
    // After a wrap fix the cursor already sits on the row after the text.
    return (down > 0 ? `\x1b[${down}B` : '') + (endsAtMargin ? '\r' : '\r\n');
  }

  /** Erases the drawn line so other output can take its place (it is redrawn after). */
  erase(): string {
    if (!this.drawn) return '';
    const out = this.toLineStart() + '\x1b[J';
    this.drawn = null;
    return out;
  }

  /** The screen was cleared or the terminal resized: forget what we think is drawn. */
  forget(): void {
    this.drawn = null;
  }

  get isDrawn(): boolean {
    return this.drawn !== null;
  }
}
