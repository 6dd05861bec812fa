/**
 * xterm itself as a test screen: @xterm/headless is xterm.js's parser and buffer without the DOM,
 * so wrapping, pending wrap at the margin, wide characters and cursor moves are xterm's own, not a
 * re-implementation (FakeScreen) that shares the renderer's assumptions.
 */
import { Terminal } from '@xterm/headless';
import type { TerminalSurface } from '../../src/terminal/session';
import { DOJO_UNICODE } from '../../src/terminal/unicode-provider';

export interface HeadlessOptions {
  cols: number;
  rows?: number;
  /** 'dojo': the Dojo's width provider, registered as xterm-view.ts does; 'xterm': xterm's built-in table. */
  widths?: 'dojo' | 'xterm';
}

export class HeadlessScreen implements TerminalSurface {
  readonly term: Terminal;
  private pending: Promise<void> = Promise.resolve();

  constructor({ cols, rows = 40, widths = 'dojo' }: HeadlessOptions) {
    this.term = new Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
    if (widths === 'dojo') {
      this.term.unicode.register(DOJO_UNICODE);
      this.term.unicode.activeVersion = DOJO_UNICODE.version;
    }
  }

  columns(): number {
    return this.term.cols;
  }

  height(): number {
    return this.term.rows;
  }

  /** Whether a program switched xterm to its alternate screen (a pager) and left it there. */
  onAlternateScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  write(data: string): void {
    this.pending = new Promise<void>((resolve) => this.term.write(data, resolve));
  }

  /** Resolves once xterm has parsed everything written so far (xterm parses in order). */
  settle(): Promise<void> {
    return this.pending;
  }

  /** The rows as xterm holds them (trailing spaces trimmed), trailing blank rows dropped. */
  lines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < buf.length; y++) out.push((buf.getLine(y)?.translateToString(true) ?? '').trimEnd());
    while (out.length > 1 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** Where the next character would be drawn from (absolute row). */
  cursor(): { row: number; col: number } {
    const buf = this.term.buffer.active;
    return { row: buf.baseY + buf.cursorY, col: buf.cursorX };
  }

  /** The cell of the last character drawn before the cursor (the first cell of a wide one). */
  lastDrawn(): { row: number; col: number } {
    const buf = this.term.buffer.active;
    const row = buf.baseY + buf.cursorY;
    const line = buf.getLine(row);
    let col = Math.min(buf.cursorX, this.term.cols) - 1;
    if (col > 0 && line?.getCell(col)?.getWidth() === 0) col--;
    return { row, col };
  }

  /** Draws `data` on a blank screen, cursor home first (cheaper than a new terminal). */
  redraw(data: string): void {
    this.write(`\x1b[H\x1b[2J\x1b[3J${data}`);
  }

  dispose(): void {
    this.term.dispose();
  }
}
