/**
 * The lesson engine the app talks to. It sits beside the shell, not inside it:
 *
 *   const io2 = lessonRuntime.beforeCommand(line, io);       // snapshot for undo + capture output
 *   const status = await shell.execute(line, io2, signal);
 *   await lessonRuntime.afterCommand(line, status, io);        // grade, print step results
 *
 * Lesson controls (`hint`, `check`, ...: commands whose definition says `control: true`) are not
 * snapshotted or graded. Reports are printed by the injected `print` (commands/lesson/report.ts).
 * All state worth keeping lives in the progress store; the runtime keeps only this session's
 * command history (for checks) and the undo stack.
 */
import type { OciStore } from '../registry/store';
import type { LoopbackNetwork } from '../machine/network';
import type { StoreApi } from 'zustand/vanilla';
import type { HostFs } from '../fs/types';
import type { WasmEngine } from '../runtime/types';
import type { CommandRegistry, OutputSink, TerminalIO } from '../shell/types';
import type { ExecEvent } from '../shell/exec-events';
import { wrapSink } from '../shell/streams';
import { parse as parseShell, RESERVED_WORDS } from '../shell/parser';
import { ASSIGNMENT_RE } from '../shell/expand';
import { evaluateStep, stepConcerns } from './checks';
import { defaultCheckKinds } from './checks/builtin';
import type { CheckContext } from './checks/context';
import type { CheckKindRegistry } from './checks/registry';
import { canDescribeGrants, grantDescriber } from './grader/grants';
import type { Replayer } from './grader/replay';
import { syncTree } from './fs-sync';
import type { ParsedCatalog } from './parser';
import * as P from './progress';
import { fromEvents, type CommandRecord } from './records';
import { targetMs } from './drill';
import type { StepResult } from './results';
import { LEARNER_HOME, type Lesson, type LessonStep, type StepSolution } from './schema';
import type { ProgressStore } from './store';

const MAX_UNDO = 10;
const MAX_REPLAY_SNAPSHOTS = 5;
const MAX_HISTORY = 50;
const CAPTURE_CAP = 64 * 1024;
/** A line's first word when it is a plain name standing alone (no quotes, `=`, `(` or redirect). */
const PLAIN_FIRST_WORD = /^[ \t]*([A-Za-z0-9_.-]+)(?=[ \t;&|]|$)/;

export interface GradeReport {
  lessonId: string;
  /** Results of the steps evaluated, in order (passed ones, then the first that did not pass). */
  results: StepResult[];
  newlyPassed: string[];
  completed: boolean;
  /** The command touched what the current step is about (so a failure is worth showing). */
  relevant: boolean;
  /** A timed lesson just completed: the figures of the run this grading finished. */
  run?: DrillReport;
}

/** Writes a grade report to the terminal; `quiet` after a typed line (only news), loud for `check`. */
export type ReportPrinter = (report: GradeReport, io: TerminalIO, opts: { quiet: boolean }) => void;

export interface DrillReport extends P.DrillRunResult {
  /** The lesson's `minutes` as milliseconds. */
  targetMs: number;
}

export interface LessonRuntimeDeps {
  fs: HostFs;
  catalog: ParsedCatalog;
  store: StoreApi<ProgressStore>;
  /** Re-runs a command on a cloned fs; required for least-privilege checks (see grader/replay.ts). */
  replay?: Replayer;
  /** The shell's commands: which words are lesson controls, and how a runtime's argv reads as grants. */
  commands?: Pick<CommandRegistry, 'get'>;
  /** The check kinds lessons may use (default: the built-in ones). */
  checks?: CheckKindRegistry;
  /** Renders a grade report in the terminal after a line (commands/lesson/report.ts); none = silent. */
  print?: ReportPrinter;
  /** The Wasm engine, for checks that serve a Spin app themselves (read when grading: it may load late). */
  engine?: () => WasmEngine | undefined;
  /** The machine's OCI registry, for `kind: registry` checks. */
  registry?: () => OciStore | undefined;
  /** The machine's loopback network, for checks that request a served app (http). */
  network?: () => Pick<LoopbackNetwork, 'request'> | undefined;
  home?: string;
  /** The shell's current directory and exported variables at the time a line starts. */
  cwd?: () => string;
  env?: () => Array<[string, string]>;
  now?: () => number;
}

interface Pending {
  line: string;
  before: HostFs;
  stdout: string;
  stderr: string;
  cwd: string;
  env: Array<[string, string]>;
  changed: boolean;
  unsubscribe: () => void;
}

type Listener = () => void;

/**
 * A graded step did not pass: what the trainer turns into a mistake card. Emitted once per grading
 * that counted as an attempt (a `check`, or a command that touched the step), with the line that was
 * graded (absent for a `check` before any command) and what the checks found.
 */
export interface StepFailedEvent {
  lessonId: string;
  stepId: string;
  command?: string;
  result: StepResult;
  at: number;
}

/** A lesson opened afresh, restarted or reset (see LessonRuntime.onLessonEvent). */
export interface LessonEvent {
  type: 'open' | 'restart' | 'reset';
  lesson: Lesson;
}

export class LessonRuntime {
  private history: CommandRecord[] = [];
  private undoStack: Array<{ line: string; before: HostFs }> = [];
  private pending: Pending | undefined;
  /**
   * The last snapshot taken, while the files have not changed since: a line after one that changed
   * nothing (most lines) shares it instead of copying the tree again. Snapshots are only read (undo
   * syncs from one, the grader replays on a clone of one), so sharing is safe.
   */
  private unchangedSince: HostFs | undefined;
  private lastReport: GradeReport | undefined;
  private listeners = new Set<Listener>();
  private failedListeners = new Set<(e: StepFailedEvent) => void>();
  private lessonListeners = new Set<(e: LessonEvent) => void>();
  private readonly home: string;
  private readonly now: () => number;
  private readonly checks: CheckKindRegistry;

  constructor(private readonly deps: LessonRuntimeDeps) {
    this.home = deps.home ?? LEARNER_HOME;
    this.now = deps.now ?? (() => Date.now());
    this.checks = deps.checks ?? defaultCheckKinds();
  }

  // ---- queries -------------------------------------------------------------------------------

  get lessons(): Lesson[] {
    return this.deps.catalog.lessons;
  }

  get chapters(): ParsedCatalog['chapters'] {
    return this.deps.catalog.chapters;
  }

  get store(): StoreApi<ProgressStore> {
    return this.deps.store;
  }

  findLesson(id: string): Lesson | undefined {
    return this.lessons.find((l) => l.id === id);
  }

  current(): Lesson | undefined {
    const id = this.progress().currentLessonId;
    return id ? this.findLesson(id) : undefined;
  }

  currentStep(): LessonStep | undefined {
    const l = this.current();
    if (!l) return undefined;
    const id = P.currentStepId(
      this.progress(),
      l.id,
      l.steps.map((s) => s.id),
    );
    return l.steps.find((s) => s.id === id);
  }

  progress(): P.ProgressData {
    return this.deps.store.getState().progress;
  }

  report(): GradeReport | undefined {
    return this.lastReport;
  }

  /** For the pane: called when the last report or the undo stack changes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after a graded step fails (see StepFailedEvent); returns the unsubscribe. */
  onStepFailed(listener: (e: StepFailedEvent) => void): () => void {
    this.failedListeners.add(listener);
    return () => this.failedListeners.delete(listener);
  }

  /**
   * Called when a lesson is opened afresh (not re-opened), restarted or reset: the seam for state
   * that lives outside the learner's files (the cluster) to start over with the lesson.
   */
  onLessonEvent(listener: (e: LessonEvent) => void): () => void {
    this.lessonListeners.add(listener);
    return () => this.lessonListeners.delete(listener);
  }

  private lessonEvent(type: LessonEvent['type'], lesson: Lesson): void {
    for (const l of this.lessonListeners) {
      try {
        l({ type, lesson });
      } catch {
        // a listener's failure must not break the lesson command
      }
    }
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  // ---- lesson selection ------------------------------------------------------------------------

  open(id: string): { ok: true; lesson: Lesson; seeded: string[] } | { ok: false; reason: string } {
    const lesson = this.findLesson(id);
    if (!lesson) return { ok: false, reason: `no lesson with id "${id}" (type \`lessons\` for the list)` };
    const reopening = this.progress().currentLessonId === id;
    this.update((p) => P.openLesson(p, id, this.now()));
    // Re-opening the lesson already open (a deep link, the pane) keeps the commands typed so far.
    if (!reopening) {
      this.history = [];
      this.lastReport = undefined;
    }
    const seeded = this.writeSeed(lesson, { overwrite: false });
    if (!reopening) this.lessonEvent('open', lesson);
    this.emit();
    return { ok: true, lesson, seeded };
  }

  sandbox(): void {
    this.update(P.enterSandbox);
    this.history = [];
    this.lastReport = undefined;
    this.emit();
  }

  /**
   * Starts the open lesson over: steps pending, hints and shown solutions forgotten, seed files
   * written back, this session's command history dropped (so an old command cannot pass a step
   * again). A timed lesson keeps its last/best times; its clock starts at the next graded command.
   */
  restart(): { ok: true; lesson: Lesson; written: string[] } | { ok: false; reason: string } {
    const lesson = this.current();
    if (!lesson) return { ok: false, reason: 'no lesson is open (type `lessons`)' };
    this.update((p) => P.restartLesson(p, lesson.id, this.now()));
    this.history = [];
    this.lastReport = undefined;
    const written = this.writeSeed(lesson, { overwrite: true });
    this.lessonEvent('restart', lesson);
    this.emit();
    return { ok: true, lesson, written };
  }

  /** Writes this lesson's seed files back (all of them), keeping progress. */
  reset(): { ok: true; written: string[] } | { ok: false; reason: string } {
    const lesson = this.current();
    if (!lesson) return { ok: false, reason: 'no lesson is open (type `lessons`)' };
    const written = this.writeSeed(lesson, { overwrite: true });
    this.lessonEvent('reset', lesson);
    this.emit();
    return { ok: true, written };
  }

  private writeSeed(lesson: Lesson, opts: { overwrite: boolean }): string[] {
    const written: string[] = [];
    for (const [path, text] of Object.entries(lesson.seed)) {
      if (!opts.overwrite && this.deps.fs.exists(path)) continue;
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!this.deps.fs.exists(parent)) this.deps.fs.mkdir(parent, { recursive: true });
      if (this.deps.fs.stat(path)?.kind === 'dir') this.deps.fs.remove(path, { recursive: true });
      this.deps.fs.writeFile(path, text);
      written.push(path);
    }
    return written;
  }

  // ---- the command hooks ---------------------------------------------------------------------

  /**
   * A line made only of lesson controls (`hint`, `check; hint`): not learner work, so it is neither
   * snapshotted for undo nor graded. A line that also does something else (`check && rm -r site`)
   * is learner work like any other.
   *
   * Before the line runs, this is read with the shell's own parser: every simple command must name,
   * as a plain word, a command the registry marks `control`. Anything the parser cannot settle
   * (`$CMD`, a syntax error) counts as learner work, so it is snapshotted; afterCommand then decides
   * from the exec events, which say what really ran.
   */
  static isLessonCommand(line: string, commands: Pick<CommandRegistry, 'get'> | undefined): boolean {
    if (!commands) return false;
    // Most lines settle without the parser (this runs before every line, on the way to its first
    // output): a plain first word that no parser reading could make more than a command name, naming
    // a command that is not a lesson control, means the first simple command is learner work.
    const first = PLAIN_FIRST_WORD.exec(line)?.[1];
    if (first !== undefined && !RESERVED_WORDS.has(first) && commands.get(first)?.control !== true) return false;
    return LessonRuntime.parsedAsLessonCommand(line, commands);
  }

  /** isLessonCommand read by the parser alone, without its shortcut for plain first words. */
  static parsedAsLessonCommand(line: string, commands: Pick<CommandRegistry, 'get'>): boolean {
    let script;
    try {
      script = parseShell(line);
    } catch {
      return false;
    }
    const simple = script.flatMap((list) => [list.first, ...list.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands);
    return (
      simple.length > 0 &&
      simple.every((cmd) => {
        const word = cmd.words.find((w) => !ASSIGNMENT_RE.test(w.raw))?.raw;
        return word !== undefined && /^[A-Za-z0-9_.-]+$/.test(word) && commands.get(word)?.control === true;
      })
    );
  }

  /** What ran was only lesson controls (every exec event of the line is `control`). */
  static ranOnlyControls(events: readonly ExecEvent[]): boolean {
    return events.length > 0 && events.every((e) => e.control);
  }

  /**
   * Call before the shell runs a line. Takes the undo snapshot and returns an io that copies what
   * the line prints (for stdoutContains checks) while passing everything through unchanged.
   * `commands` (the shell's registry) tells lesson controls apart before the line runs.
   */
  beforeCommand(line: string, io: TerminalIO, commands?: Pick<CommandRegistry, 'get'>): TerminalIO {
    this.pending?.unsubscribe();
    this.pending = undefined;
    if (!line.trim() || LessonRuntime.isLessonCommand(line, commands ?? this.deps.commands)) return io;
    // A timed run starts when the learner starts working, i.e. when this line starts (not when it
    // ends: a slow first command is part of the run).
    this.startRunIfTimed();
    const pending: Pending = {
      line,
      before: this.snapshot(),
      stdout: '',
      stderr: '',
      cwd: this.deps.cwd?.() ?? this.home,
      env: this.deps.env?.() ?? [],
      changed: false,
      unsubscribe: () => {},
    };
    // The fs tells us when anything changes: cheaper than diffing trees after every command.
    pending.unsubscribe = this.deps.fs.onChange(() => {
      pending.changed = true;
    });
    this.pending = pending;
    const decoder = { out: new TextDecoder(), err: new TextDecoder() };
    const tee = (which: 'stdout' | 'stderr'): OutputSink =>
      wrapSink(io[which], (data) => {
        const text = typeof data === 'string' ? data : decoder[which === 'stdout' ? 'out' : 'err'].decode(data, { stream: true });
        if (pending[which].length < CAPTURE_CAP) pending[which] += text.slice(0, CAPTURE_CAP - pending[which].length);
        io[which].write(data);
      });
    return {
      stdout: tee('stdout'),
      stderr: tee('stderr'),
      prompt: (q, d) => io.prompt(q, d),
      ...(io.keys ? { keys: io.keys } : {}),
      ...(io.noticesAtPrompt ? { noticesAtPrompt: true } : {}),
    };
  }

  /** A copy of the files as they are now: the last one while nothing has changed since it was taken. */
  private snapshot(): HostFs {
    if (this.unchangedSince) return this.unchangedSince;
    const fs = this.deps.fs;
    const copy = fs.clone();
    this.unchangedSince = copy;
    // Any change (a line's, the editor's, a download's) retires it: one listener, gone after the first change.
    const off = fs.onChange(() => {
      off();
      if (this.unchangedSince === copy) this.unchangedSince = undefined;
    });
    return copy;
  }

  /**
   * Call after the shell finished the line, with the exec events it produced (shell.onExec; see
   * shell-hooks.ts). Records it, keeps the undo snapshot if the line changed files, grades the
   * open lesson and prints a short verdict to `out` when there is news. The record's commands come
   * from `events` only: without them the line ran nothing the grader can see.
   */
  async afterCommand(line: string, status: number, out?: TerminalIO, events: readonly ExecEvent[] = []): Promise<GradeReport | null> {
    const pending = this.pending;
    this.pending = undefined;
    pending?.unsubscribe();
    if (!pending || pending.line !== line) return null;
    // `$CMD` that turned out to be `hint`: lesson control after all, so no undo entry, no grading.
    if (LessonRuntime.ranOnlyControls(events)) return null;
    if (pending.changed) {
      this.undoStack.push({ line, before: pending.before });
      if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    }
    const rec: CommandRecord = {
      line,
      ...fromEvents(events),
      status,
      stdout: pending.stdout,
      stderr: pending.stderr,
      cwd: pending.cwd,
      env: pending.env,
      before: pending.before,
      at: this.now(),
    };
    this.history.push(rec);
    if (this.history.length > MAX_HISTORY) this.history.shift();
    this.trimSnapshots();
    this.emit();

    const lesson = this.current();
    if (!lesson || this.progress().sandbox) return null;
    this.update((p) => P.recordCommand(p, lesson.id, this.now()));
    const report = await this.grade(lesson, { trigger: 'command', rec });
    if (out) this.deps.print?.(report, out, { quiet: true });
    return report;
  }

  /**
   * Each snapshot is a full copy of the learner's files (modules included), so only the records
   * the least-privilege grader can replay (a runtime with a grant parser) keep theirs, and only the
   * newest few. The undo stack holds its own references.
   */
  private trimSnapshots(): void {
    let kept = 0;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const r = this.history[i];
      if (!r?.before) continue;
      const replayable = r.segments.some((argv) => this.canReplay(argv[0] ?? ''));
      if (!replayable || ++kept > MAX_REPLAY_SNAPSHOTS) delete r.before;
    }
  }

  /** The least-privilege grader can replay this tool's lines grant by grant (it describes its grants). */
  private canReplay(tool: string): boolean {
    return this.deps.commands ? canDescribeGrants(this.deps.commands, tool) : false;
  }

  // ---- learner actions -----------------------------------------------------------------------

  async check(): Promise<GradeReport | { error: string }> {
    const lesson = this.current();
    if (!lesson)
      return {
        error: this.progress().sandbox ? 'sandbox mode: nothing is graded (open a lesson with `lesson ID`)' : 'no lesson is open (type `lessons`)',
      };
    return this.grade(lesson, { trigger: 'check' });
  }

  async answer(text: string): Promise<GradeReport | { error: string }> {
    const lesson = this.current();
    const step = this.currentStep();
    if (!lesson || !step) return { error: lesson ? 'this lesson is complete' : 'no lesson is open (type `lessons`)' };
    // A quiz, or any kind that asks a question (kind: lab grades answers on the learner's own data).
    if (!step.checks.some((c) => c.kind === 'quiz' || typeof (c as { question?: unknown }).question === 'string'))
      return { error: 'this step has no question to answer' };
    // An answer is learner work too: a timed lesson that opens with a question starts its clock here.
    this.startRunIfTimed();
    this.update((p) => P.setQuizAnswer(p, lesson.id, step.id, text, this.now()));
    return this.grade(lesson, { trigger: 'check' });
  }

  hint(): { text: string; index: number; total: number } | { error: string } {
    const lesson = this.current();
    const step = this.currentStep();
    if (!lesson || !step) return { error: lesson ? 'this lesson is complete: no more hints' : 'no lesson is open (type `lessons`)' };
    if (step.hints.length === 0) return { error: 'this step has no hints; `show solution` shows the answer' };
    const { progress, index } = P.takeHint(this.progress(), lesson.id, step.id, step.hints.length, this.now());
    this.deps.store.getState().update(() => progress);
    // Past the last hint, repeat it: the learner asked for help, a refusal helps nobody.
    const i = index ?? step.hints.length - 1;
    return { text: step.hints[i] ?? '', index: i, total: step.hints.length };
  }

  /** What `show solution` would reveal, without marking anything. */
  solutionFor(): { step: LessonStep; solution: StepSolution } | { error: string } {
    const lesson = this.current();
    const step = this.currentStep();
    if (!lesson || !step) return { error: lesson ? 'this lesson is complete' : 'no lesson is open (type `lessons`)' };
    if (!step.solution) return { error: 'this step has no reference solution' };
    return { step, solution: step.solution };
  }

  markSolutionShown(stepId: string): void {
    const lesson = this.current();
    if (!lesson) return;
    this.update((p) => P.revealSolution(p, lesson.id, stepId, this.now()));
  }

  /** Puts the host filesystem back as it was before the last command that changed it. */
  undo(): { ok: true; line: string; changed: number } | { ok: false; reason: string } {
    const entry = this.undoStack.pop();
    if (!entry) return { ok: false, reason: 'nothing to undo: no command changed your files in this session' };
    const changed = syncTree(this.deps.fs, entry.before);
    this.emit();
    return { ok: true, line: entry.line, changed };
  }

  // ---- grading -------------------------------------------------------------------------------

  private startRunIfTimed(): void {
    const lesson = this.current();
    if (!lesson?.timed || this.progress().sandbox) return;
    this.update((p) => P.startDrillRun(p, lesson.id, this.now()));
  }

  private async grade(lesson: Lesson, opts: { trigger: 'command' | 'check'; rec?: CommandRecord }): Promise<GradeReport> {
    const stepIds = lesson.steps.map((s) => s.id);
    const wasComplete = Boolean(this.progress().lessons[lesson.id]?.completedAt);
    const results: StepResult[] = [];
    const newlyPassed: string[] = [];
    let relevant = opts.trigger === 'check';
    for (const step of lesson.steps) {
      const sp = this.progress().lessons[lesson.id]?.steps[step.id];
      if (sp?.status === 'passed') continue;
      const touches = opts.rec ? stepConcerns(step, opts.rec, this.checks) : false;
      relevant ||= touches;
      const result = await this.evaluate(step, sp?.quizAnswer);
      results.push(result);
      if (result.status === 'pass') {
        newlyPassed.push(step.id);
        this.update((p) => P.passStep(p, lesson.id, step.id, stepIds, this.now()));
        continue;
      }
      if (opts.trigger === 'check' || touches) {
        this.update((p) => P.recordAttempt(p, lesson.id, step.id, this.now()));
        if (result.status === 'fail') {
          const command = opts.rec?.line ?? this.history[this.history.length - 1]?.line;
          const event: StepFailedEvent = {
            lessonId: lesson.id,
            stepId: step.id,
            result,
            at: this.now(),
            ...(command !== undefined ? { command } : {}),
          };
          for (const l of this.failedListeners) {
            // A listener's failure must not turn a graded line into an error.
            try {
              l(event);
            } catch (err) {
              console.warn(`[lessons] a step-failed listener threw: ${err instanceof Error ? err.message : String(err)}`);
            }
          }
        }
      }
      break;
    }
    const completed = Boolean(this.progress().lessons[lesson.id]?.completedAt);
    const report: GradeReport = { lessonId: lesson.id, results, newlyPassed, completed, relevant: relevant || newlyPassed.length > 0 };
    if (completed && !wasComplete && lesson.timed) {
      const { progress, run } = P.finishDrillRun(this.progress(), lesson.id, stepIds, this.now());
      if (run) {
        this.deps.store.getState().update(() => progress);
        report.run = { ...run, targetMs: targetMs(lesson.minutes) };
      }
    }
    this.lastReport = report;
    this.emit();
    return report;
  }

  private async evaluate(step: LessonStep, quizAnswer: string | undefined): Promise<StepResult> {
    const ctx: CheckContext = {
      fs: this.deps.fs,
      home: this.home,
      history: this.history,
      ...(quizAnswer !== undefined ? { quizAnswer } : {}),
      ...(this.deps.replay ? { replay: this.deps.replay } : {}),
      describeGrants: this.deps.commands ? grantDescriber(this.deps.commands) : () => [],
    };
    const engine = this.deps.engine?.();
    if (engine) ctx.engine = engine;
    const registry = this.deps.registry?.();
    if (registry) ctx.registry = registry;
    const network = this.deps.network?.();
    if (network) ctx.network = network;
    return evaluateStep(step, ctx, this.checks);
  }

  private update(f: (p: P.ProgressData) => P.ProgressData): void {
    this.deps.store.getState().update(f);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
