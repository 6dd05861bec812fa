/**
 * Progress in a zustand store, saved as it changes with the `persist` middleware (localStorage in
 * the browser). Versioned: a copy saved by an older release is migrated on load; a copy that is not
 * JSON or fails validation is set aside (kept under a "-corrupt" key) rather than crashing the app or
 * being lost. A save that fails (storage full, blocked) keeps progress in memory and is reported once.
 *
 * Vanilla store (no React import): the engine and terminal commands use it in Node tests too;
 * the pane reads it with zustand's `useStore`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import {
  PROGRESS_VERSION,
  emptyProgress,
  importProgress,
  migrateProgress,
  progressProblem,
  type ProgressData,
} from './progress';

export const PROGRESS_STORAGE_KEY = 'wasm-dojo:lesson-progress';

export interface ProgressStore {
  progress: ProgressData;
  /** Applies a pure transition from progress.ts. */
  update(f: (p: ProgressData) => ProgressData): void;
  /** Replaces progress from an exported file; on refusal nothing changes and the reason is returned. */
  importFrom(text: string): { ok: true } | { ok: false; reason: string };
  resetAll(): void;
}

function memoryStorage(): StateStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

function defaultStorage(): StateStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Access can throw (privacy mode, sandboxed iframe): fall back to memory for this session.
  }
  return memoryStorage();
}

/** Keeps the damaged copy for a bug report instead of letting the next save overwrite it. */
function setAside(storage: StateStorage, raw: string, problem: string): void {
  try {
    void storage.setItem(`${PROGRESS_STORAGE_KEY}-corrupt`, raw);
  } catch {
    /* best effort */
  }
  console.warn(`[lessons] saved progress ignored: ${problem}`);
}

/**
 * What the persist middleware reads and writes through. Text that is not JSON is set aside here,
 * before zustand parses it (its parse error would only be swallowed, and the next save would overwrite
 * the text). A throwing write must not escape `update()` into the command that recorded progress.
 */
function guardedStorage(storage: StateStorage): StateStorage {
  let saveFailing = false;
  return {
    getItem: (name) => {
      const raw = storage.getItem(name);
      if (typeof raw !== 'string') return raw;
      try {
        JSON.parse(raw);
        return raw;
      } catch (err) {
        setAside(storage, raw, `it is not valid JSON (${(err as Error).message})`);
        return null;
      }
    },
    setItem: (name, value) => {
      try {
        void storage.setItem(name, value);
        saveFailing = false;
      } catch (err) {
        // Once per run of failures: every command updates progress, a warning each time would be noise.
        if (!saveFailing) console.warn(`[lessons] progress could not be saved (${err instanceof Error ? err.message : String(err)}); it is kept for this session only`);
        saveFailing = true;
      }
    },
    removeItem: (name) => storage.removeItem(name),
  };
}

export function createProgressStore(storage: StateStorage = defaultStorage()): StoreApi<ProgressStore> {
  const guarded = guardedStorage(storage);
  return createStore<ProgressStore>()(
    persist(
      (set, get) => ({
        progress: emptyProgress(),
        update: (f) => set({ progress: f(get().progress) }),
        importFrom: (text) => {
          const outcome = importProgress(text);
          if (!outcome.ok) return outcome;
          set({ progress: outcome.progress });
          return { ok: true };
        },
        resetAll: () => set({ progress: emptyProgress() }),
      }),
      {
        name: PROGRESS_STORAGE_KEY,
        version: PROGRESS_VERSION,
        storage: createJSONStorage(() => guarded),
        partialize: (s) => ({ progress: s.progress }),
        migrate: (persisted, version) => {
          const data = persisted as { progress?: unknown } | null;
          return { progress: migrateProgress(data?.progress, version) } as unknown as ProgressStore;
        },
        merge: (persisted, current) => {
          const p = (persisted as { progress?: unknown } | undefined)?.progress;
          if (p === undefined) return current;
          const problem = progressProblem(p);
          if (problem) {
            let raw: unknown;
            try {
              raw = storage.getItem(PROGRESS_STORAGE_KEY);
            } catch {
              /* best effort */
            }
            if (typeof raw === 'string') setAside(storage, raw, problem);
            else console.warn(`[lessons] saved progress ignored: ${problem}`);
            return current;
          }
          return { ...current, progress: p as ProgressData };
        },
      },
    ),
  );
}
