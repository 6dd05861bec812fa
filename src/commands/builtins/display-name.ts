/**
 * File names as GNU coreutils prints them, so a name holding ESC, BEL or another C0/C1 control
 * character can never send a raw OSC/CSI sequence to xterm (names can come from the fs API, a Wasm
 * module or `touch $'a\033b'`). GNU's "shell-escape" quoting, checked against coreutils 9 on a tty:
 *   plain  ->  plain         a b  ->  'a b'        it's  ->  "it's"
 *   a<ESC>b  ->  'a'$'\033''b'     <DEL>  ->  ''$'\177'     bel<BEL>x  ->  'bel'$'\a''x'
 */

/** C0, DEL and C1: what a terminal may act on instead of showing. */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
/** Characters a shell would treat specially (`#` and `~` only at the start of a word). */
const SHELL_SPECIAL = /[\s!"$&'()*;<=>?[\\`|]|^[#~]/;
const NAMED_ESCAPES: Record<string, string> = { '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r' };
const encoder = new TextEncoder();

/** `$'\033'` body for a run of control characters: bash's named escapes, else octal UTF-8 bytes. */
function ansiC(run: string): string {
  let body = '';
  for (const ch of run) {
    const named = NAMED_ESCAPES[ch];
    body += named ? `\\${named}` : [...encoder.encode(ch)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
  }
  return `$'${body}'`;
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * GNU shell-escape quoting. `always` (error messages: `rm: cannot remove 'x'`) quotes even a
 * plain name; otherwise (ls on a terminal, `cat: x: ...`) only names that need it are quoted.
 */
export function shellEscapeName(name: string, always: boolean): string {
  if (!CONTROL.test(name)) {
    if (!always && name !== '' && !SHELL_SPECIAL.test(name)) return name;
    if (!name.includes("'")) return `'${name}'`;
    if (!/[$`"\\!]/.test(name)) return `"${name}"`;
    return singleQuoted(name);
  }
  // Printable runs in single quotes, control runs as $'...', glued together as one shell word.
  const parts = name.split(/([\x00-\x1f\x7f-\x9f]+)/).filter((p) => p !== '');
  const quoted = parts.map((p) => (CONTROL.test(p) ? ansiC(p) : singleQuoted(p))).join('');
  return CONTROL.test(name[0]!) ? `''${quoted}` : quoted;
}

/** Where a name is printed bare (pipes, grep/wc/head labels): control characters become `?`, as `ls -q` does. */
export function hideControlChars(name: string): string {
  return name.replace(CONTROLS, '?');
}

/** tree's default: non-printable bytes as escaped octal (`\033`). */
export function octalControlChars(name: string): string {
  return name.replace(CONTROLS, (ch) => [...encoder.encode(ch)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join(''));
}
