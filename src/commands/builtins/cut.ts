/** coreutils cut.c: -b/-c LIST, -f LIST with -d DELIM, -s, --complement, --output-delimiter. */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { readInputs } from './inputs';
import { q, tryHelp } from './gnu-text';

type Range = [number, number];

/** A LIST (`1,3-5,7-`); a string is cut.c's message. */
function parseList(list: string, what: 'field' | 'byte/character'): Range[] | string {
  const ranges: Range[] = [];
  for (const part of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && m[2] === '-') || part === '') {
      if (part === '-') return 'invalid range with no endpoint: -';
      return `invalid ${what === 'field' ? 'field value' : 'byte/character position'} ${q(part)}`;
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : lo;
    if (lo === 0 || hi === 0) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    ranges.push([lo, hi]);
  }
  return ranges;
}

export const cut: CommandDefinition = {
  name: 'cut',
  summary: 'remove sections from each line of files',
  usage: 'cut OPTION... [FILE]...',
  async run(ctx) {
    const opts = parseOptions(ctx, cut, {
      letters: 'nsz',
      withValue: 'bcfd',
      long: { bytes: 'b', characters: 'c', fields: 'f', delimiter: 'd', 'only-delimited': 's', 'zero-terminated': 'z' },
      longOnly: ['complement'],
      longOnlyValue: ['output-delimiter'],
      help: GNU_HELP.cut,
    });
    if (typeof opts === 'number') return opts;
    const lists = (['b', 'c', 'f'] as const).filter((l) => opts.values.has(l));
    if (lists.length > 1) return tryHelp(ctx, 'cut', 'only one list may be specified');
    if (!lists.length) return tryHelp(ctx, 'cut', 'you must specify a list of bytes, characters, or fields');
    const mode = lists[0]!;
    const ranges = parseList(opts.values.get(mode)!, mode === 'f' ? 'field' : 'byte/character');
    if (typeof ranges === 'string') return tryHelp(ctx, 'cut', ranges);
    const delim = opts.values.get('d');
    if (delim !== undefined && [...delim].length > 1) return tryHelp(ctx, 'cut', 'the delimiter must be a single character');
    if (mode !== 'f' && delim !== undefined) return tryHelp(ctx, 'cut', 'an input delimiter may be specified only when operating on fields');
    if (mode !== 'f' && opts.flags.has('s'))
      return tryHelp(ctx, 'cut', 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
    const d = delim === undefined ? '\t' : delim === '' ? '\0' : delim;
    const outDelim = opts.values.get('output-delimiter') ?? (mode === 'f' ? d : '');
    const complement = opts.flags.has('complement');
    const picked = (i: number) => ranges.some(([lo, hi]) => i >= lo && i <= hi) !== complement;
    const sep = opts.flags.has('z') ? '\0' : '\n';
    const { inputs, status } = await readInputs(ctx, 'cut', opts.operands);
    let out = '';
    for (const input of inputs) {
      const lines = input.text.split(sep);
      const trailing = lines[lines.length - 1] === '';
      if (trailing) lines.pop();
      for (const line of lines) {
        if (mode === 'f') {
          if (!line.includes(d)) {
            if (!opts.flags.has('s')) out += line + sep;
            continue;
          }
          out +=
            line
              .split(d)
              .filter((_, i) => picked(i + 1))
              .join(outDelim) + sep;
        } else {
          // -b and -c both count characters here (GNU's -c is bytewise too; they differ only on multibyte text).
          const chars = [...line];
          const segs: string[] = [];
          let cur = '';
          let prev = false;
          chars.forEach((c, i) => {
            const p = picked(i + 1);
            if (p) cur += c;
            else if (prev && outDelim) {
              segs.push(cur);
              cur = '';
            }
            prev = p;
          });
          segs.push(cur);
          out += (outDelim ? segs.filter((s) => s !== '').join(outDelim) : segs.join('')) + sep;
        }
      }
    }
    ctx.stdout.write(out);
    return status;
  },
};
