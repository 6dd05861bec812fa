/**
 * GNU sed 4.9, written for the Dojo (not a bridge to another library: see docs/architecture.md).
 * Options -n -e -f -E/-r -i[SUFFIX] -s -z; addresses N, $, /RE/I, \cREc, first~step, A,B, A,+N,
 * A,~N, 0,/RE/ and `!`; commands { } = a i c (one-line and classic forms) b t T : d D g G h H l n N
 * p P q Q r w s y x z and # comments; s/// with g p N i/I m w and & \1-\9 \n \L \U \l \u \E in the
 * replacement. Regular expressions are POSIX BRE (or ERE with -E), translated as grep's are.
 * Errors are sed's own: `sed: -e expression #1, char 5: unterminated `s' command`.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { GrepPatternError, translatePatterns } from './grep-pattern';
import { standardStream } from '../../fs/devices';

class SedError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };
type Addr2 = Addr | { kind: 'plus'; n: number } | { kind: 'mult'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr2;
  negate: boolean;
  name: string;
  text?: string;
  label?: string;
  /** s: the pattern (null = the last one used), replacement parts, flags. */
  re?: RegExp | null;
  repl?: ReplPart[];
  global?: boolean;
  nth?: number;
  print?: boolean;
  wfile?: string;
  /** y: the map. */
  map?: Map<string, string>;
  exit?: number;
  /** { : index of the matching }; b/t/T: resolved target index. */
  jump?: number;
  /** Range state. */
  active?: boolean;
  zeroDone?: boolean;
  end?: number;
}

type ReplPart = { lit: string } | { group: number } | { kase: 'L' | 'U' | 'l' | 'u' | 'E' };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', a: '\x07', f: '\f', v: '\v', r: '\r' };

/** Compiles a sed regex (BRE or ERE) into a JS RegExp. */
function compileRe(src: string, extended: boolean, flags: string): RegExp {
  // \n and \t are GNU sed's; protect them from the translator (which reads newlines as alternatives).
  const prepared = src.replace(/\\\\|\\n|\\t/g, (m) => (m === '\\n' ? '\uE000' : m === '\\t' ? '\uE001' : m));
  const t = translatePatterns(prepared, extended ? 'extended' : 'basic');
  const source = t.source.replace(/\uE000/g, '\\n').replace(/\uE001/g, '\\t');
  return new RegExp(source, `${flags.includes('i') ? 'i' : ''}${flags.includes('m') ? 'm' : ''}gu`.replace(/(.)(?=.*\1)/g, ''));
}

class Parser {
  i = 0;
  readonly cmds: Cmd[] = [];
  private readonly blocks: number[] = [];
  constructor(
    private readonly s: string,
    private readonly exprNo: number,
    private readonly extended: boolean,
    private readonly source: string,
  ) {}

  fail(msg: string, at = this.i): never {
    throw new SedError(`${this.source === '-e' ? `-e expression #${this.exprNo}` : `file ${this.source} line 1`}, char ${at}: ${msg}`);
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  skipWs(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i]!)) this.i++;
  }
  number(): number {
    const m = /^\d+/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    return Number(m[0]);
  }
  /** Reads up to an unescaped `delim`; returns the raw text (escapes of the delimiter removed). */
  delimited(delim: string, what: string): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === '\\') {
        const n = this.s[this.i++];
        if (n === undefined) break;
        if (n === delim && delim !== '\n') out += delim === '&' ? '\\&' : delim;
        else if (n === '\n') out += '\\n';
        else out += `\\${n}`;
        continue;
      }
      if (c === delim) return out;
      if (c === '\n' && what !== 'y') this.fail(`unterminated \`${what}' command`);
      out += c;
    }
    this.fail(what === 'address' ? 'unterminated address regex' : `unterminated \`${what}' command`);
  }
  regex(text: string, flags: string): RegExp | null {
    if (text === '') return null;
    try {
      return compileRe(text, this.extended, flags);
    } catch (err) {
      if (err instanceof GrepPatternError) this.fail(err.message);
      this.fail('Invalid regular expression');
    }
  }
  address(): Addr | undefined {
    const c = this.peek();
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const n = this.number();
      if (this.peek() === '~') {
        this.i++;
        const step = /\d/.test(this.peek() ?? '') ? this.number() : 0;
        return { kind: 'step', first: n, step };
      }
      return n === 0 ? { kind: 'zero' } : { kind: 'line', n };
    }
    if (c === '$') {
      this.i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      this.i++;
      const delim = c === '\\' ? this.s[this.i++]! : '/';
      const text = this.delimited(delim, 'address');
      let flags = '';
      while (this.peek() === 'I' || this.peek() === 'M') flags += this.s[this.i++] === 'I' ? 'i' : 'm';
      return { kind: 're', re: this.regex(text, flags) };
    }
    return undefined;
  }
  /** The rest of a line (for a, i, c, r, w, labels); GNU one-liner form and the classic `a\` form. */
  textArg(): string {
    this.skipWs();
    if (this.s.startsWith('\\\n', this.i)) this.i += 2;
    else if (this.peek() === '\\') this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '\n') {
      const c = this.s[this.i++]!;
      if (c === '\\' && this.i < this.s.length) {
        const n = this.s[this.i++]!;
        out += n === '\n' ? '\n' : (ESCAPES[n] ?? n);
      } else out += c;
    }
    return out;
  }
  word(): string {
    this.skipWs();
    const m = /^[^;\n}]*/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    return m[0].trim();
  }
  endOfCommand(): void {
    this.skipWs();
    const c = this.peek();
    if (c === undefined || c === '\n' || c === ';') {
      if (c !== undefined) this.i++;
      return;
    }
    if (c === '}' || c === '#') return;
    this.fail(`extra characters after command`, this.i + 1);
  }
  parse(): void {
    for (;;) {
      while (this.i < this.s.length && /[ \t\n;]/.test(this.s[this.i]!)) this.i++;
      if (this.i >= this.s.length) break;
      if (this.peek() === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
        continue;
      }
      const cmd: Cmd = { negate: false, name: '' };
      cmd.a1 = this.address();
      if (cmd.a1) {
        this.skipWs();
        if (this.peek() === ',') {
          this.i++;
          this.skipWs();
          const c = this.peek();
          if (c === '+' || c === '~') {
            this.i++;
            if (!/\d/.test(this.peek() ?? '')) this.fail('expected newer version of sed');
            cmd.a2 = { kind: c === '+' ? 'plus' : 'mult', n: this.number() };
          } else {
            const a2 = this.address();
            if (!a2) this.fail("unexpected `,'");
            cmd.a2 = a2.kind === 'zero' ? this.fail('invalid usage of line address 0') : a2;
          }
        }
      }
      this.skipWs();
      while (this.peek() === '!') {
        cmd.negate = true;
        this.i++;
        this.skipWs();
      }
      const name = this.s[this.i++];
      if (name === undefined || name === '\n' || name === ';') this.fail('missing command', this.s.length);
      cmd.name = name;
      if (cmd.a1?.kind === 'zero' && !(cmd.a2 && cmd.a2.kind === 're')) this.fail('invalid usage of line address 0');
      switch (name) {
        case '{':
          this.blocks.push(this.cmds.length);
          this.cmds.push(cmd);
          continue;
        case '}':
          if (cmd.a1) this.fail("} doesn't want any addresses");
          if (!this.blocks.length) this.fail("unexpected `}'");
          this.cmds[this.blocks.pop()!]!.jump = this.cmds.length;
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        case '=':
        case 'd':
        case 'D':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'l':
        case 'n':
        case 'N':
        case 'p':
        case 'P':
        case 'x':
        case 'z':
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        case 'q':
        case 'Q': {
          if (cmd.a2) this.fail('command only uses one address');
          this.skipWs();
          if (/\d/.test(this.peek() ?? '')) cmd.exit = this.number();
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        }
        case 'a':
        case 'i':
        case 'c': {
          this.skipWs();
          if (this.i >= this.s.length || this.peek() === '\n' || this.peek() === ';') {
            if (this.peek() !== ';') this.fail("expected \\ after `a', `c' or `i'");
          }
          cmd.text = this.textArg();
          this.cmds.push(cmd);
          continue;
        }
        case ':': {
          if (cmd.a1) this.fail(": doesn't want any addresses");
          const label = this.word();
          if (!label) this.fail('":" lacks a label');
          cmd.label = label;
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        }
        case 'b':
        case 't':
        case 'T':
          cmd.label = this.word();
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        case 'r':
        case 'R':
        case 'w':
        case 'W': {
          const f = this.textArg();
          if (!f) this.fail(`missing filename in r/R/w/W commands`);
          cmd.text = f;
          this.cmds.push(cmd);
          continue;
        }
        case 's': {
          const delim = this.s[this.i++];
          if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `s' command");
          const pat = this.delimited(delim, 's');
          const rep = this.delimited(delim, 's');
          let flags = '';
          for (;;) {
            const f = this.peek();
            if (f === 'g') {
              if (cmd.global) this.fail("multiple `g' options to `s' command", this.i + 1);
              cmd.global = true;
            } else if (f === 'p') {
              if (cmd.print) this.fail("multiple `p' options to `s' command", this.i + 1);
              cmd.print = true;
            } else if (f === 'i' || f === 'I') flags += 'i';
            else if (f === 'm' || f === 'M') flags += 'm';
            else if (f !== undefined && /\d/.test(f)) {
              if (cmd.nth !== undefined) this.fail("multiple number options to `s' command", this.i + 1);
              const n = this.number();
              if (n === 0) this.fail("number option to `s' command may not be zero");
              cmd.nth = n;
              continue;
            } else if (f === 'w') {
              this.i++;
              cmd.wfile = this.textArg();
              break;
            } else if (f === 'e') this.fail('e flag is not simulated in the Dojo', this.i + 1);
            else break;
            this.i++;
          }
          const c = this.peek();
          if (c !== undefined && !/[ \t\n;}#]/.test(c)) this.fail("unknown option to `s'", this.i + 1);
          cmd.re = this.regex(pat, flags);
          cmd.repl = this.replacement(rep, cmd.re);
          this.cmds.push(cmd);
          if (!cmd.wfile) this.endOfCommand();
          continue;
        }
        case 'y': {
          const delim = this.s[this.i++];
          if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `y' command");
          const unesc = (t: string) => t.replace(/\\(.)/g, (_, c: string) => (c === '\\' ? '\\' : (ESCAPES[c] ?? c)));
          const from = [...unesc(this.delimited(delim, 'y'))];
          const to = [...unesc(this.delimited(delim, 'y'))];
          if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
          cmd.map = new Map(from.map((c, k) => [c, to[k]!]));
          this.cmds.push(cmd);
          this.endOfCommand();
          continue;
        }
        default:
          this.fail(`unknown command: \`${name}'`);
      }
    }
  }
  finish(): void {
    if (this.blocks.length) this.fail("unmatched `{'", 0);
  }
  replacement(text: string, re: RegExp | null): ReplPart[] {
    const parts: ReplPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ lit });
      lit = '';
    };
    const groups = re ? new RegExp(`(?:${re.source})|`).exec('')!.length - 1 : 9;
    for (let k = 0; k < text.length; k++) {
      const c = text[k]!;
      if (c === '&') {
        flush();
        parts.push({ group: 0 });
      } else if (c === '\\' && k + 1 < text.length) {
        const n = text[++k]!;
        if (/\d/.test(n)) {
          if (Number(n) > groups) this.fail(`invalid reference \\${n} on \`s' command's RHS`);
          flush();
          parts.push({ group: Number(n) });
        } else if ('LUluE'.includes(n)) {
          flush();
          parts.push({ kase: n as 'L' | 'U' | 'l' | 'u' | 'E' });
        } else if (n === 'n') lit += '\n';
        else lit += ESCAPES[n] ?? n;
      } else lit += c;
    }
    flush();
    return parts;
  }
}

export const sed: CommandDefinition = {
  name: 'sed',
  summary: 'stream editor for filtering and transforming text',
  usage: 'sed [OPTION]... {script-only-if-no-other-script} [input-file]...',
  async run(ctx) {
    // -i takes its SUFFIX only when glued (-i.bak), as getopt's optional arguments do.
    let inPlace: string | null = null;
    const argv = ctx.argv.filter((a, k) => {
      const m = k > 0 ? /^(?:-i|--in-place(?:=|$))(.*)$/.exec(a) : null;
      if (m) inPlace = m[1] ?? '';
      return !m;
    });
    const opts = parseOptions({ ...ctx, argv }, sed, {
      letters: 'nErsuz',
      withValue: 'efl',
      long: {
        quiet: 'n',
        silent: 'n',
        'regexp-extended': 'E',
        separate: 's',
        unbuffered: 'u',
        'null-data': 'z',
        expression: 'e',
        file: 'f',
        'line-length': 'l',
      },
      longOnly: ['posix', 'debug', 'sandbox', 'follow-symlinks'],
      help: GNU_HELP.sed,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    const extended = f.has('E') || f.has('r');
    const scripts: Array<{ text: string; source: string }> = [];
    // -e and -f keep their order: read it from the argv.
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k]!;
      const take = (v: string | undefined, kind: 'e' | 'f') => {
        if (v === undefined) return;
        if (kind === 'e') scripts.push({ text: v, source: '-e' });
        else {
          try {
            scripts.push({ text: v === '-' ? '' : ctx.fs.readText(ctx.shell.resolvePath(v)).replace(/\n$/, ''), source: v });
          } catch (err) {
            throw new SedError(`couldn't open file ${v}: ${errorText(err)}`);
          }
        }
      };
      if (a === '--') break;
      if (a === '-e' || a === '--expression' || a === '-f' || a === '--file') take(argv[++k], a.includes('f') ? 'f' : 'e');
      else if (/^--expression=/.test(a)) take(a.slice(13), 'e');
      else if (/^--file=/.test(a)) take(a.slice(7), 'f');
      else if (/^-[^-]/.test(a)) {
        const at = a.search(/[ef]/);
        if (at > 0 && /^[nErsuz]*$/.test(a.slice(1, at))) take(a.length > at + 1 ? a.slice(at + 1) : argv[++k], a[at] as 'e' | 'f');
      }
    }
    const operands = [...opts.operands];
    if (!scripts.length) {
      if (!operands.length) {
        // usage(EXIT_BAD_USAGE): the help without its bug-report line.
        ctx.stderr.write(GNU_HELP.sed!.replace(/E-mail bug reports to: .*\n$/, ''));
        return 1;
      }
      scripts.push({ text: operands.shift()!, source: '-e' });
    }
    let program: Cmd[];
    try {
      program = compile(scripts, extended);
    } catch (err) {
      if (err instanceof SedError) {
        ctx.stderr.write(`sed: ${err.message}\n`);
        return err.status;
      }
      throw err;
    }
    if (inPlace !== null && !operands.length) {
      ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    return execute(ctx, program, operands, { quiet: f.has('n'), separate: f.has('s') || inPlace !== null, inPlace, nul: f.has('z') });
  },
};

function compile(scripts: Array<{ text: string; source: string }>, extended: boolean): Cmd[] {
  const all: Cmd[] = [];
  scripts.forEach((s, k) => {
    const p = new Parser(s.text, k + 1, extended, s.source);
    p.parse();
    p.finish();
    // Block jumps are relative to this expression's commands.
    for (const c of p.cmds) if (c.name === '{' && c.jump !== undefined) c.jump += all.length;
    all.push(...p.cmds);
  });
  const labels = new Map<string, number>();
  all.forEach((c, k) => {
    if (c.name === ':') labels.set(c.label!, k);
  });
  for (const c of all) {
    if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label) {
      const at = labels.get(c.label);
      if (at === undefined) throw new SedError(`can't find label for jump to \`${c.label}'`);
      c.jump = at;
    }
  }
  return all;
}

interface RunOpts {
  quiet: boolean;
  separate: boolean;
  inPlace: string | null;
  nul: boolean;
}

function applyCase(text: string, mode: { one: 'l' | 'u' | null; all: 'L' | 'U' | null }): string {
  let t = mode.all === 'L' ? text.toLowerCase() : mode.all === 'U' ? text.toUpperCase() : text;
  if (mode.one && t) {
    t = (mode.one === 'l' ? t[0]!.toLowerCase() : t[0]!.toUpperCase()) + t.slice(1);
    mode.one = null;
  }
  return t;
}

async function execute(ctx: CommandContext, program: Cmd[], operands: string[], o: RunOpts): Promise<number> {
  const sep = o.nul ? '\0' : '\n';
  const decoder = new TextDecoder();
  let status = 0;
  const files: Array<{ name: string; lines: string[]; trailing: boolean; path?: string }> = [];
  for (const name of operands.length ? operands : ['-']) {
    let text: string;
    try {
      if (name === '-' || standardStream(ctx.shell.resolvePath(name)) === 0) text = decoder.decode(await ctx.stdin.readAll());
      else {
        const path = ctx.shell.resolvePath(name);
        if (ctx.fs.stat(path)?.kind === 'dir') {
          ctx.stderr.write(o.inPlace !== null ? `sed: couldn't edit ${name}: not a regular file\n` : `sed: read error on ${name}: Is a directory\n`);
          status = o.inPlace !== null ? 4 : 2;
          continue;
        }
        text = ctx.fs.readText(path);
        files.push({ name, ...split(text, sep), path });
        continue;
      }
    } catch (err) {
      ctx.stderr.write(`sed: can't read ${name}: ${errorText(err)}\n`);
      status = 2;
      continue;
    }
    files.push({ name, ...split(text, sep) });
  }
  let lastRe: RegExp | null = null;
  const reOf = (re: RegExp | null | undefined): RegExp => {
    const r = re ?? lastRe;
    if (!r) throw new SedError('no previous regular expression');
    lastRe = r;
    return r;
  };
  const hold = { text: '' };
  const wfiles = new Map<string, string>();
  let quitStatus: number | null = null;
  // Without -s/-i, all files are one stream: line numbers run on and `$` is the last line of the last file.
  const streams = o.separate ? files.map((f) => [f]) : [files];
  let lineNo = 0;
  try {
    for (const stream of streams) {
      if (o.separate) lineNo = 0;
      for (const c of program) {
        c.active = false;
        c.zeroDone = false;
      }
      const lines: string[] = [];
      let trailing = true;
      for (const file of stream) {
        lines.push(...file.lines);
        trailing = file.trailing;
      }
      let out = '';
      const emit = (s: string, nl = true) => {
        out += s + (nl ? sep : '');
      };
      let idx = 0;
      const isLast = () => idx >= lines.length;
      const matches = (a: Addr, ps: string): boolean => {
        switch (a.kind) {
          case 'line':
            return lineNo === a.n;
          case 'last':
            return isLast();
          case 'zero':
            return false;
          case 'step':
            return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
          case 're': {
            const r = reOf(a.re);
            r.lastIndex = 0;
            return r.test(ps);
          }
        }
      };
      const selected = (c: Cmd, ps: string): boolean => {
        if (!c.a1) return true;
        if (!c.a2) return matches(c.a1, ps);
        if (c.active) {
          const a2 = c.a2;
          let done: boolean;
          if (a2.kind === 'line') done = lineNo >= a2.n;
          else if (a2.kind === 'plus') done = lineNo >= c.end!;
          else if (a2.kind === 'mult') done = a2.n <= 0 || lineNo % a2.n === 0;
          else done = matches(a2, ps);
          if (done) c.active = false;
          return true;
        }
        if (c.a1.kind === 'zero') {
          // 0,/RE/: the range is open from line 1 and may end on line 1 itself.
          if (c.zeroDone) return false;
          if (matches(c.a2 as Addr, ps)) c.zeroDone = true;
          return true;
        }
        const startHit = matches(c.a1, ps);
        if (!startHit) return false;
        const a2 = c.a2;
        if (a2.kind === 'line') c.active = a2.n > lineNo;
        else if (a2.kind === 'plus') {
          c.end = lineNo + a2.n;
          c.active = a2.n > 0;
        } else if (a2.kind === 'mult') c.active = a2.n > 0 && lineNo % a2.n !== 0;
        else c.active = true;
        return true;
      };
      let ps = '';
      let substituted = false;
      while (idx < lines.length && quitStatus === null) {
        if (ctx.signal.aborted) return 130;
        ps = lines[idx++]!;
        lineNo++;
        substituted = false;
        let append = '';
        let pc = 0;
        let autoprint = !o.quiet;
        let restart = false;
        cycle: while (pc < program.length) {
          const c = program[pc]!;
          const hit = c.name === '}' || c.name === ':' ? true : selected(c, ps) !== c.negate;
          if (!hit) {
            pc = c.name === '{' ? c.jump! + 1 : pc + 1;
            continue;
          }
          pc++;
          switch (c.name) {
            case '{':
            case '}':
            case ':':
              break;
            case '=':
              emit(String(lineNo), true);
              break;
            case 'a':
              append += c.text + sep;
              break;
            case 'i':
              emit(c.text!);
              break;
            case 'c':
              // In a range, c prints its text once, at the range's end.
              if (!c.a2 || !c.active) emit(c.text!);
              autoprint = false;
              break cycle;
            case 'd':
              autoprint = false;
              break cycle;
            case 'D': {
              const nl = ps.indexOf('\n');
              if (nl < 0) {
                autoprint = false;
                break cycle;
              }
              ps = ps.slice(nl + 1);
              autoprint = false;
              restart = true;
              break cycle;
            }
            case 'g':
              ps = hold.text;
              break;
            case 'G':
              ps += '\n' + hold.text;
              break;
            case 'h':
              hold.text = ps;
              break;
            case 'H':
              hold.text += '\n' + ps;
              break;
            case 'x':
              [ps, hold.text] = [hold.text, ps];
              break;
            case 'z':
              ps = '';
              break;
            case 'l':
              emit(
                ps.replace(/[\\\x00-\x1f\x7f]/g, (ch) =>
                  ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`,
                ) + '$',
              );
              break;
            case 'n':
              if (!o.quiet) emit(ps);
              if (isLast()) {
                autoprint = false;
                break cycle;
              }
              out += append;
              append = '';
              ps = lines[idx++]!;
              lineNo++;
              break;
            case 'N':
              if (isLast()) {
                // GNU prints the pattern space when N has no next line (POSIX would not).
                break cycle;
              }
              out += append;
              append = '';
              ps += '\n' + lines[idx++]!;
              lineNo++;
              break;
            case 'p':
              emit(ps);
              break;
            case 'P':
              emit(ps.split('\n')[0]!);
              break;
            case 'q':
              quitStatus = c.exit ?? 0;
              break cycle;
            case 'Q':
              quitStatus = c.exit ?? 0;
              autoprint = false;
              append = '';
              break cycle;
            case 'b':
              pc = c.jump ?? program.length;
              break;
            case 't':
              if (substituted) {
                substituted = false;
                pc = c.jump ?? program.length;
              }
              break;
            case 'T':
              if (!substituted) pc = c.jump ?? program.length;
              else substituted = false;
              break;
            case 'r': {
              try {
                const t = c.text === '/dev/stdin' ? '' : ctx.fs.readText(ctx.shell.resolvePath(c.text!));
                append += t && !t.endsWith('\n') ? t + '\n' : t;
              } catch {
                // sed ignores a file it cannot read for r.
              }
              break;
            }
            case 'w':
            case 'W':
              wfiles.set(c.text!, (wfiles.get(c.text!) ?? '') + (c.name === 'W' ? ps.split('\n')[0] : ps) + '\n');
              break;
            case 'y':
              ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
              break;
            case 's': {
              const re = reOf(c.re);
              let count = 0;
              let result = '';
              let last = 0;
              let did = false;
              re.lastIndex = 0;
              let prevEnd = -1;
              for (let m = re.exec(ps); m; m = re.exec(ps)) {
                const at = m.index;
                if (m[0] === '') re.lastIndex++;
                // An empty match right where the previous match ended does not count (x* after "x").
                if (m[0] === '' && at === prevEnd) continue;
                prevEnd = at + m[0].length;
                count++;
                if (c.nth !== undefined ? count >= c.nth : true) {
                  const mode = { one: null as 'l' | 'u' | null, all: null as 'L' | 'U' | null };
                  let rep = '';
                  for (const part of c.repl!) {
                    if ('lit' in part) rep += applyCase(part.lit, mode);
                    else if ('group' in part) rep += applyCase(m[part.group] ?? '', mode);
                    else if (part.kase === 'E') mode.all = null;
                    else if (part.kase === 'L' || part.kase === 'U') mode.all = part.kase;
                    else mode.one = part.kase;
                  }
                  result += ps.slice(last, at) + rep;
                  last = at + m[0].length;
                  did = true;
                  if (!c.global) break;
                }
                if (re.lastIndex > ps.length) break;
              }
              if (did) {
                ps = result + ps.slice(last);
                substituted = true;
                if (c.print) emit(ps);
                if (c.wfile) wfiles.set(c.wfile, (wfiles.get(c.wfile) ?? '') + ps + '\n');
              }
              break;
            }
          }
        }
        if (autoprint) emit(ps, !(isLast() && !trailing && !restart));
        out += append;
        if (restart) {
          lines.splice(idx, 0, ps);
          lineNo--;
        }
        if (out.length > 1 << 20 && o.inPlace === null) {
          ctx.stdout.write(out);
          out = '';
        }
      }
      if (o.inPlace !== null && stream[0]?.path) {
        const file = stream[0];
        if (o.inPlace) ctx.fs.writeFile(`${file.path}${o.inPlace.includes('*') ? '' : o.inPlace}`, ctx.fs.readFile(file.path!));
        ctx.fs.writeFile(file.path!, out);
      } else ctx.stdout.write(out);
      if (quitStatus !== null) break;
    }
  } catch (err) {
    if (err instanceof SedError) {
      ctx.stderr.write(`sed: ${err.message}\n`);
      return 4;
    }
    throw err;
  }
  for (const [name, text] of wfiles) {
    if (name === '/dev/stdout') ctx.stdout.write(text);
    else if (name === '/dev/stderr') ctx.stderr.write(text);
    else ctx.fs.writeFile(ctx.shell.resolvePath(name), text);
  }
  return quitStatus ?? status;
}

function split(text: string, sep: string): { lines: string[]; trailing: boolean } {
  if (text === '') return { lines: [], trailing: true };
  const lines = text.split(sep);
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  return { lines, trailing };
}
