/** `kind: quiz` — multiple choice (answered by letter) or short answer (case/space-insensitive). */
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';

export interface QuizCheck extends CheckBase {
  kind: 'quiz';
  question: string;
  /** Multiple choice when present: the learner answers with a letter (A, B, ...). */
  choices?: string[];
  /** For multiple choice: the correct letter(s). For short answer: accepted answers (case/space-insensitive). */
  answer: string[];
}

export function isQuizCheck(c: CheckBase): c is QuizCheck {
  return c.kind === 'quiz';
}

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
  return { ...base, status: 'fail', message: check.message ?? `${quoteInput(ctx.quizAnswer.trim())} is not it. Try again (\`hint\` helps).` };
}

export const quizCheckKind: CheckKindDefinition<QuizCheck> = {
  kind: 'quiz',
  keys: ['question', 'choices', 'answer'],
  validate(c, v, f) {
    const question = v.string(c, 'question', `${f}.question`, { required: true });
    const choices = v.stringList(c, 'choices', `${f}.choices`);
    let answer: string[] = [];
    const raw = c.answer;
    if (typeof raw === 'string' || typeof raw === 'number') answer = [String(raw)];
    else if (Array.isArray(raw) && raw.every((a) => typeof a === 'string' || typeof a === 'number') && raw.length > 0) answer = raw.map(String);
    else v.fail(`${f}.answer`, raw === undefined ? 'is required' : 'expected text or a list of text');
    if (choices) {
      if (choices.length < 2) v.fail(`${f}.choices`, 'needs at least two choices');
      answer = answer.map((a) => a.trim().toUpperCase());
      for (const a of answer) {
        const idx = a.length === 1 ? a.charCodeAt(0) - 65 : -1;
        if (idx < 0 || idx >= choices.length) v.fail(`${f}.answer`, `"${a}" is not a choice letter (A-${String.fromCharCode(64 + choices.length)})`);
      }
    }
    return { kind: 'quiz', question, ...(choices ? { choices } : {}), answer };
  },
  evaluate: evaluateQuizCheck,
};
