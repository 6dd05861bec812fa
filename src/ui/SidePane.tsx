import { lazy, Suspense, type ComponentType, type KeyboardEvent } from 'react';
import type { DojoApp } from '../app/bootstrap';
import { useUi, type SideTab } from '../app/store';
import { couldNotLoad } from '../app/load-failure';
import { ChunkBoundary } from './ChunkBoundary';
import { TracePanel } from './TracePanel';

export interface LessonPaneProps {
  app: DojoApp;
}

/**
 * The lessons feature lives in src/ui/lessons/ and plugs in here when it exists: it exports
 * `LessonPane` from LessonPane.tsx. It is loaded lazily so lessons never delay the first prompt.
 */
const lessonModules = import.meta.glob<{ LessonPane: ComponentType<LessonPaneProps> }>('./lessons/LessonPane.tsx');
const lessonLoader = Object.values(lessonModules)[0];
const LessonPane = lessonLoader ? lazy(() => lessonLoader().then((m) => ({ default: m.LessonPane }))) : null;

const TABS: Array<{ id: SideTab; label: string }> = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'trace', label: 'Trace' },
];

export function SidePane({ app }: { app: DojoApp | null }) {
  const open = useUi((s) => s.sidePaneOpen);
  const tab = useUi((s) => s.sideTab);
  const setTab = useUi((s) => s.setSideTab);
  const lessons = useUi((s) => s.lessons);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
    e.preventDefault();
  };

  return (
    <aside id="side-pane" className="side-pane" aria-label="Lessons and trace" hidden={!open}>
      <div role="tablist" aria-label="Side panel" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Panels take focus (tabIndex 0, as the ARIA tabs pattern says) so a keyboard user can scroll them. */}
      <div id="panel-lessons" role="tabpanel" aria-labelledby="tab-lessons" className="tab-panel" tabIndex={0} hidden={tab !== 'lessons'}>
        {LessonPane && app && lessons === 'ready' ? (
          <ChunkBoundary what="The lessons">
            <Suspense fallback={<p>Loading lessons…</p>}>
              <LessonPane app={app} />
            </Suspense>
          </ChunkBoundary>
        ) : (
          <div className="lesson-placeholder">
            <h2>Lessons</h2>
            <p>
              {lessons === 'failed'
                ? couldNotLoad('The lessons')
                : LessonPane
                  ? 'Loading lessons…'
                  : 'Lessons will appear here.'}{' '}
              Meanwhile, explore the terminal:
            </p>
            <ul>
              <li>
                <code>help</code> lists every command
              </li>
              <li>
                <code>ls ~/modules</code> shows the WebAssembly modules you can run
              </li>
              <li>
                <code>wasmtime hello.wasm</code> runs one
              </li>
            </ul>
          </div>
        )}
      </div>
      <div id="panel-trace" role="tabpanel" aria-labelledby="tab-trace" className="tab-panel" tabIndex={0} hidden={tab !== 'trace'}>
        <TracePanel />
      </div>
    </aside>
  );
}
