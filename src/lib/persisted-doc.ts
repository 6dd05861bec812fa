/**
 * One persisted document: a value kept under one storage key in a versioned envelope, migrated step
 * by step when an older release saved it, and checked on load. A stored copy that cannot be read
 * (not ours, damaged, from a newer release, failing validation) is never destroyed: it is copied
 * aside under its own timestamped key — a second damaged copy gets another key, so no earlier copy
 * is ever overwritten — and the load reports it, so the app can tell the learner once. Reloading
 * before anything was saved meets the same damaged copy again: it is recognised as the one already
 * kept (a note under `${key}:last-set-aside`), not copied a second time, and reported as `repeated`.
 *
 * Storage is injected: IndexedDB (async, structured clone) and localStorage (sync, text) both fit.
 * With a sync storage every call is sync, so a store can hydrate before its first read.
 */

/** Storage whose calls may return promises (IndexedDB). `get` answers undefined or null for "nothing stored". */
export interface DocStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
  /** Where a key is kept and how to copy it out, said to the learner ("this browser's localStorage (…)"). */
  where?(key: string): string;
}

/** Storage that answers at once (localStorage): the document's load and save are then sync too. */
export interface SyncDocStorage extends DocStorage {
  readonly sync: true;
  set(key: string, value: unknown): void;
}

/** How the stored record wraps the value; the default is `{ format, version, savedAt, data }`. */
export interface DocEnvelope {
  wrap(data: unknown, version: number, savedAt: number): unknown;
  /** The version and payload of a stored record, or a readable reason it is not one of ours. */
  unwrap(record: unknown): { version: number; data: unknown } | string;
}

export interface DocOptions<T, S extends DocStorage = DocStorage> {
  key: string;
  /** The current version: what `save` writes. */
  version: number;
  storage: S;
  /**
   * Checks a stored payload (already migrated to `version`) and returns the value; throws an Error
   * whose message says what is wrong. Stored data is untrusted: another app, an old bug, a bad disk.
   */
  validate(data: unknown): T;
  /** `migrate[v]` turns a version-v payload into a version v+1 one; each version below `version` needs its step. */
  migrate?: Readonly<Record<number, (data: unknown) => unknown>>;
  /** Defaults to `{ format, version, savedAt, data }` with `format` (default: the key). */
  envelope?: DocEnvelope;
  format?: string;
  /** The stored form is JSON text (localStorage) rather than a structured-clone value (IndexedDB). */
  json?: boolean;
  now?: () => number;
  /** Called once per load that set a stored copy aside (not when it was the copy an earlier load kept). */
  onSetAside?(notice: SetAsideNotice): void;
}

/** What a load set aside, for the one line the learner is told. */
export interface SetAsideNotice {
  /** The document's own key. */
  key: string;
  /** Where the unreadable copy now is, or null when even that write failed (the copy is still under `key` until the next save). */
  asideKey: string | null;
  /** Why it could not be read. */
  reason: string;
  /** Where the copy is and how to get it out (the storage's `where`), if the storage says. */
  where?: string;
  /**
   * The same damaged copy was already set aside by an earlier load (under `asideKey`) and nothing was
   * saved since: no second copy was made, and the learner, told then, need not be told again.
   */
  repeated?: true;
}

export interface Loaded<T> {
  /** The stored value, or undefined on a first visit or when the stored copy was set aside. */
  value: T | undefined;
  setAside?: SetAsideNotice;
  /** The version the stored copy had, when it was migrated up to the current one. */
  migratedFrom?: number;
}

export interface PersistedDoc<T> {
  load(): Promise<Loaded<T>>;
  save(value: T): Promise<void>;
}

export interface SyncPersistedDoc<T> {
  load(): Loaded<T>;
  save(value: T): void;
}

/** The suffix every set-aside key carries after the document's key. */
const SET_ASIDE_INFIX = ':broken:';
/** Under `${key}${LAST_ASIDE_SUFFIX}`: the key of the latest set-aside copy, so a reload does not copy the same damage again. */
const LAST_ASIDE_SUFFIX = ':last-set-aside';

/**
 * Opens a document. Nothing is read until `load`. A storage that throws on `get` makes `load`
 * throw (the caller says "storage unavailable"); a failing `save` throws to the caller.
 */
export function openDoc<T>(opts: DocOptions<T, SyncDocStorage>): SyncPersistedDoc<T>;
export function openDoc<T>(opts: DocOptions<T>): PersistedDoc<T>;
export function openDoc<T>(opts: DocOptions<T>): PersistedDoc<T> | SyncPersistedDoc<T> {
  const run = 'sync' in opts.storage && opts.storage.sync === true ? runSync : runAsync;
  return {
    load: () => run(opts.storage, loadSteps(opts)),
    save: (value: T) => run(opts.storage, saveSteps(opts, value)),
  } as PersistedDoc<T> | SyncPersistedDoc<T>;
}

/** The default envelope, for documents with no older stored form of their own. */
function defaultEnvelope(format: string): DocEnvelope {
  return {
    wrap: (data, version, savedAt) => ({ format, version, savedAt, data }),
    unwrap: (record) => {
      if (typeof record !== 'object' || record === null) return 'it is not a saved record';
      const r = record as { format?: unknown; version?: unknown; data?: unknown };
      if (r.format !== format) return 'it is not a record this app wrote (unknown format)';
      if (typeof r.version !== 'number') return 'it has no version number';
      return { version: r.version, data: r.data };
    },
  };
}

/**
 * The learner's line for a set-aside copy: what could not be read, where the copy is kept and how to
 * get it out. `what` is "command history", `fresh` what they have now ("a new one was started").
 */
export function setAsideMessage(what: string, notice: SetAsideNotice, fresh: string): string {
  const where = notice.where ? ` ${notice.where}` : '';
  const kept =
    notice.asideKey === null
      ? `it could not be copied aside (it stays under '${notice.key}' until your next change is saved)`
      : `it was kept aside as '${notice.asideKey}'${where}`;
  return `dojo: your saved ${what} could not be read (${notice.reason}); ${kept} and ${fresh}`;
}

// ---- the steps, written once for sync and async storage ----

type Op = { get: string } | { set: string; value: unknown };
type Steps<R> = Generator<Op, R, unknown>;

function* loadSteps<T>(opts: DocOptions<T>): Steps<Loaded<T>> {
  const stored = yield { get: opts.key };
  if (stored === undefined || stored === null) return { value: undefined };
  const read = readStored(opts, stored);
  if (typeof read !== 'string') return read;
  const notice: SetAsideNotice = { key: opts.key, asideKey: null, reason: read };
  const lastKey = `${opts.key}${LAST_ASIDE_SUFFIX}`;
  try {
    // Reloaded with nothing saved in between: the damaged copy is the one already kept aside.
    const last = yield { get: lastKey };
    if (typeof last === 'string' && sameStored(yield { get: last }, stored)) {
      return { value: undefined, setAside: { ...notice, asideKey: last, repeated: true } };
    }
  } catch {
    // No record of an earlier copy: make one.
  }
  try {
    const base = `${opts.key}${SET_ASIDE_INFIX}${(opts.now ?? Date.now)()}`;
    // Two damaged copies set aside in the same millisecond (or a clock set back) still get a key each.
    let asideKey = base;
    for (let n = 1; !isAbsent(yield { get: asideKey }); n++) asideKey = `${base}-${n}`;
    yield { set: asideKey, value: stored };
    notice.asideKey = asideKey;
    try {
      yield { set: lastKey, value: asideKey };
    } catch {
      /* only costs a second copy on the next load */
    }
    const where = opts.storage.where?.(asideKey);
    if (where) notice.where = where;
  } catch {
    // Could not copy it: the original stays where it is until the next save, and the notice says so.
  }
  try {
    opts.onSetAside?.(notice);
  } catch {
    /* a failing listener must not lose the load */
  }
  return { value: undefined, setAside: notice };
}

function* saveSteps<T>(opts: DocOptions<T>, value: T): Steps<void> {
  const record = envelopeOf(opts).wrap(value, opts.version, (opts.now ?? Date.now)());
  yield { set: opts.key, value: opts.json ? JSON.stringify(record) : record };
}

/** The value, or the reason the stored copy cannot be read. */
function readStored<T>(opts: DocOptions<T>, stored: unknown): Loaded<T> | string {
  let record = stored;
  if (opts.json) {
    if (typeof stored !== 'string') return 'it is not text';
    try {
      record = JSON.parse(stored);
    } catch (err) {
      return `it is not valid JSON (${messageOf(err)})`;
    }
  }
  let found: ReturnType<DocEnvelope['unwrap']>;
  try {
    found = envelopeOf(opts).unwrap(record);
  } catch (err) {
    return messageOf(err);
  }
  if (typeof found === 'string') return found;
  let { version, data } = found;
  if (!Number.isInteger(version) || version < 1) return `it has no valid version number (${String(version)})`;
  if (version > opts.version) return `it was saved by a newer Wasm Dojo (version ${version}; this one reads up to ${opts.version})`;
  const from = version;
  try {
    for (; version < opts.version; version++) {
      const step = opts.migrate?.[version];
      if (!step) return `unsupported version ${version}`;
      data = step(data);
    }
    const value = opts.validate(data);
    return from < opts.version ? { value, migratedFrom: from } : { value };
  } catch (err) {
    return messageOf(err);
  }
}

/** Deep equality of two stored values (structured-clone data: plain objects, arrays, bytes, primitives). */
function sameStored(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  for (let pair = stack.pop(); pair; pair = stack.pop()) {
    const [x, y] = pair;
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (x instanceof Uint8Array || y instanceof Uint8Array) {
      if (!(x instanceof Uint8Array && y instanceof Uint8Array) || x.byteLength !== y.byteLength) return false;
      for (let i = 0; i < x.byteLength; i++) if (x[i] !== y[i]) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

function envelopeOf(opts: DocOptions<unknown>): DocEnvelope {
  return opts.envelope ?? defaultEnvelope(opts.format ?? opts.key);
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function runSync<R>(storage: DocStorage, steps: Steps<R>): R {
  let next = steps.next();
  while (!next.done) {
    let answer: unknown;
    try {
      const op = next.value;
      answer = 'get' in op ? storage.get(op.get) : storage.set(op.set, op.value);
    } catch (err) {
      next = steps.throw(err);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}

async function runAsync<R>(storage: DocStorage, steps: Steps<R>): Promise<R> {
  let next = steps.next();
  while (!next.done) {
    let answer: unknown;
    try {
      const op = next.value;
      answer = await ('get' in op ? storage.get(op.get) : storage.set(op.set, op.value));
    } catch (err) {
      next = steps.throw(err);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}
