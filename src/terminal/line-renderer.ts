/**
 * Draws a LineView with VT escape sequences, including lines that wrap over several rows.
 * It remembers where it left the cursor so the next redraw can go back to the line's first
 * row. Appending at the end (plain typing) writes only the new characters: cheap, and screen
 * readers then announce just the typed character instead of the whole line again.
 */
import type { LineView } from './line-editor';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

/** Columns a string occupies on screen (escape sequences take none). */
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

export class LineRenderer {
  /** What is on screen now; null when no line is drawn (after submit/print). */
  private drawn: { prompt: string; text: string; cursor: number } | null = null;

  constructor(private readonly columns: () => number) {}

  private cols(): number {
    return Math.max(1, this.columns());
  }

  /** Row of the cursor relative to the line's first row. */
  private rowOf(offset: number): number {
    return Math.floor(offset / this.cols());
  }

  /** Escape sequence to move from the current cursor position to the line's first column. */
  private toLineStart(): string {
    if (!this.drawn) return '\r';
    const { prompt, cursor } = this.drawn;
    const up = this.rowOf(visibleLength(prompt) + cursor);
    return (up > 0 ? `\x1b[${up}A` : '') + '\r';
  }

  /** Writes `view`, replacing what was drawn before. */
  render(view: LineView): string {
    const prev = this.drawn;
    const plen = visibleLength(view.prompt);
    if (
      prev &&
      prev.prompt === view.prompt &&
      prev.cursor === prev.text.length &&
      view.cursor === view.text.length &&
      view.text.length > prev.text.length &&
      view.text.startsWith(prev.text)
    ) {
      const added = view.text.slice(prev.text.length);
      this.drawn = { ...view };
      return added + this.wrapFix(plen + view.text.length);
    }
    let out = this.toLineStart() + '\x1b[J' + view.prompt + view.text;
    const end = plen + view.text.length;
    out += this.wrapFix(end);
    // Move from the end of the text to the cursor.
    const endRow = this.rowOf(end);
    const target = plen + view.cursor;
    const targetRow = this.rowOf(target);
    if (endRow > targetRow) out += `\x1b[${endRow - targetRow}A`;
    if (end !== target || endRow !== targetRow) {
      out += '\r';
      const col = target % this.cols();
      if (col > 0) out += `\x1b[${col}C`;
    }
    this.drawn = { ...view };
    return out;
  }

  /**
   * At an exact multiple of the width the terminal's cursor waits in the last column
   * ("pending wrap"); step onto the next row so row arithmetic stays true.
   */
  private wrapFix(end: number): string {
    return end > 0 && end % this.cols() === 0 ? '\r\n' : '';
  }

  /** Moves the cursor past the drawn line and onto a fresh row; the line stays on screen. */
  finish(): string {
    if (!this.drawn) return '';
    const { prompt, text, cursor } = this.drawn;
    const plen = visibleLength(prompt);
    const end = plen + text.length;
    const down = this.rowOf(end) - this.rowOf(plen + cursor);
    this.drawn = null;
    const atWrap = end > 0 && end % this.cols() === 0;
    // After a wrap fix the cursor already sits on the row after the text.
    return (down > 0 ? `\x1b[${down}B` : '') + (atWrap ? '\r' : '\r\n');
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
