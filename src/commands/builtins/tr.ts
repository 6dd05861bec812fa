/**
 * coreutils tr.c: SET1 [SET2] with ranges, [:class:], [=c=], [c*n] and escapes; -d, -s, -c, -t.
 * Works on characters (GNU tr works on bytes: the two agree on ASCII, the sets people type).
 */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { fail, q, tryHelp } from './gnu-text';

const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => CLASSES.alpha!(c) || CLASSES.digit!(c),
  alpha: (c) => CLASSES.upper!(c) || CLASSES.lower!(c),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: (c) => c >= 48 && c <= 57,
  graph: (c) => c > 32 && c < 127,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !CLASSES.alnum!(c),
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  upper: (c) => c >= 65 && c <= 90,
  xdigit: (c) => CLASSES.digit!(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};
const ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

interface Expanded {
  chars: string[];
  /** Index in `chars` of a `[c*]` fill (set2 only), to be repeated to set1's length. */
  fill?: { at: number; c: string };
}

/** Expands a SET; a string is tr.c's message. */
function expand(set: string, isSet2: boolean): Expanded | string {
  const chars: string[] = [];
  let fill: Expanded['fill'];
  const atoms: Array<{ c: string; escaped: boolean }> = [];
  const src = [...set];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      const n = src[i + 1]!;
      if (/[0-7]/.test(n)) {
        let oct = '';
        while (oct.length < 3 && /[0-7]/.test(src[i + 1 + oct.length] ?? '')) oct += src[i + 1 + oct.length];
        atoms.push({ c: String.fromCharCode(parseInt(oct, 8) & 0xff), escaped: true });
        i += oct.length;
      } else {
        atoms.push({ c: ESC[n] ?? n, escaped: true });
        i++;
      }
    } else atoms.push({ c, escaped: false });
  }
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (!a.escaped && a.c === '[') {
      const rest = atoms
        .slice(i)
        .map((x) => (x.escaped ? '\u0000' : x.c))
        .join('');
      const cls = /^\[:([a-z]+):\]/.exec(rest);
      if (cls) {
        const test = CLASSES[cls[1]!];
        if (!test) return `invalid character class ${q(cls[1]!)}`;
        for (let c = 0; c < 128; c++) if (test(c)) chars.push(String.fromCharCode(c));
        i += cls[0].length - 1;
        continue;
      }
      const eq = /^\[=(.)=\]/.exec(rest);
      if (eq) {
        chars.push(atoms[i + 2]!.c);
        i += 4;
        continue;
      }
      const rep = /^\[(.)\*(\d*)\]/.exec(rest);
      if (rep) {
        const c = atoms[i + 1]!.c;
        if (!isSet2) return 'the [c*] repeat construct may not appear in string1';
        const n = rep[2] ? parseInt(rep[2], rep[2].startsWith('0') ? 8 : 10) : 0;
        if (n === 0) fill = { at: chars.length, c };
        else for (let k = 0; k < n; k++) chars.push(c);
        i += rep[0].length - 1;
        continue;
      }
    }
    const next = atoms[i + 1];
    const end = atoms[i + 2];
    if (next && !next.escaped && next.c === '-' && end) {
      const lo = a.c.codePointAt(0)!;
      const hi = end.c.codePointAt(0)!;
      if (hi < lo) return `range-endpoints of '${a.c}-${end.c}' are in reverse collating sequence order`;
      for (let c = lo; c <= hi; c++) chars.push(String.fromCodePoint(c));
      i += 2;
      continue;
    }
    chars.push(a.c);
  }
  return fill ? { chars, fill } : { chars };
}

export const tr: CommandDefinition = {
  name: 'tr',
  summary: 'translate or delete characters',
  usage: 'tr [OPTION]... STRING1 [STRING2]',
  async run(ctx) {
    const opts = parseOptions(ctx, tr, {
      letters: 'cCdst',
      long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
      help: GNU_HELP.tr,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    const del = f.has('d');
    const squeeze = f.has('s');
    const ops = opts.operands;
    const translating = !del && ops.length >= 2;
    if (!ops.length) return tryHelp(ctx, 'tr', 'missing operand');
    if (del && !squeeze && ops.length > 1)
      return tryHelp(ctx, 'tr', `extra operand ${q(ops[1]!)}\nOnly one string may be given when deleting without squeezing repeats.`);
    if (!del && !squeeze && ops.length === 1)
      return tryHelp(ctx, 'tr', `missing operand after ${q(ops[0]!)}\nTwo strings must be given when translating.`);
    if (del && squeeze && ops.length === 1)
      return tryHelp(ctx, 'tr', `missing operand after ${q(ops[0]!)}\nTwo strings must be given when both deleting and squeezing repeats.`);
    if (ops.length > 2) return tryHelp(ctx, 'tr', `extra operand ${q(ops[2]!)}`);
    const s1 = expand(ops[0]!, false);
    if (typeof s1 === 'string') return fail(ctx, 'tr', s1);
    const s2 = ops[1] !== undefined ? expand(ops[1], true) : { chars: [] as string[] };
    if (typeof s2 === 'string') return fail(ctx, 'tr', s2);
    const complement = f.has('c') || f.has('C');
    const inSet1 = new Set(s1.chars);
    const member = (c: string) => inSet1.has(c) !== complement;
    const map = new Map<string, string>();
    if (translating) {
      let set2 = s2.chars;
      if (s2.fill) {
        const need = Math.max(0, s1.chars.length - set2.length);
        set2 = [...set2.slice(0, s2.fill.at), ...Array<string>(need).fill(s2.fill.c), ...set2.slice(s2.fill.at)];
      }
      if (!set2.length) return fail(ctx, 'tr', 'when not truncating set1, string2 must be non-empty');
      if (complement) {
        // Every character outside SET1 maps to SET2's last character (what users mean by tr -c 'a-z' '_').
        const last = set2[set2.length - 1]!;
        map.set('\u0000complement', last);
      } else {
        const n = f.has('t') ? Math.min(s1.chars.length, set2.length) : s1.chars.length;
        for (let i = 0; i < n; i++) map.set(s1.chars[i]!, set2[Math.min(i, set2.length - 1)]!);
      }
    }
    const squeezeSet = new Set(translating || (del && squeeze) ? s2.chars : s1.chars);
    const squeezeMember = (c: string) => (translating || del ? squeezeSet.has(c) : member(c));
    const text = new TextDecoder().decode(await ctx.stdin.readAll());
    let out = '';
    let last: string | null = null;
    for (const ch of text) {
      if (del && member(ch)) continue;
      let c = ch;
      if (translating) c = complement ? (member(ch) ? map.get('\u0000complement')! : ch) : (map.get(ch) ?? ch);
      if (squeeze && c === last && squeezeMember(c)) continue;
      out += c;
      last = c;
    }
    ctx.stdout.write(out);
    return 0;
  },
};
