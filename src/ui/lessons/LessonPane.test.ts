/** Smoke test of the pane's markup in Node (server rendering: no DOM needed, DOMPurify falls back to escaping). */
import type { DojoApp } from '../../app/bootstrap';
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryFs } from '../../fs/memory-fs';
import { loadCatalog } from '../../lessons/catalog';
import { LessonRuntime } from '../../lessons/runtime';
import { createProgressStore } from '../../lessons/store';
import { finishDrillRun, passStep, startDrillRun } from '../../lessons/progress';

vi.mock('./lessons.css', () => ({}));

// Server rendering reads zustand's *initial* state, so a scenario is set up in storage first and
// a second store hydrates from it, as after a reload.
function runtime(m = new Map<string, string>()) {
  const store = createProgressStore({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) });
  const fs = new MemoryFs();
  fs.mkdir('/home/learner', { recursive: true });
  return new LessonRuntime({ fs, catalog: loadCatalog(), store });
}

describe('LessonPane markup', async () => {
  const { LessonPaneView, LessonPane } = await import('./LessonPane');

  it('lists lessons by chapter with deep links', () => {
    const html = renderToString(createElement(LessonPaneView, { runtime: runtime() })).replace(/<!-- -->/g, '');
    expect(html).toContain('Chapter 2');
    expect(html).toContain('href="#/lesson/wasmtime-dir"');
    expect(html).toContain('Export progress');
  });

  it('shows the open lesson with the current step expanded and a run button on shell blocks', () => {
    const storage = new Map<string, string>();
    runtime(storage).open('wasmtime-dir');
    const rt = runtime(storage);
    const html = renderToString(createElement(LessonPaneView, { runtime: rt, onRun: () => {} })).replace(/<!-- -->/g, '');
    expect(html).toContain('Hand a module one directory with --dir');
    expect(html).toMatch(/class="lesson-step current"[^>]*data-step="run-without-grant"/);
    expect(html).toContain('Run ▸');
    expect(html).toContain('Show solution');
    // The lesson's seed files are listed, each a button that opens it in the editor.
    expect(html).toContain('aria-label="Files in this lesson"');
    expect(html).toMatch(/<button[^>]*title="Open in the editor"[^>]*><code>~\/data\/config.json<\/code>/);
  });

  it('a timed lesson shows its timer: target and best between runs, the clock during one', () => {
    const storage = new Map<string, string>();
    const setup = runtime(storage);
    setup.open('quick-reference-drill');
    const stepIds = setup.findLesson('quick-reference-drill')!.steps.map((s) => s.id);
    // one finished clean run of 3:12, then a new run started just now
    setup.store.getState().update((p) => {
      let next = startDrillRun(p, 'quick-reference-drill', 1_000);
      for (const id of stepIds) next = passStep(next, 'quick-reference-drill', id, stepIds, 193_000);
      return finishDrillRun(next, 'quick-reference-drill', stepIds, 193_000).progress;
    });
    const between = renderToString(createElement(LessonPaneView, { runtime: runtime(storage) })).replace(/<!-- -->/g, '');
    expect(between).toMatch(/<div role="group" aria-label="Timed drill: Target 5:00 · best 3:12 · last 3:12" class="lesson-timer">/);
    expect(between).toContain('<span role="timer" aria-live="off" class="lesson-timer-value">Target 5:00 · best 3:12 · last 3:12</span>');
    expect(between).toContain('Run it again');

    setup.restart();
    setup.store.getState().update((p) => startDrillRun(p, 'quick-reference-drill', Date.now() - 83_000));
    const during = renderToString(createElement(LessonPaneView, { runtime: runtime(storage) })).replace(/<!-- -->/g, '');
    expect(during).toMatch(/class="lesson-timer running"><span role="timer" aria-live="off" class="lesson-timer-value">Time 1:2\d \/ 5:00<\/span>/);
    expect(during).not.toContain('over the target');

    // the catalogue shows the best time beside the drill
    setup.sandbox();
    const list = renderToString(createElement(LessonPaneView, { runtime: runtime(storage) })).replace(/<!-- -->/g, '');
    expect(list).toMatch(/Quick Reference drill<\/a><span class="lesson-muted"> 0\/5 steps · ~5 min · best 3:12<\/span>/);
  });

  it('an untimed lesson has no timer', () => {
    const storage = new Map<string, string>();
    runtime(storage).open('wasmtime-dir');
    expect(renderToString(createElement(LessonPaneView, { runtime: runtime(storage) }))).not.toContain('lesson-timer');
  });

  it('says so when the app has no lesson system', () => {
    expect(renderToString(createElement(LessonPane, { app: { lessons: undefined } as unknown as DojoApp }))).toContain('not connected');
  });
});
