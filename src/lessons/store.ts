/**
 * Progress in a zustand store, saved as it changes as one persisted document (lib/persisted-doc.ts;
 * the app hands in localStorage; without a storage, memory). Versioned: a copy saved by an older release is migrated on load; a
 * copy that is not JSON or fails validation is set aside under its own timestamped key rather than
 * crashing the app or being lost, and `setAsideMessage` says so for the terminal. A save that fails
 * (storage full, blocked) keeps progress in memory and is reported once.
 *
 * Vanilla store (no React import): the engine and terminal commands use it in Node tests too;
 * the pane reads it with zustand's `useStore`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StateStorage } from 'zustand/middleware';
import { openDoc, setAsideMessage, type DocEnvelope, type Loaded, type SyncDocStorage, type SyncPersistedDoc } from '../lib/persisted-doc';
import { PROGRESS_VERSION, emptyProgress, importProgress, migrateProgress, progressProblem, type ProgressData } from './progress';

export const PROGRESS_STORAGE_KEY = 'wasm-dojo:lesson-progress';

export interface ProgressStore {
  progress: ProgressData;
  /** Applies a pure transition from progress.ts. */
  update(f: (p: ProgressData) => ProgressData): void;
  /** Replaces progress from an exported file; on refusal nothing changes and the reason is returned. */
  importFrom(text: string): { ok: true } | { ok: false; reason: string };
  resetAll(): void;
  /** Set when the saved progress could not be read at start-up and was kept aside: the line to show, once. */
  setAsideMessage?: string;
}

function memoryStorage(): StateStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

/**
 * localStorage as a persisted document's storage. Access can throw (privacy mode, a sandboxed iframe,
 * storage full); the document passes those errors on, and the store below decides.
 */
function textStorage(storage: StateStorage): SyncDocStorage {
  return {
    sync: true,
    get: (key) => storage.getItem(key),
    set: (key, value) => void storage.setItem(key, value as string),
    where: (key) =>
      `in this browser's localStorage (to copy it out: the developer tools console, copy(localStorage.getItem(${JSON.stringify(key)})))`,
  };
}

/** The record zustand's persist middleware wrote, `{ state: { progress }, version }`; kept so older saves load as they are. */
const ENVELOPE: DocEnvelope = {
  wrap: (data, version) => ({ state: { progress: data }, version }),
  unwrap: (record) => {
    if (typeof record !== 'object' || record === null || !('state' in record)) return 'it is not saved progress';
    const r = record as { state?: { progress?: unknown } | null; version?: unknown };
    // zustand wrote version 0 when none was configured; the first release's data is version 1.
    const version = typeof r.version === 'number' && r.version > 0 ? r.version : 1;
    return { version, data: r.state?.progress };
  },
};

function validateProgress(data: unknown): ProgressData {
  const problem = progressProblem(data);
  if (problem) throw new Error(problem);
  return data as ProgressData;
}

function progressDoc(storage: StateStorage, now?: () => number): SyncPersistedDoc<ProgressData> {
  return openDoc<ProgressData>({
    key: PROGRESS_STORAGE_KEY,
    version: PROGRESS_VERSION,
    storage: textStorage(storage),
    json: true,
    envelope: ENVELOPE,
    migrate: { 1: (p) => migrateProgress(p, 1) },
    validate: validateProgress,
    ...(now ? { now } : {}),
  });
}

export function createProgressStore(storage: StateStorage = memoryStorage(), opts: { now?: () => number } = {}): StoreApi<ProgressStore> {
  const doc = progressDoc(storage, opts.now);
  let loaded: Loaded<ProgressData>;
  try {
    loaded = doc.load();
  } catch (err) {
    // Storage that cannot even be read: progress lives in memory for this session.
    console.warn(`[lessons] saved progress could not be read (${err instanceof Error ? err.message : String(err)})`);
    loaded = { value: undefined };
  }
  const store = createStore<ProgressStore>()((set, get) => ({
    progress: loaded.value ?? emptyProgress(),
    ...(loaded.setAside && !loaded.setAside.repeated
      ? { setAsideMessage: setAsideMessage('lesson progress', loaded.setAside, 'lessons start afresh') }
      : {}),
    update: (f) => set({ progress: f(get().progress) }),
    importFrom: (text) => {
      const outcome = importProgress(text);
      if (!outcome.ok) return outcome;
      set({ progress: outcome.progress });
      return { ok: true };
    },
    resetAll: () => set({ progress: emptyProgress() }),
  }));
  // Saved as it changes. A throwing write must not escape `update()` into the command that recorded progress.
  let saveFailing = false;
  store.subscribe((state, previous) => {
    if (state.progress === previous.progress) return;
    try {
      doc.save(state.progress);
      saveFailing = false;
    } catch (err) {
      // Once per run of failures: every command updates progress, a warning each time would be noise.
      if (!saveFailing)
        console.warn(`[lessons] progress could not be saved (${err instanceof Error ? err.message : String(err)}); it is kept for this session only`);
      saveFailing = true;
    }
  });
  return store;
}
