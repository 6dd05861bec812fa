/**
 * Keeps the learner's machine across reloads in IndexedDB. Saves are debounced (a `cp -r` of many
 * files is one save), the stored record is versioned, and anything unreadable is set aside under
 * another key rather than overwritten, so a bug or a foreign app never silently destroys work.
 */
import { get, set, createStore, type UseStore } from 'idb-keyval';
import { MemoryFs, validateSnapshot, type SnapshotNode } from './memory-fs';
import { seedWorkspace } from './seed';

export const FS_KEY = 'wasm-dojo:fs';
export const FS_FORMAT = 'wasm-dojo/fs';
export const FS_VERSION = 1;

interface StoredWorkspace {
  format: typeof FS_FORMAT;
  version: number;
  savedAt: number;
  root: SnapshotNode;
}

export interface PersistOptions {
  /** idb-keyval store; defaults to a dedicated "wasm-dojo" database. */
  store?: UseStore;
  key?: string;
}

let defaultStore: UseStore | undefined;
/** Created lazily: importing this module in Node (no indexedDB) must not throw. */
export function dojoStore(): UseStore {
  defaultStore ??= createStore('wasm-dojo', 'kv');
  return defaultStore;
}

export interface LoadResult {
  fs: MemoryFs;
  /** 'saved': restored; 'seed': first visit; 'recovered': saved data was unreadable; 'unavailable': no IndexedDB. */
  source: 'saved' | 'seed' | 'recovered' | 'unavailable';
  /** A line to show the learner in the terminal, when something went wrong. */
  message?: string;
}

/** Loads the saved workspace or, on a first visit or unreadable data, returns a freshly seeded one. */
export async function loadOrSeed(opts: PersistOptions = {}): Promise<LoadResult> {
  const key = opts.key ?? FS_KEY;
  let raw: unknown;
  let store: UseStore;
  try {
    store = opts.store ?? dojoStore();
    raw = await get(key, store);
  } catch (err) {
    return {
      fs: seeded(),
      source: 'unavailable',
      message: `dojo: browser storage is unavailable (${errorText(err)}); files will not be kept after a reload`,
    };
  }
  if (raw === undefined) return { fs: seeded(), source: 'seed' };
  try {
    const fs = new MemoryFs();
    fs.restore(decodeWorkspace(raw));
    return { fs, source: 'saved' };
  } catch (err) {
    const asideKey = `${key}:broken:${Date.now()}`;
    let kept = true;
    try {
      await set(asideKey, raw, store);
    } catch {
      kept = false;
    }
    const where = kept ? `kept aside as '${asideKey}'` : 'could not be kept aside';
    return {
      fs: seeded(),
      source: 'recovered',
      message: `dojo: your saved workspace could not be read (${errorText(err)}); it was ${where} and a fresh workspace was created`,
    };
  }
}

export function encodeWorkspace(fs: MemoryFs, now = Date.now()): StoredWorkspace {
  return { format: FS_FORMAT, version: FS_VERSION, savedAt: now, root: fs.snapshot() };
}

/** Throws a readable Error for anything that is not a workspace this version can read. */
export function decodeWorkspace(raw: unknown): SnapshotNode {
  if (typeof raw !== 'object' || raw === null) throw new Error('not a workspace record');
  const r = raw as Partial<StoredWorkspace>;
  if (r.format !== FS_FORMAT) throw new Error('unknown format');
  if (r.version !== FS_VERSION) throw new Error(`unsupported version ${String(r.version)}`);
  return validateSnapshot(r.root);
}

export async function saveWorkspace(fs: MemoryFs, opts: PersistOptions = {}): Promise<void> {
  await set(opts.key ?? FS_KEY, encodeWorkspace(fs), opts.store ?? dojoStore());
}

export interface AutoSaver {
  /** Saves now if a change is pending (call before unload, in tests). */
  flush(): Promise<void>;
  dispose(): void;
}

/** Saves `fs` `delayMs` after the last change. Save errors go to `onError`, never to the command that wrote. */
export function autoSave(
  fs: MemoryFs,
  opts: PersistOptions & { delayMs?: number; onError?: (err: unknown) => void } = {},
): AutoSaver {
  const delay = opts.delayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    timer = undefined;
    saving = saving.then(() => saveWorkspace(fs, opts)).catch((err) => opts.onError?.(err));
    return saving;
  };
  const off = fs.onChange(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delay);
  });
  return {
    flush: () => (timer !== undefined ? (clearTimeout(timer), save()) : saving),
    dispose: () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

function seeded(): MemoryFs {
  const fs = new MemoryFs();
  seedWorkspace(fs);
  return fs;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
