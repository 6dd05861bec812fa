/** Test helpers for the trainer: the bank read from drills/ on disk, with the real lesson ids. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogFromDisk } from '../../src/lessons/node-loader';
import { parseBank, type Bank } from '../../src/trainer/bank';

export const REPO = join(__dirname, '..', '..');

export function drillFiles(): Record<string, string> {
  const dir = join(REPO, 'drills');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => [`/drills/${n}`, readFileSync(join(dir, n), 'utf8')]),
  );
}

let cached: { bank: Bank; lessonIds: Set<string> } | undefined;
export function diskBank(): { bank: Bank; lessonIds: Set<string> } {
  if (cached) return cached;
  const lessonIds = new Set(loadCatalogFromDisk(REPO).lessons.map((l) => l.id));
  cached = { bank: parseBank(drillFiles(), { lessonIds }), lessonIds };
  return cached;
}

import { isQuizCheck } from '../../src/lessons/checks/quiz';
import type { Lesson } from '../../src/lessons/schema';
import { displayOrder } from '../../src/trainer/display';
import type { Question } from '../../src/trainer/types';
import type { DojoRig } from './dojo';

/** The reply a learner who knows the answer types at the question's prompt. */
export function rightReply(q: Question): string {
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const shown = displayOrder(q);
      return q.answer.map((i) => String(shown.indexOf(i) + 1)).join(' ');
    }
    case 'order': {
      const shown = displayOrder(q);
      return q.steps.map((_, step) => 'abcdefghij'[shown.indexOf(step)]).join(' ');
    }
    case 'command':
      return q.answer;
    case 'spot-the-bug':
      return q.field;
    case 'open':
      return q.rubric.map((_, i) => String(i + 1)).join(' ');
  }
}

/** Replies for a card: an open question first waits for Enter (the model answer), then takes the points. */
export function repliesFor(q: Question): string[] {
  return q.kind === 'open' ? ['', rightReply(q)] : [rightReply(q)];
}

/** Types a lesson's reference solutions, step by step (quiz steps answered with the reference answer). */
export async function solveLesson(d: DojoRig, lesson: Lesson): Promise<void> {
  for (const step of lesson.steps) {
    for (const line of step.solution?.commands ?? []) await d.type(line, { answers: ['y'] });
    for (const check of step.checks)
      if (isQuizCheck(check) && d.lessonSystem.runtime.currentStep()?.id === step.id) await d.type(`answer ${check.answer[0]}`);
  }
}
