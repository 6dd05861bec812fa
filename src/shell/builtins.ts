/**
 * The builtins that are part of the shell language itself: they read or change the shell's own
 * state (options, functions, positional parameters, control flow), so they live beside the
 * interpreter. Texts follow bash 5.2's builtins (builtins/*.def in bash's source), with `dojo:`
 * where bash prints `bash:`.
 */
import type { CommandContext, CommandDefinition, OutputSink } from './types';
import { ByteStream, Flow, Interp, optionValue, type Io, type ShellOptionsState } from './executor';
import { parse } from './parser';
import { ShellSyntaxError } from './lexer';
import { VariableTable, NAME_RE } from './env';
import { BufferSink } from './streams';
import { TestError, runTest } from './test-expr';
import { ExpansionError, arith } from './expand';
import { basename } from '../fs/path';
import { dojoLine } from '../lib/dojo-line';
import { builtinInfo } from './builtin-list';

/** The interpreter behind a command's context (every context the shell builds has one). */
export function interpOf(ctx: CommandContext): Interp | undefined {
  return ctx.shell instanceof Interp ? ctx.shell : undefined;
}

export function ioOf(ctx: CommandContext): Io {
  return { stdin: ctx.stdin, stdinBytes: null, stdout: ctx.stdout, stderr: ctx.stderr };
}

const say = (ctx: CommandContext, text: string) => ctx.stderr.write(`dojo: ${text}\n`);

/** bash's reserved words, for `type` and `command -V`. */
export const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  '{',
  '}',
  '!',
  '[[',
  ']]',
  'coproc',
]);
/** Names bash itself implements (`type` says "shell builtin" for these when they exist here). */
export const BASH_BUILTINS = new Set([
  '.',
  ':',
  '[',
  'alias',
  'bg',
  'break',
  'builtin',
  'cd',
  'command',
  'continue',
  'declare',
  'echo',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fg',
  'help',
  'history',
  'jobs',
  'kill',
  'let',
  'local',
  'printf',
  'pwd',
  'read',
  'readonly',
  'return',
  'set',
  'shift',
  'shopt',
  'source',
  'test',
  'times',
  'trap',
  'true',
  'type',
  'typeset',
  'umask',
  'unalias',
  'unset',
  'wait',
]);

function def(name: string, run: (ctx: CommandContext, sh: Interp) => Promise<number>): CommandDefinition {
  return {
    ...builtinInfo(name),
    run(ctx) {
      const sh = interpOf(ctx);
      if (!sh) {
        say(ctx, `${name}: runs only inside the shell`);
        return Promise.resolve(1);
      }
      return run(ctx, sh);
    },
  };
}

function numeric(ctx: CommandContext, name: string, text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^[+-]?\d+$/.test(text)) {
    say(ctx, `${name}: ${text}: numeric argument required`);
    return undefined;
  }
  return Number(BigInt.asUintN(8, BigInt(text)));
}

const exitCommand = def('exit', async (ctx, sh) => {
  if (sh.interactive) ctx.stderr.write('exit\n');
  const n = numeric(ctx, 'exit', ctx.argv[1], sh.lastStatus);
  throw new Flow('exit', n ?? 2);
});

const returnCommand = def('return', async (ctx, sh) => {
  if (!sh.inFunction && !sh.sourcing) {
    say(ctx, "return: can only `return' from a function or sourced script");
    return 1;
  }
  const n = numeric(ctx, 'return', ctx.argv[1], sh.lastStatus);
  throw new Flow('return', n ?? 2);
});

function loopControl(kind: 'break' | 'continue') {
  return def(kind, async (ctx, sh) => {
    const n = ctx.argv[1] === undefined ? 1 : Number(ctx.argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      say(ctx, `${kind}: ${ctx.argv[1]}: loop count out of range`);
      return 1;
    }
    if (!sh.inLoop) {
      say(ctx, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`);
      return 0;
    }
    throw new Flow(kind, n);
  });
}

const colon = def(':', async () => 0);

/** Runs text in this shell (`eval`, `source`): its `return` ends it. */
async function runHere(ctx: CommandContext, sh: Interp, source: string, sourcing: boolean): Promise<number> {
  let script;
  try {
    script = parse(source, { warn: (m) => ctx.stderr.write(m + '\n') });
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    ctx.stderr.write(e.message + '\n');
    return 2;
  }
  const was = sh.sourcing;
  if (sourcing) sh.sourcing = true;
  try {
    return await sh.list(script, ioOf(ctx));
  } catch (e) {
    if (sourcing && e instanceof Flow && e.kind === 'return') return e.n;
    throw e;
  } finally {
    sh.sourcing = was;
  }
}

const evalCommand = def('eval', (ctx, sh) => runHere(ctx, sh, ctx.argv.slice(1).join(' '), false));

function readScript(ctx: CommandContext, name: string, file: string): string | undefined {
  const abs = ctx.shell.resolvePath(file);
  const st = ctx.fs.stat(abs);
  if (!st) {
    say(ctx, `${file}: No such file or directory`);
    return undefined;
  }
  if (st.kind === 'dir') {
    say(ctx, `${name === 'bash' || name === 'sh' ? file : `${name}: ${file}`}: Is a directory`);
    return undefined;
  }
  return ctx.fs.readText(abs);
}

function sourceCommand(name: string) {
  return def(name, async (ctx, sh) => {
    const file = ctx.argv[1];
    if (file === undefined) {
      say(ctx, `${name}: filename argument required\n${name}: usage: ${name} filename [arguments]`);
      return 2;
    }
    const text = readScript(ctx, name, file);
    if (text === undefined) return 1;
    const args = ctx.argv.slice(2);
    const saved = sh.positional;
    if (args.length > 0) sh.positional = args;
    try {
      return await runHere(ctx, sh, text, true);
    } finally {
      if (args.length > 0) sh.positional = saved;
    }
  });
}

/** A child bash: the environment it was given (exported variables and `X=1 bash …`), no functions, fresh options. */
function childShell(sh: Interp, env: CommandContext['env'], positional: string[], arg0: string): Interp {
  const vars = new VariableTable(Object.fromEntries(env.exported()));
  const child = new Interp(sh.root, { vars, cwd: sh.cwd, interactive: false, positional, arg0 });
  child.signal = sh.signal;
  return child;
}

function bashCommand(name: string) {
  return def(name, async (ctx, sh) => {
    const args = ctx.argv.slice(1);
    const opts: Partial<ShellOptionsState> = {};
    let command: string | undefined;
    while (args.length && /^[-+]/.test(args[0]!)) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '--norc' || a === '--noprofile' || a === '--posix' || a === '-l' || a === '--login' || a === '-i' || a === '-s') continue;
      if (a === '-o' || a === '+o') {
        const o = args.shift();
        if (o && optionValue(sh.options, o) !== undefined) (opts as Record<string, boolean>)[o] = a === '-o';
        continue;
      }
      if (/^-[a-zA-Z]+$/.test(a) || /^\+[a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 'c') command = '';
          else if (FLAG_OPTIONS[f]) opts[FLAG_OPTIONS[f]] = a[0] === '-';
        }
        continue;
      }
      ctx.stderr.write(`${name}: ${a}: invalid option\n`);
      return 2;
    }
    let source: string;
    let arg0 = name;
    let positional: string[];
    if (command !== undefined) {
      if (args.length === 0) {
        ctx.stderr.write(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      source = args[0]!;
      arg0 = args[1] ?? name;
      positional = args.slice(2);
    } else if (args.length > 0) {
      const text = readScript(ctx, name, args[0]!);
      if (text === undefined) return 127;
      source = text;
      arg0 = args[0]!;
      positional = args.slice(1);
    } else if (!ctx.stdin.isTTY) {
      source = new TextDecoder().decode(await ctx.stdin.readAll());
      positional = [];
    } else {
      ctx.stderr.write(dojoLine('this terminal already runs the shell; run a script with `bash FILE` or `bash -c COMMAND`', ctx.stderr.isTTY));
      return 0;
    }
    const child = childShell(sh, ctx.env, positional, arg0);
    Object.assign(child.options, opts);
    return child.runSource(source, ioOf(ctx), sh.signal);
  });
}

const FLAG_OPTIONS: Record<string, keyof ShellOptionsState> = { e: 'errexit', u: 'nounset', f: 'noglob', x: 'xtrace', C: 'noclobber', v: 'verbose' };
const LONG_OPTIONS = ['errexit', 'noglob', 'noclobber', 'nounset', 'pipefail', 'verbose', 'xtrace'];

/** `set`'s listing quotes a value the way bash does: bare when safe, else '…' or $'…'. */
export function shellQuote(v: string): string {
  if (v !== '' && /^[A-Za-z0-9_\-+.,:=@%^/]+$/.test(v)) return v;
  if (/[\x00-\x1f\x7f]/.test(v)) {
    return (
      "$'" +
      v
        .replace(/[\\']/g, '\\$&')
        .replace(/\n/g, '\\n')
        .replace(/\t/g, '\\t')
        .replace(/\r/g, '\\r')
        .replace(/\x1b/g, '\\E')
        .replace(/[\x00-\x1f\x7f]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')) +
      "'"
    );
  }
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

const setCommand = def('set', async (ctx, sh) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    const lines = sh.vars
      .all()
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${shellQuote(v)}\n`);
    ctx.stdout.write(lines.join(''));
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o') {
      const name = args[i + 1];
      if (name === undefined) {
        for (const o of LONG_OPTIONS) {
          const on = optionValue(sh.options, o)!;
          ctx.stdout.write(a === '-o' ? `${o.padEnd(15)}\t${on ? 'on' : 'off'}\n` : `set ${on ? '-o' : '+o'} ${o}\n`);
        }
        return 0;
      }
      i++;
      if (optionValue(sh.options, name) === undefined) {
        say(ctx, `set: ${name}: invalid option name`);
        return 1;
      }
      sh.options[name as keyof ShellOptionsState] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        const o = FLAG_OPTIONS[f];
        if (o) sh.options[o] = a[0] === '-';
        else if (!'hBHmbkntaP'.includes(f)) {
          say(ctx, `set: ${a[0]}${f}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]`);
          return 2;
        }
      }
      continue;
    }
    break;
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
});

const SHOPT: Record<string, boolean> = {
  autocd: false,
  cdspell: false,
  dotglob: false,
  expand_aliases: true,
  extglob: false,
  failglob: false,
  globstar: false,
  histappend: false,
  lastpipe: false,
  nocaseglob: false,
  nullglob: false,
};

const shoptCommand = def('shopt', async (ctx) => {
  const args = ctx.argv.slice(1);
  let mode: 's' | 'u' | undefined;
  let quiet = false;
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    for (const f of a.slice(1)) {
      if (f === 's' || f === 'u') mode = f;
      else if (f === 'q') quiet = true;
      else if (f !== 'p') {
        say(ctx, `shopt: -${f}: invalid option\nshopt: usage: shopt [-pqsu] [-o] [optname ...]`);
        return 2;
      }
    }
  }
  const names = args.length ? args : Object.keys(SHOPT);
  let status = 0;
  for (const n of names) {
    if (!(n in SHOPT)) {
      say(ctx, `shopt: ${n}: invalid shell option name`);
      status = 1;
      continue;
    }
    if (mode) SHOPT[n] = mode === 's';
    else if (!quiet) ctx.stdout.write(`${n.padEnd(15)}\t${SHOPT[n] ? 'on' : 'off'}\n`);
    if (!mode && !SHOPT[n]) status = args.length ? 1 : status;
  }
  return status;
});

const localCommand = def('local', async (ctx, sh) => {
  if (!sh.inFunction) {
    say(ctx, 'local: can only be used in a function');
    return 1;
  }
  let status = 0;
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      say(ctx, `local: \`${a}': not a valid identifier`);
      status = 1;
      continue;
    }
    sh.makeLocal(name, eq < 0 ? undefined : a.slice(eq + 1));
  }
  return status;
});

/** `declare`/`typeset`: assignments, `-x` export, `-p` listing; other attributes are accepted and ignored. */
function declareCommand(name: string) {
  return def(name, async (ctx, sh) => {
    const args = ctx.argv.slice(1);
    let exported = false;
    let print = false;
    while (args[0]?.startsWith('-') || args[0]?.startsWith('+')) {
      const a = args.shift()!;
      if (a.includes('x')) exported = a[0] === '-';
      if (a.includes('p')) print = true;
    }
    if (args.length === 0 || print) {
      const list = sh.vars.all().filter(([k]) => args.length === 0 || args.includes(k));
      for (const [k, v] of list)
        ctx.stdout.write(`declare -${sh.vars.exported().some(([e]) => e === k) ? 'x' : '-'} ${k}="${v.replace(/["\\$`]/g, '\\$&')}"\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const n = eq < 0 ? a : a.slice(0, eq);
      if (!NAME_RE.test(n)) {
        say(ctx, `${name}: \`${a}': not a valid identifier`);
        status = 1;
        continue;
      }
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      if (sh.inFunction) sh.makeLocal(n, value);
      else if (value !== undefined) sh.setVar(n, value);
      if (exported) sh.vars.set(n, sh.vars.get(n) ?? '', { exported: true });
    }
    return status;
  });
}

const shiftCommand = def('shift', async (ctx, sh) => {
  const n = ctx.argv[1] === undefined ? 1 : Number(ctx.argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    say(ctx, `shift: ${ctx.argv[1]}: numeric argument required`);
    return 1;
  }
  if (n > sh.positional.length) return 1;
  sh.positional = sh.positional.slice(n);
  return 0;
});

const letCommand = def('let', async (ctx, sh) => {
  if (ctx.argv.length < 2) {
    say(ctx, 'let: expression expected');
    return 1;
  }
  let last = '0';
  try {
    for (const e of ctx.argv.slice(1))
      last = await arith(e, {
        lookup: (n) => sh.lookup(n),
        assign: (n, v) => sh.setVar(n, v),
        lastStatus: sh.lastStatus,
        home: sh.home,
        fs: ctx.fs,
        cwd: sh.cwd,
      });
  } catch (e) {
    if (e instanceof ExpansionError) {
      ctx.stderr.write(e.message + '\n');
      return 1;
    }
    throw e;
  }
  return last === '0' ? 1 : 0;
});

function testCommand(name: 'test' | '[') {
  return def(name, async (ctx, sh) => {
    let args = ctx.argv.slice(1);
    if (name === '[') {
      if (args[args.length - 1] !== ']') {
        say(ctx, "[: missing `]'");
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return runTest(args, sh.testEnv(ioOf(ctx)));
    } catch (e) {
      if (e instanceof TestError) {
        say(ctx, `${name}: ${e.message}`);
        return 2;
      }
      throw e;
    }
  });
}

/** Splits a line as `read` does: IFS fields, the last name takes the rest. */
function splitRead(line: string, names: string[], ifs: string): string[] {
  const ws = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
  const isWs = (c: string) => ws.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  let i = 0;
  const trimStart = () => {
    while (i < line.length && isWs(line[i]!)) i++;
  };
  trimStart();
  const out: string[] = [];
  for (let k = 0; k < names.length; k++) {
    if (k === names.length - 1) {
      let rest = line.slice(i);
      let end = rest.length;
      while (end > 0 && isWs(rest[end - 1]!)) end--;
      rest = rest.slice(0, end);
      out.push(rest);
      break;
    }
    let field = '';
    while (i < line.length && !isSep(line[i]!)) field += line[i++];
    out.push(field);
    trimStart();
    if (i < line.length && isSep(line[i]!) && !isWs(line[i]!)) {
      i++;
      trimStart();
    }
  }
  return out;
}

const readCommand = def('read', async (ctx, sh) => {
  const args = ctx.argv.slice(1);
  let raw = false;
  let promptText: string | undefined;
  let array: string | undefined;
  let delim = '\n';
  let silent = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    for (let k = 1; k < a.length; k++) {
      const f = a[k]!;
      const value = () => (k + 1 < a.length ? a.slice(k + 1) : args.shift());
      if (f === 'r') raw = true;
      else if (f === 's') silent = true;
      else if (f === 'p' || f === 'a' || f === 'd' || f === 't' || f === 'n' || f === 'N' || f === 'u') {
        const v = value();
        if (v === undefined) {
          say(
            ctx,
            `read: -${f}: option requires an argument\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]`,
          );
          return 2;
        }
        if (f === 'p') promptText = v;
        else if (f === 'a') array = v;
        else if (f === 'd') delim = v.slice(0, 1) || '\0';
        k = a.length;
      } else {
        say(
          ctx,
          `read: -${f}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]`,
        );
        return 2;
      }
    }
  }
  void silent;
  const names = args.length ? args : ['REPLY'];
  const bad = names.find((n) => !NAME_RE.test(n));
  if (bad) {
    say(ctx, `read: \`${bad}': not a valid identifier`);
    return 1;
  }
  let line: string | null;
  let eof = false;
  const stdin = ctx.stdin;
  if (stdin.isTTY) {
    line = await ctx.prompt(promptText ?? '');
    if (line === null) return 1;
  } else if (stdin instanceof ByteStream) {
    let text = '';
    for (;;) {
      const r = stdin.readLine(delim.charCodeAt(0));
      if (!r) {
        if (text === '') return 1;
        eof = true;
        break;
      }
      const part = new TextDecoder().decode(r.line);
      // Without -r, a backslash at the end joins the next line.
      if (!raw && /(^|[^\\])(\\\\)*\\$/.test(part) && !r.eof) {
        text += part.slice(0, -1);
        continue;
      }
      text += part;
      eof = r.eof;
      break;
    }
    line = text;
  } else {
    const all = new TextDecoder().decode(await stdin.readAll());
    if (all === '') return 1;
    const end = all.indexOf(delim);
    line = end < 0 ? all : all.slice(0, end);
    eof = end < 0;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = ctx.env.get('IFS') ?? ' \t\n';
  if (array) {
    sh.arrays.set(
      array,
      line.split(/[ \t\n]+/).filter((x) => x !== ''),
    );
    return eof ? 1 : 0;
  }
  const values = names.length === 1 && names[0] === 'REPLY' && args.length === 0 ? [line] : splitRead(line, names, ifs);
  names.forEach((n, k) => sh.setVar(n, values[k] ?? ''));
  return eof ? 1 : 0;
});

/**
 * A function as bash prints it (`type f`, `declare -f`): `f () `, then the body's commands one per
 * line, indented. A body that is not a `{ }` group, or commands nested inside it, keep the text as
 * typed (bash would reformat those too).
 */
export function functionText(fn: { name: string; text: string; body: { compound?: { kind: string; body?: unknown } } }): string {
  const body = fn.body.compound;
  if (body?.kind !== 'group' || !Array.isArray(body.body)) return fn.text;
  const items = body.body as Array<{ text?: string; background?: boolean }>;
  // bash ends every command but the last with `;`, and keeps one after `&` on the same line.
  let out = '    ';
  items.forEach((item, k) => {
    if (k > 0) out += items[k - 1]!.background ? ' ' : ';\n    ';
    out += `${item.text ?? ''}${item.background ? ' &' : ''}`;
  });
  return `${fn.name} () \n{ \n${out}\n}`;
}

/** What a name is, as `type` says it (bash's wording). */
async function describe(
  ctx: CommandContext,
  sh: Interp,
  name: string,
): Promise<{ kind: 'keyword' | 'function' | 'builtin' | 'file'; text: string; path?: string } | undefined> {
  if (KEYWORDS.has(name)) return { kind: 'keyword', text: `${name} is a shell keyword` };
  const fn = sh.functions.get(name);
  if (fn) return { kind: 'function', text: `${name} is a function\n${functionText(fn)}` };
  const found = sh.registry.get(name);
  if (!found) return undefined;
  if (BASH_BUILTINS.has(name)) return { kind: 'builtin', text: `${name} is a shell builtin` };
  const path = await whereIs(ctx, sh, name);
  return { kind: 'file', text: `${name} is ${path}`, path };
}

/** Where `which` puts a command (/usr/bin or /usr/local/bin), asked of `which` itself so both agree. */
async function whereIs(ctx: CommandContext, sh: Interp, name: string): Promise<string> {
  const which = sh.registry.get('which');
  if (which) {
    const out = new BufferSink(4096);
    const sink: OutputSink = out;
    const none: OutputSink = { isTTY: false, write() {} };
    await sh.runDefinition(which, ['which', name], ctx.env, { stdin: ctx.stdin, stdinBytes: null, stdout: sink, stderr: none });
    const path = out.text().trim();
    if (path) return path;
  }
  return `/usr/local/bin/${name}`;
}

const typeCommand = def('type', async (ctx, sh) => {
  const args = ctx.argv.slice(1);
  let terse = false;
  let pathOnly = false;
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const a = args.shift()!;
    if (a.includes('t')) terse = true;
    if (a.includes('p') || a.includes('P')) pathOnly = true;
  }
  let status = 0;
  for (const name of args) {
    const d = await describe(ctx, sh, name);
    if (!d) {
      if (!terse && !pathOnly) say(ctx, `type: ${name}: not found`);
      status = 1;
      continue;
    }
    if (terse) ctx.stdout.write(`${d.kind}\n`);
    else if (pathOnly) {
      if (d.path) ctx.stdout.write(`${d.path}\n`);
    } else ctx.stdout.write(`${d.text}\n`);
  }
  return status;
});

const commandCommand = def('command', async (ctx, sh) => {
  const args = ctx.argv.slice(1);
  let mode: 'v' | 'V' | undefined;
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const a = args.shift()!;
    if (a === '--') break;
    if (a.includes('v')) mode = 'v';
    if (a.includes('V')) mode = 'V';
  }
  if (args.length === 0) return 0;
  if (mode) {
    let status = 0;
    for (const name of args) {
      const d = await describe(ctx, sh, name);
      if (!d) {
        if (mode === 'V') say(ctx, `command: ${name}: not found`);
        status = 1;
        continue;
      }
      ctx.stdout.write(mode === 'V' ? `${d.text}\n` : `${d.path ?? name}\n`);
    }
    return status;
  }
  const name = args[0]!;
  const found = sh.registry.get(name);
  if (!found) {
    say(ctx, `${name}: command not found`);
    return 127;
  }
  return sh.runDefinition(found, args, ctx.env, ioOf(ctx));
});

/** `sudo mv spin /usr/local/bin/` from an install guide: the tool is already there. */
function alreadyInstalled(ctx: CommandContext, argv: string[]): string | undefined {
  if (!['mv', 'cp', 'install'].includes(argv[0] ?? '')) return undefined;
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  const dest = operands[operands.length - 1];
  if (!dest || !/^\/usr\/(local\/)?bin\/?/.test(dest)) return undefined;
  const tools = operands.slice(0, -1).map((p) => basename(p));
  if (tools.length === 0) return undefined;
  const missing = operands.slice(0, -1).every((p) => !ctx.fs.exists(ctx.shell.resolvePath(p)));
  if (!missing || !tools.every((t) => ctx.shell.registry.get(t))) return undefined;
  return tools.join(', ');
}

const sudoCommand = def('sudo', async (ctx, sh) => {
  const args = ctx.argv.slice(1);
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    if (a === '-u' || a === '-g') args.shift();
    if (a === '--') break;
  }
  if (args.length === 0) {
    ctx.stderr.write(
      'usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\n',
    );
    return 1;
  }
  const installed = alreadyInstalled(ctx, args);
  if (installed) {
    ctx.stderr.write(dojoLine(`${installed} is already installed in /usr/local/bin here; nothing to move`, ctx.stderr.isTTY));
    return 0;
  }
  ctx.stderr.write(dojoLine(`there is no root here; running \`${args.join(' ')}\` as ${ctx.env.get('USER') ?? 'learner'}`, ctx.stderr.isTTY));
  const name = args[0]!;
  const fn = sh.registry.get(name);
  if (!fn) {
    ctx.stderr.write(`sudo: ${name}: command not found\n`);
    return 1;
  }
  return sh.runDefinition(fn, args, ctx.env, ioOf(ctx));
});

export const LANGUAGE_BUILTINS: readonly CommandDefinition[] = [
  colon,
  sourceCommand('.'),
  sourceCommand('source'),
  testCommand('['),
  testCommand('test'),
  bashCommand('bash'),
  bashCommand('sh'),
  loopControl('break'),
  loopControl('continue'),
  commandCommand,
  declareCommand('declare'),
  declareCommand('typeset'),
  evalCommand,
  exitCommand,
  letCommand,
  localCommand,
  readCommand,
  returnCommand,
  setCommand,
  shiftCommand,
  shoptCommand,
  sudoCommand,
  typeCommand,
];
