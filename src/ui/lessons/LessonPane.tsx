/**
 * The lesson pane beside the terminal: the catalogue with progress, or the open lesson with its
 * steps turning green, hints, solution, the grader's findings and progress export/import.
 * A thin view: every rule lives in LessonRuntime / progress.ts; this file only renders and forwards.
 */
import { quoteWord } from '../../shell/quote';
import { useEffect, useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import type { PanelProps } from '../../app/panels';
import { trainerOf } from '../../app/features/trainer';
import type { TrainerSystem } from '../../trainer/setup';
import type { ProgressStore } from '../../lessons/store';
import type { LessonRuntime, GradeReport } from '../../lessons/runtime';
import { exportProgress, summarize, type DrillProgress } from '../../lessons/progress';
import { formatClock } from '../../lessons/drill';
import { drillTimerView } from './drill-timer';
import { hashForLesson } from '../../lessons/deep-link';
import type { Lesson, LessonStep, QuizCheck } from '../../lessons/schema';
import { Markdown } from './Markdown';
import './lessons.css';

export interface LessonPaneViewProps {
  runtime: LessonRuntime;
  /** Types a command into the terminal (the "run" buttons). */
  onRun?(command: string): void;
  /** Called after the pane opened a lesson or went back to the list (update location.hash). */
  onNavigate?(lessonId: string | null): void;
  /** The trainer's part of the progress file, once the trainer loaded (its deck goes in the same file). */
  trainerFile?: () => TrainerSystem['progressFile'] | undefined;
}

/** The Lessons tab (ui/panels/lessons.tsx), which loads once the lesson system is up. */
export function LessonPane({ app }: PanelProps) {
  // The trainer loads after the lessons; until it has, an export holds the lessons only.
  const trainer = useRef<TrainerSystem | undefined>(undefined);
  useEffect(() => {
    let live = true;
    trainerOf(app).then(
      (sys) => {
        if (live) trainer.current = sys;
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [app]);
  if (!app.lessons) {
    return (
      <div className="lesson-pane">
        <p>Lessons are not connected yet (the app has no lesson system).</p>
      </div>
    );
  }
  return (
    <LessonPaneView
      runtime={app.lessons.runtime}
      trainerFile={() => trainer.current?.progressFile}
      onRun={(command) => app.typeCommand(command)}
      onNavigate={(id) => {
        const target = id ? hashForLesson(id) : '#/';
        if (globalThis.location && globalThis.location.hash !== target) globalThis.history?.replaceState(null, '', target);
      }}
    />
  );
}

/**
 * zustand's useStore, but with the live state as the server snapshot too (zustand uses the initial
 * state there), so server rendering in tests shows what the learner would see. Selectors return
 * parts of the immutable progress object, so references only change when the data does.
 */
function useStore<T>(store: LessonRuntime['store'], selector: (s: ProgressStore) => T): T {
  const get = () => selector(store.getState());
  return useSyncExternalStore(store.subscribe, get, get);
}

function useRuntimeVersion(runtime: LessonRuntime): number {
  const version = useRef(0);
  return useSyncExternalStore(
    (cb) =>
      runtime.subscribe(() => {
        version.current++;
        cb();
      }),
    () => version.current,
    () => version.current,
  );
}

export function LessonPaneView({ runtime, onRun, onNavigate, trainerFile }: LessonPaneViewProps) {
  const progress = useStore(runtime.store, (s) => s.progress);
  useRuntimeVersion(runtime);
  const lesson = progress.currentLessonId ? runtime.findLesson(progress.currentLessonId) : undefined;

  return (
    <div className="lesson-pane">
      {lesson ? (
        <LessonView
          runtime={runtime}
          lesson={lesson}
          onRun={onRun}
          onBack={() => {
            runtime.sandbox();
            onNavigate?.(null);
          }}
        />
      ) : (
        <Catalogue
          runtime={runtime}
          onOpen={(id) => {
            runtime.open(id);
            onNavigate?.(id);
          }}
        />
      )}
      <ProgressTransfer runtime={runtime} {...(trainerFile ? { trainerFile } : {})} />
    </div>
  );
}

function Catalogue({ runtime, onOpen }: { runtime: LessonRuntime; onOpen(id: string): void }) {
  const progress = useStore(runtime.store, (s) => s.progress);
  const chapters = new Map(runtime.chapters.map((c) => [c.number, c.title]));
  const byChapter = new Map<number, Lesson[]>();
  for (const l of runtime.lessons) byChapter.set(l.chapter, [...(byChapter.get(l.chapter) ?? []), l]);
  return (
    <section aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">Lessons</h2>
      {progress.sandbox && <p className="lesson-muted">Sandbox mode: nothing is graded. Pick a lesson to start again.</p>}
      {runtime.lessons.length === 0 && <p>No lessons are installed.</p>}
      {[...byChapter].map(([n, lessons]) => (
        <div key={n} className="lesson-chapter">
          <h3>
            Chapter {n}
            {chapters.get(n) ? ` · ${chapters.get(n)}` : ''}
          </h3>
          <ul className="lesson-list">
            {lessons.map((l) => {
              const s = summarize(
                progress,
                l.id,
                l.steps.map((x) => x.id),
              );
              return (
                <li key={l.id} className={s.completed ? 'done' : s.passed ? 'started' : ''}>
                  <a
                    href={hashForLesson(l.id)}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(l.id);
                    }}
                  >
                    <span aria-hidden="true" className="lesson-mark">
                      {s.completed ? '✔' : s.passed ? '◐' : '·'}
                    </span>{' '}
                    {l.title}
                  </a>
                  <span className="lesson-muted">
                    {' '}
                    {s.passed}/{s.total} steps · ~{l.minutes} min
                    {l.timed && progress.lessons[l.id]?.drill?.bestMs !== undefined
                      ? ` · best ${formatClock(progress.lessons[l.id]?.drill?.bestMs ?? 0)}`
                      : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** The files a lesson puts on the machine; a click opens one in the editor, through the terminal like any command. */
function LessonFiles({ paths, onRun }: { paths: string[]; onRun?: ((command: string) => void) | undefined }) {
  if (paths.length === 0 || !onRun) return null;
  return (
    <section className="lesson-files" aria-label="Files in this lesson">
      <h3>Files</h3>
      <ul>
        {[...paths].sort().map((path) => (
          <li key={path}>
            <button type="button" className="lesson-link-button" title="Open in the editor" onClick={() => onRun(`edit ${quoteWord(path)}`)}>
              <code>{path.replace(/^\/home\/learner(?=\/|$)/, '~')}</code>
              <span className="visually-hidden"> (open in the editor)</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LessonView({ runtime, lesson, onRun, onBack }: { runtime: LessonRuntime; lesson: Lesson; onRun?: (c: string) => void; onBack(): void }) {
  const progress = useStore(runtime.store, (s) => s.progress.lessons[lesson.id]);
  const current = runtime.currentStep();
  const report = runtime.report();
  const completed = Boolean(progress?.completedAt);
  return (
    <article aria-labelledby="lesson-title">
      <button type="button" className="lesson-link-button" onClick={onBack}>
        ← All lessons
      </button>
      <h2 id="lesson-title">{lesson.title}</h2>
      {lesson.timed && <DrillTimer drill={progress?.drill} minutes={lesson.minutes} />}
      <p className="lesson-muted">
        Chapter {lesson.chapter} · ~{lesson.minutes} min
        {progress
          ? ` · ${lesson.steps.filter((s) => progress.steps[s.id]?.status === 'passed').length}/${lesson.steps.length} steps · ${Math.round(progress.timeSpentMs / 60000)} min spent`
          : ''}
      </p>
      <ul className="lesson-objectives" aria-label="Objectives">
        {lesson.objectives.map((o) => (
          <li key={o}>
            <Markdown source={o} inline onRun={onRun} />
          </li>
        ))}
      </ul>
      <Markdown source={lesson.intro} onRun={onRun} />
      <LessonFiles paths={Object.keys(lesson.seed)} onRun={onRun} />
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((step, i) => {
          const sp = progress?.steps[step.id];
          const passed = sp?.status === 'passed';
          const isCurrent = current?.id === step.id;
          return (
            <li
              key={step.id}
              className={`lesson-step ${passed ? 'passed' : isCurrent ? 'current' : 'pending'}`}
              aria-current={isCurrent ? 'step' : undefined}
              data-step={step.id}
            >
              <div className="lesson-step-title">
                <span className="lesson-mark" aria-hidden="true">
                  {passed ? '✔' : isCurrent ? '▶' : '·'}
                </span>
                <span>
                  {i + 1}. {step.title}
                </span>
                <span className="visually-hidden">{passed ? ' (passed)' : isCurrent ? ' (current step)' : ' (not started)'}</span>
                {passed && sp?.solvedWithHelp && <span className="lesson-muted"> · with help</span>}
              </div>
              {isCurrent && <StepBody runtime={runtime} lesson={lesson} step={step} report={report} onRun={onRun} />}
            </li>
          );
        })}
      </ol>
      {completed && (
        <section className="lesson-finish" aria-label="Lesson complete">
          <h3>✔ Lesson complete</h3>
          {lesson.finish && <Markdown source={lesson.finish} onRun={onRun} />}
          <button type="button" onClick={() => runtime.restart()}>
            {lesson.timed ? 'Run it again' : 'Start over'}
          </button>
        </section>
      )}
    </article>
  );
}

/**
 * The drill clock under the title. It ticks once a second only while a run is on (the interval stops
 * when the run ends or the pane goes away). The ticking value is aria-live="off": a screen reader
 * reads it when asked instead of announcing every second; the group's label says what it is.
 */
function DrillTimer({ drill, minutes }: { drill: DrillProgress | undefined; minutes: number }) {
  const running = drill?.runStartedAt !== undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const view = drillTimerView(drill, minutes, now);
  return (
    <div role="group" aria-label={view.label} className={`lesson-timer${view.running ? ' running' : ''}${view.over ? ' over' : ''}`}>
      <span role="timer" aria-live="off" className="lesson-timer-value">
        {view.text}
      </span>
      {view.over && (
        <span className="lesson-timer-note">
          {' '}
          · over the target (<code>restart</code> starts again)
        </span>
      )}
    </div>
  );
}

function StepBody({
  runtime,
  lesson,
  step,
  report,
  onRun,
}: {
  runtime: LessonRuntime;
  lesson: Lesson;
  step: LessonStep;
  report: GradeReport | undefined;
  onRun?: (c: string) => void;
}) {
  const sp = useStore(runtime.store, (s) => s.progress.lessons[lesson.id]?.steps[step.id]);
  const [showSolution, setShowSolution] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const hintsUsed = sp?.hintsUsed ?? 0;
  const quiz = step.checks.find((c): c is QuizCheck => c.kind === 'quiz');
  const result = report?.lessonId === lesson.id ? report.results.find((r) => r.stepId === step.id) : undefined;

  const grade = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lesson-step-body">
      <Markdown source={step.body} onRun={onRun} />
      {quiz && (
        <fieldset className="lesson-quiz">
          <legend>
            <Markdown source={quiz.question} inline onRun={onRun} />
          </legend>
          {quiz.choices ? (
            quiz.choices.map((c, i) => {
              const letter = String.fromCharCode(65 + i);
              return (
                <button
                  key={letter}
                  type="button"
                  disabled={busy}
                  aria-pressed={sp?.quizAnswer?.trim().toUpperCase() === letter}
                  onClick={() => void grade(() => runtime.answer(letter))}
                >
                  <strong>{letter}.</strong> <Markdown source={c} inline onRun={onRun} />
                </button>
              );
            })
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const value = new FormData(e.currentTarget).get('answer');
                if (typeof value === 'string' && value.trim()) void grade(() => runtime.answer(value));
              }}
            >
              <label>
                Your answer <input name="answer" autoComplete="off" defaultValue={sp?.quizAnswer ?? ''} />
              </label>{' '}
              <button type="submit" disabled={busy}>
                Answer
              </button>
            </form>
          )}
        </fieldset>
      )}
      {result && result.status !== 'pass' && (
        <div className={`lesson-result ${result.status}`} role="status">
          <strong>{result.status === 'error' ? 'Could not grade' : 'Not yet'}</strong>
          {result.checks
            .filter((c) => c.status !== 'pass')
            .map((c) => (
              <div key={c.name} className="lesson-check" data-check={c.name}>
                <Markdown source={c.message} onRun={onRun} />
                {(c.findings ?? []).some((f) => f.evidence.length) && (
                  <details>
                    <summary>Evidence from the trace</summary>
                    <ul>
                      {(c.findings ?? []).flatMap((f) =>
                        f.evidence.map((e, i) => (
                          <li key={`${f.message}-${i}`}>
                            <code>{e}</code>
                          </li>
                        )),
                      )}
                    </ul>
                  </details>
                )}
              </div>
            ))}
        </div>
      )}
      {step.hints.slice(0, hintsUsed).map((h, i) => (
        <div key={i} className="lesson-hint">
          <strong>Hint {i + 1}:</strong> <Markdown source={h} inline onRun={onRun} />
        </div>
      ))}
      {showSolution && step.solution && (
        <div className="lesson-solution">
          <strong>Solution</strong>
          {step.solution.commands.length > 0 && (
            <Markdown source={'```sh\n' + step.solution.commands.join('\n') + '\n```'} onRun={onRun} runEachLine />
          )}
          {step.solution.explanation && <Markdown source={step.solution.explanation} onRun={onRun} />}
        </div>
      )}
      <div className="lesson-actions">
        <button type="button" disabled={busy} onClick={() => void grade(() => runtime.check())}>
          Check
        </button>
        <button
          type="button"
          disabled={step.hints.length === 0}
          onClick={() => {
            const h = runtime.hint();
            if ('error' in h) setNotice(h.error);
          }}
        >
          Hint{step.hints.length ? ` (${Math.min(hintsUsed, step.hints.length)}/${step.hints.length})` : ''}
        </button>
        <button
          type="button"
          disabled={!step.solution || showSolution}
          onClick={() => {
            if (!globalThis.confirm?.('Show the solution? This step will count as solved with help.')) return;
            runtime.markSolutionShown(step.id);
            setShowSolution(true);
          }}
        >
          Show solution
        </button>
        <button
          type="button"
          onClick={() => {
            const r = runtime.reset();
            setNotice(r.ok ? (r.written.length ? 'Lesson files restored.' : 'This lesson has no files to restore.') : r.reason);
          }}
        >
          Reset files
        </button>
        <button
          type="button"
          disabled={!runtime.canUndo()}
          onClick={() => {
            const r = runtime.undo();
            setNotice(r.ok ? `Undid \`${r.line}\`.` : r.reason);
          }}
        >
          Undo
        </button>
      </div>
      {notice && (
        <p className="lesson-muted" role="status">
          <Markdown source={notice} inline />
        </p>
      )}
    </div>
  );
}

function ProgressTransfer({ runtime, trainerFile }: { runtime: LessonRuntime; trainerFile?: LessonPaneViewProps['trainerFile'] }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessageState] = useState<{ ok: boolean; text: string; seq: number } | null>(null);
  const shown = useRef<HTMLParagraphElement>(null);
  const setMessage = (m: { ok: boolean; text: string }) => setMessageState((prev) => ({ ...m, seq: (prev?.seq ?? 0) + 1 }));
  // The footer sits below a long lesson (on a phone, far below the fold): bring the verdict into
  // view. A fresh element per message, so the alert is announced again when the same file is refused twice.
  useEffect(() => {
    if (message) shown.current?.scrollIntoView?.({ block: 'center' });
  }, [message]);

  const doExport = () => {
    const deck = trainerFile?.();
    const text = exportProgress(runtime.store.getState().progress, Date.now(), deck?.members() ?? {});
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `wasm-dojo-progress-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage({ ok: true, text: deck ? 'Progress and practice deck exported.' : 'Progress exported.' });
  };

  const doImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const text = await file.text();
    const deck = trainerFile?.();
    const r = deck ? deck.importFrom(text, runtime.store.getState()) : { ...runtime.store.getState().importFrom(text), trainer: false };
    setMessage(
      r.ok
        ? { ok: true, text: 'trainer' in r && r.trainer ? 'Progress and practice deck imported.' : 'Progress imported.' }
        : { ok: false, text: `Import refused: ${r.reason}. Your progress is unchanged.` },
    );
  };

  return (
    <footer className="lesson-transfer" aria-label="Progress">
      <button type="button" onClick={doExport}>
        Export progress
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Import progress
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={(e) => void doImport(e)}
        aria-label="Progress file to import"
        data-testid="progress-import"
      />
      {message && (
        <p key={message.seq} ref={shown} role={message.ok ? 'status' : 'alert'} className={message.ok ? 'lesson-muted' : 'lesson-error'}>
          {message.text}
        </p>
      )}
    </footer>
  );
}
