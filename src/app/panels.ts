/**
 * The side pane's tabs. A panel is one definition (usually one file under src/ui/panels/) that a
 * feature registers through its host; the side pane lists whatever is registered, in `order`, and
 * loads each panel's view lazily so no panel's code delays the first prompt.
 */
import type { ComponentType } from 'react';
import type { DojoApp } from './bootstrap';

/** What every panel view receives. */
export interface PanelProps {
  app: DojoApp;
}

export interface PanelDefinition {
  /** Also the tab's and panel's DOM ids (`tab-<id>`, `panel-<id>`) and the UI store's `sideTab`. */
  id: string;
  label: string;
  /** Tabs are sorted by it, lowest first. */
  order: number;
  /**
   * The view. It may wait for its feature (the lessons chunk) before resolving; a rejection shows
   * `Placeholder` with `failed`.
   */
  load(app: DojoApp): Promise<ComponentType<PanelProps>>;
  /** Shown while `load` is pending or after it failed; default: a plain "Loading…". */
  Placeholder?: ComponentType<{ failed: boolean }>;
  /**
   * A deep link: `'lab'` opens this tab for `#/lab` and `#/lab/…`. `onRoute` gets what follows the
   * route (`'…'` without the slash; `''` for `#/lab`), e.g. a plan carried in `#/plan/<data>`.
   */
  route?: string;
  onRoute?(rest: string, app: DojoApp): void;
}

/** The panel a location hash opens, and the rest of the hash after its route. */
export function routeOf(panels: readonly PanelDefinition[], hash: string): { panel: PanelDefinition; rest: string } | undefined {
  const path = hash.replace(/^#\/?/, '');
  for (const panel of panels) {
    const r = panel.route;
    if (r === undefined) continue;
    if (path === r) return { panel, rest: '' };
    if (path.startsWith(`${r}/`)) return { panel, rest: path.slice(r.length + 1) };
  }
  return undefined;
}

export class PanelRegistry {
  private readonly panels = new Map<string, PanelDefinition>();
  private readonly listeners = new Set<() => void>();
  private snapshot: PanelDefinition[] = [];

  register(def: PanelDefinition): () => void {
    if (this.panels.has(def.id)) throw new Error(`panel registered twice: ${def.id}`);
    this.panels.set(def.id, def);
    this.changed();
    return () => {
      if (this.panels.get(def.id) === def && this.panels.delete(def.id)) this.changed();
    };
  }

  get(id: string): PanelDefinition | undefined {
    return this.panels.get(id);
  }

  /** In tab order; the same array until something changes (for React's useSyncExternalStore). */
  list(): readonly PanelDefinition[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed(): void {
    this.snapshot = [...this.panels.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    for (const l of this.listeners) l();
  }
}
