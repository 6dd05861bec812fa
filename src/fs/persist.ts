/**
 * Keeps the learner's machine across reloads in IndexedDB, as one persisted document
 * (lib/persisted-doc.ts). Saves are debounced (a `cp -r` of many files is one save), the stored record
 * is versioned, and anything unreadable is set aside under its own key rather than overwritten, so a
 * bug or a foreign app never silently destroys work.
 */
import { get, set, createStore, type UseStore } from 'idb-keyval';
import { MemoryFs, validateSnapshot, type SnapshotNode } from './memory-fs';
import { createSeededFs } from './seed';
import { openDoc, setAsideMessage, type DocEnvelope, type DocStorage, type PersistedDoc, type SetAsideNotice } from '../lib/persisted-doc';

export const FS_KEY = 'wasm-dojo:fs';
export const FS_FORMAT = 'wasm-dojo/fs';
/** 2: a flat list of entries. 1 (first release, still read): `root`, the tree as nested objects. */
export const FS_VERSION = 2;

/**
 * One entry of the tree, parents before their contents; the root is "/". Flat on purpose: IndexedDB
 * stores a structured clone, and V8's serializer recurses, overflowing on objects nested ~1000 deep,
 * far short of the ~2000 levels a tree within PATH_MAX can reach (see memory-fs.ts).
 */
export type StoredEntry =
  | { path: string; kind: 'dir'; mtimeMs: number; mode?: number }
  | { path: string; kind: 'file'; mtimeMs: number; data: Uint8Array; mode?: number }
  | { path: string; kind: 'symlink'; mtimeMs: number; target: string };

interface StoredWorkspace {
  format: typeof FS_FORMAT;
  version: number;
  savedAt: number;
  entries: StoredEntry[];
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
  /** What was set aside, when source is 'recovered'. */
  setAside?: SetAsideNotice;
}

/** idb-keyval as a persisted document's storage. */
export function idbStorage(store: UseStore): DocStorage {
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    where: () => "in this browser's IndexedDB (to copy it out: the developer tools, Application → IndexedDB → wasm-dojo → kv)",
  };
}

/**
 * The workspace record as it has always been stored: `{ format, version, savedAt, entries }` (version 2)
 * or `{ format, version: 1, savedAt, root }`; both unwrap to the nested tree validateSnapshot checks.
 */
const WORKSPACE_ENVELOPE: DocEnvelope = {
  wrap: (data, version, savedAt) => ({ format: FS_FORMAT, version, savedAt, entries: flattenTree(data as SnapshotNode) }),
  unwrap: (record) => {
    if (typeof record !== 'object' || record === null) return 'not a workspace record';
    const r = record as Partial<StoredWorkspace> & { root?: unknown };
    if (r.format !== FS_FORMAT) return 'unknown format';
    if (typeof r.version !== 'number') return `unsupported version ${String(r.version)}`;
    if (r.version === 1) return { version: 1, data: r.root };
    if (r.version !== FS_VERSION) return { version: r.version, data: undefined };
    return { version: r.version, data: nestEntries(r.entries) };
  },
};

function workspaceDoc(storage: DocStorage, key: string): PersistedDoc<SnapshotNode> {
  return openDoc<SnapshotNode>({
    key,
    version: FS_VERSION,
    storage,
    envelope: WORKSPACE_ENVELOPE,
    // Version 1 held the same nested tree; only the stored shape changed.
    migrate: { 1: (root) => root },
    validate: validateSnapshot,
  });
}

/** Loads the saved workspace or, on a first visit or unreadable data, returns a freshly seeded one. */
export async function loadOrSeed(opts: PersistOptions = {}): Promise<LoadResult> {
  const key = opts.key ?? FS_KEY;
  let loaded;
  try {
    loaded = await workspaceDoc(idbStorage(opts.store ?? dojoStore()), key).load();
  } catch (err) {
    return {
      fs: createSeededFs(),
      source: 'unavailable',
      message: `dojo: browser storage is unavailable (${errorText(err)}); files will not be kept after a reload`,
    };
  }
  if (loaded.setAside) {
    return {
      fs: createSeededFs(),
      source: 'recovered',
      setAside: loaded.setAside,
      ...(loaded.setAside.repeated ? {} : { message: setAsideMessage('workspace', loaded.setAside, 'a fresh workspace was created') }),
    };
  }
  if (loaded.value === undefined) return { fs: createSeededFs(), source: 'seed' };
  const fs = new MemoryFs();
  fs.restore(loaded.value);
  fs.installDevices();
  return { fs, source: 'saved' };
}

/**
 * The tree as entries, each directory before what it holds (a loop: the tree can be ~2000 deep).
 * Device nodes are not the learner's work and are not saved: loading puts /dev back (installDevices).
 */
export function flattenTree(root: SnapshotNode): StoredEntry[] {
  const entries: StoredEntry[] = [];
  const stack: [string, SnapshotNode][] = [['/', root]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [path, node] = item;
    if (node.kind === 'file') {
      entries.push({ path, kind: 'file', mtimeMs: node.mtimeMs, data: node.data, ...(node.mode !== undefined ? { mode: node.mode } : {}) });
      continue;
    }
    if (node.kind === 'symlink') {
      entries.push({ path, kind: 'symlink', mtimeMs: node.mtimeMs, target: node.target });
      continue;
    }
    if (node.kind === 'chardev') continue;
    entries.push({ path, kind: 'dir', mtimeMs: node.mtimeMs, ...(node.mode !== undefined ? { mode: node.mode } : {}) });
    const prefix = path === '/' ? '/' : path + '/';
    for (const [name, child] of Object.entries(node.children)) stack.push([prefix + name, child]);
  }
  return entries;
}

/** Rebuilds the nested form from stored entries, for validateSnapshot to check; untrusted input. */
function nestEntries(entries: unknown): unknown {
  if (!Array.isArray(entries) || entries.length === 0) throw new Error('workspace has no entries');
  type RawDir = { kind: 'dir'; mtimeMs: unknown; children: Record<string, unknown> };
  const dirs = new Map<string, RawDir>();
  let root: RawDir | undefined;
  for (const e of entries as unknown[]) {
    if (typeof e !== 'object' || e === null || typeof (e as { path?: unknown }).path !== 'string') throw new Error('entry without a path');
    const { path, kind, mtimeMs, data, target, mode } = e as {
      path: string;
      kind?: unknown;
      mtimeMs?: unknown;
      data?: unknown;
      target?: unknown;
      mode?: unknown;
    };
    // A prototype-less record, so an entry named "__proto__" is kept like any other.
    const node =
      kind === 'dir'
        ? { kind, mtimeMs, mode, children: Object.create(null) as Record<string, unknown> }
        : kind === 'symlink'
          ? { kind, mtimeMs, target }
          : { kind, mtimeMs, data, mode };
    if (root === undefined) {
      if (path !== '/' || kind !== 'dir') throw new Error('the first entry is not the root directory');
      root = node as RawDir;
      dirs.set(path, root);
      continue;
    }
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? undefined : dirs.get(cut === 0 ? '/' : path.slice(0, cut));
    if (!parent) throw new Error(`entry ${JSON.stringify(path)} is not inside a directory listed before it`);
    const name = path.slice(cut + 1);
    if (name in parent.children) throw new Error(`entry ${JSON.stringify(path)} is listed twice`);
    parent.children[name] = node;
    if (kind === 'dir') dirs.set(path, node as RawDir);
  }
  return root;
}

export async function saveWorkspace(fs: MemoryFs, opts: PersistOptions = {}): Promise<void> {
  await workspaceDoc(idbStorage(opts.store ?? dojoStore()), opts.key ?? FS_KEY).save(fs.snapshot());
}

export interface AutoSaver {
  /** Saves now if a change is pending (call before unload, in tests). */
  flush(): Promise<void>;
  dispose(): void;
}

/** Saves `fs` `delayMs` after the last change. Save errors go to `onError`, never to the command that wrote. */
export function autoSave(fs: MemoryFs, opts: PersistOptions & { delayMs?: number; onError?: (err: unknown) => void } = {}): AutoSaver {
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
    timer = setTimeout(() => void save(), delay);
  });
  return {
    flush: () => (timer !== undefined ? (clearTimeout(timer), save()) : saving),
    dispose: () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
