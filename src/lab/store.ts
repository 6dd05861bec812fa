/**
 * The learner's measured races: the latest race of each module (from the Lab panel or `dojo bench`),
 * what the Lab draws and what the chapter's quiz is graded on. One store per Dojo, found from the
 * services object every command and feature shares (`labStoreOf`), persisted as the versioned
 * document `wasm-dojo:lab` (lib/persisted-doc.ts: an unreadable copy is kept aside, never lost)
 * and emptied by `dojo reset`.
 */
import { openDoc, type DocStorage, type PersistedDoc, type SetAsideNotice } from '../lib/persisted-doc';
import type { RunRecord } from './race';

export const LAB_KEY = 'wasm-dojo:lab';
export const LAB_VERSION = 1;
/** Distinct modules kept; the oldest race goes first. */
export const MAX_RACES = 12;
/** Runs kept per race (the latest): enough for any chart, small enough for localStorage. */
export const MAX_STORED_RUNS = 2000;

export interface StoredRace {
  /** The module as named on the command line or picked in the Lab (`hello.wasm`, `modules/hello.wasm`). */
  label: string;
  /** Its base name without `.wasm`/`.wat` (`hello`): what lessons name. */
  module: string;
  moduleBytes: number;
  /** When it finished (ms since the epoch). */
  at: number;
  source: 'bench' | 'lab' | 'import';
  stopped: boolean;
  records: RunRecord[];
}

/** `modules/hello.wasm` → `hello`. */
export function moduleBaseName(label: string): string {
  const base = label.split('/').pop() ?? label;
  return base.replace(/\.(wasm|wat)$/i, '');
}

function isRecord(x: unknown): x is RunRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  const nums = ['index', 'compileMs', 'instantiateMs', 'runMs', 'endToEndMs', 'memoryBytes'] as const;
  return (
    nums.every((k) => typeof r[k] === 'number' && Number.isFinite(r[k] as number)) &&
    typeof r.warmup === 'boolean' &&
    typeof r.compileCached === 'boolean' &&
    typeof r.fromSpare === 'boolean' &&
    typeof r.outcome === 'string' &&
    (r.exitCode === null || typeof r.exitCode === 'number')
  );
}

export function validateRaces(data: unknown): StoredRace[] {
  if (!Array.isArray(data)) throw new Error('it is not a list of races');
  return data.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null) throw new Error(`race ${i + 1} is not a record`);
    const race = r as Record<string, unknown>;
    if (typeof race.label !== 'string' || typeof race.module !== 'string') throw new Error(`race ${i + 1} has no module name`);
    if (typeof race.moduleBytes !== 'number' || typeof race.at !== 'number') throw new Error(`race ${i + 1} has no size or date`);
    if (race.source !== 'bench' && race.source !== 'lab' && race.source !== 'import') throw new Error(`race ${i + 1} has an unknown source`);
    if (!Array.isArray(race.records) || !race.records.every(isRecord)) throw new Error(`race ${i + 1} has a malformed run`);
    return { ...(race as unknown as StoredRace), stopped: race.stopped === true };
  });
}

export class LabStore {
  private races: StoredRace[] = [];
  private readonly listeners = new Set<() => void>();
  private doc: PersistedDoc<StoredRace[]> | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  /** Set when the saved races could not be read and were kept aside. */
  setAside: SetAsideNotice | undefined;

  /** Loads the saved races (once) and saves every change from then on. */
  async attach(storage: DocStorage, now: () => number = Date.now): Promise<void> {
    const doc = openDoc<StoredRace[]>({ key: LAB_KEY, version: LAB_VERSION, storage, json: true, validate: validateRaces, now });
    const loaded = await doc.load();
    this.doc = doc;
    if (loaded.setAside) this.setAside = loaded.setAside;
    // Races run before the saved ones arrived are newer: they win.
    const mine = new Set(this.races.map((r) => r.label));
    this.races = [...(loaded.value ?? []).filter((r) => !mine.has(r.label)), ...this.races].slice(-MAX_RACES);
    this.changed(false);
  }

  /** Oldest first. The same array until something changes (React's useSyncExternalStore). */
  list(): readonly StoredRace[] {
    return this.races;
  }

  /** The latest race of a module, by label or base name (`hello`, `hello.wasm`, `modules/hello.wasm`). */
  latest(name: string): StoredRace | undefined {
    const base = moduleBaseName(name);
    for (let i = this.races.length - 1; i >= 0; i--) {
      const r = this.races[i]!;
      if (r.label === name || r.module === base) return r;
    }
    return undefined;
  }

  add(race: Omit<StoredRace, 'module'> & { module?: string }): StoredRace {
    const stored: StoredRace = {
      ...race,
      module: race.module ?? moduleBaseName(race.label),
      records: race.records.slice(-MAX_STORED_RUNS),
    };
    this.races = [...this.races.filter((r) => r.label !== stored.label), stored].slice(-MAX_RACES);
    this.changed(true);
    return stored;
  }

  clear(): void {
    this.races = [];
    this.changed(true);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves when every change so far is saved (tests, reset). */
  flushed(): Promise<void> {
    return this.saving.then(() => undefined);
  }

  private changed(save: boolean): void {
    for (const l of this.listeners) l();
    const doc = this.doc;
    if (!save || !doc) return;
    const value = this.races;
    this.saving = this.saving.then(() => doc.save(value)).catch(() => undefined);
  }
}

const stores = new WeakMap<object, LabStore>();

/**
 * A command's services object inherits from the Dojo's (shell/executor.ts `Object.create`): climb
 * to the first object that does not, stopping at a class's prototype (a MemoryFs is its own key).
 */
function rootOf(key: object): object {
  let root = key;
  for (;;) {
    const p = Object.getPrototypeOf(root) as object | null;
    if (!p || p === Object.prototype || Object.hasOwn(p, 'constructor')) return root;
    root = p;
  }
}

/**
 * The Dojo's one lab store, found from an object of that Dojo (its services, as every command's
 * `ctx.services` inherits them, or its filesystem, which a lesson check sees), so `dojo bench`, the
 * Lab panel and the lesson check share it. Created on first use under `key`.
 */
export function labStoreOf(key: object): LabStore {
  const root = rootOf(key);
  let store = stores.get(root);
  if (!store) {
    store = new LabStore();
    stores.set(root, store);
  }
  return store;
}

/** Makes `labStoreOf(k)` answer `store` for each of `keys` (the lab feature: services and filesystem). */
export function shareLabStore(store: LabStore, ...keys: object[]): void {
  for (const k of keys) stores.set(rootOf(k), store);
}
