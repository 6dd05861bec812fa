/**
 * The pager behind `less`, `more` and `man`. Not on a terminal it is `cat`. On one, it pages the
 * text: with single keys when the terminal offers them (see keys.ts) on xterm's alternate screen,
 * like less: q quits; space, f, PageDown next page; b, PageUp back; Enter, j, ↓ a line down; k, ↑ up;
 * g/Home top, G/End bottom; /PATTERN searches forward, n and N repeat it; h shows the keys.
 * Without single keys, each page ends in a `:` prompt where the same letters are typed with Enter.
 */
import type { CommandContext } from '../../shell/types';
import { keyInput, type KeyInput } from './keys';

const ALT_ON = '\x1b[?1049h\x1b[H';
const ALT_OFF = '\x1b[?1049l';
const CLEAR = '\x1b[H\x1b[2J';
const REVERSE = (s: string) => `\x1b[7m${s}\x1b[27m`;

export const PAGER_HELP = `
                   SUMMARY OF LESS COMMANDS (as the Dojo's pager reads them)

  h  H                 Display this help.
  q  :q  Q  :Q  ZZ     Exit.

  SPACE  f  ^F  PgDn   Forward  one window.
  b  ^B  PgUp          Backward one window.
  RETURN  j  e  ↓      Forward  one line.
  k  y  ↑              Backward one line.
  d  ^D                Forward  one half-window.
  u  ^U                Backward one half-window.
  g  <  Home           Go to the first line.
  G  >  End            Go to the last line.

  /pattern             Search forward for a line matching the pattern.
  ?pattern             Search backward.
  n                    Repeat the previous search.
  N                    Repeat the previous search in the other direction.
`;

/** Splits text into the rows a terminal `columns` wide shows (long lines wrap). */
export function screenLines(text: string, columns: number): string[] {
  const rows: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const chars = [...line.replace(/\t/g, '        ')];
    if (chars.length <= columns) rows.push(chars.join(''));
    else for (let i = 0; i < chars.length; i += columns) rows.push(chars.slice(i, i + columns).join(''));
  }
  return rows;
}

export interface PageOptions {
  /** Shown in the status line (`Manual page ls(1)`), else the file name or nothing. */
  title?: string;
}

/** Shows `text` through the pager; returns the exit status (0, or 130 on Ctrl-C). */
export async function page(ctx: CommandContext, text: string, opts: PageOptions = {}): Promise<number> {
  if (!ctx.stdout.isTTY) {
    ctx.stdout.write(text);
    return 0;
  }
  const keys = keyInput(ctx);
  const columns = ctx.stdout.columns || 80;
  const rows = keys?.rows || Number(ctx.env.get('LINES')) || 24;
  const lines = screenLines(text, columns);
  const height = Math.max(1, rows - 1);
  if (lines.length <= height) {
    ctx.stdout.write(text);
    return 0;
  }
  return keys ? pageWithKeys(ctx, keys, lines, height, opts) : pageWithPrompt(ctx, lines, height, opts);
}

class Search {
  last: { re: RegExp; forward: boolean } | null = null;
  compile(pattern: string, forward: boolean): RegExp | string {
    try {
      const re = new RegExp(pattern, /[A-Z]/.test(pattern) ? '' : 'i');
      this.last = { re, forward };
      return re;
    } catch {
      return 'Invalid pattern';
    }
  }
  /** The first line at or after (before) `from` that matches, or -1. */
  find(lines: string[], from: number, forward: boolean): number {
    if (!this.last) return -1;
    const { re } = this.last;
    if (forward) {
      for (let i = from; i < lines.length; i++) if (re.test(lines[i]!)) return i;
    } else for (let i = from; i >= 0; i--) if (re.test(lines[i]!)) return i;
    return -1;
  }
}

async function pageWithKeys(ctx: CommandContext, keys: KeyInput, lines: string[], height: number, opts: PageOptions): Promise<number> {
  let top = 0;
  const maxTop = Math.max(0, lines.length - height);
  const search = new Search();
  let message = '';
  let help = false;
  const draw = () => {
    const shown = help ? screenLines(PAGER_HELP, ctx.stdout.columns || 80) : lines;
    const view = shown.slice(help ? 0 : top, (help ? 0 : top) + height);
    while (view.length < height) view.push('~');
    const atEnd = help || top >= maxTop;
    const status =
      message ||
      (help ? 'HELP -- Press q when done' : atEnd ? '(END)' : top === 0 && opts.title ? `${opts.title} (press h for help or q to quit)` : ':');
    message = '';
    ctx.stdout.write(CLEAR + view.join('\r\n') + '\r\n' + REVERSE(status));
  };
  ctx.stdout.write(ALT_ON);
  const readLine = async (lead: string): Promise<string | null> => {
    let typed = '';
    for (;;) {
      ctx.stdout.write(`\r\x1b[2K${lead}${typed}`);
      const k = await keys.readKey(ctx.signal);
      if (k === null || k === '\x03' || k === '\x1b') return null;
      if (k === '\r' || k === '\n') return typed;
      if (k === '\x7f' || k === '\b') typed = typed.slice(0, -1);
      else if (!k.startsWith('\x1b') && k >= ' ') typed += k;
    }
  };
  try {
    for (;;) {
      draw();
      const k = await keys.readKey(ctx.signal);
      if (k === null || ctx.signal.aborted) return ctx.signal.aborted ? 130 : 0;
      if (help) {
        if (k === 'q' || k === 'Q' || k === 'h' || k === 'H') help = false;
        continue;
      }
      switch (k) {
        case 'q':
        case 'Q':
        case '\x03':
          return 0;
        case 'h':
        case 'H':
          help = true;
          break;
        case ' ':
        case 'f':
        case '\x06':
        case '\x1b[6~':
          top = Math.min(maxTop, top + height);
          break;
        case 'b':
        case '\x02':
        case '\x1b[5~':
          top = Math.max(0, top - height);
          break;
        case '\r':
        case '\n':
        case 'j':
        case 'e':
        case '\x1b[B':
        case '\x1bOB':
          top = Math.min(maxTop, top + 1);
          break;
        case 'k':
        case 'y':
        case '\x1b[A':
        case '\x1bOA':
          top = Math.max(0, top - 1);
          break;
        case 'd':
        case '\x04':
          top = Math.min(maxTop, top + Math.ceil(height / 2));
          break;
        case 'u':
        case '\x15':
          top = Math.max(0, top - Math.ceil(height / 2));
          break;
        case 'g':
        case '<':
        case '\x1b[H':
        case '\x1b[1~':
          top = 0;
          break;
        case 'G':
        case '>':
        case '\x1b[F':
        case '\x1b[4~':
          top = maxTop;
          break;
        case '/':
        case '?': {
          const pattern = await readLine(k);
          if (pattern === null) break;
          const forward = k === '/';
          if (pattern !== '') {
            const re = search.compile(pattern, forward);
            if (typeof re === 'string') {
              message = re;
              break;
            }
          }
          const at = search.find(lines, forward ? top + 1 : top - 1, forward);
          if (at < 0) message = 'Pattern not found  (press RETURN)';
          else top = Math.min(maxTop, at);
          break;
        }
        case 'n':
        case 'N': {
          if (!search.last) {
            message = 'No previous regular expression';
            break;
          }
          const forward = k === 'n' ? search.last.forward : !search.last.forward;
          const at = search.find(lines, forward ? top + 1 : top - 1, forward);
          if (at < 0) message = 'Pattern not found  (press RETURN)';
          else top = Math.min(maxTop, at);
          break;
        }
      }
    }
  } finally {
    ctx.stdout.write(ALT_OFF);
  }
}

/** more(1)'s way on a terminal that delivers whole lines: a page, then a `--More--` prompt. */
async function pageWithPrompt(ctx: CommandContext, lines: string[], height: number, opts: PageOptions): Promise<number> {
  const search = new Search();
  let top = 0;
  for (;;) {
    const end = Math.min(lines.length, top + height);
    ctx.stdout.write(lines.slice(top, end).join('\n') + '\n');
    if (end >= lines.length) return 0;
    let next: number | null = null;
    while (next === null) {
      const pct = Math.round((end / lines.length) * 100);
      const title = opts.title && top === 0 ? ` ${opts.title}` : '';
      const answer = await ctx.prompt(`--More--(${pct}%)${title} [Enter: next page, b: back, /text: search, q: quit] `);
      if (answer === null || ctx.signal.aborted) return ctx.signal.aborted ? 130 : 0;
      const a = answer.trim();
      if (a === 'q' || a === 'Q') return 0;
      if (a === '' || a === 'f' || a === ' ') next = end;
      else if (a === 'b') next = Math.max(0, top - height);
      else if (a === 'g') next = 0;
      else if (a === 'G') next = Math.max(0, lines.length - height);
      else if (a === 'h') ctx.stdout.write(PAGER_HELP);
      else if (a.startsWith('/') || a === 'n') {
        if (a.length > 1) {
          const re = search.compile(a.slice(1), true);
          if (typeof re === 'string') {
            ctx.stdout.write(`${re}\n`);
            continue;
          }
        }
        const at = search.find(lines, end, true);
        if (at < 0) ctx.stdout.write('Pattern not found\n');
        else next = at;
      } else next = end;
    }
    top = next;
  }
}
