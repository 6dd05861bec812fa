export interface BuildComparison {
  pairs: number;
  verdict: 'not_slower' | 'slower' | 'undecided';
  baseline_iqm?: number | null;
  current_iqm?: number | null;
  difference_iqm?: number | null;
  difference_iqm_95ci?: [number | null, number | null];
  ratio_iqm?: number | null;
  margin?: number | null;
  baseline_p50?: number | null;
  current_p50?: number | null;
  difference_p50_95ci?: [number | null, number | null];
}
export declare function interquartileMean(samples: number[]): number;
export declare function compareBuilds(
  pairs: Array<[number | null | undefined, number | null | undefined]>,
  options?: { random?: () => number },
): BuildComparison;
