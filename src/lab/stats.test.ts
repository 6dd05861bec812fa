import { describe, expect, it } from 'vitest';
import { histogram, mean, percentile, stddev, sturgesBins, summarize } from './stats';

// Reference values from Python's `statistics` module (mean, stdev, quantiles(method='inclusive'),
// which is the same R-7 interpolation as NumPy's default percentile).
const TEXTBOOK = [2, 4, 4, 4, 5, 5, 7, 9];
// Anscombe's quartet, y1.
const ANSCOMBE_Y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

describe('statistics against known data sets', () => {
  it('mean and sample standard deviation', () => {
    expect(mean(TEXTBOOK)).toBe(5);
    expect(stddev(TEXTBOOK)).toBeCloseTo(2.138089935299395, 12);
    expect(mean(ANSCOMBE_Y1)).toBeCloseTo(7.500909090909091, 12);
    expect(stddev(ANSCOMBE_Y1)).toBeCloseTo(2.031568135925815, 12);
  });

  it('percentiles interpolate between ranks (R-7)', () => {
    expect(percentile(TEXTBOOK, 25)).toBe(4);
    expect(percentile(TEXTBOOK, 50)).toBe(4.5);
    expect(percentile(TEXTBOOK, 75)).toBe(5.5);
    const s = summarize(ANSCOMBE_Y1)!;
    expect(s.median).toBeCloseTo(7.58, 12);
    expect(s.p5).toBeCloseTo(4.54, 12);
    expect(s.p25).toBeCloseTo(6.315, 12);
    expect(s.p75).toBeCloseTo(8.57, 12);
    expect(s.p95).toBeCloseTo(10.4, 12);
    expect(s.min).toBe(4.26);
    expect(s.max).toBe(10.84);
    expect(s.n).toBe(11);
    expect(percentile(ANSCOMBE_Y1, 0)).toBe(4.26);
    expect(percentile(ANSCOMBE_Y1, 100)).toBe(10.84);
  });

  it('ignores non-finite samples, and says nothing about none', () => {
    expect(summarize([NaN, Infinity])).toBeUndefined();
    expect(summarize([3, NaN])).toMatchObject({ n: 1, mean: 3, stddev: 0, median: 3, p95: 3 });
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('histogram: Sturges bins, every sample counted once, the maximum in the last bin', () => {
    expect(sturgesBins(1)).toBe(1);
    expect(sturgesBins(8)).toBe(4);
    expect(sturgesBins(50)).toBe(7);
    const h = histogram(TEXTBOOK);
    expect(h.edges).toEqual([2, 3.75, 5.5, 7.25, 9]);
    expect(h.counts).toEqual([1, 5, 1, 1]);
    const h2 = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(h2.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h2.counts).toEqual([2, 2, 2, 2, 3]);
    expect(h2.counts.reduce((a, b) => a + b)).toBe(11);
  });

  it('histogram of equal samples is one drawable bin', () => {
    expect(histogram([1.5, 1.5, 1.5])).toEqual({ edges: [1, 2], counts: [3] });
    expect(histogram([])).toEqual({ edges: [], counts: [] });
  });
});
