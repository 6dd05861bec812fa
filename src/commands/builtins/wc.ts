/** `wc [-lwc] [FILE]...`: line, word and byte counts in coreutils' column layout, with a total for several files. */
import type { CommandDefinition } from '../../shell/types';
import { readInputs } from './inputs';
import { parseOptions } from './options';
import { hideControlChars } from './display-name';

export const wc: CommandDefinition = {
  name: 'wc',
  summary: 'Count lines, words and bytes',
  usage: 'wc [-lwc] [FILE]...',
  flags: [
    { name: '-l', description: 'print the newline count' },
    { name: '-w', description: 'print the word count' },
    { name: '-c', description: 'print the byte count' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, wc, { letters: 'lwc', long: { lines: 'l', words: 'w', bytes: 'c' } });
    if (typeof opts === 'number') return opts;
    const wanted = (['l', 'w', 'c'] as const).filter((f) => opts.flags.has(f));
    const columns = wanted.length ? wanted : (['l', 'w', 'c'] as const);
    const { inputs, status } = await readInputs(ctx, 'wc', opts.operands);
    const rows = inputs.map((input) => ({
      name: input.name === '-' ? '' : input.name,
      l: (input.text.match(/\n/g) ?? []).length,
      w: input.text.split(/\s+/).filter(Boolean).length,
      c: input.bytes.byteLength,
    }));
    if (rows.length > 1)
      rows.push({ name: 'total', ...Object.fromEntries(columns.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) } as (typeof rows)[number]);
    // coreutils pads every number to one width: the widest count for files, 7 when a pipe is among
    // the inputs (its size is unknown up front), and none for a single count.
    const fromPipe = inputs.some((i) => i.name === '-');
    const widest = Math.max(...rows.flatMap((r) => columns.map((k) => String(r[k]).length)));
    const width = columns.length === 1 && rows.length === 1 ? 1 : fromPipe ? Math.max(7, widest) : widest;
    for (const row of rows)
      ctx.stdout.write(columns.map((k) => String(row[k]).padStart(width)).join(' ') + (row.name ? ` ${hideControlChars(row.name)}` : '') + '\n');
    return status;
  },
};
