/**
 * ANSI SGR (Select Graphic Rendition) escapes, in one place. Tools colour only when the stream is a
 * terminal (`paint(style, text, tty)`), and each tool keeps its own byte-exact habits: clap and anyhow
 * emit one escape per attribute (`ESC[1m ESC[31m`), GNU ls joins them (`ESC[01;34m`, dircolors' `di`),
 * spdlog (wasmedge) resets with a bare `ESC[m`. So a style is simply the escape string to emit.
 */

const ESC = '\x1b[';

/** One SGR escape from its parameters: sgr(1) = ESC[1m, sgr('01', 34) = ESC[01;34m, sgr() = ESC[m. */
export function sgr(...params: Array<number | string>): string {
  return `${ESC}${params.join(';')}m`;
}

/** Single-attribute escapes, as clap/anstyle and most Rust and Go CLIs write them. */
export const SGR = {
  reset: sgr(0),
  bold: sgr(1),
  dim: sgr(2),
  italic: sgr(3),
  underline: sgr(4),
  red: sgr(31),
  green: sgr(32),
  yellow: sgr(33),
  blue: sgr(34),
  magenta: sgr(35),
  cyan: sgr(36),
} as const;

export type SgrName = keyof typeof SGR;

/** A style built from named attributes, one escape each, e.g. style('bold', 'red') = ESC[1m ESC[31m. */
export function style(...names: SgrName[]): string {
  return names.map((n) => SGR[n]).join('');
}

/**
 * `text` wrapped in `styleEscape` … reset when `tty` is true, else `text` unchanged.
 * `reset` defaults to ESC[0m; pass sgr() for tools that write the short ESC[m.
 */
export function paint(styleEscape: string, text: string, tty: boolean, reset: string = SGR.reset): string {
  return tty && styleEscape ? `${styleEscape}${text}${reset}` : text;
}

/**
 * Every terminal control sequence (ECMA-48): CSI (SGR colours, cursor moves, erase: ESC [ … final
 * byte, or the 8-bit CSI), OSC strings (titles, hyperlinks: ESC ] … BEL or ST, also unterminated),
 * DCS/SOS/PM/APC strings (ESC P|X|^|_ … ST) and the two-byte escapes (ESC 7, ESC ( B, …).
 */
const TERMINAL_ESCAPES =
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

/**
 * The text as a person sees it on the terminal, its control sequences removed: what a pipe would
 * have received from a tool that colours only on a tty. Lesson checks compare output through it,
 * since `spin build` colours "Finished" on the browser's terminal and not in a pipe.
 */
export function strip(text: string): string {
  return text.includes('\x1b') || /[\x90-\x9f]/.test(text) ? text.replace(TERMINAL_ESCAPES, '') : text;
}

/** Clears the screen and the scrollback, cursor home (what `clear` writes with TERM=xterm). */
export const CLEAR_SCREEN = `${ESC}H${ESC}2J${ESC}3J`;
