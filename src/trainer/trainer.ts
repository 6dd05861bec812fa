/**
 * The trainer as one object the commands and the Practice panel share: the bank, the learner's
 * deck (store.ts), the command reader (the terminal's parsers, handed in by the app) and the lesson
 * engine (mistake cards from failed checks; hands-on tasks and drills graded by its checks).
 * DOM-free; the clock is injected.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { LessonRuntime, StepFailedEvent } from '../lessons/runtime';
import type { Bank, HandsOnDrill } from './bank';
import type { CommandReader } from './command-reader';
import { addMistake, addMock, dueCount, dueQueue, recordDrill, recordReview, type MistakeCard, type MockResult } from './deck';
import { describeDue, ratingFor, RATING_WORDS, targetMsFor } from './fsrs';
import { expectationFrom, grade, gradeCommand } from './grade';
import { finishMock, isOver, planMock, recordAnswer, startMock, type MockItem, type MockSession } from './mock';
import type { TrainerStore } from './store';
import type { Answer, GradeResult, Level, Question } from './types';

export type CardView = { kind: 'question'; question: Question } | { kind: 'mistake'; mistake: MistakeCard };

export interface ReviewOutcome {
  result: GradeResult;
  rating: number;
  /** "Good — next in 3 days". */
  verdict: string;
  due: number;
}

export interface TrainerDeps {
  bank: Bank;
  store: StoreApi<TrainerStore>;
  readCommand: CommandReader;
  lessons?: LessonRuntime;
  now?: () => number;
}

export class Trainer {
  readonly bank: Bank;
  readonly store: StoreApi<TrainerStore>;
  private readonly now: () => number;
  private drillRun: { drill: HandsOnDrill; startedAt: number } | undefined;
  private readonly byId: Map<string, Question>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: TrainerDeps) {
    this.bank = deps.bank;
    this.store = deps.store;
    this.now = deps.now ?? (() => Date.now());
    this.byId = new Map(deps.bank.questions.map((q) => [q.id, q]));
  }

  /** The mock interview in progress lives in the deck: a reload (or a closed tab) does not lose it. */
  private get mock(): MockSession | undefined {
    return this.store.getState().data.activeMock;
  }

  private set mock(s: MockSession | undefined) {
    this.store.getState().update((d) => {
      const next = { ...d };
      if (s) next.activeMock = s;
      else delete next.activeMock;
      return next;
    });
  }

  get clock(): () => number {
    return this.now;
  }

  question(id: string): Question | undefined {
    return this.byId.get(id);
  }

  /** For the panel: the mock or drill state changed. */
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  // ---- review ------------------------------------------------------------------------------

  /** New questions are offered topic by topic (one of each topic, then the next round), L1 first. */
  candidates(): string[] {
    const rank = { L1: 1, L2: 2, L3: 3 } as const;
    const byTopic = new Map<string, Question[]>();
    for (const q of [...this.bank.questions].sort((a, b) => rank[a.level] - rank[b.level]))
      byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
    const out: string[] = [];
    const lists = [...byTopic.values()];
    for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (l[i]) out.push(l[i]!.id);
    return out;
  }

  queue(): string[] {
    return dueQueue(this.store.getState().data, this.candidates(), this.now());
  }

  dueCount(): number {
    return dueCount(this.store.getState().data, this.candidates(), this.now());
  }

  view(id: string): CardView | undefined {
    const m = this.store.getState().data.mistakes[id];
    if (m) return { kind: 'mistake', mistake: m };
    const q = this.byId.get(id);
    return q ? { kind: 'question', question: q } : undefined;
  }

  grade(q: Question, a: Answer): GradeResult {
    return grade(q, a, { readCommand: this.deps.readCommand });
  }

  /** A mistake card is answered with the fixed command: read by the same parsers when a runtime ran it. */
  gradeMistake(m: MistakeCard, line: string): GradeResult {
    const fixes = m.fixed.split('\n').filter(Boolean);
    for (const fix of fixes) {
      const expect = expectationFrom(fix, this.deps.readCommand);
      if (expect) {
        const r = gradeCommand(expect, line, this.deps.readCommand);
        if (r.correct || fixes.length === 1) return r;
      }
    }
    const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
    return fixes.some((f) => norm(f) === norm(line))
      ? { correct: true, score: 1, findings: [] }
      : { correct: false, score: 0, findings: [`The fix: ${fixes.join(' ; ')}`] };
  }

  /** Grades a review answer, schedules the card from the result and says when it comes back. */
  answer(id: string, a: Answer | { kind: 'mistake'; line: string }, opts: { hintUsed: boolean; elapsedMs: number }): ReviewOutcome | undefined {
    const view = this.view(id);
    if (!view) return undefined;
    let result: GradeResult;
    let kind: string;
    if (view.kind === 'mistake') {
      result = this.gradeMistake(view.mistake, a.kind === 'mistake' ? a.line : a.kind === 'command' ? a.line : '');
      kind = 'command';
    } else {
      result = this.grade(view.question, a as Answer);
      kind = view.question.kind;
    }
    const rating = ratingFor({ correct: result.correct, hintUsed: opts.hintUsed, elapsedMs: opts.elapsedMs, targetMs: targetMsFor(kind) });
    const now = this.now();
    this.store.getState().update((d) => recordReview(d, id, rating, result.correct, now));
    const due = this.store.getState().data.cards[id]!.card.due;
    return { result, rating, due, verdict: `${RATING_WORDS[rating]} — back ${describeDue(due, now)}` };
  }

  // ---- mistakes from lesson checks -----------------------------------------------------------

  /** A failed lesson check → a card with the learner's line, the grader's finding and the fix. */
  onStepFailed(e: StepFailedEvent): string | undefined {
    if (!e.command) return undefined;
    const lesson = this.deps.lessons?.findLesson(e.lessonId);
    const step = lesson?.steps.find((s) => s.id === e.stepId);
    const failing = e.result.checks.find((c) => c.status !== 'pass');
    const finding = failing?.findings?.map((f) => f.message).join('\n') || failing?.message || e.result.message;
    const fixed = step?.solution?.commands.join('\n') ?? '';
    if (!fixed) return undefined;
    const { data, id } = addMistake(this.store.getState().data, {
      lessonId: e.lessonId,
      stepId: e.stepId,
      title: step?.title ?? e.stepId,
      command: e.command,
      finding: finding.slice(0, 2000),
      fixed,
      at: e.at,
    });
    this.store.getState().update(() => data);
    return id;
  }

  // ---- mock interviews ---------------------------------------------------------------------

  currentMock(): MockSession | undefined {
    return this.mock;
  }

  startMock(minutes: number, level: Level, seed = this.now()): MockSession {
    this.mock = startMock(planMock(this.bank.questions, this.bank.drills, { minutes, level, seed }), this.now());
    this.emit();
    return this.mock;
  }

  mockItem(): MockItem | undefined {
    return this.mock?.plan.items[this.mock.index];
  }

  topicOf(item: MockItem): string {
    return item.kind === 'question' ? (this.byId.get(item.id)?.topic ?? 'other') : 'hands-on';
  }

  answerMock(a: Answer, given: string): GradeResult | undefined {
    const s = this.mock;
    const item = this.mockItem();
    if (!s || item?.kind !== 'question') return undefined;
    const q = this.byId.get(item.id)!;
    const result = this.grade(q, a);
    this.mock = recordAnswer(
      s,
      { questionId: q.id, topic: q.topic, correct: result.correct, score: result.score, given, findings: result.findings },
      this.now(),
    );
    this.emit();
    return result;
  }

  /** Opens the hands-on task's lesson from its start; the lesson engine grades what is typed. */
  beginHandsOn(): { ok: true; drill: HandsOnDrill } | { ok: false; reason: string } {
    const item = this.mockItem();
    if (item?.kind !== 'hands-on') return { ok: false, reason: 'the current item is not a hands-on task' };
    const r = this.openLesson(item.drill);
    if (r.ok) {
      // The task's time runs from when it is opened.
      this.mock = { ...this.mock!, itemStartedAt: this.now(), handsOnIndex: this.mock!.index };
      this.emit();
    }
    return r;
  }

  /** The index of the mock item whose lesson is open, if any. */
  handsOnOpen(): number | undefined {
    return this.mock?.handsOnIndex;
  }

  /** Steps passed in the open hands-on task's lesson. */
  handsOnProgress(): { passed: number; total: number } | undefined {
    const item = this.mockItem();
    const lesson = item?.kind === 'hands-on' ? this.deps.lessons?.findLesson(item.drill.lesson) : undefined;
    if (!lesson || !this.deps.lessons) return undefined;
    const steps = this.deps.lessons.progress().lessons[lesson.id]?.steps ?? {};
    return { passed: lesson.steps.filter((s) => steps[s.id]?.status === 'passed').length, total: lesson.steps.length };
  }

  lessonTitle(id: string): string | undefined {
    return this.deps.lessons?.findLesson(id)?.title;
  }

  /** Completed when every step of the task's lesson passed since the item was shown. */
  handsOnDone(): boolean {
    const item = this.mockItem();
    if (item?.kind !== 'hands-on' || !this.mock || !this.deps.lessons) return false;
    const at = this.deps.lessons.progress().lessons[item.drill.lesson]?.completedAt;
    return at !== undefined && at >= this.mock.itemStartedAt;
  }

  /** Records the hands-on item: done (graded by the lesson's checks) or skipped. */
  settleHandsOn(skip: boolean): { correct: boolean } | undefined {
    const s = this.mock;
    const item = this.mockItem();
    if (!s || item?.kind !== 'hands-on') return undefined;
    const correct = !skip && this.handsOnDone();
    const findings = correct ? ['Every check of the lesson passed'] : ['Not finished: the lesson’s checks did not all pass'];
    this.mock = recordAnswer(
      s,
      {
        questionId: `drill:${item.drill.id}`,
        topic: 'hands-on',
        correct,
        score: correct ? 1 : 0,
        given: item.drill.title,
        findings,
        handsOn: true,
        ...(skip ? { skipped: true } : {}),
      },
      this.now(),
    );
    this.emit();
    return { correct };
  }

  mockOver(): boolean {
    return this.mock ? isOver(this.mock, this.now()) : false;
  }

  finishMock(): MockResult | undefined {
    if (!this.mock) return undefined;
    const r = finishMock(this.mock, (i) => this.topicOf(i), this.now());
    this.store.getState().update((d) => addMock(d, r));
    this.mock = undefined;
    this.emit();
    return r;
  }

  abandonMock(): void {
    this.mock = undefined;
    this.emit();
  }

  // ---- hands-on drills against the clock ---------------------------------------------------

  drill(id: string): HandsOnDrill | undefined {
    return this.bank.drills.find((d) => d.id === id);
  }

  currentDrill(): { drill: HandsOnDrill; startedAt: number } | undefined {
    return this.drillRun;
  }

  startDrill(d: HandsOnDrill): { ok: true; drill: HandsOnDrill } | { ok: false; reason: string } {
    const r = this.openLesson(d);
    if (r.ok) {
      this.drillRun = { drill: d, startedAt: this.now() };
      this.emit();
    }
    return r;
  }

  /** Call after each graded line: a finished drill records its time (clean = no hint, no solution shown). */
  checkDrill(): { drill: HandsOnDrill; ms: number; newBest: boolean; bestMs?: number; clean: boolean } | undefined {
    const run = this.drillRun;
    const lessons = this.deps.lessons;
    if (!run || !lessons) return undefined;
    const l = lessons.progress().lessons[run.drill.lesson];
    if (l?.completedAt === undefined || l.completedAt < run.startedAt) return undefined;
    const clean = Object.values(l.steps).every((s) => s.hintsUsed === 0 && !s.solvedWithHelp);
    const ms = l.completedAt - run.startedAt;
    const { data, newBest, record } = recordDrill(this.store.getState().data, run.drill.id, ms, clean, this.now());
    this.store.getState().update(() => data);
    this.drillRun = undefined;
    this.emit();
    return { drill: run.drill, ms, newBest, clean, ...(record.bestMs !== undefined ? { bestMs: record.bestMs } : {}) };
  }

  stopDrill(): void {
    this.drillRun = undefined;
    this.emit();
  }

  private openLesson(d: HandsOnDrill): { ok: true; drill: HandsOnDrill } | { ok: false; reason: string } {
    const lessons = this.deps.lessons;
    if (!lessons) return { ok: false, reason: 'the lessons are not loaded' };
    const opened = lessons.open(d.lesson);
    if (!opened.ok) return opened;
    const restarted = lessons.restart();
    if (!restarted.ok) return restarted;
    return { ok: true, drill: d };
  }
}
