/**
 * The ONE place that knows how lessons reach the browser bundle: Vite inlines every file under
 * /lessons as text at build time, so adding a lesson folder needs no code change (and works offline).
 * Node tests use node-loader.ts instead; both hand the same path → text map to the pure parser.
 */
import type { CheckKindRegistry } from './checks/registry';
import { formatIssue } from './schema/validator';
import { parseCatalog, type ParsedCatalog } from './parser';

const rawFiles = import.meta.glob('/lessons/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let cached: ParsedCatalog | undefined;
const cachedFor = new WeakMap<CheckKindRegistry, ParsedCatalog>();

/**
 * Parsed once (per check-kind registry: a lesson may use a kind a feature registered); lessons with
 * format problems are left out and their issues logged for the author.
 */
export function loadCatalog(kinds?: CheckKindRegistry): ParsedCatalog {
  const hit = kinds ? cachedFor.get(kinds) : cached;
  if (hit) return hit;
  const parsed = parseCatalog(rawFiles, kinds);
  if (parsed.issues.length > 0) console.warn(`[lessons] ${parsed.issues.length} format problem(s):\n` + parsed.issues.map(formatIssue).join('\n'));
  if (kinds) cachedFor.set(kinds, parsed);
  else cached = parsed;
  return parsed;
}
