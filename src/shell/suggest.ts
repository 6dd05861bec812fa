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

/**
 * Never offered: commands that change state (a typo of a command that only reads must not lead to
 * one that writes, as `sudo` → `undo` or `exit` → `edit` did), and the shell's own one- and
 * two-letter language words, which are never what a mistyped tool name meant.
 */
const NEVER_SUGGESTED = new Set([
  'undo',
  'edit',
  'rm',
  'rmdir',
  'mv',
  'cp',
  'touch',
  'mkdir',
  'chmod',
  'ln',
  'kill',
  'reset',
  'sudo',
  'exit',
  'dd',
  'tee',
  'sh',
  'bash',
  '.',
  ':',
  '[',
  'eval',
  'exec',
  'set',
  'shift',
  'source',
  'let',
  'local',
  'return',
  'break',
  'continue',
]);

/**
 * The one close name, or undefined when none or several are equally close. Close means one edit
 * for names up to four letters (for two letters only swapped neighbours: `sl` → `ls`, never
 * `ps` → `ls`), two for longer ones.
 */
export function suggestCommand(typed: string, names: string[]): string | undefined {
  if (typed.length === 0 || typed.length > 64) return undefined;
  const limit = typed.length <= 4 ? 1 : 2;
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const name of names) {
    if (NEVER_SUGGESTED.has(name)) continue;
    if (typed.length <= 2 && !(name.length === 2 && name[0] === typed[1] && name[1] === typed[0])) continue;
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
