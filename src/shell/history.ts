/**
 * The command history: the list of accepted lines that the line editor walks (↑/↓) and searches
 * (Ctrl-R) in terminal/line-editor.ts. Pure; persistence is HistoryStore's job, which subscribes with
 * onAdd so every accepted line is saved at once.
 */

export const HISTORY_CAP = 1000;

export class CommandHistory {
  private entries: string[];
  private readonly listeners = new Set<(line: string) => void>();

  constructor(
    initial: readonly string[] = [],
    readonly cap = HISTORY_CAP,
  ) {
    this.entries = initial.slice(-cap);
  }

  list(): readonly string[] {
    return this.entries;
  }

  /** Records a typed line. Blank lines are skipped; everything else is kept, duplicates included, so nothing typed is lost. */
  add(line: string): void {
    if (line.trim() === '') return;
    this.entries.push(line);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    for (const l of this.listeners) l(line);
  }

  /** Adds lines loaded later than construction (e.g. the saved history arrived after typing began), oldest first. */
  prepend(older: readonly string[]): void {
    this.entries = [...older, ...this.entries].slice(-this.cap);
  }

  onAdd(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
