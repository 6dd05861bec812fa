/**
 * How a card reads in the terminal, and how a typed reply becomes an Answer. Shared by `practice`
 * and `interview`; pure text (colour only on a terminal).
 */
import { paint, SGR } from '../../lib/ansi';
import { displayOrder } from '../../trainer/display';
import type { MistakeCard } from '../../trainer/deck';
import type { Answer, GradeResult, Question } from '../../trainer/types';

/** `code` in cyan on a terminal, plain otherwise. */
export function inline(text: string, tty: boolean): string {
  return text.replace(/`([^`]+)`/g, (_, c: string) => paint(SGR.cyan, c, tty));
}

const LETTERS = 'abcdefghij';

/** The card's text: the prompt and what to pick from. */
export function cardLines(q: Question, tty: boolean): string[] {
  const lines = [inline(q.prompt, tty)];
  switch (q.kind) {
    case 'single':
    case 'multiple':
      displayOrder(q).forEach((o, i) => lines.push(`  ${i + 1}) ${inline(q.options[o]!, tty)}`));
      break;
    case 'order':
      displayOrder(q).forEach((step, i) => lines.push(`  ${LETTERS[i]}) ${inline(q.steps[step]!, tty)}`));
      break;
    case 'spot-the-bug':
      q.manifest
        .replace(/\n$/, '')
        .split('\n')
        .forEach((l, i) => lines.push(`  ${paint(SGR.dim, String(i + 1).padStart(3), tty)}  ${l}`));
      break;
    default:
      break;
  }
  return lines;
}

/** What the prompt asks for, per kind. */
export function askFor(q: Question): string {
  switch (q.kind) {
    case 'single':
      return `answer (1-${q.options.length})`;
    case 'multiple':
      return 'answers (e.g. 1 3)';
    case 'order':
      return `order (e.g. ${LETTERS.slice(0, q.steps.length).split('').reverse().join(' ')})`;
    case 'command':
      return '$';
    case 'spot-the-bug':
      return 'line or field';
    case 'open':
      return 'points covered (e.g. 1 3)';
  }
}

/** Reads a typed reply as the kind's answer; a reason when it cannot be read. */
export function parseReply(q: Question, text: string): Answer | { error: string } {
  const t = text.trim();
  const numbers = (max: number): number[] | { error: string } => {
    const parts = t.split(/[\s,]+/).filter(Boolean);
    const out: number[] = [];
    for (const p of parts) {
      const n = /^\d+$/.test(p) ? Number(p) - 1 : LETTERS.indexOf(p.toLowerCase());
      if (!Number.isInteger(n) || n < 0 || n >= max || p.length > 2) return { error: `"${p}" is not one of 1-${max}` };
      out.push(n);
    }
    return out;
  };
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const picked = numbers(q.options.length);
      if ('error' in picked) return picked;
      if (q.kind === 'single' && picked.length > 1) return { error: 'pick one' };
      const shown = displayOrder(q);
      return { kind: q.kind, picked: picked.map((i) => shown[i]!) };
    }
    case 'order': {
      const parts = t.split(/[\s,]+/).filter(Boolean);
      const shown = displayOrder(q);
      const order: number[] = [];
      for (const p of parts) {
        const i = /^\d+$/.test(p) ? Number(p) - 1 : LETTERS.indexOf(p.toLowerCase());
        if (i < 0 || i >= shown.length || p.length > 2)
          return { error: `"${p}" is not one of ${LETTERS.slice(0, shown.length).split('').join(' ')}` };
        order.push(shown[i]!);
      }
      return { kind: 'order', order };
    }
    case 'command':
      return { kind: 'command', line: t };
    case 'spot-the-bug':
      return { kind: 'spot-the-bug', text: t };
    case 'open': {
      const ticked = t ? numbers(q.rubric.length) : [];
      if ('error' in ticked) return ticked;
      return { kind: 'open', ticked };
    }
  }
}

/** What the learner answered, as text, for a mock's review. */
export function describeReply(q: Question, a: Answer): string {
  switch (a.kind) {
    case 'single':
    case 'multiple':
      return a.picked.map((i) => (q.kind === 'single' || q.kind === 'multiple' ? (q.options[i] ?? '') : '')).join('; ') || '(none)';
    case 'order':
      return q.kind === 'order' ? a.order.map((i) => q.steps[i]).join(' → ') : '';
    case 'command':
      return a.line || '(nothing)';
    case 'spot-the-bug':
      return a.text || '(nothing)';
    case 'open':
      return q.kind === 'open' ? `${a.ticked.length} of ${q.rubric.length} points` : '';
  }
}

/** The right answer, for the explanation block. */
export function rightAnswer(q: Question): string {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.answer.map((i) => q.options[i]).join('; ');
    case 'order':
      return q.steps.join(' → ');
    case 'command':
      return q.answer;
    case 'spot-the-bug':
      return `${q.field}: ${q.fix}`;
    case 'open':
      return q.model.trim();
  }
}

/** ✓/✗, the findings, the answer and the explanation, with the lesson that teaches it. */
export function verdictLines(q: Question, r: GradeResult, tty: boolean): string[] {
  const mark = r.correct ? paint(SGR.green, '✓ Right', tty) : paint(SGR.red, '✗ Not quite', tty);
  const lines = [q.kind === 'open' ? `${mark} (${Math.round(r.score * 100)} % of the points)` : mark];
  for (const f of r.findings) lines.push(`  ${inline(f, tty)}`);
  if (q.kind !== 'open') lines.push(`  Answer: ${inline(rightAnswer(q), tty)}`);
  lines.push(`  ${inline(q.explanation.trim(), tty)}`);
  lines.push(paint(SGR.dim, `  Lesson: lesson ${q.lesson}`, tty));
  return lines;
}

export function mistakeLines(m: MistakeCard, tty: boolean): string[] {
  return [
    `From your lesson work: ${inline(m.title, tty)} (lesson ${m.lessonId})`,
    `  You typed:   ${paint(SGR.yellow, m.command, tty)}`,
    `  The grader:  ${inline(m.finding.split('\n')[0] ?? '', tty)}`,
    'Type the command that fixes it.',
  ];
}
