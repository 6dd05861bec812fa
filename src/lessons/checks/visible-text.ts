/**
 * Output as a person sees it on the terminal: terminal control sequences removed. Tools colour
 * their output when stdout is a terminal (`spin build`'s green "Finished", cargo's bold status
 * words), so a check that compared raw bytes passed when piped and failed in the browser's terminal.
 *
 * Removed (ECMA-48): CSI sequences (SGR colours, cursor moves, erase: ESC [ … final byte, or the
 * 8-bit CSI), OSC strings (titles, hyperlinks: ESC ] … BEL or ST), DCS/SOS/PM/APC strings
 * (ESC P|X|^|_ … ST) and the two-byte escapes (ESC 7, ESC ( B, …). Text is left as it is.
 */
const TERMINAL_ESCAPES =
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

export function visibleText(text: string): string {
  return text.includes('\x1b') || /[\x90-\x9f]/.test(text) ? text.replace(TERMINAL_ESCAPES, '') : text;
}
