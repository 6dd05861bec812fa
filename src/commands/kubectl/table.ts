/**
 * kubectl's two tabwriters. `get` tables: cli-runtime printers/tabwriter.go (minwidth 6, tabwidth 4,
 * padding 3, spaces; the last column unpadded). `describe`: text/tabwriter minwidth 0, padding 2,
 * where a run of lines holding a tab is aligned together and a line with no tab starts a new run.
 */
export function getTable(rows: string[][]): string {
  if (!rows.length) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(6, ...rows.map((r) => (r[c] ?? '').length + 3));
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('')).join('\n') + '\n';
}

/** describe's layout: lines with `\t` cells, aligned in blocks of consecutive tabbed lines. */
export function describeLayout(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let block: string[][] = [];
  const flush = () => {
    if (!block.length) return;
    const cols = Math.max(...block.map((r) => r.length));
    const widths: number[] = [];
    for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(0, ...block.filter((r) => r.length > c + 1).map((r) => r[c]!.length + 2));
    for (const r of block) out.push(r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join(''));
    block = [];
  };
  for (const line of lines) {
    if (line.includes('\t')) block.push(line.split('\t'));
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}
