/**
 * Keeps the command history across reloads, as one persisted document (lib/persisted-doc.ts).
 * Every line is written as soon as it is accepted (no debounce: a reload right after Enter must not
 * lose it) — in the next task, not in Enter's own: opening an IndexedDB transaction there sat between
 * Enter and the command's start (bench: warm `wasmtime hello.wasm`). Writes are chained behind the
 * first load, so a line typed before the saved history arrived cannot overwrite it, and unreadable
 * saved history is set aside under its own key (and said, once) rather than overwritten.
 */
import type { UseStore } from 'idb-keyval';
import { dojoStore, idbStorage } from '../fs/persist';
import { openDoc, setAsideMessage, type DocEnvelope, type PersistedDoc, type SetAsideNotice } from '../lib/persisted-doc';
import { CommandHistory, HISTORY_CAP } from './history';

export const HISTORY_KEY = 'wasm-dojo:history';
/**
 * Version 1, the only one so far, is stored as the bare list of lines (as the first release did);
 * a later version would be a `{ format, version, … }` record, told apart from the list by its shape.
 */
export const HISTORY_VERSION = 1;

const ENVELOPE: DocEnvelope = {
  wrap: (data) => data,
  unwrap: (record) => (Array.isArray(record) ? { version: 1, data: record } : 'it is not a list of lines'),
};

function validateLines(data: unknown): string[] {
  if (!Array.isArray(data)) throw new Error('it is not a list of lines');
  if (!data.every((l) => typeof l === 'string')) throw new Error('a line in it is not text');
  return data as string[];
}

export class HistoryStore {
  private chain: Promise<unknown> = Promise.resolve();
  private lines: string[] = [];
  private loaded: Promise<string[]> | undefined;
  /** Set when reading or saving failed; the terminal may show it once. */
  lastError: unknown;
  /** Set when the saved history could not be read and was kept aside. */
  setAside: SetAsideNotice | undefined;

  constructor(private readonly opts: { store?: UseStore; key?: string; cap?: number; now?: () => number } = {}) {}

  private get cap(): number {
    return this.opts.cap ?? HISTORY_CAP;
  }

  /** The line for the terminal when the saved history was set aside (undefined otherwise). */
  get setAsideMessage(): string | undefined {
    if (!this.setAside || this.setAside.repeated) return undefined;
    return setAsideMessage('command history', this.setAside, 'a new history was started');
  }

  /** The saved lines, oldest first; [] on a first visit, without storage, or when the data is unreadable. Reads once. */
  load(): Promise<string[]> {
    this.loaded ??= this.readSaved().then((saved) => {
      this.lines = [...saved, ...this.lines].slice(-this.cap);
      return saved;
    });
    return this.loaded;
  }

  /** Saves one more line; resolves when it is stored. Errors land in lastError, never thrown. */
  append(line: string): Promise<void> {
    this.lines.push(line);
    if (this.lines.length > this.cap) this.lines.splice(0, this.lines.length - this.cap);
    const write = this.chain
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      .then(() => this.load())
      .then(() => this.doc().save(this.lines.slice()))
      .catch((err: unknown) => {
        this.lastError = err;
      });
    this.chain = write;
    return write;
  }

  /** Fills `history` with the saved lines and saves every line added to it from now on. Returns the unsubscribe. */
  async attach(history: CommandHistory): Promise<() => void> {
    const off = history.onAdd((line) => void this.append(line));
    history.prepend(await this.load());
    return off;
  }

  private doc(): PersistedDoc<string[]> {
    return openDoc<string[]>({
      key: this.opts.key ?? HISTORY_KEY,
      version: HISTORY_VERSION,
      storage: idbStorage(this.opts.store ?? dojoStore()),
      envelope: ENVELOPE,
      validate: validateLines,
      ...(this.opts.now ? { now: this.opts.now } : {}),
    });
  }

  private async readSaved(): Promise<string[]> {
    try {
      const loaded = await this.doc().load();
      this.setAside = loaded.setAside;
      return (loaded.value ?? []).slice(-this.cap);
    } catch (err) {
      this.lastError = err;
      return [];
    }
  }
}
