/**
 * Node-only: reads the lessons/ folder from disk into the same path → text map Vite's glob gives
 * the browser (keys like "/lessons/02-runtimes/02-wasmtime-dir/lesson.md"). Used by the schema test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseCatalog, type ParsedCatalog } from './parser';

export function readLessonFiles(repoRoot: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue; // Vite's glob skips dotfiles too
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out['/' + relative(repoRoot, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(join(repoRoot, 'lessons'));
  return out;
}

export function loadCatalogFromDisk(repoRoot: string): ParsedCatalog {
  return parseCatalog(readLessonFiles(repoRoot));
}
