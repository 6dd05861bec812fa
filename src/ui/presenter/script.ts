/**
 * A lesson's solution as a script to step through in front of a room: every command of every
 * step's reference solution, in order, each with the step it belongs to.
 */
import type { Lesson } from '../../lessons/schema';

export interface ScriptLine {
  stepIndex: number;
  stepTitle: string;
  command: string;
}

export function solutionScript(lesson: Pick<Lesson, 'steps'>): ScriptLine[] {
  return lesson.steps.flatMap((s, i) => (s.solution?.commands ?? []).map((command) => ({ stepIndex: i, stepTitle: s.title, command })));
}

/** What a key does in presenter mode, or null when the key is not ours. */
export function presenterKey(key: string): 'next' | 'back' | 'pause' | 'exit' | null {
  if (key === 'ArrowRight') return 'next';
  if (key === 'ArrowLeft') return 'back';
  if (key === 'p' || key === 'P') return 'pause';
  if (key === 'Escape') return 'exit';
  return null;
}
