/**
 * GNU findutils 4.9 xargs: splits standard input into arguments (blanks and newlines, with quotes
 * and backslashes, or -0 / -d DELIM), then runs COMMAND (echo by default) with -n N per run, -L N
 * lines per run, or once per line with -I REPLACE; -r, -t, -a FILE. Statuses as xargs.c: 123 when
 * a run failed, 124 when one exited 255, 127 when the command does not exist.
 */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { fail, tryHelp } from './gnu-text';
import { runChild } from './run-child';

/** xargs' default input reading: blanks separate, quotes group, backslash escapes; null = unmatched quote. */
function splitWords(text: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        return {
          words,
          error: `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`,
        };
      }
      cur += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return { words };
}

export const xargs: CommandDefinition = {
  name: 'xargs',
  summary: 'build and execute command lines from standard input',
  usage: 'xargs [OPTION]... COMMAND [INITIAL-ARGS]...',
  async run(ctx) {
    // Options end at the command: everything from the first operand on is the command line.
    const cmdAt = commandStart(ctx.argv);
    const opts = parseOptions({ ...ctx, argv: ctx.argv.slice(0, cmdAt) }, xargs, {
      letters: '0rtpx',
      withValue: 'adEIiLlnPs',
      long: {
        null: '0',
        'no-run-if-empty': 'r',
        verbose: 't',
        interactive: 'p',
        exit: 'x',
        'arg-file': 'a',
        delimiter: 'd',
        'max-args': 'n',
        'max-lines': 'L',
        'max-procs': 'P',
        'max-chars': 's',
        eof: 'E',
      },
      longOnly: ['show-limits', 'open-tty'],
      longOnlyValue: ['process-slot-var'],
      help: GNU_HELP.xargs,
    });
    if (typeof opts === 'number') return opts;
    const verbose = opts.flags.has('t');
    const command = ctx.argv.slice(cmdAt);
    const cmd = command.length ? command : ['echo'];
    const v = opts.values;
    const count = (letter: string, flag: string): number | undefined | string => {
      const raw = v.get(letter);
      if (raw === undefined) return undefined;
      if (!/^\d+$/.test(raw) || Number(raw) < 1) return `invalid number "${raw}" for -${flag} option`;
      return Number(raw);
    };
    const n = count('n', 'n');
    const lines = count('L', 'L');
    for (const x of [n, lines]) if (typeof x === 'string') return tryHelp(ctx, 'xargs', x);
    const replace = v.get('I') ?? (v.has('i') ? v.get('i') || '{}' : undefined);
    let text: string;
    const file = v.get('a');
    if (file !== undefined) {
      try {
        text = ctx.fs.readText(ctx.shell.resolvePath(file));
      } catch (err) {
        return fail(ctx, 'xargs', `Cannot open input file ${shellEscapeName(file, true)}: ${errorText(err)}`);
      }
    } else text = new TextDecoder().decode(await ctx.stdin.readAll());
    let groups: string[][];
    let status = 0;
    const delim = opts.flags.has('0') ? '\0' : v.has('d') ? unescape(v.get('d')!) : null;
    if (replace !== undefined) {
      // -I: one run per input line, leading blanks dropped, the line replacing REPLACE in every word.
      const lineList = (delim !== null ? text.split(delim) : text.split('\n').map((l) => l.replace(/^[ \t]+/, ''))).filter((l) => l !== '');
      groups = lineList.map((l) => cmd.map((w) => w.split(replace).join(l)));
      if (!groups.length) return 0;
      for (const argv of groups) {
        const r = await run(argv);
        if (r === 127) return 127;
      }
      return status;
    }
    let words: string[];
    let lineGroups: string[][] | null = null;
    if (delim !== null) {
      words = text.split(delim);
      if (words[words.length - 1] === '' || (delim !== '\n' && words[words.length - 1] === '\n')) words.pop();
    } else {
      const split = splitWords(text);
      if (split.error) {
        words = split.words;
        status = 1;
        ctx.stderr.write(`xargs: ${split.error}\n`);
      } else words = split.words;
      if (lines !== undefined) {
        lineGroups = [];
        for (const line of text.split('\n')) {
          const w = splitWords(line).words;
          if (w.length) lineGroups.push(w);
        }
      }
    }
    if (lineGroups) {
      groups = [];
      for (let i = 0; i < lineGroups.length; i += lines as number) groups.push(lineGroups.slice(i, i + (lines as number)).flat());
    } else if (n !== undefined) {
      groups = [];
      for (let i = 0; i < words.length; i += n as number) groups.push(words.slice(i, i + (n as number)));
    } else groups = words.length ? [words] : [];
    if (!groups.length && !opts.flags.has('r') && status === 0) groups = [[]];
    for (const g of groups) {
      const r = await run([...cmd, ...g]);
      if (r === 127 || r === 130) return r;
    }
    return status;

    async function run(argv: string[]): Promise<number> {
      if (verbose) ctx.stderr.write(`${argv.join(' ')}\n`);
      const r = await runChild(ctx, argv);
      if (r === null) {
        ctx.stderr.write(`xargs: ${argv[0]}: No such file or directory\n`);
        status = 127;
        return 127;
      }
      if (r === 130 || ctx.signal.aborted) {
        status = 130;
        return 130;
      }
      if (r === 255) {
        ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        status = 124;
      } else if (r !== 0 && status === 0) status = 123;
      return r;
    }
  },
};

/** The index in argv where COMMAND starts: the first word that is neither an option nor an option's value. */
function commandStart(argv: string[]): number {
  const takesValue = new Set([
    '-a',
    '-d',
    '-E',
    '-I',
    '-L',
    '-n',
    '-P',
    '-s',
    '--arg-file',
    '--delimiter',
    '--max-args',
    '--max-lines',
    '--max-procs',
    '--max-chars',
    '--eof',
    '--process-slot-var',
  ]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return i + 1;
    if (!a.startsWith('-') || a === '-') return i;
    if (takesValue.has(a)) i++;
  }
  return argv.length;
}

function unescape(d: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', '0': '\0', '\\': '\\' };
  return d.startsWith('\\') && d.length === 2 ? (map[d[1]!] ?? d[1]!) : d;
}
