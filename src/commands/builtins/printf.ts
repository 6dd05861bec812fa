/**
 * bash's `printf` builtin (bash 5.2 builtins/printf.def), which is what `printf` means at a bash
 * prompt: FORMAT is re-used while arguments remain; escapes in FORMAT; %b, %q; numeric arguments
 * may be 'c (the character's code); a bad number is reported and read as far as it goes; -v VAR
 * assigns instead of printing. Errors speak in the shell's voice (`dojo: printf: …`).
 */
import type { CommandDefinition } from '../../shell/types';
import { formatFloat, formatInt, formatString, readSpec } from './c-format';

export const PRINTF_HELP = `printf: printf [-v var] format [arguments]
    Formats and prints ARGUMENTS under control of the FORMAT.
    
    Options:
      -v var\tassign the output to shell variable VAR rather than
    \t\tdisplay it on the standard output
    
    FORMAT is a character string which contains three types of objects: plain
    characters, which are simply copied to standard output; character escape
    sequences, which are converted and copied to the standard output; and
    format specifications, each of which causes printing of the next successive
    argument.
    
    In addition to the standard format specifications described in printf(1),
    printf interprets:
    
      %b\texpand backslash escape sequences in the corresponding argument
      %q\tquote the argument in a way that can be reused as shell input
      %Q\tlike %q, but apply any precision to the unquoted argument before
    \t\tquoting
      %(fmt)T\toutput the date-time string resulting from using FMT as a format
    \t        string for strftime(3)
    
    The format is re-used as necessary to consume all of the arguments.  If
    there are fewer arguments than the format requires,  extra format
    specifications behave as if a zero value or null string, as appropriate,
    had been supplied.
    
    Exit Status:
    Returns success unless an invalid option is given or a write or assignment
    error occurs.
`;
const USAGE = 'printf: usage: printf [-v var] format [arguments]\n';

const encoder = new TextEncoder();

/**
 * The output is built as a "binary string", one char per byte (0–255): `\377` must be the byte 0xff
 * (as bash writes it), not the character U+00FF encoded as two bytes. Text goes in UTF-8 encoded.
 */
function bin(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const b of encoder.encode(text)) out += String.fromCharCode(b);
  return out;
}

export function binaryToBytes(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '?': '?',
};

/**
 * Backslash escapes, into a binary string (see bin). In FORMAT (`inFormat`) octal is \NNN; in a %b
 * argument \0NNN (and \NNN) and `\c` ends all output. Returns the bytes and whether \c was met.
 */
export function expandEscapes(s: string, inFormat: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += bin(c);
      continue;
    }
    const n = s[i + 1]!;
    if (SIMPLE_ESCAPES[n] !== undefined) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else if (n === 'c' && !inFormat) return { text: out, stop: true };
    else if (/[0-7]/.test(n)) {
      const max = !inFormat && n === '0' ? 4 : 3;
      const m = new RegExp(`^[0-7]{1,${max}}`).exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8) & 0xff);
      i += m.length;
    } else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += 1 + m.length;
    } else if ((n === 'u' || n === 'U') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 2))![0];
      out += bin(String.fromCodePoint(Math.min(parseInt(m, 16), 0x10ffff)));
      i += 1 + m.length;
    } else out += c;
  }
  return { text: out, stop: false };
}

/** bash's %q: backslash-quoting of shell metacharacters, $'…' for control characters. */
function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    const body = s.replace(/[\\']/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, (ch) => {
      const named: Record<string, string> = { '\x07': 'a', '\b': 'b', '\x1b': 'E', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v' };
      return named[ch] ? `\\${named[ch]}` : `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
    });
    return `$'${body}'`;
  }
  return s.replace(/[^\w@%+=:,./-]/g, (ch) => (ch.charCodeAt(0) > 127 ? ch : `\\${ch}`)).replace(/^~/, '\\~');
}

export const printfCommand: CommandDefinition = {
  name: 'printf',
  summary: 'Formats and prints ARGUMENTS under control of the FORMAT.',
  usage: 'printf [-v var] format [arguments]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let target: string | null = null;
    if (args[0] === '--help') {
      ctx.stdout.write(PRINTF_HELP);
      return 2;
    }
    while (args.length && args[0]!.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-v' || a.startsWith('-v')) {
        const name = a === '-v' ? args.shift() : a.slice(2);
        if (name === undefined) {
          ctx.stderr.write(`dojo: printf: -v: option requires an argument\n${USAGE}`);
          return 2;
        }
        if (!/^[A-Za-z_]\w*(\[[^\]]*\])?$/.test(name)) {
          ctx.stderr.write(`dojo: printf: \`${name}': not a valid identifier\n`);
          return 2;
        }
        target = name;
        continue;
      }
      ctx.stderr.write(`dojo: printf: ${a.slice(0, 2)}: invalid option\n${USAGE}`);
      return 2;
    }
    if (!args.length) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    const r = formatAll(args[0]!, args.slice(1));
    if (r.errors.length) ctx.stderr.write(r.errors.map((e) => `dojo: printf: ${e}\n`).join(''));
    const bytes = binaryToBytes(r.text);
    if (target !== null) ctx.env.set(target, new TextDecoder().decode(bytes));
    else ctx.stdout.write(bytes);
    return r.status;
  },
};

/** The whole of bash's printf: the output (a binary string, see bin), the messages for bad arguments, the status. */
export function formatAll(format: string, args: string[]): { text: string; errors: string[]; status: number } {
  let out = '';
  const errors: string[] = [];
  let status = 0;
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  const number = (arg: string | undefined, float: boolean): number | bigint => {
    if (arg === undefined || arg === '') return float ? 0 : 0n;
    if (/^['"]/.test(arg)) {
      const code = arg.length > 1 ? arg.codePointAt(1)! : 0;
      return float ? code : BigInt(code);
    }
    const t = arg.trim();
    const m = float ? /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|^[-+]?(inf|nan)/i.exec(t) : /^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(t);
    if (!m || m[0].length !== t.length) {
      errors.push(`${arg}: invalid number`);
      status = 1;
    }
    if (!m) return float ? 0 : 0n;
    if (float) return Number(m[0]);
    const s = m[0];
    const neg = s.startsWith('-');
    const body = s.replace(/^[-+]/, '');
    let v: bigint;
    if (/^0[xX]/.test(body)) v = BigInt(body);
    else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
    else v = BigInt(body);
    return neg ? -v : v;
  };
  for (;;) {
    const start = ai;
    let i = 0;
    while (i < format.length) {
      const c = format[i]!;
      if (c === '\\') {
        const end = escapeEnd(format, i);
        out += expandEscapes(format.slice(i, end), true).text;
        i = end;
        continue;
      }
      if (c !== '%') {
        out += bin(c);
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const read = readSpec(format, i, () => Number(number(next(), false)));
      if (!read) {
        const bad = format[i + 1];
        if (bad === undefined) {
          errors.push("`%': missing format character");
        } else {
          const m = /^%[-+ #0]*\d*(\.\d*)?(.)/.exec(format.slice(i));
          errors.push(`\`${m ? m[2] : bad}': invalid format character`);
        }
        return { text: out, errors, status: 1 };
      }
      const { spec } = read;
      i = read.end;
      const arg = next();
      switch (spec.conv) {
        case 's':
          out += formatString(bin(arg ?? ''), spec);
          break;
        case 'c':
          out += formatString(bin([...(arg ?? '')][0] ?? ''), spec);
          break;
        case 'b': {
          const e = expandEscapes(arg ?? '', false);
          out += formatString(e.text, spec);
          if (e.stop) return { text: out, errors, status };
          break;
        }
        case 'q':
        case 'Q':
          out += formatString(bin(shellQuote(arg ?? '')), spec);
          break;
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          out += formatInt(number(arg, false) as bigint, spec);
          break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
          out += formatFloat(number(arg, true) as number, spec);
          break;
        default:
          errors.push(`\`${spec.conv}': invalid format character`);
          return { text: out, errors, status: 1 };
      }
    }
    if (ai >= args.length || ai === start) break;
  }
  return { text: out, errors, status };
}

function escapeEnd(s: string, i: number): number {
  const n = s[i + 1];
  if (n === undefined) return i + 1;
  if (/[0-7]/.test(n)) return i + 1 + /^[0-7]{1,3}/.exec(s.slice(i + 1))![0].length;
  if (n === 'x') return i + 2 + /^[0-9a-fA-F]{0,2}/.exec(s.slice(i + 2))![0].length;
  if (n === 'u' || n === 'U') return i + 2 + new RegExp(`^[0-9a-fA-F]{0,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 2))![0].length;
  return i + 2;
}
