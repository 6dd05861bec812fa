/**
 * Keeps the machine's local OCI registry across reloads: what `spin registry push` stored is still there
 * for `spin up --from` after the tab is closed. One persisted document (src/lib/persisted-doc.ts):
 * versioned, checked on load, and a stored copy that cannot be read is kept aside under its own
 * timestamped key and reported once. Saves are debounced. Storage is injected (IndexedDB in the
 * browser, a Map in tests), so the registry stays DOM-free.
 */
import { openDoc, setAsideMessage, type DocStorage, type PersistedDoc } from '../lib/persisted-doc';
import { OciStore, type OciStoreSnapshot } from './store';

export const OCI_KEY = 'wasm-dojo:oci';
export const OCI_FORMAT = 'wasm-dojo/oci';
const OCI_VERSION = 1;

/** A stored snapshot, checked by restoring it into a scratch store (which throws, saying what is wrong). */
function validateSnapshot(data: unknown): OciStoreSnapshot {
  const d = data as Partial<OciStoreSnapshot> | null;
  if (!d || !Array.isArray(d.blobs) || !Array.isArray(d.manifests) || !Array.isArray(d.tags)) throw new Error('it is not a registry snapshot');
  const snapshot = d as OciStoreSnapshot;
  new OciStore().restore(snapshot);
  return snapshot;
}

export function openRegistryDoc(storage: DocStorage, opts: { key?: string; now?: () => number } = {}): PersistedDoc<OciStoreSnapshot> {
  return openDoc<OciStoreSnapshot>({
    key: opts.key ?? OCI_KEY,
    version: OCI_VERSION,
    format: OCI_FORMAT,
    storage,
    validate: validateSnapshot,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

export interface RestoreResult {
  source: 'saved' | 'empty' | 'recovered' | 'unavailable';
  /** A line for the terminal when something was set aside or storage is unavailable. */
  message?: string;
}

/** Loads the saved registry into `store` (which should be empty). Never throws. */
export async function restoreOciStore(store: OciStore, doc: PersistedDoc<OciStoreSnapshot>): Promise<RestoreResult> {
  let loaded;
  try {
    loaded = await doc.load();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { source: 'unavailable', message: `dojo: browser storage is unavailable (${why}); pushed apps will not be kept after a reload` };
  }
  if (loaded.setAside) {
    if (loaded.setAside.repeated) return { source: 'recovered' };
    return { source: 'recovered', message: setAsideMessage('local registry', loaded.setAside, 'the registry starts empty') };
  }
  if (loaded.value === undefined) return { source: 'empty' };
  store.restore(loaded.value);
  return { source: 'saved' };
}

/** Saves the store after each change (debounced). Returns a function that stops saving (flushing a pending save). */
export function autoSaveOciStore(store: OciStore, doc: PersistedDoc<OciStoreSnapshot>, opts: { debounceMs?: number } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    void doc.save(store.snapshot()).catch(() => {
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
