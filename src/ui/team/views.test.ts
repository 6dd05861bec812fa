/**
 * The Plan and Class views render every string from a plan or results file as text: server-rendered
 * in Node with the XSS corpus in every field, the markup holds the vectors escaped and no element
 * any of them would make. (The e2e runs the same corpus in Chromium, where script could run.)
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DojoApp } from '../../app/bootstrap';
import { MemoryFs } from '../../fs/memory-fs';
import { loadCatalog } from '../../lessons/catalog';
import { LessonRuntime } from '../../lessons/runtime';
import { createProgressStore } from '../../lessons/store';
import { buildClass } from '../../team/class';
import { RESULTS_FORMAT, type ResultsFile } from '../../team/results';
import { createTeamSystem } from '../../team/system';
import { XSS_VECTORS } from '../../../test/support/xss-corpus.mjs';

vi.mock('./team.css', () => ({}));

/** Tags and attributes a vector would create if it were parsed as markup (our own details and chart excepted). */
const MADE =
  /<(script|img|iframe|style|b)\b|<svg(?! class="team-chart")|<details(?! class="team-section team-builder")|<[a-z][^>]*\s(on(error|load|toggle)=|href="javascript:|class="xss-made")/i;

function runtime() {
  const fs = new MemoryFs();
  fs.mkdir('/home/learner', { recursive: true });
  return new LessonRuntime({ fs, catalog: loadCatalog(), store: createProgressStore() });
}

describe('team views with hostile data', async () => {
  const { PlanPane } = await import('./PlanPane');
  const { ClassFigures } = await import('./ClassPane');

  it('the Plan tab shows a hostile session as text', () => {
    const rt = runtime();
    const team = createTeamSystem({ runtime: rt });
    team.join({
      format: 'wasm-dojo-plan',
      version: 1,
      id: 'hostile01',
      title: XSS_VECTORS[1]!,
      minutes: 30,
      notes: XSS_VECTORS.join('\n'),
      items: [
        { kind: 'lesson', id: 'wasmtime-dir', note: XSS_VECTORS[2]! },
        { kind: 'drill', id: 'deck', note: XSS_VECTORS[5]! },
        { kind: 'mock', minutes: 5, note: XSS_VECTORS[9]! },
      ],
    });
    team.setName(XSS_VECTORS[3]!.slice(0, 60));
    team.setDraft({ ...team.store.getState().session!.plan, id: 'hostile02', title: XSS_VECTORS[0]! });
    const app = { lessons: { runtime: rt, store: rt.store }, typeCommand: () => undefined } as unknown as DojoApp;
    const html = renderToString(createElement(PlanPane, { app, team }));
    expect(html.match(MADE)?.[0] ?? null).toBeNull();
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).toContain('&lt;style&gt;*{display:none}&lt;/style&gt;&lt;b class=&quot;xss-made&quot;&gt;bold&lt;/b&gt;');
    expect(html).toContain('Hand a module one directory with --dir');
  });

  it('the Class figures show hostile grants, messages and names as text', () => {
    const results = XSS_VECTORS.map((x, i): ResultsFile => ({
      format: RESULTS_FORMAT,
      version: 1,
      name: x.slice(0, 60),
      learner: `hostile-${String(i).padStart(2, '0')}`,
      exportedAt: new Date(0).toISOString(),
      lessons: [
        {
          id: 'wasmtime-dir',
          completed: false,
          timeMs: 1,
          commands: 1,
          steps: [{ id: 'grant-data', passed: false, attempts: 1, hints: 0, withHelp: false }],
        },
      ],
      seen: [
        { lesson: 'wasmtime-dir', step: 'grant-data', check: x.slice(0, 80), kind: 'unnecessary', grant: x.slice(0, 120), message: x, count: 1 },
        { lesson: 'wasmtime-dir', step: 'grant-data', check: 'c', kind: 'check', message: x, count: 1 },
      ],
      contributions: [],
      digest: `sha256:${'0'.repeat(64)}`,
    }));
    const view = buildClass(results.map((r, i) => ({ source: `f${i}`, results: r })));
    const html = renderToString(createElement(ClassFigures, { view, label: (l: string, s: string) => `${l} › ${s}` }));
    expect(html.match(MADE)?.[0] ?? null).toBeNull();
    expect(html).toContain('&lt;svg onload=&quot;window.__xss=3&quot;&gt;&lt;/svg&gt;');
    expect(html).toContain('<code>&lt;script&gt;window.__xss=1&lt;/script&gt; (not needed)</code>');
    // The chart is ours: one bar per step, with the step's text as SVG text.
    expect(html).toMatch(/<svg class="team-chart"/);
  });
});
