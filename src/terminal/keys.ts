/**
 * Turns the raw data xterm hands us (keystrokes as VT sequences, or pasted text) into
 * named keys. Kept separate from the editor so the editor reasons about "left" and "ctrl-w",
 * never about escape bytes, and so garbage input is filtered in exactly one place.
 */

export type KeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'page-up'
  | 'page-down'
  | 'tab'
  | 'escape'
  | 'word-left'
  | 'word-right'
  | 'ctrl-a'
  | 'ctrl-b'
  | 'ctrl-c'
  | 'ctrl-d'
  | 'ctrl-e'
  | 'ctrl-f'
  | 'ctrl-g'
  | 'ctrl-k'
  | 'ctrl-l'
  | 'ctrl-n'
  | 'ctrl-p'
  | 'ctrl-r'
  | 'ctrl-u'
  | 'ctrl-w';

export type Key =
  | { type: 'text'; text: string }
  | { type: 'key'; name: KeyName }
  /** Text that arrived inside bracketed-paste markers: newlines in it mean "run this line". */
  | { type: 'paste'; text: string };

const CONTROL_KEYS: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x01': 'ctrl-a',
  '\x02': 'ctrl-b',
  '\x03': 'ctrl-c',
  '\x04': 'ctrl-d',
  '\x05': 'ctrl-e',
  '\x06': 'ctrl-f',
  '\x07': 'ctrl-g',
  '\x0b': 'ctrl-k',
  '\x0c': 'ctrl-l',
  '\x0e': 'ctrl-n',
  '\x10': 'ctrl-p',
  '\x12': 'ctrl-r',
  '\x15': 'ctrl-u',
  '\x17': 'ctrl-w',
};

/** CSI / SS3 sequences xterm sends for editing keys (normal and application cursor modes). */
const ESCAPE_KEYS: Record<string, KeyName> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[7~': 'home',
  '\x1b[4~': 'end',
  '\x1b[8~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[5~': 'page-up',
  '\x1b[6~': 'page-down',
  '\x1b[1;5C': 'word-right',
  '\x1b[1;5D': 'word-left',
  '\x1b[1;3C': 'word-right',
  '\x1b[1;3D': 'word-left',
  '\x1bf': 'word-right',
  '\x1bb': 'word-left',
  '\x1b\x7f': 'ctrl-w',
};

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/**
 * Control strings: DCS (`ESC P`), SOS (`ESC X`), OSC (`ESC ]`), PM (`ESC ^`) and APC (`ESC _`).
 * No key sends one; they are what a terminal says back to a query (xterm
 * answers DECRQSS `ESC P $ q m ESC \` with `ESC P 1 $ r 0 m ESC \`, and an OSC 10 colour query
 * with `ESC ] 10 ; rgb:… ESC \`). Read as a two-byte Alt key, the body of such a reply would be
 * typed onto the command line, so the whole string is one unknown sequence and is dropped, as
 * readline drops what it does not bind. (Their one-byte C1 forms are not introducers in input: in
 * a UTF-8 terminal U+0090 is just a control character, dropped like any other.)
 */
const STRING_INTRODUCERS = new Set(['P', 'X', ']', '^', '_']);

/**
 * Where a control string whose body starts at `from` ends (just past its terminator). ST is
 * `ESC \` or C1 0x9c; BEL also ends one (xterm accepts it after OSC, and programs send it after
 * others too); CAN and SUB cancel it, as in the VT parser. Unterminated: the rest of the data,
 * since a reply arrives in one piece while a real Alt key arrives alone.
 */
function controlStringEnd(data: string, from: number): number {
  for (let j = from; j < data.length; j++) {
    const c = data[j];
    if (c === '\x07' || c === '\x9c' || c === '\x18' || c === '\x1a') return j + 1;
    // Any ESC ends the string, as in the VT parser; `ESC \` is ST itself, another ESC starts a sequence.
    if (c === '\x1b') return data[j + 1] === '\\' ? j + 2 : j;
  }
  return data.length;
}

/** Where a CSI whose parameters start at `from` ends: parameters and intermediates (0x20–0x3f), one final byte 0x40–0x7e. */
function csiEnd(data: string, from: number): number {
  let j = from;
  while (j < data.length) {
    const c = data.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (c < 0x20 || c > 0x3f) return j; // malformed: stop before the odd byte
    j++;
  }
  return j;
}

/** Length of the escape sequence starting at `i` (CSI, SS3, a control string or a two-byte Alt sequence). */
function escapeLength(data: string, i: number): number {
  const next = data[i + 1];
  if (next === undefined) return 1;
  if (next === '[') return csiEnd(data, i + 2) - i;
  if (STRING_INTRODUCERS.has(next)) return controlStringEnd(data, i + 2) - i;
  if (next === 'O') return data.length > i + 2 ? 3 : 2;
  return 2;
}

/** True for characters a line may hold: no C0/C1 controls, no DEL, no lone surrogates. */
export function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20 || c === 0x7f) return false;
  if (c >= 0x80 && c < 0xa0) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false; // lone surrogate (pairs are read whole)
  return true;
}

/** Removes everything that is not printable, so binary garbage never reaches the line buffer. */
export function printableOnly(text: string): string {
  let out = '';
  for (const ch of text) if (isPrintable(ch)) out += ch;
  return out;
}

export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flushText = () => {
    if (text) keys.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      flushText();
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const stop = end < 0 ? data.length : end;
      keys.push({ type: 'paste', text: data.slice(i + PASTE_START.length, stop) });
      i = end < 0 ? data.length : end + PASTE_END.length;
      continue;
    }
    const ch = data[i]!;
    if (ch === '\x1b') {
      flushText();
      const len = escapeLength(data, i);
      const seq = data.slice(i, i + len);
      const name = ESCAPE_KEYS[seq];
      if (name) keys.push({ type: 'key', name });
      else if (len === 1) keys.push({ type: 'key', name: 'escape' });
      // Unknown sequences (F-keys, mouse reports...) are dropped on purpose.
      i += len;
      continue;
    }
    // A CR LF pair (from a paste without bracketing) is one Enter, not two.
    if (ch === '\r' && data[i + 1] === '\n') {
      flushText();
      keys.push({ type: 'key', name: 'enter' });
      i += 2;
      continue;
    }
    const control = CONTROL_KEYS[ch];
    if (control) {
      flushText();
      keys.push({ type: 'key', name: control });
      i++;
      continue;
    }
    const cp = data.codePointAt(i)!;
    const full = String.fromCodePoint(cp);
    if (isPrintable(full)) text += full;
    i += full.length;
  }
  flushText();
  return keys;
}

/** The bytes xterm sends for each named key, for a program that reads raw keys (a pager). */
const KEY_SEQUENCES: Record<KeyName, string> = {
  enter: '\r',
  backspace: '\x7f',
  delete: '\x1b[3~',
  left: '\x1b[D',
  right: '\x1b[C',
  up: '\x1b[A',
  down: '\x1b[B',
  home: '\x1b[H',
  end: '\x1b[F',
  'page-up': '\x1b[5~',
  'page-down': '\x1b[6~',
  tab: '\t',
  escape: '\x1b',
  'word-left': '\x1b[1;5D',
  'word-right': '\x1b[1;5C',
  'ctrl-a': '\x01',
  'ctrl-b': '\x02',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
  'ctrl-e': '\x05',
  'ctrl-f': '\x06',
  'ctrl-g': '\x07',
  'ctrl-k': '\x0b',
  'ctrl-l': '\x0c',
  'ctrl-n': '\x0e',
  'ctrl-p': '\x10',
  'ctrl-r': '\x12',
  'ctrl-u': '\x15',
  'ctrl-w': '\x17',
};

/**
 * A parsed key back as the keystrokes a raw-mode program reads, one string per key: typed text
 * is one key per character, a named key is its canonical xterm sequence.
 */
export function keySequences(key: Key): string[] {
  if (key.type === 'key') return [KEY_SEQUENCES[key.name]];
  return [...key.text];
}
