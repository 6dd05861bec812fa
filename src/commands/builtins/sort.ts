/**
 * coreutils sort.c for the options people type: -n -g -h -V -f -d -b -r -u -s -c/-C -o -t -k -z -m.
 * Lines compare as sort does in the C.UTF-8 locale (by code point); with keys, a tie falls back to
 * the whole line (the "last resort") unless -s or -u. sort exits 2 on trouble, as sort.c does.
 */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { fail, q } from './gnu-text';
import { standardStream } from '../../fs/devices';

interface KeyOpts {
  b: boolean;
  d: boolean;
  f: boolean;
  i: boolean;
  n: boolean;
  g: boolean;
  h: boolean;
  V: boolean;
  M: boolean;
  r: boolean;
}
interface Key extends KeyOpts {
  sField: number;
  sChar: number;
  /** 0 = to the end of the line. */
  eField: number;
  /** 0 = to the end of the field. */
  eChar: number;
  /** Leading blanks of the end field are skipped (a `b` after the end position). */
  eb: boolean;
}

const LETTERS = 'bdfginhVMr';
const BLANK = /[ \t]/;

function noOpts(): KeyOpts {
  return { b: false, d: false, f: false, i: false, n: false, g: false, h: false, V: false, M: false, r: false };
}

/** Parses one -k KEYDEF (POS1[,POS2], each F[.C][OPTS]); a string is sort.c's error message. */
function parseKey(spec: string, global: KeyOpts): Key | string {
  const m = /^(\d*)(?:\.(\d*))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d*))?([a-zA-Z]*))?$/.exec(spec);
  const bad = (what: string) => `${what}: invalid field specification ${q(spec)}`;
  if (!m || m[1] === '') return `invalid number at field start: invalid count at start of ${q(spec.slice(0))}`;
  const sField = Number(m[1]);
  if (sField === 0) return bad('field number is zero');
  if (m[2] !== undefined && Number(m[2]) === 0) return bad('character offset is zero');
  const opts = noOpts();
  let eb = false;
  let any = false;
  for (const [letters, end] of [
    [m[3] ?? '', false],
    [m[6] ?? '', true],
  ] as const) {
    for (const l of letters) {
      if (!LETTERS.includes(l)) return `stray character in field spec: invalid field specification ${q(spec)}`;
      any = true;
      if (l === 'b' && end) eb = true;
      else (opts as unknown as Record<string, boolean>)[l] = true;
    }
  }
  const key: Key = { ...(any ? opts : global), sField, sChar: m[2] ? Number(m[2]) : 1, eField: 0, eChar: 0, eb: any ? eb : global.b };
  if (m[4] !== undefined) {
    if (m[4] === '') return `invalid number after ‘,’: invalid count at start of ${q(spec.slice(spec.indexOf(',') + 1))}`;
    key.eField = Number(m[4]);
    if (key.eField === 0) return bad('field number is zero');
    key.eChar = m[5] ? Number(m[5]) : 0;
  }
  return key;
}

/** Start offsets of the fields of `line` (blank-separated fields keep their leading blanks). */
function fieldStarts(line: string, tab: string | null): number[] {
  const starts = [0];
  if (tab !== null) {
    for (let i = 0; i < line.length; i++) if (line[i] === tab) starts.push(i + 1);
    return starts;
  }
  for (let i = 1; i < line.length; i++) if (BLANK.test(line[i]!) && !BLANK.test(line[i - 1]!)) starts.push(i);
  return starts;
}

function keyText(line: string, key: Key, tab: string | null): string {
  const starts = fieldStarts(line, tab);
  const fieldEnd = (f: number) => (f + 1 < starts.length ? starts[f + 1]! - (tab !== null ? 1 : 0) : line.length);
  const f0 = key.sField - 1;
  if (f0 >= starts.length) return '';
  let s = starts[f0]!;
  if (key.b) while (s < fieldEnd(f0) && BLANK.test(line[s]!)) s++;
  s = Math.min(s + key.sChar - 1, fieldEnd(f0));
  let e = line.length;
  if (key.eField) {
    const f1 = key.eField - 1;
    if (f1 >= starts.length) e = line.length;
    else if (key.eChar === 0) e = fieldEnd(f1);
    else {
      let p = starts[f1]!;
      if (key.eb) while (p < fieldEnd(f1) && BLANK.test(line[p]!)) p++;
      e = Math.min(p + key.eChar, fieldEnd(f1));
    }
  }
  return e > s ? line.slice(s, e) : '';
}

function numericPrefix(s: string): number {
  const m = /^[ \t]*(-?(\d*\.?\d+|\d+\.?))/.exec(s);
  return m ? Number(m[1]) : 0;
}
const SUFFIXES = 'KMGTPEZYRQ';
function human(s: string): [number, number] {
  const m = /^[ \t]*(-?(?:\d*\.?\d+|\d+\.?))([kKMGTPEZYRQ]?)/.exec(s);
  if (!m) return [0, 0];
  const n = Number(m[1]);
  const mag = m[2] ? SUFFIXES.indexOf(m[2].toUpperCase()) + 1 : 0;
  return [Math.sign(n) * mag, n];
}
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Version order (filevercmp, simplified): digit runs compare as numbers, the rest by character. */
function versionCmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d) return d < 0 ? -1 : 1;
    } else {
      const c = cmpStr(x, y);
      if (c) return c;
    }
  }
  return 0;
}

function compareBy(a: string, b: string, o: KeyOpts): number {
  if (o.b) {
    a = a.replace(/^[ \t]+/, '');
    b = b.replace(/^[ \t]+/, '');
  }
  let c: number;
  if (o.n) c = Math.sign(numericPrefix(a) - numericPrefix(b));
  else if (o.g) {
    const x = parseFloat(a);
    const y = parseFloat(b);
    c = Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : Math.sign(x - y);
  } else if (o.h) {
    const [ma, na] = human(a);
    const [mb, nb] = human(b);
    c = Math.sign(ma - mb) || Math.sign(na - nb);
  } else if (o.M) {
    const month = (s: string) => MONTHS.indexOf(s.trim().slice(0, 3).toUpperCase()) + 1;
    c = Math.sign(month(a) - month(b));
  } else if (o.V) c = versionCmp(a, b);
  else {
    if (o.d) {
      a = a.replace(/[^ \t\p{L}\p{N}]/gu, '');
      b = b.replace(/[^ \t\p{L}\p{N}]/gu, '');
    }
    if (o.i) {
      a = a.replace(/[^\x20-\x7e]/g, '');
      b = b.replace(/[^\x20-\x7e]/g, '');
    }
    if (o.f) {
      a = a.toUpperCase();
      b = b.toUpperCase();
    }
    c = cmpStr(a, b);
  }
  return o.r ? -c : c;
}

export const sort: CommandDefinition = {
  name: 'sort',
  summary: 'sort lines of text files',
  usage: 'sort [OPTION]... [FILE]...\nsort [OPTION]... --files0-from=F',
  async run(ctx) {
    const opts = parseOptions(ctx, sort, {
      letters: 'bdfgiMhnRrVcCmsuz',
      withValue: 'ktoST',
      long: {
        'ignore-leading-blanks': 'b',
        'dictionary-order': 'd',
        'ignore-case': 'f',
        'general-numeric-sort': 'g',
        'ignore-nonprinting': 'i',
        'month-sort': 'M',
        'human-numeric-sort': 'h',
        'numeric-sort': 'n',
        'random-sort': 'R',
        reverse: 'r',
        'version-sort': 'V',
        merge: 'm',
        stable: 's',
        unique: 'u',
        'zero-terminated': 'z',
        key: 'k',
        'field-separator': 't',
        output: 'o',
        'buffer-size': 'S',
        'temporary-directory': 'T',
      },
      longOnly: ['debug'],
      longOnlyValue: ['parallel', 'sort', 'check', 'batch-size', 'compress-program', 'random-source', 'files0-from'],
      usageStatus: 2,
      help: GNU_HELP.sort,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    const global = noOpts();
    for (const l of LETTERS) if (f.has(l)) (global as unknown as Record<string, boolean>)[l] = true;
    const sortWord = opts.values.get('sort');
    if (sortWord) {
      const map: Record<string, keyof KeyOpts> = { general: 'g', human: 'h', month: 'M', numeric: 'n', version: 'V' };
      if (!map[sortWord]) return fail(ctx, 'sort', `invalid argument ${q(sortWord)} for ‘--sort’`, 2);
      (global as unknown as Record<string, boolean>)[map[sortWord]!] = true;
    }
    let tab: string | null = null;
    const t = opts.values.get('t');
    if (t !== undefined) {
      if (t === '') return fail(ctx, 'sort', 'empty tab', 2);
      if ([...t].length > 1 && t !== '\\0') return fail(ctx, 'sort', `multi-character tab ${q(t)}`, 2);
      tab = t === '\\0' ? '\0' : t;
    }
    const keys: Key[] = [];
    for (const spec of opts.all.get('k') ?? []) {
      const k = parseKey(spec, global);
      if (typeof k === 'string') return fail(ctx, 'sort', k, 2);
      keys.push(k);
    }
    const sep = f.has('z') ? '\0' : '\n';
    let text = '';
    const decoder = new TextDecoder();
    for (const name of opts.operands.length ? opts.operands : ['-']) {
      try {
        if (name === '-' || standardStream(ctx.shell.resolvePath(name)) === 0) text += decoder.decode(await ctx.stdin.readAll());
        else {
          const path = ctx.shell.resolvePath(name);
          if (ctx.fs.stat(path)?.kind === 'dir') return fail(ctx, 'sort', `read failed: ${shellEscapeName(name, false)}: Is a directory`, 2);
          const chunk = ctx.fs.readText(path);
          text += chunk && !chunk.endsWith(sep) ? chunk + sep : chunk;
        }
      } catch (err) {
        return fail(ctx, 'sort', `cannot read: ${shellEscapeName(name, false)}: ${errorText(err)}`, 2);
      }
    }
    const lines = text.split(sep);
    if (lines[lines.length - 1] === '') lines.pop();
    const lastResort = !f.has('s') && !f.has('u');
    const cmpKeys = (a: string, b: string): number => {
      if (!keys.length) return compareBy(a, b, global);
      for (const k of keys) {
        const c = compareBy(keyText(a, k, tab), keyText(b, k, tab), k);
        if (c) return c;
      }
      return 0;
    };
    const cmp = (a: string, b: string): number => {
      const c = cmpKeys(a, b);
      if (c || !lastResort) return c;
      // Only global -r reverses the last resort (sort.c: the default key's reverse flag).
      const whole = cmpStr(a, b);
      return global.r ? -whole : whole;
    };
    const check = f.has('c') || f.has('C') || opts.values.has('check');
    if (check) {
      for (let i = 1; i < lines.length; i++) {
        const c = cmp(lines[i - 1]!, lines[i]!);
        if (c > 0 || (f.has('u') && c === 0)) {
          const quiet = f.has('C') || ['quiet', 'silent'].includes(opts.values.get('check') ?? '');
          if (!quiet) ctx.stderr.write(`sort: ${opts.operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`);
          return 1;
        }
      }
      return 0;
    }
    let sorted: string[];
    if (f.has('R')) {
      sorted = [...lines];
      for (let i = sorted.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
      }
    } else sorted = [...lines].sort(cmp);
    if (f.has('u')) sorted = sorted.filter((l, i) => i === 0 || cmpKeys(sorted[i - 1]!, l) !== 0);
    const out = sorted.map((l) => l + sep).join('');
    const o = opts.values.get('o');
    if (o !== undefined) {
      try {
        ctx.fs.writeFile(ctx.shell.resolvePath(o), out);
      } catch (err) {
        return fail(ctx, 'sort', `open failed: ${shellEscapeName(o, false)}: ${errorText(err)}`, 2);
      }
    } else ctx.stdout.write(out);
    return 0;
  },
};
