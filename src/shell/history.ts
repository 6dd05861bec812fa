/**
 * The command history model: what ↑/↓ walk through and Ctrl-R searches. Pure; persistence is
 * HistoryStore's job, which subscribes with onAdd so every accepted line is saved at once.
 */

export const HISTORY_CAP = 1000;

export class CommandHistory {
  private entries: string[];
  private readonly listeners = new Set<(line: string) => void>();
  /** Index into entries while navigating; entries.length means "the line being typed". */
  private cursor: number;
  private draft = '';

  constructor(
    initial: readonly string[] = [],
    readonly cap = HISTORY_CAP,
  ) {
    this.entries = initial.slice(-cap);
    this.cursor = this.entries.length;
  }

  list(): readonly string[] {
    return this.entries;
  }

  /** Records a typed line. Blank lines are skipped; everything else is kept, duplicates included, so nothing typed is lost. */
  add(line: string): void {
    this.cursor = this.entries.length;
    if (line.trim() === '') return;
    this.entries.push(line);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    this.cursor = this.entries.length;
    this.draft = '';
    for (const l of this.listeners) l(line);
  }

  /** Adds lines loaded later than construction (e.g. the saved history arrived after typing began), oldest first. */
  prepend(older: readonly string[]): void {
    this.entries = [...older, ...this.entries].slice(-this.cap);
    this.cursor = this.entries.length;
  }

  onAdd(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** ↑: the previous entry, remembering the half-typed `current` line for ↓ to return to. */
  previous(current: string): string | undefined {
    if (this.cursor === this.entries.length) this.draft = current;
    if (this.cursor === 0) return undefined;
    this.cursor--;
    return this.entries[this.cursor];
  }

  /** ↓: the next entry, or the remembered draft past the newest. */
  next(): string | undefined {
    if (this.cursor >= this.entries.length) return undefined;
    this.cursor++;
    return this.cursor === this.entries.length ? this.draft : this.entries[this.cursor];
  }

  resetNavigation(): void {
    this.cursor = this.entries.length;
    this.draft = '';
  }

  /**
   * Ctrl-R: the newest entry containing `query`, searching backwards from before index `before`
   * (pass the previous match's index to find older ones).
   */
  search(query: string, before = this.entries.length): { index: number; line: string } | undefined {
    if (query === '') return undefined;
    for (let i = Math.min(before, this.entries.length) - 1; i >= 0; i--) {
      const line = this.entries[i]!;
      if (line.includes(query)) return { index: i, line };
    }
    return undefined;
  }
}
