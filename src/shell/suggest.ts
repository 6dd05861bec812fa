/** "Did you mean" for mistyped command names. */

/** Optimal string alignment distance: a swap of neighbours (`sl` for `ls`) counts as one edit, as people make it. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The one close name, or undefined when none or several are equally close. */
export function suggestCommand(typed: string, names: string[]): string | undefined {
  if (typed.length === 0 || typed.length > 64) return undefined;
  const limit = typed.length <= 3 ? 1 : 2;
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const name of names) {
    if (Math.abs(name.length - typed.length) > limit) continue;
    const d = editDistance(typed, name);
    if (d > limit) continue;
    if (d < bestDistance) {
      bestDistance = d;
      best = [name];
    } else if (d === bestDistance) best.push(name);
  }
  return best.length === 1 ? best[0] : undefined;
}
