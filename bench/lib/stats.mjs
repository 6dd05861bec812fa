/** Small statistics for the bench report: nearest-rank percentiles, rounded for reading. */
export function round(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** { n, p50, p95, max, min, mean } in ms, from a list of samples. */
export function summary(samples, digits = 2) {
  const s = samples.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, p50: null, p95: null, max: null, min: null, mean: null };
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    n: s.length,
    p50: round(percentile(s, 50), digits),
    p95: round(percentile(s, 95), digits),
    max: round(s[s.length - 1], digits),
    min: round(s[0], digits),
    mean: round(mean, digits),
  };
}

export function median(samples) {
  return summary(samples).p50;
}

export function log(...args) {
  console.error('bench:', ...args);
}
