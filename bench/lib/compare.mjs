/**
 * The statistic behind `--baseline` (baseline.mjs): two builds compared on paired samples.
 *
 * The verdict compares interquartile means (the mean of the middle half of the samples). Medians are
 * reported too, but they are a poor test here: the page clock ticks in 0.1 ms (User Timing is
 * coarsened to it without cross-origin isolation), so the median of a warm run (about 2 ms) can only
 * move in whole ticks and its interval never narrows below two of them, however many runs are taken.
 * The interquartile mean averages across ticks (Chromium jitters each coarsened time within its tick,
 * so the average is not biased) and, like the median, ignores the slow tail a shared machine adds.
 *
 * The 95 % interval of (current − baseline) comes from a paired bootstrap: pair i is the i-th sample
 * of each build, taken moments apart, so resampling pairs keeps the drift of a shared machine out of
 * the difference. The verdict is a non-inferiority test: `not_slower` when the interval's upper end
 * is within the margin, 5 % of the baseline's interquartile mean and at least one clock tick (0.1 ms),
 * so a difference the clock cannot see is not called a slowdown; `slower` when the interval's lower
 * end is past the margin; otherwise `undecided` (take more samples). Pure: a unit test checks it.
 */
import { median, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { round } from './stats.mjs';

const MARGIN_FRACTION = 0.05;
const CLOCK_RESOLUTION_MS = 0.1;
const RESAMPLES = 4000;

/** The mean of the middle half: the samples between the first and third quartile ranks. */
export function interquartileMean(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 4);
  const mid = s.length - 2 * cut > 0 ? s.slice(cut, s.length - cut) : s;
  return mid.reduce((a, b) => a + b, 0) / mid.length;
}

/** The 95 % paired-bootstrap interval of stat(current) − stat(baseline). */
function interval(pairs, stat, random) {
  const diffs = [];
  for (let r = 0; r < RESAMPLES; r++) {
    const sample = sampleWithReplacement(pairs, pairs.length, random);
    diffs.push(stat(sample.map((p) => p[1])) - stat(sample.map((p) => p[0])));
  }
  diffs.sort((x, y) => x - y);
  return /** @type {[number, number]} */ ([quantileSorted(diffs, 0.025), quantileSorted(diffs, 0.975)]);
}

/**
 * Compares paired samples: `pairs[i] = [baseline, current]`; a pair missing a side is dropped.
 * @param {Array<[number | null | undefined, number | null | undefined]>} rawPairs
 * @param {{ random?: () => number }} [options] the bootstrap's random source (default Math.random)
 */
export function compareBuilds(rawPairs, { random = Math.random } = {}) {
  const pairs = /** @type {Array<[number, number]>} */ (rawPairs.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)));
  const n = pairs.length;
  if (n < 2) return { pairs: n, verdict: 'undecided' };
  const base = pairs.map((p) => p[0]);
  const cur = pairs.map((p) => p[1]);
  const baseIqm = interquartileMean(base);
  const curIqm = interquartileMean(cur);
  const [lo, hi] = interval(pairs, interquartileMean, random);
  const margin = Math.max(MARGIN_FRACTION * baseIqm, CLOCK_RESOLUTION_MS);
  const verdict = hi <= margin ? 'not_slower' : lo > margin ? 'slower' : 'undecided';
  const [mlo, mhi] = interval(pairs, median, random);
  return {
    pairs: n,
    baseline_iqm: round(baseIqm, 3),
    current_iqm: round(curIqm, 3),
    difference_iqm: round(curIqm - baseIqm, 3),
    difference_iqm_95ci: [round(lo, 3), round(hi, 3)],
    ratio_iqm: round(curIqm / baseIqm, 3),
    margin: round(margin, 3),
    verdict,
    baseline_p50: round(median(base), 3),
    current_p50: round(median(cur), 3),
    difference_p50_95ci: [round(mlo, 3), round(mhi, 3)],
  };
}
