/** rustup's own wording over the shared toolchain (src/toolchain/rust.ts). */
import { editDistance } from '../../shell/suggest';
import { RUSTUP_TARGETS } from '../../toolchain/rust';

/**
 * rustup's "did you mean": the closest known target within 3 edits (MAX_DISTANCE in rustup 1.29), else none.
 * rustup measures with strsim's damerau_levenshtein; the shell's optimal-string-alignment distance
 * differs from it only for a swapped pair that is edited again, rare in a typo.
 */
export function suggestTarget(target: string): string | undefined {
  let best: { t: string; d: number } | undefined;
  for (const t of RUSTUP_TARGETS) {
    const d = editDistance(t, target);
    if (!best || d < best.d) best = { t, d };
  }
  return best && best.d <= 3 ? best.t : undefined;
}
