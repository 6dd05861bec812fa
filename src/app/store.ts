/**
 * UI state shared by the views: theme, side pane, and the last module run for the trace panel.
 * Engines never import this; the bootstrap feeds it through DojoServices.recordRun.
 */
import { create } from 'zustand';
import type { RunResult, TraceEntry } from '../runtime/types';

export type ThemeChoice = 'system' | 'light' | 'dark';
/** A panel id (app/panels.ts): 'lessons', 'trace', or whatever a feature registers. */
export type SideTab = string;

export interface LastRun {
  command: string;
  result: RunResult;
  /** When it finished, for "n seconds ago" and to re-render on identical results. */
  at: number;
}

export interface UiState {
  theme: ThemeChoice;
  /** What the OS prefers, tracked live so "system" follows it. */
  systemTheme: 'light' | 'dark';
  sidePaneOpen: boolean;
  sideTab: SideTab;
  lastRun: LastRun | null;
  /** WASI calls of the run in progress, streamed while the Trace tab is open; cleared when it ends. */
  liveTrace: TraceEntry[];
  /** 'starting' until the shell is ready; 'error' with a message if start-up failed. */
  status: 'starting' | 'ready' | 'error';
  statusMessage?: string;
  engineReady: boolean;
  /** Lessons load after the first prompt; the pane re-renders when they arrive, or says they failed to (usually: the network dropped first). */
  lessons: 'loading' | 'ready' | 'failed';
  setTheme(theme: ThemeChoice): void;
  setSystemTheme(theme: 'light' | 'dark'): void;
  setSidePaneOpen(open: boolean): void;
  setSideTab(tab: SideTab): void;
  setLastRun(run: LastRun | null): void;
  appendLiveTrace(entries: TraceEntry[]): void;
  setStatus(status: UiState['status'], message?: string): void;
  setEngineReady(ready: boolean): void;
  setLessons(state: UiState['lessons']): void;
}

const THEME_KEY = 'wasm-dojo:theme';

function savedTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function osTheme(): 'light' | 'dark' {
  try {
    return globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** Narrow screens start with the side pane closed so the terminal gets the room. */
function wideScreen(): boolean {
  try {
    return globalThis.matchMedia?.('(min-width: 900px)').matches ?? true;
  } catch {
    return true;
  }
}

export const useUi = create<UiState>((set) => ({
  theme: savedTheme(),
  systemTheme: osTheme(),
  sidePaneOpen: wideScreen(),
  sideTab: 'lessons',
  lastRun: null,
  liveTrace: [],
  status: 'starting',
  engineReady: false,
  lessons: 'loading',
  setTheme: (theme) => {
    try {
      if (theme === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
      else globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
    set({ theme });
  },
  setSystemTheme: (systemTheme) => set({ systemTheme }),
  setSidePaneOpen: (sidePaneOpen) => set({ sidePaneOpen }),
  setSideTab: (sideTab) => set({ sideTab }),
  setLastRun: (lastRun) => set({ lastRun, liveTrace: [] }),
  appendLiveTrace: (entries) => set((s) => ({ liveTrace: s.liveTrace.concat(entries) })),
  setStatus: (status, statusMessage) => set({ status, statusMessage }),
  setEngineReady: (engineReady) => set({ engineReady }),
  setLessons: (lessons) => set({ lessons }),
}));

/** The theme actually shown. */
export function resolvedTheme(state: Pick<UiState, 'theme' | 'systemTheme'>): 'light' | 'dark' {
  return state.theme === 'system' ? state.systemTheme : state.theme;
}
