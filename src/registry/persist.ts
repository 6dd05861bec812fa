/**
 * Keeps the machine's local OCI registry across reloads: what `spin registry push` stored is still there
 * for `spin up --from` after the tab is closed. The document is versioned (format + version), saves are
 * debounced, and a stored document that cannot be read is kept aside under its own timestamped key
 * rather than overwritten, and reported once.
 *
 * The storage is a small injected slot (load/save/keep-aside), so the store stays DOM-free and tests
 * use an in-memory one. It is a stand-in for the shared persisted-document helper (src/lib/persisted-doc.ts)
 * until that lands: the slot is the seam to switch.
 */
import type { OciStore, OciStoreSnapshot } from './store';

export const OCI_KEY = 'wasm-dojo:oci';
export const OCI_FORMAT = 'wasm-dojo/oci';
export const OCI_VERSION = 1;

interface StoredRegistry {
  format: typeof OCI_FORMAT;
  version: number;
  savedAt: number;
  store: OciStoreSnapshot;
}

/** Where one document lives (IndexedDB in the browser, a Map in tests). */
export interface DocumentSlot {
  load(): Promise<unknown>;
  save(doc: unknown): Promise<void>;
  /** Keeps an unreadable document under a new key of its own; returns that key. */
  keepAside(doc: unknown, at: number): Promise<string>;
}

export interface RestoreResult {
  source: 'saved' | 'empty' | 'recovered';
  /** A line for the terminal when something was set aside. */
  message?: string;
}

/** Loads the saved registry into `store` (which should be empty). Never throws. */
export async function restoreOciStore(store: OciStore, slot: DocumentSlot, now: () => number = Date.now): Promise<RestoreResult> {
  let raw: unknown;
  try {
    raw = await slot.load();
  } catch {
    return { source: 'empty' };
  }
  if (raw === undefined || raw === null) return { source: 'empty' };
  try {
    const doc = raw as Partial<StoredRegistry>;
    if (doc.format !== OCI_FORMAT) throw new Error('not a registry document');
    if (doc.version !== OCI_VERSION) throw new Error(`unknown version ${String(doc.version)}`);
    if (!doc.store) throw new Error('no contents');
    store.restore(doc.store);
    return { source: 'saved' };
  } catch (err) {
    let key = '(nowhere)';
    try {
      key = await slot.keepAside(raw, now());
    } catch {
      /* could not even keep it aside: still start with an empty registry, and say so */
    }
    const why = err instanceof Error ? err.message : String(err);
    return {
      source: 'recovered',
      message: `dojo: the saved local registry could not be read (${why}); it was kept aside as ${key} and the registry starts empty`,
    };
  }
}

/** Saves the store after each change (debounced). Returns a function that stops saving. */
export function autoSaveOciStore(store: OciStore, slot: DocumentSlot, opts: { debounceMs?: number; now?: () => number } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const doc: StoredRegistry = { format: OCI_FORMAT, version: OCI_VERSION, savedAt: (opts.now ?? Date.now)(), store: store.snapshot() };
    void slot.save(doc).catch(() => {
      /* storage full or gone: the registry still works for this session */
    });
  };
  const off = store.onChange(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, opts.debounceMs ?? 300);
  });
  return () => {
    off();
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };
}
