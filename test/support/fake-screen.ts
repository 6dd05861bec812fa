/**
 * A tiny VT screen for tests: enough of xterm's behaviour (CR, LF, pending wrap, cursor moves,
 * erase below, clear, wide and combining characters) to check that what the session writes *looks* right, not just that
 * some escape string came out.
 */
import { cellWidth } from '../../src/lib/char-width';
import type { TerminalSurface } from '../../src/terminal/session';

export class FakeScreen implements TerminalSurface {
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  /** xterm keeps the cursor in the last column after filling it, and wraps on the next char. */
  private pendingWrap = false;
  written = '';
  /** The cell the last character with a width was drawn in. */
  lastPrinted: { row: number; col: number } | null = null;

  constructor(public cols = 40) {}

  columns(): number {
    return this.cols;
  }

  private line(r: number): string[] {
    while (this.rows.length <= r) this.rows.push([]);
    return this.rows[r]!;
  }

  write(data: string): void {
    this.written += data;
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z~])/.exec(data.slice(i));
        if (!m) {
          i++;
          continue;
        }
        this.csi(m[1]!, m[2]!);
        i += m[0].length;
        continue;
      }
      if (ch === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.row++;
        this.line(this.row);
        this.pendingWrap = false;
      } else if (ch === '\x07') {
        // bell
      } else {
        const cp = data.codePointAt(i)!;
        const text = String.fromCodePoint(cp);
        // Other control characters keep one cell here, as they always have in this fake.
        this.print(text, cp < 0x20 ? 1 : cellWidth(cp));
        i += text.length;
        continue;
      }
      i++;
    }
  }

  /** One character, placed as xterm places it: wide ones take two cells, zero-width ones join the cell before. */
  private print(text: string, width: 0 | 1 | 2): void {
    const l0 = this.line(this.row);
    if (width === 0) {
      let at = this.pendingWrap ? this.col : this.col - 1;
      if (at > 0 && l0[at] === '') at--;
      if (at >= 0 && l0[at] !== undefined) l0[at] += text;
      return;
    }
    if (this.pendingWrap) {
      this.row++;
      this.col = 0;
      this.pendingWrap = false;
    }
    // A wide character that does not fit in the last column goes to the next row, leaving it blank.
    if (width === 2 && this.col === this.cols - 1) {
      this.row++;
      this.col = 0;
    }
    const l = this.line(this.row);
    while (l.length < this.col) l.push(' ');
    l[this.col] = text;
    this.lastPrinted = { row: this.row, col: this.col };
    if (width === 2) l[this.col + 1] = '';
    if (this.col + width >= this.cols) {
      this.col = this.cols - 1;
      this.pendingWrap = true;
    } else this.col += width;
  }

  private csi(params: string, final: string): void {
    const n = Number(params.split(';')[0] || '1');
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row += n;
        this.line(this.row);
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'H':
        this.row = 0;
        this.col = 0;
        break;
      case 'J':
        if (params === '2' || params === '3') {
          this.rows = [[]];
          this.row = 0;
          this.col = 0;
        } else {
          this.line(this.row).length = Math.min(this.line(this.row).length, this.col);
          this.rows.length = this.row + 1;
        }
        break;
      default:
        break; // colours (m) and anything else do not change the text
    }
  }

  /** The screen as text, trailing blank lines removed. */
  text(): string {
    const lines = this.rows.map((r) => r.join('').trimEnd());
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  lines(): string[] {
    return this.text().split('\n');
  }

  /** Absolute cursor position, for checking where typing would land. */
  cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }
}
