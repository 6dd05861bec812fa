import { useEffect, useState, useSyncExternalStore, type ComponentType, type KeyboardEvent } from 'react';
import type { DojoApp } from '../app/bootstrap';
import type { PanelDefinition, PanelProps } from '../app/panels';
import { useUi } from '../app/store';
import { ChunkBoundary } from './ChunkBoundary';

const NO_PANELS: readonly PanelDefinition[] = [];

/** Each panel's view is loaded once per app, however often the pane re-renders. */
const loads = new WeakMap<PanelDefinition, Promise<ComponentType<PanelProps>>>();

function PanelView({ def, app }: { def: PanelDefinition; app: DojoApp }) {
  const [view, setView] = useState<{ Component: ComponentType<PanelProps> } | { failed: true } | null>(null);
  useEffect(() => {
    let live = true;
    let load = loads.get(def);
    if (!load) {
      load = def.load(app);
      loads.set(def, load);
    }
    load.then(
      (Component) => live && setView({ Component }),
      () => live && setView({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, [def, app]);
  if (view && 'Component' in view) {
    return (
      <ChunkBoundary what={`The ${def.label.toLowerCase()} panel`}>
        <view.Component app={app} />
      </ChunkBoundary>
    );
  }
  const failed = view !== null;
  return def.Placeholder ? (
    <def.Placeholder failed={failed} />
  ) : (
    <p>{failed ? `The ${def.label.toLowerCase()} panel could not be loaded.` : 'Loading…'}</p>
  );
}

/** The tabs beside the terminal: whatever panels the features registered (app/panels.ts), in order. */
export function SidePane({ app }: { app: DojoApp | null }) {
  const open = useUi((s) => s.sidePaneOpen);
  const tab = useUi((s) => s.sideTab);
  const setTab = useUi((s) => s.setSideTab);
  const panels = useSyncExternalStore(
    (cb) => app?.panels.subscribe(cb) ?? (() => undefined),
    () => app?.panels.list() ?? NO_PANELS,
  );
  const tabs: readonly Tab[] = panels.length ? panels : PLACEHOLDER_TABS;
  // A panel's view loads when its tab is first shown (then stays mounted), never for a hidden tab:
  // the Trace view must not be fetched before the first prompt just because the pane exists.
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set([tab]));
  useEffect(() => {
    if (open) setShown((s) => (s.has(tab) ? s : new Set([...s, tab])));
  }, [tab, open]);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex((t) => t.id === tab);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
    e.preventDefault();
  };

  return (
    <aside id="side-pane" className="side-pane" aria-label="Lessons and trace" hidden={!open}>
      <div role="tablist" aria-label="Side panel" className="tabs">
        {tabs.map((t) => (
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
      {tabs.map((t) => (
        <div key={t.id} id={`panel-${t.id}`} role="tabpanel" aria-labelledby={`tab-${t.id}`} className="tab-panel" tabIndex={0} hidden={tab !== t.id}>
          {app && 'load' in t && shown.has(t.id) ? <PanelView def={t} app={app} /> : <p>Starting…</p>}
        </div>
      ))}
    </aside>
  );
}

/** Until the app is up (IndexedDB read), the tabs it will have, so the layout does not jump. */
type Tab = PanelDefinition | Pick<PanelDefinition, 'id' | 'label'>;
const PLACEHOLDER_TABS: readonly Tab[] = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'trace', label: 'Trace' },
];
