/**
 * xxd (vim 9's xxd, version 2022-01-14): the hex dump people read Wasm modules with. Plain dump
 * (-c cols, -g group, -u, -l len, -s seek, -d decimal offsets), -p (plain hex), -i (C include) and
 * -r -p (plain hex back to bytes). Messages and the usage text are xxd.c's.
 */
import type { CommandDefinition } from '../../shell/types';
import { errorText } from './fs-errors';

/** xxd.c usage(): what -h prints on stdout and a bad option on stderr. */
const USAGE =
  'Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n    -a          toggle autoskip: A single \'*\' replaces nul-lines. Default off.\n    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n    -C          capitalize variable names in C include file style (-i).\n    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n    -E          show characters in EBCDIC. Default ASCII.\n    -e          little-endian dump (incompatible with -ps,-i,-r).\n    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n    -h          print this summary.\n    -i          output in C include file style.\n    -l len      stop after <len> octets.\n    -n name     set the variable name used in C include output (-i).\n    -o off      add <off> to the displayed file position.\n    -ps         output in postscript plain hexdump style.\n    -r          reverse operation: convert (or patch) hexdump into binary.\n    -r -s off   revert with <off> added to file positions found in hexdump.\n    -d          show offset in decimal instead of hex.\n    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n    -u          use upper case hex letters.\n    -v          show version: "xxd 2022-01-14 by Juergen Weigert et al.".\n';

function parseNum(s: string): number | null {
  const m = /^([-+]?)(0x[0-9a-f]+|\d+)$/i.exec(s);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '-' ? -n : n;
}

export const xxd: CommandDefinition = {
  name: 'xxd',
  summary: 'make a hex dump or do the reverse',
  usage: 'xxd [options] [infile [outfile]]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const o = { c: 0, g: -1, l: Infinity, s: 0, p: false, i: false, r: false, u: false, d: false, b: false };
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-h' || a === '-help' || a === '--help') {
        ctx.stderr.write(USAGE);
        return 1;
      }
      if (a === '-v' || a === '-version') {
        ctx.stderr.write('xxd 2022-01-14 by Juergen Weigert et al.\n');
        return 0;
      }
      if (a === '-p' || a === '-ps' || a === '-postscript' || a === '-plain') o.p = true;
      else if (a === '-i' || a === '-include') o.i = true;
      else if (a === '-r' || a === '-revert') o.r = true;
      else if (a === '-u' || a === '-upper') o.u = true;
      else if (a === '-d') o.d = true;
      else if (a === '-b' || a === '-bits') o.b = true;
      else if (/^-(cols|c|groupsize|g|len|l|seek|s)([-+]?(0x)?[0-9a-f]*)$/i.test(a)) {
        const m = /^-(cols|c|groupsize|g|len|l|seek|s)(.*)$/.exec(a)!;
        const v = m[2] !== '' ? m[2] : args[++i];
        const n = v === undefined ? null : parseNum(v);
        if (n === null) {
          ctx.stderr.write(USAGE);
          return 1;
        }
        o[m[1]![0] as 'c' | 'g' | 'l' | 's'] = n;
      } else if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      } else if (a.startsWith('-') && a !== '-') {
        ctx.stderr.write(USAGE);
        return 1;
      } else files.push(a);
    }
    if (files.length > 2) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    const infile = files[0];
    let data: Uint8Array;
    if (infile === undefined || infile === '-') data = await ctx.stdin.readAll();
    else {
      try {
        data = ctx.fs.readFile(ctx.shell.resolvePath(infile));
      } catch (err) {
        ctx.stderr.write(`xxd: ${infile}: ${errorText(err)}\n`);
        return 2;
      }
    }
    let out: string | Uint8Array;
    if (o.r) {
      const hex = new TextDecoder().decode(data);
      const digits = o.p
        ? hex.replace(/[^0-9a-fA-F]/g, '')
        : hex
            .split('\n')
            .map((l) =>
              l
                .replace(/^[0-9a-fA-F]+:\s?/, '')
                .replace(/  .*$/, '')
                .replace(/[^0-9a-fA-F]/g, ''),
            )
            .join('');
      const bytes = new Uint8Array(digits.length >> 1);
      for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(digits.slice(2 * k, 2 * k + 2), 16);
      out = bytes;
    } else {
      const start = o.s < 0 ? Math.max(0, data.length + o.s) : o.s;
      const bytes = data.subarray(start, Number.isFinite(o.l) ? start + Math.max(0, o.l) : undefined);
      const hx = (b: number) => {
        const s = b.toString(16).padStart(2, '0');
        return o.u ? s.toUpperCase() : s;
      };
      if (o.p) {
        const cols = o.c || 30;
        const lines: string[] = [];
        for (let k = 0; k < bytes.length; k += cols) lines.push([...bytes.subarray(k, k + cols)].map(hx).join(''));
        out = lines.length ? lines.join('\n') + '\n' : '';
      } else if (o.i) {
        const cols = o.c || 12;
        const name = infile && infile !== '-' ? infile.replace(/[^0-9a-zA-Z]/g, '_').replace(/^(\d)/, '__$1') : '';
        const body: string[] = [];
        for (let k = 0; k < bytes.length; k += cols) body.push('  ' + [...bytes.subarray(k, k + cols)].map((b) => `0x${hx(b)}`).join(', '));
        const joined = body.join(',\n');
        out = name
          ? `unsigned char ${name}[] = {\n${joined}${joined ? '\n' : ''}};\nunsigned int ${name}_len = ${bytes.length};\n`
          : joined + (joined ? '\n' : '');
      } else {
        const cols = o.c || 16;
        const group = o.g < 0 ? (o.b ? 1 : 2) : o.g || cols;
        const width = o.b ? cols * 8 + Math.ceil(cols / group) - 1 : cols * 2 + Math.ceil(cols / group) - 1;
        const lines: string[] = [];
        for (let k = 0; k < bytes.length; k += cols) {
          const row = bytes.subarray(k, k + cols);
          let hex = '';
          row.forEach((b, j) => {
            if (j && j % group === 0) hex += ' ';
            hex += o.b ? b.toString(2).padStart(8, '0') : hx(b);
          });
          const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
          const off = start + k;
          const offset = o.d ? String(off).padStart(8, '0') : off.toString(16).padStart(8, '0');
          lines.push(`${offset}: ${hex.padEnd(width)}  ${ascii}`);
        }
        out = lines.length ? lines.join('\n') + '\n' : '';
      }
    }
    const outfile = files[1];
    if (outfile !== undefined && outfile !== '-') {
      try {
        ctx.fs.writeFile(ctx.shell.resolvePath(outfile), out);
      } catch (err) {
        ctx.stderr.write(`xxd: ${outfile}: ${errorText(err)}\n`);
        return 3;
      }
    } else ctx.stdout.write(out);
    return 0;
  },
};
