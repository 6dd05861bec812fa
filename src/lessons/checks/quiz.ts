/** `kind: quiz` — multiple choice (answered by letter) or short answer (case/space-insensitive). */
import type { CheckResult } from '../results';
import type { QuizCheck } from '../schema';
import type { CheckContext } from './context';

export function normalizeAnswer(check: QuizCheck, answer: string): string {
  const t = answer.trim().replace(/\s+/g, ' ');
  return check.choices ? t.toUpperCase().replace(/[.)]$/, '') : t.toLowerCase();
}

export function isCorrectAnswer(check: QuizCheck, answer: string): boolean {
  const given = normalizeAnswer(check, answer);
  if (check.choices) {
    // several correct letters: the learner must give them all, in any order ("A C", "A,C", "CA")
    const letters = [...new Set(given.replace(/[^A-Z]/g, '').split(''))].sort().join('');
    return letters === [...check.answer].sort().join('');
  }
  return check.answer.some((a) => normalizeAnswer(check, a) === given);
}

export function evaluateQuizCheck(check: QuizCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'quiz' as const };
  if (ctx.quizAnswer === undefined || ctx.quizAnswer.trim() === '') {
    return { ...base, status: 'fail', message: check.choices ? 'Answer with `answer LETTER` (or click a choice).' : 'Answer with `answer YOUR ANSWER`.' };
  }
  if (isCorrectAnswer(check, ctx.quizAnswer)) return { ...base, status: 'pass', message: 'Correct.' };
  return { ...base, status: 'fail', message: check.message ?? `\`${ctx.quizAnswer.trim()}\` is not it. Try again (\`hint\` helps).` };
}
