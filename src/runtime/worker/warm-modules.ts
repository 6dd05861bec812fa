/**
 * The compile cache across reloads. Chromium cannot keep a compiled `WebAssembly.Module` in
 * IndexedDB (it removed Module serialisation), so the worker keeps the *bytes* of the last few big
 * modules it compiled (idb-keyval, its own database) and compiles them again as soon as it starts,
 * while the learner is still reading the page: the first run after a reload then finds its module
 * in the in-memory compile cache instead of compiling on Enter. Small modules compile in well under
 * a millisecond and are not kept. It is a cache of content the learner's files already hold, keyed
 * by nothing but the bytes: losing it costs one compile, never data.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { sameBytes } from '../../lib/bytes';

/** Below this, compiling is cheaper than remembering. */
export const WARM_MIN_BYTES = 128 * 1024;
/** Kept modules, newest last, and their total size. */
export const WARM_MAX_ENTRIES = 4;
export const WARM_MAX_TOTAL_BYTES = 24 * 1024 * 1024;
const KEY = 'recent';

export interface WarmStorage {
  load(): Promise<Uint8Array[]>;
  save(list: Uint8Array[]): Promise<void>;
}

/** IndexedDB in the worker; none where it is missing (Node tests), then nothing is kept. */
export function idbWarmStorage(): WarmStorage | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let store: UseStore | undefined;
  const db = () => (store ??= createStore('wasm-dojo-compile-cache', 'modules'));
  return {
    async load() {
      const v: unknown = await get(KEY, db());
      return Array.isArray(v) ? v.filter((x): x is Uint8Array => x instanceof Uint8Array) : [];
    },
    save: (list) => set(KEY, list, db()),
  };
}

/** The list with `bytes` as the newest entry, within the caps. */
export function remember(list: readonly Uint8Array[], bytes: Uint8Array): Uint8Array[] {
  if (bytes.byteLength < WARM_MIN_BYTES || bytes.byteLength > WARM_MAX_TOTAL_BYTES) return [...list];
  const next = [...list.filter((b) => !sameBytes(b, bytes)), bytes.slice()];
  while (next.length > WARM_MAX_ENTRIES || next.reduce((n, b) => n + b.byteLength, 0) > WARM_MAX_TOTAL_BYTES) next.shift();
  return next;
}
