/**
 * Presenter mode, for a projector: large type and high contrast (presenter.css), the terminal and
 * the lesson side by side, a timer the room can read, and a step-through of the open lesson's
 * solution — → types the next command into the terminal (as the learner would) and the capability
 * trace of its run shows beside it; ← steps back; P pauses the timer; Escape leaves.
 * Keys are ours only when focus is not in the terminal or a form field (there they type).
 * It imports nothing from ./store: App hands in `onExit` (a lazy chunk importing a module the entry
 * also imports made the bundler split React's JSX runtime and zustand out of the entry, +1.4 KB
 * before the first prompt).
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { DojoApp } from '../../app/bootstrap';
import { useUi } from '../../app/store';
import type { TerminalView } from '../../terminal/xterm-view';
import { formatClock } from '../../lessons/drill';
import { presenterKey, solutionScript } from './script';
import { useStoreVersion } from '../team/use-version';
import './presenter.css';

const PRESENTER_FONT = 22;
// The Trace tab's own view (its chunk, shared with the tab).
const TracePanel = lazy(() => import('../TracePanel').then((m) => ({ default: m.TracePanel })));

export function PresenterBar({ app, terminal, onExit }: { app: DojoApp | null; terminal: TerminalView | null; onExit(): void }) {
  const bar = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [paused, setPaused] = useState(false);
  const lessonId = app?.lessons?.runtime.current()?.id;
  useStoreVersion(app?.lessons?.store);
  const lesson = lessonId ? app?.lessons?.runtime.findLesson(lessonId) : undefined;
  const script = lesson ? solutionScript(lesson) : [];

  // The lesson beside the terminal; larger terminal text (restored on the way out).
  useEffect(() => {
    const ui = useUi.getState();
    ui.setSidePaneOpen(true);
    ui.setSideTab('lessons');
    const term = terminal?.term;
    const before = term?.options.fontSize;
    if (term) term.options.fontSize = PRESENTER_FONT;
    bar.current?.focus();
    return () => {
      if (term && before) term.options.fontSize = before;
    };
  }, [terminal]);

  useEffect(() => setCursor(0), [lessonId]);

  useEffect(() => {
    if (paused) return;
    const started = Date.now() - elapsed;
    const t = setInterval(() => setElapsed(Date.now() - started), 250);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarts only on pause/resume
  }, [paused]);

  const next = () => {
    const line = script[cursor];
    if (!line || !app) return;
    app.typeCommand(line.command);
    setCursor(cursor + 1);
  };
  const back = () => setCursor((c) => Math.max(0, c - 1));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('.xterm, input, textarea, select, [contenteditable="true"]')) return;
      const action = presenterKey(e.key);
      if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      if (action === 'next') next();
      else if (action === 'back') back();
      else if (action === 'pause') setPaused((p) => !p);
      else onExit();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const line = script[cursor];
  return (
    <div ref={bar} className="presenter-bar" role="region" aria-label="Presenter controls" tabIndex={-1}>
      <div className="presenter-row">
        <span role="timer" aria-live="off" aria-label={`Timer${paused ? ', paused' : ''}`} className={`presenter-timer${paused ? ' paused' : ''}`}>
          {formatClock(elapsed)}
        </span>
        <button type="button" onClick={() => setPaused((p) => !p)} aria-keyshortcuts="P">
          {paused ? 'Resume (P)' : 'Pause (P)'}
        </button>
        <button type="button" onClick={back} disabled={cursor === 0} aria-keyshortcuts="ArrowLeft">
          ← Back
        </button>
        <button type="button" onClick={next} disabled={!line} aria-keyshortcuts="ArrowRight">
          Next →
        </button>
        <button type="button" onClick={() => onExit()} aria-keyshortcuts="Escape">
          Exit (Esc)
        </button>
      </div>
      <p className="presenter-next" aria-live="polite" data-testid="presenter-next">
        {!lesson
          ? 'Open a lesson (type `lesson ID`) to step through its solution.'
          : line
            ? `Step ${line.stepIndex + 1}: ${line.stepTitle} — next: ${line.command} (${cursor + 1} of ${script.length})`
            : script.length
              ? `End of the solution of “${lesson.title}”.`
              : `“${lesson.title}” has no solution commands to step through.`}
      </p>
      <div className="presenter-trace" aria-label="Capability trace of the last run" role="region" tabIndex={0}>
        <Suspense fallback={<p className="trace-more">Loading the trace…</p>}>
          <TracePanel />
        </Suspense>
      </div>
    </div>
  );
}
