import { describe, expect, it } from 'vitest';
import { compareBuilds, interquartileMean } from '../../bench/lib/compare.mjs';

/** A reproducible stream in [0, 1), so an interval's width does not depend on luck. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

/** Warm-run-like samples: a fast mode near 1.5 ms, a slow tail to 12 ms, and drift over time. */
function machine(n: number, seed: number): number[] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const drift = 0.5 * Math.sin(i / 40);
    return r() < 0.6 ? 1.2 + r() * 0.8 + drift : 2 + r() * 10 + drift;
  });
}

describe('interquartileMean', () => {
  it('averages the middle half and ignores the tails', () => {
    expect(interquartileMean([1, 2, 3, 4, 5, 6, 7, 1000])).toBe(4.5);
    expect(interquartileMean([9, 1, 5])).toBe(5);
    expect(interquartileMean([2])).toBe(2);
  });
});

describe('compareBuilds (the bench --baseline verdict)', () => {
  it('calls two identical builds not slower, with a zero difference', () => {
    const base = machine(400, 1);
    const c = compareBuilds(
      base.map((x) => [x, x]),
      { random: seeded(7) },
    );
    expect(c.difference_iqm).toBe(0);
    expect(c.difference_iqm_95ci).toEqual([0, 0]);
    expect(c.difference_p50_95ci).toEqual([0, 0]);
    expect(c.verdict).toBe('not_slower');
  });

  it('calls a build 1 ms slower on every run slower', () => {
    const base = machine(400, 2);
    const c = compareBuilds(
      base.map((x) => [x, x + 1]),
      { random: seeded(7) },
    );
    expect(c.difference_iqm).toBeCloseTo(1, 6);
    expect((c.current_p50 ?? 0) - (c.baseline_p50 ?? 0)).toBeCloseTo(1, 6);
    expect(c.verdict).toBe('slower');
  });

  it('does not call a difference below the page clock (0.1 ms) a slowdown', () => {
    // Half the warm-run times, so 5 % of them is under one tick and the tick is the margin.
    const base = machine(400, 3).map((x) => x / 2);
    const c = compareBuilds(
      base.map((x) => [x, x + 0.05]),
      { random: seeded(7) },
    );
    expect(c.margin).toBe(0.1);
    expect(c.verdict).toBe('not_slower');
  });

  it('keeps the shared drift out of the difference by resampling pairs', () => {
    // The machine's load swings every sample by up to 10 ms; each build adds only 0.02 ms of its own
    // noise, and the current one is 0.03 ms slower. Resampled as pairs, the swing cancels: the
    // interval is a few hundredths wide. Resampled side by side, it would be over a millisecond wide.
    const r = seeded(11);
    const pairs: Array<[number, number]> = Array.from({ length: 600 }, (_, i) => {
      const load = 2 + 5 * (1 + Math.sin(i / 40));
      return [load + r() * 0.02, load + 0.03 + r() * 0.02];
    });
    const c = compareBuilds(pairs, { random: seeded(7) });
    const [lo, hi] = c.difference_iqm_95ci ?? [null, null];
    expect(c.difference_iqm).toBeCloseTo(0.03, 2);
    expect((hi ?? 1) - (lo ?? 0)).toBeLessThan(0.02);
    expect(c.verdict).toBe('not_slower');
  });

  it('says undecided when the samples are too few to tell', () => {
    const a = machine(12, 5);
    const b = machine(12, 6);
    const c = compareBuilds(
      a.map((x, i) => [x, b[i]!]),
      { random: seeded(7) },
    );
    expect(c.verdict).toBe('undecided');
    const lo = c.difference_iqm_95ci?.[0] ?? 0;
    const hi = c.difference_iqm_95ci?.[1] ?? 0;
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(c.margin ?? 0);
  });

  it('drops pairs missing a side, and needs two pairs for an answer', () => {
    expect(
      compareBuilds([
        [1, null],
        [null, 2],
        [3, 3],
      ]),
    ).toEqual({ pairs: 1, verdict: 'undecided' });
    expect(
      compareBuilds([
        [2, 2],
        [2, 2],
        [NaN, 1],
      ]).pairs,
    ).toBe(2);
  });

  it('sees a half-tick slowdown that whole-tick samples hide from the median', () => {
    // Both builds' samples fall on the 0.1 ms grid; the current one takes a tick more half the time.
    const r = seeded(21);
    const pairs: Array<[number, number]> = Array.from({ length: 1500 }, () => {
      const t = 2 + Math.round(r() * 10) / 10;
      return [t, r() < 0.5 ? t + 0.1 : t] as [number, number];
    });
    const c = compareBuilds(pairs, { random: seeded(7) });
    expect(c.difference_iqm).toBeGreaterThan(0.03);
    expect(c.difference_iqm).toBeLessThan(0.07);
    // A 0.05 ms difference is within the 0.1 ms margin, and the interval is narrow enough to say so.
    expect(c.verdict).toBe('not_slower');
  });

  it('uses 5 % of the baseline as the margin once that exceeds the clock', () => {
    const c = compareBuilds(
      Array.from({ length: 50 }, (_, i) => [400 + (i % 7), 400 + (i % 7)] as [number, number]),
      { random: seeded(7) },
    );
    expect(c.margin).toBeCloseTo(0.05 * (c.baseline_iqm ?? 0), 2);
  });
});
