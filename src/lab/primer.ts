/**
 * The primer's table "Performance Comparisons" (§7: a container on Alpine against Wasm on Wasmtime),
 * for the Lab to show beside what the learner measures. These are QUOTED figures, never measured
 * here: the UI labels them so, every time.
 */
export const PRIMER_QUOTE_LABEL = 'quoted from the primer, not measured here';

export interface QuotedFigure {
  what: string;
  container: string;
  wasm: string;
}

export const PRIMER_FIGURES: readonly QuotedFigure[] = [
  { what: 'Cold start', container: '200–500 ms', wasm: '1–5 ms' },
  { what: 'Image size', container: '5–50 MB', wasm: '0.5–5 MB' },
  { what: 'Memory overhead', container: '20–50 MB base', wasm: '1–10 MB base' },
];

/** The primer's container image sizes (Alpine-based), in bytes (MB = 10^6). */
export const CONTAINER_IMAGE_BYTES = { low: 5e6, high: 50e6 } as const;
