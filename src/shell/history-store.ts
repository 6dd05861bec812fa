/**
 * Keeps the command history across reloads. Every line is written as soon as it is accepted
 * (no debounce: a reload right after Enter must not lose it) — in the next task, not in Enter's
 * own: opening an IndexedDB transaction there sat between Enter and the command's start
 * (bench: warm `wasmtime hello.wasm`). Writes are chained behind the
 * first load, so a line typed before the saved history arrived cannot overwrite it, and
 * unreadable saved history is set aside rather than overwritten.
 */
import { get, set, type UseStore } from 'idb-keyval';
import { dojoStore } from '../fs/persist';
import { CommandHistory, HISTORY_CAP } from './history';

export const HISTORY_KEY = 'wasm-dojo:history';

export class HistoryStore {
  private chain: Promise<unknown> = Promise.resolve();
  private lines: string[] = [];
  private loaded: Promise<string[]> | undefined;
  /** Set when reading or saving failed; the terminal may show it once. */
  lastError: unknown;

  constructor(private readonly opts: { store?: UseStore; key?: string; cap?: number } = {}) {}

  private get key(): string {
    return this.opts.key ?? HISTORY_KEY;
  }
  private get cap(): number {
    return this.opts.cap ?? HISTORY_CAP;
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
      .then(() => set(this.key, this.lines.slice(), this.store()))
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

  private store(): UseStore {
    return this.opts.store ?? dojoStore();
  }

  private async readSaved(): Promise<string[]> {
    let raw: unknown;
    try {
      raw = await get(this.key, this.store());
    } catch (err) {
      this.lastError = err;
      return [];
    }
    if (raw === undefined) return [];
    if (Array.isArray(raw) && raw.every((l) => typeof l === 'string')) return raw.slice(-this.cap);
    try {
      await set(`${this.key}:broken:${Date.now()}`, raw, this.store());
    } catch (err) {
      this.lastError = err;
    }
    return [];
  }
}
