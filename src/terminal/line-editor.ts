/**
 * The readline of Wasm Dojo: a pure state machine (no DOM, no xterm) holding the line being
 * typed and the cursor. It takes named keys and answers with effects — "draw this line",
 * "print this above", "run this line" — that the terminal session turns into escape sequences.
 * Keeping it pure lets every editing rule be unit-tested in Node.
 */
import type { Completion } from '../shell/types';
import type { Key, KeyName } from './keys';
import { printableOnly } from './keys';
import { codePointEnd, codePointStartBefore, cutWhole, nextCharEnd, padCells, prevCharStart, stringWidth } from '../lib/char-width';

/** What the screen should show for the line being edited. */
export interface LineView {
  /** Text before the editable part: the shell prompt, or the reverse-search banner. */
  prompt: string;
  text: string;
  /** Cursor offset within `text`. */
  cursor: number;
}

export type EditorEffect =
  /** Redraw the current line as `view`. */
  | { kind: 'render'; view: LineView }
  /** Finish the current line on screen (cursor to its end, newline), then print `text` and start a fresh line. */
  | { kind: 'print'; text: string }
  /** The learner pressed Enter on `line`: finish the line on screen and run it. */
  | { kind: 'submit'; line: string }
  /** Ctrl-C: the line is abandoned (shown with ^C). */
  | { kind: 'cancel' }
  /** Ctrl-L: clear the screen, then the line is drawn again at the top. */
  | { kind: 'clear' }
  | { kind: 'bell' };

export interface LineEditorOptions {
  prompt: string;
  /** Oldest first; read on each ↑/↓/Ctrl-R so new entries show up without re-creating the editor. */
  history?: () => readonly string[];
  complete?: (line: string, cursor: number) => Completion;
  /** Longest line accepted; longer input is cut and the learner is told. */
  maxLength?: number;
  /** Columns available for listing completion candidates. */
  columns?: () => number;
}

export const DEFAULT_MAX_LINE = 16_384;
/** Beyond this many candidates a listing is cut short (bash asks; we just say how many more). */
const MAX_LISTED = 200;

interface SearchState {
  query: string;
  /** Index into history of the current match, or -1 when nothing matches. */
  index: number;
  failed: boolean;
  /** Line to restore when the search is cancelled. */
  saved: { text: string; cursor: number };
}

export class LineEditor {
  private text = '';
  private cursor = 0;
  private prompt: string;
  /** Position while walking history: history.length means "the line being typed". */
  private historyIndex = -1;
  /** The in-progress line, kept while the learner browses history. */
  private draft = '';
  private search: SearchState | null = null;
  private lastKeyWasTab = false;
  private readonly maxLength: number;

  constructor(private readonly opts: LineEditorOptions) {
    this.prompt = opts.prompt;
    this.maxLength = opts.maxLength ?? DEFAULT_MAX_LINE;
  }

  /** Starts a fresh, empty line with `prompt` (after a command finished). */
  reset(prompt: string = this.prompt): EditorEffect[] {
    this.prompt = prompt;
    this.text = '';
    this.cursor = 0;
    this.historyIndex = -1;
    this.draft = '';
    this.search = null;
    this.lastKeyWasTab = false;
    return [this.render()];
  }

  view(): LineView {
    if (this.search) {
      const s = this.search;
      const label = s.failed ? 'failed reverse-i-search' : 'reverse-i-search';
      return { prompt: `(${label})\`${s.query}': `, text: this.text, cursor: this.cursor };
    }
    return { prompt: this.prompt, text: this.text, cursor: this.cursor };
  }

  get searching(): boolean {
    return this.search !== null;
  }

  handle(key: Key): EditorEffect[] {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = false;
    if (key.type === 'text') return this.insert(key.text);
    if (key.type === 'paste') return this.insert(key.text.replace(/\r\n?|\n/g, ' '));
    if (this.search) return this.handleSearchKey(key.name);
    return this.handleKey(key.name, wasTab);
  }

  private render(): EditorEffect {
    return { kind: 'render', view: this.view() };
  }

  private insert(raw: string): EditorEffect[] {
    if (this.search) return this.searchType(printableOnly(raw));
    const clean = printableOnly(raw);
    if (!clean) return [];
    const room = this.maxLength - this.text.length;
    const accepted = room > 0 ? cutWhole(clean, room) : '';
    const effects: EditorEffect[] = [];
    if (accepted) {
      this.text = this.text.slice(0, this.cursor) + accepted + this.text.slice(this.cursor);
      this.cursor += accepted.length;
      effects.push(this.render());
    }
    if (accepted.length < clean.length) {
      effects.push({
        kind: 'print',
        text: `dojo: line too long: kept the first ${this.maxLength} characters, dropped ${clean.length - accepted.length}`,
      });
      effects.push(this.render());
    }
    return effects;
  }

  private setLine(text: string, cursor = text.length): EditorEffect[] {
    this.text = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    return [this.render()];
  }

  private handleKey(name: KeyName, wasTab: boolean): EditorEffect[] {
    const { text, cursor } = this;
    switch (name) {
      case 'enter': {
        const line = this.text;
        this.historyIndex = -1;
        this.draft = '';
        return [{ kind: 'submit', line }];
      }
      case 'ctrl-c':
        return [{ kind: 'cancel' }];
      case 'ctrl-l':
        return [{ kind: 'clear' }, this.render()];
      case 'left':
      case 'ctrl-b':
        return cursor > 0 ? this.setLine(text, prevCharStart(text, cursor)) : [];
      case 'right':
      case 'ctrl-f':
        return cursor < text.length ? this.setLine(text, nextCharEnd(text, cursor)) : [];
      case 'home':
      case 'ctrl-a':
        return cursor !== 0 ? this.setLine(text, 0) : [];
      case 'end':
      case 'ctrl-e':
        return cursor !== text.length ? this.setLine(text, text.length) : [];
      case 'word-left':
        return this.setLine(text, wordStartBefore(text, cursor));
      case 'word-right':
        return this.setLine(text, wordEndAfter(text, cursor));
      case 'backspace':
        if (cursor === 0) return [{ kind: 'bell' }];
        return this.setLine(text.slice(0, prevCharStart(text, cursor)) + text.slice(cursor), prevCharStart(text, cursor));
      case 'delete':
      case 'ctrl-d':
        // As in bash: deletes under the cursor; on an empty line Ctrl-D has no shell to leave.
        if (cursor >= text.length) return [{ kind: 'bell' }];
        return this.setLine(text.slice(0, cursor) + text.slice(nextCharEnd(text, cursor)), cursor);
      case 'ctrl-u':
        return this.setLine(text.slice(cursor), 0);
      case 'ctrl-k':
        return this.setLine(text.slice(0, cursor), cursor);
      case 'ctrl-w': {
        // Readline's unix-word-rubout: back over spaces, then back to the previous space.
        let start = cursor;
        while (start > 0 && text[start - 1] === ' ') start--;
        while (start > 0 && text[start - 1] !== ' ') start--;
        return this.setLine(text.slice(0, start) + text.slice(cursor), start);
      }
      case 'up':
      case 'ctrl-p':
        return this.historyStep(-1);
      case 'down':
      case 'ctrl-n':
        return this.historyStep(+1);
      case 'ctrl-r':
        return this.startSearch();
      case 'tab':
        return this.completeAtCursor(wasTab);
      case 'escape':
      case 'ctrl-g':
      case 'page-up': // PageUp/PageDown are unbound in bash's default readline keymap.
      case 'page-down':
        return [];
    }
  }

  private history(): readonly string[] {
    return this.opts.history?.() ?? [];
  }

  private historyStep(direction: -1 | 1): EditorEffect[] {
    const entries = this.history();
    const current = this.historyIndex < 0 ? entries.length : this.historyIndex;
    const next = current + direction;
    if (next < 0 || next > entries.length) return [{ kind: 'bell' }];
    if (current === entries.length) this.draft = this.text;
    this.historyIndex = next;
    return this.setLine(next === entries.length ? this.draft : (entries[next] ?? ''));
  }

  // ── Ctrl-R reverse incremental search ───────────────────────────────────────────
  private startSearch(): EditorEffect[] {
    this.search = { query: '', index: -1, failed: false, saved: { text: this.text, cursor: this.cursor } };
    return [this.render()];
  }

  /** Finds the newest entry at or before `from` containing `query`. */
  private findBackward(query: string, from: number): number {
    const entries = this.history();
    for (let i = Math.min(from, entries.length - 1); i >= 0; i--) {
      if (entries[i]!.includes(query)) return i;
    }
    return -1;
  }

  private showMatch(index: number): void {
    const s = this.search!;
    const entry = this.history()[index] ?? '';
    s.index = index;
    s.failed = false;
    this.text = entry;
    this.cursor = Math.max(0, entry.indexOf(s.query));
  }

  private searchType(chars: string): EditorEffect[] {
    const s = this.search!;
    if (!chars) return [];
    s.query += chars;
    const start = s.index >= 0 ? s.index : this.history().length - 1;
    const found = this.findBackward(s.query, start);
    if (found >= 0) this.showMatch(found);
    else s.failed = true;
    return s.failed ? [{ kind: 'bell' }, this.render()] : [this.render()];
  }

  private handleSearchKey(name: KeyName): EditorEffect[] {
    const s = this.search!;
    switch (name) {
      case 'ctrl-r': {
        if (!s.query) return [this.render()];
        const from = (s.index >= 0 ? s.index : this.history().length) - 1;
        const found = this.findBackward(s.query, from);
        if (found >= 0) {
          this.showMatch(found);
          return [this.render()];
        }
        s.failed = true;
        return [{ kind: 'bell' }, this.render()];
      }
      case 'backspace': {
        s.query = s.query.slice(0, prevCharStart(s.query, s.query.length));
        if (!s.query) {
          s.index = -1;
          s.failed = false;
          this.text = s.saved.text;
          this.cursor = s.saved.cursor;
          return [this.render()];
        }
        const found = this.findBackward(s.query, this.history().length - 1);
        if (found >= 0) this.showMatch(found);
        else s.failed = true;
        return [this.render()];
      }
      case 'ctrl-c':
      case 'ctrl-g': {
        // Abandon the search and give back the line as it was.
        this.text = s.saved.text;
        this.cursor = s.saved.cursor;
        this.search = null;
        return name === 'ctrl-c' ? [{ kind: 'cancel' }] : [this.render()];
      }
      case 'enter':
        this.search = null;
        return this.handleKey('enter', false);
      default:
        // Any editing key accepts the match into the line and then acts on it, as readline does.
        this.search = null;
        if (name === 'escape') return [this.render()];
        return [this.render(), ...this.handleKey(name, false)];
    }
  }

  // ── Tab completion ──────────────────────────────────────────────────────────────
  private completeAtCursor(wasTab: boolean): EditorEffect[] {
    if (!this.opts.complete) return [{ kind: 'bell' }];
    let completion: Completion;
    try {
      completion = this.opts.complete(this.text, this.cursor);
    } catch {
      return [{ kind: 'bell' }];
    }
    const { candidates } = completion;
    const start = Math.max(0, Math.min(completion.start, this.cursor));
    const word = this.text.slice(start, this.cursor);
    if (candidates.length === 0) return [{ kind: 'bell' }];
    if (candidates.length === 1) {
      const only = candidates[0]!;
      const suffix = only.endsWith('/') ? '' : ' ';
      const after = this.text.slice(this.cursor);
      const addSpace = suffix && !after.startsWith(' ') ? suffix : '';
      const text = this.text.slice(0, start) + only + addSpace + after;
      return this.setLine(text, start + only.length + addSpace.length);
    }
    const common = longestCommonPrefix(candidates);
    if (common.length > word.length && common.startsWith(word)) {
      this.lastKeyWasTab = true;
      return this.setLine(this.text.slice(0, start) + common + this.text.slice(this.cursor), start + common.length);
    }
    if (!wasTab) {
      this.lastKeyWasTab = true;
      return [{ kind: 'bell' }];
    }
    this.lastKeyWasTab = true;
    return [{ kind: 'print', text: formatCandidates(candidates, this.opts.columns?.() ?? 80) }, this.render()];
  }
}

export function longestCommonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    // Two emoji that share their first UTF-16 unit share no character.
    prefix = cutWhole(prefix, i);
  }
  return prefix;
}

/** Shows what a candidate adds to the path typed so far, like bash lists basenames. */
function displayName(candidate: string): string {
  const trimmed = candidate.endsWith('/') ? candidate.slice(0, -1) : candidate;
  const slash = trimmed.lastIndexOf('/');
  const base = slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
  return candidate.endsWith('/') ? `${base}/` : base;
}

/** Lays candidates out in columns, top-to-bottom like `ls`. */
export function formatCandidates(candidates: readonly string[], columns: number): string {
  const shown = candidates.slice(0, MAX_LISTED).map(displayName);
  const width = Math.max(...shown.map(stringWidth)) + 2;
  const perRow = Math.max(1, Math.floor(Math.max(columns, 1) / width));
  const rows = Math.ceil(shown.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = shown[c * rows + r];
      if (item === undefined) continue;
      line += padCells(item, width);
    }
    lines.push(line.trimEnd());
  }
  if (candidates.length > MAX_LISTED) lines.push(`... and ${candidates.length - MAX_LISTED} more`);
  return lines.join('\n');
}

/** Readline's word characters: letters and digits of any script (with their marks), and `_`. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
const isWordAt = (text: string, i: number) => WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));

function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWordAt(text, codePointStartBefore(text, i))) i = codePointStartBefore(text, i);
  while (i > 0 && isWordAt(text, codePointStartBefore(text, i))) i = codePointStartBefore(text, i);
  return i;
}

function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordAt(text, i)) i = codePointEnd(text, i);
  while (i < text.length && isWordAt(text, i)) i = codePointEnd(text, i);
  return i;
}
