/**
 * The terminal's conversation with the shell, without a DOM: keys in, escape sequences out.
 * It decides who gets each key (the line editor, a command's question, or the type-ahead
 * queue while a command runs), runs submitted lines one after another, streams their output,
 * and keeps the page responsive when someone pastes a novel or a command floods stdout.
 * The xterm adapter is a thin shell around this class, so all of it is tested in Node.
 */
import type { Completion, InteractiveShell, KeyReader, OutputSink, TerminalIO } from '../shell/types';
import { glueAfter, historyLine, type CommandSoFar } from '../shell/continuation';
import type { Key } from './keys';
import { keySequences, parseKeys } from './keys';
import type { EditorEffect } from './line-editor';
import { DEFAULT_MAX_LINE, LineEditor } from './line-editor';
import { LineRenderer } from './line-renderer';
import { wordWrap } from './word-wrap';

/** The little a session needs from a terminal widget. */
export interface TerminalSurface {
  write(data: string): void;
  columns(): number;
  /** The widget's height, for a pager's pages. */
  height?(): number;
}

export interface SessionLimits {
  /** Characters accepted from one paste; the rest is dropped with a message. */
  maxPasteChars: number;
  /** Lines run from one paste. */
  maxPasteLines: number;
  /** Characters of output shown per command line before the rest is dropped. */
  maxOutputChars: number;
  /** Keys held while a command runs. */
  maxTypeAhead: number;
  maxLineChars: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  maxPasteChars: 200_000,
  maxPasteLines: 1_000,
  maxOutputChars: 2_000_000,
  maxTypeAhead: 20_000,
  maxLineChars: DEFAULT_MAX_LINE,
};

/** bash's default PS2, shown while a command continues over several lines. */
const CONTINUATION_PROMPT = '> ';

/** At most this long a submitted line's echo waits to be drawn together with its first output. */
export const HOLD_WRITES_MS = 16;

/** xterm's alternate screen (a pager's), which saves the cursor on entry and restores it on exit. */
export const ALT_SCREEN_ON = '\x1b[?1049h';
export const ALT_SCREEN_OFF = '\x1b[?1049l';

/** Clear the screen and the scrollback, cursor home. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

/**
 * User Timing marks read by `npm run bench` (bench/run.mjs): Enter, the first output chunk of a
 * command, and the prompt after it. Each name keeps only its latest mark, so a long session does not
 * accumulate entries; it costs microseconds.
 */
export function benchMark(name: string): void {
  const perf = globalThis.performance;
  if (!perf?.mark) return;
  perf.clearMarks(name);
  perf.mark(name);
}

/** Terminal output wants CR LF; commands write plain LF. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

interface Question {
  editor: LineEditor;
  resolve(answer: string | null): void;
}

/** A running command waiting in readKey. */
interface KeyWaiter {
  resolve(key: string | null): void;
}

export class TerminalSession {
  private readonly renderer: LineRenderer;
  private readonly editor: LineEditor;
  private readonly limits: SessionLimits;
  private readonly queue: Key[] = [];
  private runningLine: string | null = null;
  private abort: AbortController | null = null;
  private question: Question | null = null;
  /** Whether the last character written ended a line, so the next prompt starts in column 0. */
  private atLineStart = true;
  private outputChars = 0;
  private outputCut = false;
  private idleWaiters: Array<() => void> = [];
  private started = false;
  /** The command typed so far while it continues at `> ` (bash's PS2). */
  private continued: CommandSoFar | null = null;
  /** The running command reading single keys (a pager), and keys parsed but not read yet. */
  private keyWaiter: KeyWaiter | null = null;
  private pendingKeys: string[] = [];
  /** The running line has read single keys: what it leaves unread is its, not the next prompt's. */
  private readKeys = false;
  /** A command switched to the alternate screen; `mainLineStart` is atLineStart on the main one. */
  private altScreen = false;
  private mainLineStart = true;

  constructor(
    private readonly surface: TerminalSurface,
    private readonly shell: InteractiveShell,
    limits: Partial<SessionLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.renderer = new LineRenderer(() => surface.columns());
    this.editor = new LineEditor({
      prompt: shell.promptText(),
      // A command continued over several lines (`> `) comes back on one: the editor draws one line.
      history: () => shell.history().map(historyLine),
      complete: (line, cursor) => this.complete(line, cursor),
      maxLength: this.limits.maxLineChars,
      columns: () => surface.columns(),
    });
  }

  get busy(): boolean {
    return this.runningLine !== null;
  }

  /** Resolves once no command runs and no typed-ahead line is waiting (tests, e2e). */
  whenIdle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Prints the banner (if any), wrapped at word boundaries for the terminal's width, and the first prompt. */
  start(banner?: string): void {
    if (this.started) return;
    this.started = true;
    if (banner) {
      const text = wordWrap(banner.endsWith('\n') ? banner : `${banner}\n`, this.surface.columns());
      this.writeRaw(toTerminalNewlines(text));
    }
    this.applyEffects(this.editor.reset(this.shell.promptText()));
  }

  /** Raw data from the terminal widget: keystrokes or a paste. */
  input(data: string): void {
    for (const key of this.expandPastes(parseKeys(data))) this.routeKey(key);
    this.pump();
  }

  /**
   * A message from outside the shell (a file was loaded, the workspace was reset). It appears
   * above the line being typed, which is then redrawn unchanged.
   */
  print(text: string): void {
    const body = toTerminalNewlines(text.endsWith('\n') ? text : `${text}\n`);
    if (this.busy) {
      this.writeOutput(body);
      return;
    }
    if (!this.started) {
      this.writeRaw(body);
      return;
    }
    this.writeRaw(this.renderer.erase() + body);
    this.applyEffects([{ kind: 'render', view: this.editor.view() }]);
  }

  /**
   * Tab at `> ` completes within the whole command so far, as bash does: after `wasmtime run \`
   * the next line's `--di` is still one of wasmtime's flags, not a command name.
   */
  private complete(line: string, cursor: number): Completion {
    if (!this.continued) return this.shell.complete(line, cursor);
    const before = this.continued.text + glueAfter(this.continued);
    const found = this.shell.complete(before + line, before.length + cursor);
    // A word that began on an earlier line cannot be replaced from this one.
    if (found.start < before.length) return { start: cursor, candidates: [] };
    return { ...found, start: found.start - before.length };
  }

  /** Drops a command left unfinished at `> ` (a lesson is about to type its own) and shows a fresh prompt. */
  abandonUnfinished(): void {
    if (!this.continued || this.busy) return;
    this.continued = null;
    this.writeRaw(this.finishLineWith(''));
    this.applyEffects(this.editor.reset(this.shell.promptText()));
  }

  /** `clear` and Ctrl-L. */
  clearScreen(): void {
    this.writeRaw(CLEAR_SCREEN);
    this.renderer.forget();
    this.atLineStart = true;
    if (!this.busy && this.started) this.applyEffects([{ kind: 'render', view: this.editor.view() }]);
  }

  /** Before the widget changes width: take the line off screen so it can be drawn again. */
  beforeResize(): void {
    if (!this.busy && this.renderer.isDrawn) this.writeRaw(this.renderer.erase());
  }

  afterResize(): void {
    if (!this.busy && this.started && !this.renderer.isDrawn) {
      this.applyEffects([{ kind: 'render', view: this.question?.editor.view() ?? this.editor.view() }]);
    }
  }

  /** Ctrl-C while a command runs: abort it and drop the type-ahead, as a tty flushes input on SIGINT. */
  interrupt(): void {
    this.queue.length = 0;
    this.pendingKeys.length = 0;
    this.settleKey(null);
    if (this.question) {
      // Ctrl-C at a question: the answer is null and, as SIGINT would, the command is stopped.
      const q = this.question;
      this.writeRaw(this.finishLineWith('^C'));
      this.question = null;
      this.atLineStart = true;
      q.resolve(null);
    } else if (this.abort && !this.abort.signal.aborted) {
      this.writeRaw('^C');
      this.atLineStart = false;
    }
    if (this.abort && !this.abort.signal.aborted) this.abort.abort();
  }

  // ── key routing ────────────────────────────────────────────────────────────────
  /** Turns bracketed pastes into typed text and Enters, capped so a huge paste cannot freeze us. */
  private expandPastes(keys: Key[]): Key[] {
    const out: Key[] = [];
    for (const key of keys) {
      if (key.type !== 'paste') {
        out.push(key);
        continue;
      }
      let text = key.text;
      const notes: string[] = [];
      if (text.length > this.limits.maxPasteChars) {
        notes.push(`dojo: paste too long: kept the first ${this.limits.maxPasteChars} of ${text.length} characters`);
        text = text.slice(0, this.limits.maxPasteChars);
      }
      let lines = text.split(/\r\n|\r|\n/);
      if (lines.length > this.limits.maxPasteLines + 1) {
        notes.push(`dojo: paste has ${lines.length} lines: running the first ${this.limits.maxPasteLines}`);
        lines = lines.slice(0, this.limits.maxPasteLines + 1);
        lines[lines.length - 1] = '';
      }
      for (const note of notes) this.print(note);
      lines.forEach((line, i) => {
        if (line) out.push({ type: 'text', text: line });
        if (i < lines.length - 1) out.push({ type: 'key', name: 'enter' });
      });
    }
    return out;
  }

  private routeKey(key: Key): void {
    const isCtrlC = key.type === 'key' && key.name === 'ctrl-c';
    if (this.busy && isCtrlC) {
      // Keys typed before the Ctrl-C reach a question first, as they would on a real tty.
      if (this.question) this.pump();
      this.interrupt();
      return;
    }
    if (this.queue.length >= this.limits.maxTypeAhead) return;
    this.queue.push(key);
  }

  /** Feeds queued keys to whoever reads them now, stopping when a line starts running. */
  private pump(): void {
    while (this.queue.length > 0) {
      if (this.question) {
        this.feedQuestion(this.queue.shift()!);
        continue;
      }
      if (this.keyWaiter) {
        this.pendingKeys.push(...keySequences(this.queue.shift()!));
        const next = this.pendingKeys.shift();
        if (next !== undefined) this.settleKey(next);
        continue;
      }
      if (this.busy) return;
      this.applyEffects(this.editor.handle(this.queue.shift()!));
    }
    if (!this.busy) this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private applyEffects(effects: EditorEffect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'render':
          this.writeRaw(this.renderer.render(effect.view));
          break;
        case 'print':
          this.writeRaw(this.renderer.finish() + toTerminalNewlines(effect.text) + '\r\n');
          break;
        case 'clear':
          this.writeRaw(CLEAR_SCREEN);
          this.renderer.forget();
          break;
        case 'cancel':
          // Ctrl-C at `> ` drops the whole unfinished command, as in bash.
          this.continued = null;
          this.shell.interruptedAtPrompt?.();
          this.writeRaw(this.finishLineWith('^C'));
          this.applyEffects(this.editor.reset(this.shell.promptText()));
          break;
        case 'submit': {
          const read = this.shell.readLine?.(effect.line, this.continued ?? undefined);
          if (read?.why) {
            this.continued = read;
            this.writeRaw(this.finishLineWith(''));
            this.applyEffects(this.editor.reset(CONTINUATION_PROMPT));
            break;
          }
          const line = read?.text ?? effect.line;
          this.continued = null;
          this.holdWrites();
          this.writeRaw(this.finishLineWith(''));
          this.runLine(line);
          break;
        }
        case 'bell':
          break;
      }
    }
  }

  /** Moves to the end of the drawn line, writes `suffix` there and starts a new row. */
  private finishLineWith(suffix: string): string {
    const view = this.question?.editor.view() ?? this.editor.view();
    const toEnd = this.renderer.isDrawn ? this.renderer.render({ ...view, cursor: view.text.length }) : '';
    const finish = this.renderer.finish();
    if (!suffix) return toEnd + finish;
    // finish() is "\r\n" (or "\r" after a wrap fix); put the suffix before it.
    return toEnd + finish.replace(/\r\n?$/, `${suffix}\r\n`);
  }

  // ── running a line ─────────────────────────────────────────────────────────────
  private runLine(line: string): void {
    this.atLineStart = true;
    if (line.trim() === '') {
      this.writeNotices();
      this.applyEffects(this.editor.reset(this.shell.promptText()));
      this.releaseWrites();
      return;
    }
    benchMark('dojo:enter');
    this.firstOutputPending = true;
    this.runningLine = line;
    this.abort = new AbortController();
    this.outputChars = 0;
    this.outputCut = false;
    const io = this.makeIO();
    const signal = this.abort.signal;
    void (async () => {
      try {
        await this.shell.execute(line, io, signal);
      } catch (err) {
        // The shell promises never to throw; if it does anyway, say so instead of hanging.
        this.writeOutput(`dojo: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      for (const flush of this.flushers) flush();
      this.flushers = [];
      this.finishRun();
    })();
  }

  private flushers: Array<() => void> = [];
  /** The running line has not printed yet (bench mark 'dojo:first-output'). */
  private firstOutputPending = false;

  private finishRun(): void {
    this.runningLine = null;
    this.abort = null;
    if (this.question) {
      this.question.resolve(null);
      this.question = null;
    }
    this.settleKey(null);
    if (this.readKeys) {
      // Keys a pager did not get to (q pressed twice, a held space) must not become the next command.
      this.queue.length = 0;
      this.readKeys = false;
    }
    this.pendingKeys.length = 0;
    if (this.altScreen) {
      // Interrupted on its alternate screen (its own exit muted): back to the main one, where the line was.
      this.writeRaw(ALT_SCREEN_OFF);
      this.altScreen = false;
      this.atLineStart = this.mainLineStart;
    }
    if (!this.atLineStart) this.writeRaw('\r\n');
    this.atLineStart = true;
    this.writeNotices();
    this.applyEffects(this.editor.reset(this.shell.promptText()));
    this.releaseWrites();
    benchMark('dojo:prompt');
    this.pump();
  }

  /** bash reports background jobs that ended just before it prints its prompt, after an empty Enter too. */
  private writeNotices(): void {
    const notices = this.shell.takeNotices?.();
    if (notices) this.writeRaw(toTerminalNewlines(notices));
  }

  private makeIO(): TerminalIO {
    const surface = this.surface;
    const keys: KeyReader = {
      readKey: (signal) => this.readKey(signal),
      get rows() {
        return surface.height?.();
      },
    };
    return {
      stdout: this.makeSink(),
      stderr: this.makeSink(),
      prompt: (question, defaultValue) => this.ask(question, defaultValue),
      keys,
      noticesAtPrompt: this.shell.takeNotices !== undefined,
    };
  }

  private makeSink(): OutputSink {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const session = this;
    this.flushers.push(() => {
      const rest = decoder.decode();
      if (rest) session.writeOutput(rest);
    });
    return {
      isTTY: true,
      get columns() {
        return session.surface.columns();
      },
      write(data: string | Uint8Array) {
        const text = typeof data === 'string' ? data : decoder.decode(data, { stream: true });
        if (text) session.writeOutput(text);
      },
    };
  }

  /** Command output: newline-converted, counted, and cut when a command floods the screen. */
  private writeOutput(text: string): void {
    if (this.outputCut) return;
    const room = this.limits.maxOutputChars - this.outputChars;
    let chunk = text;
    if (chunk.length > room) {
      chunk = chunk.slice(0, Math.max(0, room));
      this.outputCut = true;
    }
    this.outputChars += chunk.length;
    if (this.question && this.renderer.isDrawn) this.writeRaw(this.renderer.erase());
    if (chunk) {
      if (this.firstOutputPending) {
        this.firstOutputPending = false;
        benchMark('dojo:first-output');
      }
      this.writeRaw(toTerminalNewlines(chunk));
      this.releaseWrites();
      this.atLineStart = this.lineStartAfter(chunk);
    }
    if (this.outputCut) {
      this.writeRaw(
        `${this.atLineStart ? '' : '\r\n'}\x1b[2mdojo: output cut after ${this.limits.maxOutputChars} characters so the page stays responsive\x1b[0m\r\n`,
      );
      this.atLineStart = true;
    }
    if (this.question) this.applyEffects([{ kind: 'render', view: this.question.editor.view() }]);
  }

  /**
   * Whether the cursor is in column 0 after `chunk`. Leaving the alternate screen puts it back where
   * it was on the main one, so `man ls` then q gives the prompt on the next row, with no blank line.
   */
  private lineStartAfter(chunk: string): boolean {
    const on = chunk.lastIndexOf(ALT_SCREEN_ON);
    const off = chunk.lastIndexOf(ALT_SCREEN_OFF);
    if (on > off) {
      if (!this.altScreen) this.mainLineStart = on === 0 ? this.atLineStart : chunk.slice(0, on).endsWith('\n');
      this.altScreen = true;
    } else if (off >= 0) {
      const main = this.altScreen ? this.mainLineStart : this.atLineStart;
      this.altScreen = false;
      if (off + ALT_SCREEN_OFF.length === chunk.length) return main;
    }
    return chunk.endsWith('\n');
  }

  private writeRaw(data: string): void {
    if (!data) return;
    if (this.held) this.held.push(data);
    else this.surface.write(data);
  }

  /**
   * From Enter until the command's first output (or its end, or one frame), terminal writes are held
   * and then handed over together. Otherwise the echoed newline schedules a render frame that the
   * Wasm worker's reply has to wait behind, which was most of a warm `wasmtime hello.wasm`.
   */
  private held: string[] | null = null;
  private heldTimer: ReturnType<typeof setTimeout> | undefined;

  private holdWrites(): void {
    if (this.held) return;
    this.held = [];
    this.heldTimer = setTimeout(() => this.releaseWrites(), HOLD_WRITES_MS);
  }

  private releaseWrites(): void {
    if (!this.held) return;
    clearTimeout(this.heldTimer);
    const data = this.held.join('');
    this.held = null;
    if (data) this.surface.write(data);
  }

  // ── single keys read by a running command ──────────────────────────────────────
  /** A pager's next key: typed-ahead keys first, then the next one pressed. Ctrl-C aborts, never arrives. */
  private readKey(signal: AbortSignal): Promise<string | null> {
    if (!this.busy || signal.aborted || this.keyWaiter || this.question) return Promise.resolve(null);
    this.readKeys = true;
    this.releaseWrites(); // the page must be on screen before we wait for a key
    const ready = this.pendingKeys.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const onAbort = () => this.settleKey(null);
      signal.addEventListener('abort', onAbort, { once: true });
      this.keyWaiter = {
        resolve: (key) => {
          signal.removeEventListener('abort', onAbort);
          resolve(key);
        },
      };
      this.pump();
    });
  }

  private settleKey(key: string | null): void {
    const waiter = this.keyWaiter;
    this.keyWaiter = null;
    waiter?.resolve(key);
  }

  // ── questions asked by a running command ───────────────────────────────────────
  private ask(question: string, defaultValue?: string): Promise<string | null> {
    if (!this.busy || this.abort?.signal.aborted) return Promise.resolve(null);
    if (this.question) return Promise.resolve(null); // one question at a time
    this.releaseWrites(); // the learner must see the question at once
    // The question is drawn as a prompt from column 0; never overwrite a half-written output line.
    if (!this.atLineStart) this.writeRaw('\r\n');
    return new Promise((resolve) => {
      const editor = new LineEditor({ prompt: question, maxLength: this.limits.maxLineChars });
      this.question = { editor, resolve };
      this.renderer.forget();
      const effects = editor.reset(question);
      if (defaultValue) effects.push(...editor.handle({ type: 'text', text: defaultValue }));
      this.applyQuestionEffects(effects);
      // Keys typed ahead belong to the question now.
      queueMicrotask(() => this.pump());
    });
  }

  private feedQuestion(key: Key): void {
    const q = this.question!;
    if (key.type === 'key' && key.name === 'ctrl-c') {
      this.interrupt();
      return;
    }
    this.applyQuestionEffects(q.editor.handle(key));
  }

  private applyQuestionEffects(effects: EditorEffect[]): void {
    for (const effect of effects) {
      const q = this.question;
      if (!q) return;
      if (effect.kind === 'render') this.writeRaw(this.renderer.render(effect.view));
      else if (effect.kind === 'submit') {
        this.writeRaw(this.finishLineWith(''));
        this.question = null;
        this.atLineStart = true;
        q.resolve(effect.line);
      } else if (effect.kind === 'cancel') {
        this.interrupt();
      } else if (effect.kind === 'print') {
        this.writeRaw(this.renderer.finish() + toTerminalNewlines(effect.text) + '\r\n');
      }
    }
  }
}
