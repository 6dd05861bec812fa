/**
 * The order a card shows its options or steps in: a fixed shuffle per question (seeded by its id),
 * so the right option is not always where the author wrote it, and order-the-steps never starts
 * solved. The same in the terminal and the Practice tab; answers are mapped back to the bank's
 * indexes before grading.
 */
import { seeded } from './mock';
import type { Question } from './types';

export function displayOrder(q: Question): number[] {
  const n = q.kind === 'single' || q.kind === 'multiple' ? q.options.length : q.kind === 'order' ? q.steps.length : 0;
  let seed = 0;
  for (const ch of q.id) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rnd = seeded(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  if (q.kind === 'order' && idx.every((v, i) => v === i)) idx.push(idx.shift()!);
  return idx;
}
