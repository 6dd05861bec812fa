/**
 * The trainer's data in a zustand store, saved as it changes as one persisted document
 * (`wasm-dojo:trainer`, lib/persisted-doc.ts): versioned, migrated, and a copy that cannot be read is
 * set aside under its own key rather than lost (`setAsideMessage` says so once). A first load
 * carries over what the Dojo already kept before the trainer existed: the Quick Reference drill's
 * times in the lesson progress become the hands-on drill's personal best.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StateStorage } from 'zustand/middleware';
import { openDoc, setAsideMessage, type Loaded, type SyncDocStorage } from '../lib/persisted-doc';
import type { ProgressData } from '../lessons/progress';
import type { HandsOnDrill } from './bank';
import { TRAINER_FORMAT, TRAINER_VERSION, emptyTrainer, importTrainer, trainerProblem, type TrainerData } from './deck';

export const TRAINER_STORAGE_KEY = 'wasm-dojo:trainer';

export interface TrainerStore {
  data: TrainerData;
  update(f: (d: TrainerData) => TrainerData): void;
  importFrom(text: string): { ok: true } | { ok: false; reason: string };
  resetAll(): void;
  setAsideMessage?: string;
}

function textStorage(storage: StateStorage): SyncDocStorage {
  return {
    sync: true,
    get: (key) => storage.getItem(key),
    set: (key, value) => void storage.setItem(key, value as string),
    where: (key) => `in this browser's localStorage under ${JSON.stringify(key)}`,
  };
}

function memoryStorage(): StateStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

/** Drill times kept by the lesson progress (timed lessons) as the trainer's drill records. */
export function drillsFromLessonProgress(progress: ProgressData | undefined, drills: readonly HandsOnDrill[]): TrainerData['drills'] {
  const out: TrainerData['drills'] = {};
  for (const d of drills) {
    const l = progress?.lessons[d.lesson]?.drill;
    if (!l || l.runs === 0) continue;
    out[d.id] = { runs: l.runs, ...(l.lastMs !== undefined ? { lastMs: l.lastMs } : {}), ...(l.bestMs !== undefined ? { bestMs: l.bestMs } : {}) };
  }
  return out;
}

export interface TrainerStoreOptions {
  now?: () => number;
  /** For a first load: the lesson progress and the drills, to carry drill times over. */
  carryOver?: { progress: ProgressData; drills: readonly HandsOnDrill[] };
}

export function createTrainerStore(storage: StateStorage = memoryStorage(), opts: TrainerStoreOptions = {}): StoreApi<TrainerStore> {
  const doc = openDoc<TrainerData>({
    key: TRAINER_STORAGE_KEY,
    version: TRAINER_VERSION,
    storage: textStorage(storage),
    json: true,
    format: TRAINER_FORMAT,
    validate: (data) => {
      const problem = trainerProblem(data);
      if (problem) throw new Error(problem);
      return data as TrainerData;
    },
    ...(opts.now ? { now: opts.now } : {}),
  });
  let loaded: Loaded<TrainerData>;
  try {
    loaded = doc.load();
  } catch (err) {
    console.warn(`[trainer] saved practice data could not be read (${err instanceof Error ? err.message : String(err)})`);
    loaded = { value: undefined };
  }
  const first = !loaded.value && !loaded.setAside;
  const initial = loaded.value ?? {
    ...emptyTrainer(),
    ...(first && opts.carryOver ? { drills: drillsFromLessonProgress(opts.carryOver.progress, opts.carryOver.drills) } : {}),
  };
  const store = createStore<TrainerStore>()((set, get) => ({
    data: initial,
    ...(loaded.setAside && !loaded.setAside.repeated
      ? { setAsideMessage: setAsideMessage('practice deck', loaded.setAside, 'practice starts afresh') }
      : {}),
    update: (f) => set({ data: f(get().data) }),
    importFrom: (text) => {
      const r = importTrainer(text);
      if (!r.ok) return r;
      set({ data: r.data });
      return { ok: true };
    },
    resetAll: () => set({ data: emptyTrainer() }),
  }));
  let failing = false;
  store.subscribe((s, prev) => {
    if (s.data === prev.data) return;
    try {
      doc.save(s.data);
      failing = false;
    } catch (err) {
      if (!failing) console.warn(`[trainer] practice data could not be saved (${err instanceof Error ? err.message : String(err)})`);
      failing = true;
    }
  });
  if (first && Object.keys(initial.drills).length > 0) {
    try {
      doc.save(initial);
    } catch {
      /* kept in memory; the next change tries again */
    }
  }
  return store;
}
