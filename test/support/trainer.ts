/** Test helpers for the trainer: the bank read from drills/ on disk, with the real lesson ids. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogFromDisk } from '../../src/lessons/node-loader';
import { parseBank, type Bank } from '../../src/trainer/bank';

export const REPO = join(__dirname, '..', '..');

export function drillFiles(): Record<string, string> {
  const dir = join(REPO, 'drills');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => [`/drills/${n}`, readFileSync(join(dir, n), 'utf8')]),
  );
}

let cached: { bank: Bank; lessonIds: Set<string> } | undefined;
export function diskBank(): { bank: Bank; lessonIds: Set<string> } {
  if (cached) return cached;
  const lessonIds = new Set(loadCatalogFromDisk(REPO).lessons.map((l) => l.id));
  cached = { bank: parseBank(drillFiles(), { lessonIds }), lessonIds };
  return cached;
}
