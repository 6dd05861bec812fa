/**
 * The thin browser half of the terminal: an xterm.js widget wired to a TerminalSession.
 * Everything that decides *what* to draw lives in the session; this file only connects
 * keyboard, clipboard, resizing and themes to it.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { InteractiveShell } from '../shell/types';
import { benchMark, TerminalSession } from './session';
import { forwardInsertedText } from './inserted-text';
import { DOJO_UNICODE } from './unicode-provider';
import { muteTerminalQueries } from './query-guard';

export const DARK_THEME: ITheme = {
  background: '#0f1419',
  foreground: '#e6e1cf',
  cursor: '#f29718',
  cursorAccent: '#0f1419',
  selectionBackground: '#3d5a80',
  black: '#1c232b',
  red: '#ff6b6b',
  green: '#a6e22e',
  yellow: '#f4bf75',
  blue: '#66b3ff',
  magenta: '#d2a6ff',
  cyan: '#66d9ef',
  white: '#e6e1cf',
  brightBlack: '#8a96a3',
  brightRed: '#ff8f8f',
  brightGreen: '#c2f06c',
  brightYellow: '#ffd580',
  brightBlue: '#8cc8ff',
  brightMagenta: '#e0c2ff',
  brightCyan: '#95e6cb',
  brightWhite: '#ffffff',
};

/** Light palette: every colour keeps at least 4.5:1 against the background (WCAG AA). */
export const LIGHT_THEME: ITheme = {
  background: '#fbfbf8',
  foreground: '#1f2328',
  cursor: '#0b57d0',
  cursorAccent: '#fbfbf8',
  selectionBackground: '#b6d4fe',
  black: '#1f2328',
  red: '#b3261e',
  green: '#1a6e2e',
  yellow: '#7a5400',
  blue: '#0b57d0',
  magenta: '#8a3ab9',
  cyan: '#0b6e75',
  white: '#5b636b',
  brightBlack: '#57606a',
  brightRed: '#a4161a',
  brightGreen: '#116329',
  brightYellow: '#6f4a00',
  brightBlue: '#0a4bb4',
  brightMagenta: '#7a2ea6',
  brightCyan: '#075e66',
  brightWhite: '#1f2328',
};

export interface TerminalView {
  term: Terminal;
  session: TerminalSession;
  /** Resolves once xterm has parsed the first prompt into its buffer: the learner can see it. */
  promptShown: Promise<void>;
  focus(): void;
  setTheme(mode: 'dark' | 'light'): void;
  dispose(): void;
}

export interface MountOptions {
  theme: 'dark' | 'light';
  banner?: string;
}

/** Bracketed paste lets the session tell a paste (run each line) from typing. */
const ENABLE_BRACKETED_PASTE = '\x1b[?2004h';

export function mountTerminal(container: HTMLElement, shell: InteractiveShell, opts: MountOptions): TerminalView {
  const term = new Terminal({
    screenReaderMode: true,
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    // Below ~1.15 the DOM renderer clips underscores at the bottom of the cell.
    lineHeight: 1.2,
    theme: opts.theme === 'dark' ? DARK_THEME : LIGHT_THEME,
    // For `term.unicode` only: the Dojo's character widths (see unicode-provider.ts).
    allowProposedApi: true,
  });
  // Before anything is written: output (a module, a file being printed) must never make xterm type a reply.
  const unmuteQueries = muteTerminalQueries(term.parser);
  term.unicode.register(DOJO_UNICODE);
  term.unicode.activeVersion = DOJO_UNICODE.version;
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(container);
  safeFit(fit);

  const session = new TerminalSession({ write: (data) => term.write(data), columns: () => term.cols, height: () => term.rows }, shell);

  // Tab belongs to completion, so without a way out the terminal would be a keyboard trap
  // (WCAG 2.1.2): Escape, then Tab or Shift+Tab, moves focus on as the browser would.
  term.textarea?.setAttribute('aria-description', 'Tab completes. To leave the terminal, press Escape, then Tab or Shift+Tab.');
  let escapePressed = false;
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    if (ev.key === 'Tab' && escapePressed && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      escapePressed = false;
      return false; // not handled by xterm: the browser's focus navigation runs
    }
    // Holding Shift (for Shift+Tab) between the two keys keeps the Escape pending.
    if (ev.key !== 'Shift') escapePressed = ev.key === 'Escape';
    const key = ev.key.toLowerCase();
    // Copy: Ctrl-Shift-C always, Ctrl-C only when something is selected (else it interrupts).
    if (ev.ctrlKey && key === 'c' && (ev.shiftKey || term.hasSelection())) {
      copySelection(term);
      // Returning false lets the browser's own copy event run too (xterm answers it with the selection).
      return false;
    }
    // Paste: leave Ctrl-V / Ctrl-Shift-V to the browser so its paste event reaches xterm.
    if (ev.ctrlKey && key === 'v') return false;
    return true;
  });

  const dataSub = term.onData((data) => session.input(data));
  const stopForwarding = forwardInsertedText(term);
  // onBinary carries mouse reports in some modes; they are not keys, so they are ignored.

  term.write(ENABLE_BRACKETED_PASTE);
  session.start(opts.banner);
  // Bench: the prompt is handed to xterm (keys already reach the session), then parsed into its buffer.
  benchMark('dojo:prompt-written');
  const promptShown = new Promise<void>((resolve) =>
    term.write('', () => {
      benchMark('dojo:prompt-ready');
      resolve();
    }),
  );

  // Refit when the pane changes size; coalesced to one fit per frame.
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const dims = fit.proposeDimensions();
      if (!dims || (dims.cols === term.cols && dims.rows === term.rows)) return;
      session.beforeResize();
      // Wait for the erase to be drawn at the old width before changing width.
      term.write('', () => {
        safeFit(fit);
        session.afterResize();
      });
    });
  });
  observer.observe(container);

  return {
    term,
    session,
    promptShown,
    focus: () => term.focus(),
    setTheme: (mode) => {
      term.options.theme = mode === 'dark' ? DARK_THEME : LIGHT_THEME;
    },
    dispose: () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      dataSub.dispose();
      stopForwarding();
      unmuteQueries();
      term.dispose();
    },
  };
}

function safeFit(fit: FitAddon): void {
  try {
    fit.fit();
  } catch {
    // A hidden pane has no size yet; the ResizeObserver fits it once it is shown.
  }
}

function copySelection(term: Terminal): void {
  const text = term.getSelection();
  if (!text) return;
  try {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  } catch {
    // Clipboard API unavailable (insecure context): the browser's copy event still carries it.
  }
}
