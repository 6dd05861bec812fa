/** Smoke test of the pane's markup in Node (server rendering: no DOM needed, DOMPurify falls back to escaping). */
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryFs } from '../../fs/memory-fs';
import { loadCatalog } from '../../lessons/catalog';
import { LessonRuntime } from '../../lessons/runtime';
import { createProgressStore } from '../../lessons/store';

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

  it('says so when the app has no lesson system', () => {
    expect(renderToString(createElement(LessonPane, { app: {} }))).toContain('not connected');
  });
});
