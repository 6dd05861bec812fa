/**
 * Descriptive statistics for the cold-start lab and `dojo bench`: the figures hyperfine prints
 * (mean, sample standard deviation, min, max, median) plus percentiles and histogram bins for the
 * charts. Pure functions over plain arrays of milliseconds; non-finite samples are ignored.
 */

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1), as hyperfine reports σ; 0 for a single sample. */
  stddev: number;
  min: number;
  max: number;
  median: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
  p99: number;
}

/** Only the finite numbers, sorted ascending (a copy). */
export function sortedFinite(samples: readonly number[]): number[] {
  return samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/**
 * The p-th percentile (0–100) of sorted samples by linear interpolation between closest ranks
 * (the "R-7" definition: NumPy's and spreadsheets' default), so the 50th is the usual median.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted(sortedFinite(samples), p);
}

export function mean(samples: readonly number[]): number {
  const s = samples.filter((x) => Number.isFinite(x));
  if (s.length === 0) return NaN;
  // Kahan summation: thousands of sub-millisecond runs must not drift.
  let sum = 0;
  let c = 0;
  for (const x of s) {
    const y = x - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum / s.length;
}

/** Sample standard deviation (divides by n − 1); 0 for fewer than two samples. */
export function stddev(samples: readonly number[]): number {
  const s = samples.filter((x) => Number.isFinite(x));
  if (s.length < 2) return 0;
  const m = mean(s);
  let acc = 0;
  for (const x of s) acc += (x - m) * (x - m);
  return Math.sqrt(acc / (s.length - 1));
}

/** Everything at once; `undefined` when there is no finite sample. */
export function summarize(samples: readonly number[]): Summary | undefined {
  const sorted = sortedFinite(samples);
  if (sorted.length === 0) return undefined;
  const q = (p: number) => percentileOfSorted(sorted, p);
  return {
    n: sorted.length,
    mean: mean(sorted),
    stddev: stddev(sorted),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    median: q(50),
    p5: q(5),
    p25: q(25),
    p75: q(75),
    p95: q(95),
    p99: q(99),
  };
}

export interface Histogram {
  /** `bins + 1` ascending edges; bin i holds edges[i] ≤ x < edges[i+1] (the last bin includes its right edge). */
  edges: number[];
  counts: number[];
}

/** Sturges' rule, ⌈log2 n⌉ + 1 bins: few enough for 20 runs, enough for 1000. */
export function sturgesBins(n: number): number {
  return n <= 1 ? 1 : Math.ceil(Math.log2(n)) + 1;
}

/**
 * Equal-width bins from min to max. All samples equal: one bin of width 1 ms centred on them
 * (a zero-width bin cannot be drawn).
 */
export function histogram(samples: readonly number[], bins?: number): Histogram {
  const sorted = sortedFinite(samples);
  if (sorted.length === 0) return { edges: [], counts: [] };
  const k = Math.max(1, Math.floor(bins ?? sturgesBins(sorted.length)));
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (hi === lo) return { edges: [lo - 0.5, lo + 0.5], counts: [sorted.length] };
  const width = (hi - lo) / k;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + i * width));
  const counts = new Array<number>(k).fill(0);
  for (const x of sorted) {
    const i = Math.min(k - 1, Math.floor((x - lo) / width));
    counts[i]!++;
  }
  return { edges, counts };
}
