/**
 * The ONE place that knows how the bank reaches the browser: Vite inlines every drills/*.yaml as
 * text at build time (inside the trainer's own chunk, loaded after the first prompt), so adding a
 * question needs no code change and works offline. Node tests read the folder from disk instead.
 */
import { parseBank, type Bank, type BankContext } from './bank';

const rawFiles = import.meta.glob('/drills/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function loadBank(ctx: BankContext): Bank {
  const bank = parseBank(rawFiles, ctx);
  if (bank.issues.length > 0)
    console.warn(
      `[trainer] ${bank.issues.length} problem(s) in drills/:\n` + bank.issues.map((i) => `${i.file}: ${i.field}: ${i.message}`).join('\n'),
    );
  return bank;
}
