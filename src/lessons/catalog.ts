/**
 * The ONE place that knows how lessons reach the browser bundle: Vite inlines every file under
 * /lessons as text at build time, so adding a lesson folder needs no code change (and works offline).
 * Node tests use node-loader.ts instead; both hand the same path → text map to the pure parser.
 */
import { parseCatalog, type ParsedCatalog } from './parser';

const rawFiles = import.meta.glob('/lessons/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let cached: ParsedCatalog | undefined;

/** Parsed once; lessons with format problems are left out and their issues logged for the author. */
export function loadCatalog(): ParsedCatalog {
  if (!cached) {
    cached = parseCatalog(rawFiles);
    if (cached.issues.length > 0) {
      console.warn(`[lessons] ${cached.issues.length} format problem(s):\n` + cached.issues.map((i) => `${i.file}: ${i.field}: ${i.message}`).join('\n'));
    }
  }
  return cached;
}
