/**
 * `head` and `tail` as GNU coreutils has them: the first or last N lines (default 10) or bytes of
 * each file or of standard input, on the bytes as read (binary input passes through untouched; a last
 * line without a newline stays without one).
 *   head -n [-]NUM | -c [-]NUM   the first NUM (with '-': all but the last NUM)
 *   tail -n [+]NUM | -c [+]NUM   the last NUM (with '+': from the NUMth on)
 * NUM takes coreutils' multiplier suffixes (b 512, K/KiB 1024, KB 1000, M/MiB, MB, … up to Q), read
 * as gnulib's xstrtoumax does with the suffix set "bkKmMGTPEZYRQ0"; a bad NUM is
 * `head: invalid number of bytes: 'x'` (xdectoumax), one too big for 64 bits adds strerror(EOVERFLOW).
 * Headers `==> NAME <==` appear with several files, or always with -v, never with -q.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { readInputs } from './inputs';
import { hideControlChars } from './display-name';
import { getopt } from '../cli/getopt';
import type { CommandSpec } from '../cli/spec';

type Name = 'head' | 'tail';

const POWERS: Record<string, number> = { k: 1, K: 1, m: 2, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8, R: 9, Q: 10 };
const UINTMAX = (1n << 64n) - 1n;

/** xstrtoumax(s, …, "bkKmMGTPEZYRQ0"): the count, 'invalid', or 'overflow'. */
export function parseGnuCount(text: string): bigint | 'invalid' | 'overflow' {
  const m = /^(\d+)(.*)$/s.exec(text);
  if (!m) return 'invalid';
  let n = BigInt(m[1]!);
  const suffix = m[2]!;
  if (suffix !== '') {
    const unit = suffix[0]!;
    if (unit === 'b' && suffix.length === 1) n *= 512n;
    else if (unit in POWERS) {
      const rest = suffix.slice(1);
      const base = rest === '' || rest === 'iB' ? 1024n : rest === 'B' || rest === 'D' ? 1000n : 0n;
      if (base === 0n) return 'invalid';
      n *= base ** BigInt(POWERS[unit]!);
    } else return 'invalid';
  }
  return n > UINTMAX ? 'overflow' : n;
}

function spec(name: Name): CommandSpec {
  return {
    name,
    about: '',
    flags: [
      { short: 'c', long: 'bytes', value: 'NUM', help: '' },
      { short: 'n', long: 'lines', value: 'NUM', help: '' },
      { short: 'q', long: 'quiet', aliases: ['silent'], help: '' },
      { short: 'v', long: 'verbose', help: '' },
    ],
  };
}

/** The historical `head -5` / `tail -5` / `tail +5` as `-n 5` / `-n +5`, when it is the first argument. */
function expandObsolete(argv: string[], name: Name): string[] {
  const first = argv[1];
  if (first === undefined) return argv;
  const m = (name === 'tail' ? /^([-+])(\d+)([cl]?)$/ : /^(-)(\d+)([cl]?)$/).exec(first);
  if (!m) return argv;
  const sign = m[1] === '+' ? '+' : '';
  return [argv[0]!, m[3] === 'c' ? '-c' : '-n', `${sign}${m[2]}`, ...argv.slice(2)];
}

function lineEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) ends.push(i + 1);
  if (bytes.length && bytes[bytes.length - 1] !== 0x0a) ends.push(bytes.length);
  return ends;
}

interface Count {
  n: number;
  bytes: boolean;
  /** head: all but the last n; tail: from the nth on. */
  other: boolean;
}

/** The slice of `bytes` the command prints. */
function pick(name: Name, bytes: Uint8Array, c: Count): Uint8Array {
  const len = bytes.length;
  if (c.bytes) {
    if (name === 'head') return bytes.subarray(0, c.other ? Math.max(0, len - c.n) : Math.min(len, c.n));
    if (c.other) return bytes.subarray(Math.min(len, Math.max(0, c.n - 1)));
    return bytes.subarray(Math.max(0, len - c.n));
  }
  const ends = lineEnds(bytes);
  const endOfLine = (k: number) => (k <= 0 ? 0 : ends[Math.min(k, ends.length) - 1]!);
  if (name === 'head') return bytes.subarray(0, endOfLine(c.other ? ends.length - c.n : c.n));
  if (c.other) return bytes.subarray(endOfLine(c.n - 1));
  return bytes.subarray(endOfLine(ends.length - c.n));
}

function filter(name: Name): CommandDefinition {
  const first = name === 'head';
  const def: CommandDefinition = {
    name,
    summary: `Print the ${first ? 'first' : 'last'} lines (or bytes) of files (default 10 lines)`,
    usage: `${name} [-n ${first ? '[-]' : '[+]'}NUM | -c ${first ? '[-]' : '[+]'}NUM] [-qv] [FILE]...`,
    flags: [
      {
        name: '-n',
        value: 'NUM',
        description: `print the ${first ? 'first' : 'last'} NUM lines${first ? "; with '-', all but the last NUM" : "; with '+', from line NUM on"}`,
      },
      { name: '--lines', value: 'NUM', description: 'the same as -n' },
      {
        name: '-c',
        value: 'NUM',
        description: `print the ${first ? 'first' : 'last'} NUM bytes${first ? "; with '-', all but the last NUM" : "; with '+', from byte NUM on"}`,
      },
      { name: '--bytes', value: 'NUM', description: 'the same as -c' },
      { name: '-q', description: 'never print headers giving file names' },
      { name: '-v', description: 'always print headers giving file names' },
    ],
    async run(ctx: CommandContext) {
      const parsed = getopt({ ...ctx, argv: expandObsolete(ctx.argv, name) }, def, spec(name));
      if (typeof parsed === 'number') return parsed;
      // The last of -n/-c counts, and the last of -q/-v, as in head.c's option loop.
      const last = (keys: string[]) => [...parsed.order].reverse().find((o) => keys.includes(o.key));
      let count: Count = { n: 10, bytes: false, other: false };
      const given = last(['bytes', 'lines']);
      if (given) {
        const typed = given.value!;
        const sign = typed[0];
        const other = first ? sign === '-' : sign === '+';
        const raw = sign === '-' || sign === '+' ? typed.slice(1) : typed;
        const n = parseGnuCount(raw);
        if (typeof n !== 'bigint') {
          ctx.stderr.write(`${name}: invalid number of ${given.key}: '${raw}'${n === 'overflow' ? ': Value too large for defined data type' : ''}\n`);
          return 1;
        }
        count = { n: n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n), bytes: given.key === 'bytes', other };
      }
      const operands = [...parsed.positionals, ...parsed.rest];
      const { inputs, status } = await readInputs(ctx, name, operands);
      const mode = last(['quiet', 'verbose'])?.key;
      const headers = mode === 'verbose' || (mode === undefined && operands.length > 1);
      inputs.forEach((input, i) => {
        if (headers) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${input.name === '-' ? 'standard input' : hideControlChars(input.name)} <==\n`);
        const out = pick(name, input.bytes, count);
        if (out.length) ctx.stdout.write(out);
        // head got its part: like closing the pipe, tell the shell how much of stdin it used.
        if (first && input.name === '-' && !count.other && out.length < input.bytes.length) ctx.stdin.stopReading?.(out.length);
      });
      return status;
    },
  };
  return def;
}

export const head = filter('head');
export const tail = filter('tail');
