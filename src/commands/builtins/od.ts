/**
 * coreutils od.c: -A RADIX, -t TYPE (a, c, d/o/u/x with sizes 1 2 4 8 and the z suffix), the
 * traditional -b -c -d -o -x, -N, -j, -w, -v, and `*` for repeated lines. Multi-byte values are
 * little-endian, as on the x86-64 machine od runs on.
 */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { readInputs } from './inputs';
import { fail, q } from './gnu-text';

interface Type {
  kind: 'a' | 'c' | 'd' | 'o' | 'u' | 'x';
  size: number;
  z: boolean;
}

const DIGITS: Record<string, Record<number, number>> = {
  x: { 1: 2, 2: 4, 4: 8, 8: 16 },
  o: { 1: 3, 2: 6, 4: 11, 8: 22 },
  u: { 1: 3, 2: 5, 4: 10, 8: 20 },
  d: { 1: 4, 2: 6, 4: 11, 8: 20 },
  a: { 1: 3 },
  c: { 1: 3 },
};
const NAMES = [
  'nul',
  'soh',
  'stx',
  'etx',
  'eot',
  'enq',
  'ack',
  'bel',
  'bs',
  'ht',
  'nl',
  'vt',
  'ff',
  'cr',
  'so',
  'si',
  'dle',
  'dc1',
  'dc2',
  'dc3',
  'dc4',
  'nak',
  'syn',
  'etb',
  'can',
  'em',
  'sub',
  'esc',
  'fs',
  'gs',
  'rs',
  'us',
  'sp',
];
const C_ESC: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

function parseTypes(spec: string): Type[] | string {
  const types: Type[] = [];
  let s = spec;
  while (s) {
    const m = /^([acdoux])(\d+|[CSIL])?(z?)/.exec(s);
    if (!m) {
      if (/^f/.test(s)) return 'dojo: od -t f (floating point) is not simulated; use -t x, o, d, u, c or a';
      return `invalid character '${s[0]}' in type string ${q(spec)}`;
    }
    const kind = m[1] as Type['kind'];
    let size = 1;
    if (kind !== 'a' && kind !== 'c') {
      const sz = m[2] ?? '4';
      size = { C: 1, S: 2, I: 4, L: 8 }[sz] ?? Number(sz);
      if (![1, 2, 4, 8].includes(size)) return `invalid type string ${q(spec)};\nthis system doesn't provide a ${size}-byte integral type`;
    } else if (m[2]) return `invalid type string ${q(spec)}`;
    types.push({ kind, size, z: m[3] === 'z' });
    s = s.slice(m[0].length);
  }
  return types;
}

function field(bytes: Uint8Array, at: number, t: Type): string {
  if (t.kind === 'c') {
    const b = bytes[at]!;
    if (C_ESC[b]) return C_ESC[b];
    if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
    return b.toString(8).padStart(3, '0');
  }
  if (t.kind === 'a') {
    const b = bytes[at]! & 0x7f;
    return b <= 32 ? NAMES[b]! : b === 127 ? 'del' : String.fromCharCode(b);
  }
  let v = 0n;
  for (let k = t.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[at + k] ?? 0);
  if (t.kind === 'd' && v >= 1n << BigInt(t.size * 8 - 1)) v -= 1n << BigInt(t.size * 8);
  return v.toString(t.kind === 'x' ? 16 : t.kind === 'o' ? 8 : 10).padStart(t.kind === 'x' || t.kind === 'o' ? DIGITS[t.kind]![t.size]! : 0, '0');
}

export const od: CommandDefinition = {
  name: 'od',
  summary: 'dump files in octal and other formats',
  usage:
    'od [OPTION]... [FILE]...\nod [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]\nod --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]',
  async run(ctx) {
    const opts = parseOptions(ctx, od, {
      letters: 'abcdfilosxvDeFHIL0',
      withValue: 'AjNStw',
      long: { 'address-radix': 'A', 'skip-bytes': 'j', 'read-bytes': 'N', strings: 'S', format: 't', 'output-duplicates': 'v', width: 'w' },
      longOnly: ['traditional'],
      longOnlyValue: ['endian'],
      help: GNU_HELP.od,
    });
    if (typeof opts === 'number') return opts;
    const radix = opts.values.get('A') ?? 'o';
    if (!/^[doxn]$/.test(radix)) return fail(ctx, 'od', `invalid output address radix '${radix}'; it must be one character from [doxn]`);
    const types: Type[] = [];
    const traditional: Record<string, string> = { a: 'a', b: 'o1', c: 'c', d: 'u2', i: 'd4', l: 'd8', o: 'o2', s: 'd2', x: 'x2' };
    // Formats print in the order given on the command line.
    for (const arg of ctx.argv.slice(1)) {
      const m = /^-([a-zA-Z]+)$/.exec(arg);
      if (!m) continue;
      for (const l of m[1]!) if (traditional[l] && opts.flags.has(l)) types.push(...(parseTypes(traditional[l]!) as Type[]));
    }
    for (const spec of opts.all.get('t') ?? []) {
      const t = parseTypes(spec);
      if (typeof t === 'string') {
        ctx.stderr.write(t.startsWith('dojo:') ? `${t}\n` : `od: ${t}\n`);
        return 1;
      }
      types.push(...t);
    }
    if (!types.length) types.push({ kind: 'o', size: 2, z: false });
    const num = (v: string | undefined, what: string): number | string | undefined => {
      if (v === undefined) return undefined;
      const m = /^(0x[0-9a-f]+|0[0-7]*|\d+)([bkKmMG]?|[KMG]i?B?)$/i.exec(v);
      if (!m) return `invalid ${what} argument ${q(v)}`;
      const mult = { b: 512, k: 1024, K: 1024, m: 1 << 20, M: 1 << 20, G: 1 << 30 }[m[2]![0] ?? ''] ?? 1;
      return Number(m[1]!.startsWith('0') && !m[1]!.startsWith('0x') && m[1]!.length > 1 ? parseInt(m[1]!, 8) : m[1]) * mult;
    };
    const skip = num(opts.values.get('j'), '--skip-bytes');
    const count = num(opts.values.get('N'), '--read-bytes');
    const widthRaw = opts.values.get('w');
    const width = widthRaw === undefined ? 16 : widthRaw === '' ? 32 : Number(widthRaw);
    for (const n of [skip, count]) if (typeof n === 'string') return fail(ctx, 'od', n);
    if (!Number.isInteger(width) || width <= 0) return fail(ctx, 'od', `invalid -w argument ${q(widthRaw ?? '')}`);
    const lcm = types.reduce((a, t) => (a * t.size) / gcd(a, t.size), 1);
    if (width % lcm) return fail(ctx, 'od', `warning: invalid width ${width}; using ${lcm} instead`);
    const { inputs, status } = await readInputs(ctx, 'od', opts.operands);
    if (!inputs.length) return status;
    const all = new Uint8Array(inputs.reduce((n, i) => n + i.bytes.length, 0));
    let p = 0;
    for (const i of inputs) {
      all.set(i.bytes, p);
      p += i.bytes.length;
    }
    const start = (skip as number | undefined) ?? 0;
    if (start > all.length) {
      ctx.stderr.write('od: cannot skip past end of combined input\n');
      return 1;
    }
    const data = all.subarray(start, count === undefined ? undefined : start + (count as number));
    // Every field is as wide as the widest type needs per byte, so the columns line up.
    const perByte = Math.max(...types.map((t) => (DIGITS[t.kind]![t.size]! + 1) / t.size));
    const addr = (n: number) =>
      radix === 'n'
        ? ''
        : radix === 'x'
          ? n.toString(16).padStart(6, '0')
          : radix === 'd'
            ? String(n).padStart(7, '0')
            : n.toString(8).padStart(7, '0');
    const lines: string[] = [];
    let prev: string | null = null;
    let starred = false;
    for (let off = 0; off < data.length; off += width) {
      const row = data.subarray(off, off + width);
      const key = [...row].join(',');
      if (!opts.flags.has('v') && prev === key && row.length === width) {
        if (!starred) lines.push('*');
        starred = true;
        continue;
      }
      prev = key;
      starred = false;
      types.forEach((t, ti) => {
        let line = ti === 0 ? addr(start + off) : ' '.repeat(addr(0).length);
        const padded = new Uint8Array(Math.ceil(row.length / t.size) * t.size);
        padded.set(row);
        for (let k = 0; k < row.length; k += t.size) line += field(padded, k, t).padStart(perByte * t.size);
        if (t.z) {
          const fieldsWidth = (width / t.size) * perByte * t.size;
          const used = Math.ceil(row.length / t.size) * perByte * t.size;
          line += ' '.repeat(fieldsWidth - used) + '  >' + [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('') + '<';
        }
        lines.push(line);
      });
    }
    if (radix !== 'n') lines.push(addr(start + data.length));
    ctx.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
    return status;
  },
};

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}
