/**
 * Wraps prose for a terminal at word boundaries. The terminal itself wraps wherever the row ends,
 * which on a phone (40 columns or so) cuts the welcome text mid-word. Widths are cells, counted
 * with the width function xterm draws with (lib/char-width.ts); SGR and other CSI sequences take no
 * room. A word longer than a row is left for the terminal to break, as `fold -s` does.
 */
import { cellWidth } from '../lib/char-width';

const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;

/** Visible width of `text` in cells, escape sequences excluded. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(CSI, '')) width += cellWidth(ch.codePointAt(0)!);
  return width;
}

/** Wraps each line of `text` (LF-separated) to at most `cols` cells; blank and short lines stay as they are. */
export function wordWrap(text: string, cols: number): string {
  if (!Number.isFinite(cols) || cols < 1) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, cols))
    .join('\n');
}

function wrapLine(line: string, cols: number): string {
  if (visibleWidth(line) <= cols) return line;
  const indent = /^ */.exec(line)![0];
  const rows: string[] = [];
  let row = indent;
  let width = indent.length;
  let empty = true; // no word on this row yet
  for (const word of line.slice(indent.length).split(/ +/).filter(Boolean)) {
    const w = visibleWidth(word);
    if (!empty && width + 1 + w > cols) {
      rows.push(row);
      row = '';
      width = 0;
      empty = true;
    }
    if (!empty) {
      row += ' ';
      width += 1;
    }
    row += word;
    width += w;
    empty = false;
  }
  rows.push(row);
  return rows.join('\n');
}
