/**
 * awk, written for the Dojo: POSIX awk as mawk 1.3.4 (the awk of Debian and Ubuntu) runs it.
 * -F FS, -v VAR=VALUE, -f PROGFILE, VAR=VALUE operands; patterns, ranges, BEGIN/END, fields and
 * NF/NR/FNR/FS/OFS/ORS/RS/FILENAME/SUBSEP/RSTART/RLENGTH/CONVFMT/OFMT/ENVIRON, print/printf with
 * > >> | redirections, arrays (in, delete, for-in, SUBSEP keys), user functions, getline, and the
 * string and math built-ins. Messages are mawk's (`awk: line 1: syntax error at or near }`).
 */
import type { CommandDefinition } from '../../../shell/types';
import { AwkSyntaxError, lex } from './lexer';
import { parse } from './parser';
import { AwkFatal, AwkRuntimeError, Interpreter, fieldValue } from './interp';
import { expandEscapes } from '../printf';

/** mawk's usage(): printed for `awk` alone and -W usage. */
const USAGE =
  'Usage: mawk [Options] [Program] [file ...]\n\nProgram:\n    The -f option value is the name of a file containing program text.\n    If no -f option is given, a "--" ends option processing; the following\n    parameters are the program text.\n\nOptions:\n    -f program-file  Program  text is read from file instead of from the\n                     command-line.  Multiple -f options are accepted.\n    -F value         sets the field separator, FS, to value.\n    -v var=value     assigns value to program variable var.\n    --               unambiguous end of options.\n\n    Implementation-specific options are prefixed with "-W".  They can be\n    abbreviated:\n\n    -W version       show version information and exit.\n    -W dump          show assembler-like listing of program and exit.\n    -W help          show this message and exit.\n    -W interactive   set unbuffered output, line-buffered input.\n    -W exec file     use file as program as well as last option.\n    -W random=number set initial random seed.\n    -W sprintf=number adjust size of sprintf buffer.\n    -W posix_space   do not consider "\\n" a space.\n    -W usage         show this message and exit.\n';

function unescape(s: string): string {
  return s.replace(/\\(["\\/nt])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}

export const awk: CommandDefinition = {
  name: 'awk',
  summary: 'pattern scanning and text processing language',
  usage: "awk [-F fs] [-v var=value] ['program' | -f progfile] [file ...]",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const assigns: Array<[string, string]> = [];
    let fs: string | undefined;
    const progFiles: string[] = [];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      const value = (flag: string) => (a.length > flag.length ? a.slice(flag.length) : args[++i]);
      if (a.startsWith('-F')) {
        const v = value('-F');
        if (v === undefined) return fail(ctx, 'option requires an argument -- F');
        fs = v === 't' ? '\t' : expandEscapes(v, true).text;
      } else if (a.startsWith('-v')) {
        const v = value('-v');
        const m = v === undefined ? null : /^([A-Za-z_]\w*)=(.*)$/s.exec(v);
        if (!m) return fail(ctx, v === undefined ? 'option requires an argument -- v' : `improper assignment: -v ${v}`);
        assigns.push([m[1]!, m[2]!]);
      } else if (a.startsWith('-f')) {
        const v = value('-f');
        if (v === undefined) return fail(ctx, 'option requires an argument -- f');
        progFiles.push(v);
      } else if (a.startsWith('-W')) {
        const v = value('-W') ?? '';
        if (/^v/.test(v)) {
          ctx.stdout.write('mawk 1.3.4 20200120 (simulated by Wasm Dojo)\n');
          return 0;
        }
        if (/^(u|h)/.test(v)) {
          ctx.stdout.write(USAGE);
          return 0;
        }
      } else if (a === '--version' || a === '-V') {
        ctx.stdout.write('mawk 1.3.4 20200120 (simulated by Wasm Dojo)\n');
        return 0;
      } else if (a === '--help' || a === '-h') {
        ctx.stdout.write(USAGE);
        return 0;
      } else return fail(ctx, `not an option: ${a}`);
    }
    let source: string;
    if (progFiles.length) {
      const parts: string[] = [];
      for (const f of progFiles) {
        try {
          parts.push(ctx.fs.readText(ctx.shell.resolvePath(f)));
        } catch {
          return fail(ctx, `cannot open ${f} (No such file or directory)`);
        }
      }
      source = parts.join('\n');
    } else {
      if (i >= args.length) {
        ctx.stderr.write(USAGE);
        return 2;
      }
      source = args[i++]!;
    }
    const operands = args.slice(i);
    let interp: Interpreter;
    try {
      interp = new Interpreter(parse(lex(source)), ctx);
    } catch (err) {
      if (err instanceof AwkSyntaxError) return fail(ctx, `line ${err.line}: ${err.message}`);
      throw err;
    }
    if (fs !== undefined) interp.globals.set('FS', fs);
    for (const [k, v] of assigns) interp.globals.set(k, fieldValue(unescape(v)));
    // The inputs: files in order (`-` or none = stdin); VAR=VALUE operands take effect when reached.
    // Only operands that are not VAR=VALUE name inputs; with none, standard input is read (after them).
    const files = operands.some((o) => !/^[A-Za-z_]\w*=/.test(o)) ? operands : [...operands, '-'];
    let fileIdx = 0;
    let current: { records: string[]; i: number } | null = null;
    const decoder = new TextDecoder();
    const stdinText = async () => decoder.decode(await ctx.stdin.readAll());
    const texts: Array<string | null> = [];
    for (const f of files) {
      if (/^[A-Za-z_]\w*=/.test(f)) texts.push(null);
      else if (f === '-' || f === '/dev/stdin') texts.push(await stdinText());
      else {
        try {
          const path = ctx.shell.resolvePath(f);
          if (ctx.fs.stat(path)?.kind === 'dir') {
            texts.push('');
            continue;
          }
          texts.push(ctx.fs.readText(path));
        } catch {
          texts.push(undefined as unknown as string);
        }
      }
    }
    const records = (text: string): string[] => {
      const rs = interp.str(interp.globals.get('RS') ?? '\n');
      if (text === '') return [];
      let parts: string[];
      if (rs === '\n') parts = text.split('\n');
      else if (rs === '') parts = text.replace(/^\n+/, '').split(/\n\n+/);
      else if (rs.length === 1) parts = text.split(rs);
      else parts = text.split(new RegExp(interp.regex(rs).source, 'u'));
      if (parts[parts.length - 1] === '' || (rs === '' && parts[parts.length - 1] === '\n')) parts.pop();
      if (rs === '') parts = parts.map((p) => p.replace(/\n+$/, ''));
      return parts;
    };
    interp.nextRecord = () => {
      for (;;) {
        if (current && current.i < current.records.length) return current.records[current.i++]!;
        if (fileIdx >= files.length) return null;
        const name = files[fileIdx]!;
        const text = texts[fileIdx++];
        if (text === null) {
          const eq = name.indexOf('=');
          interp.globals.set(name.slice(0, eq), fieldValue(unescape(name.slice(eq + 1))));
          current = null;
          continue;
        }
        if (text === undefined) {
          interp.flush();
          ctx.stderr.write(`awk: cannot open ${name} (No such file or directory)\n`);
          throw new AwkFatal();
        }
        // mawk names standard input "-" (gawk leaves FILENAME empty).
        interp.globals.set('FILENAME', name === '/dev/stdin' ? '-' : name);
        interp.globals.set('FNR', 0);
        current = { records: records(text), i: 0 };
      }
    };
    try {
      const r = await interp.run();
      return r;
    } catch (err) {
      interp.flush();
      if (err instanceof AwkFatal) return 2;
      if (err instanceof AwkRuntimeError) {
        const nr = interp.globals.get('NR');
        return fail(
          ctx,
          `run time error: ${err.message}\n\tFILENAME="${interp.str(interp.globals.get('FILENAME') ?? '')}" FNR=${interp.str(interp.globals.get('FNR') ?? 0)} NR=${interp.str(nr ?? 0)}`,
        );
      }
      throw err;
    }
  },
};

function fail(ctx: Parameters<CommandDefinition['run']>[0], message: string): number {
  ctx.stderr.write(`awk: ${message}\n`);
  return 2;
}
