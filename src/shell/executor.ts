/**
 * Runs the AST (parser.ts) as bash does: lists, `&&`/`||`, pipelines (each stage's stdout is the
 * next one's stdin, buffered: stages run one after another), compound commands, functions,
 * redirects into the host file system, here-documents, background jobs, `set -e`/`-u`/`-o pipefail`
 * and exit statuses as bash reports them.
 *
 * One Interp is one shell: its variables, functions, options, positional parameters and current
 * directory. A subshell (`( … )`, `$(…)`, a pipeline stage, a background job) is a fork: a copy whose
 * changes vanish with it. Output streams as commands write it (live, stdout and stderr in order);
 * Ctrl-C aborts the line's signal and the running command returns 130.
 */
import { FsError, FS_ERROR_TEXT, type HostFs } from '../fs/types';
import { standardStream } from '../fs/devices';
import { dirname, resolve } from '../fs/path';
import type { CommandContext, CommandDefinition, CommandRegistry, DojoServices, InputSource, OutputSink, ShellApi, TerminalIO } from './types';
import {
  IncompleteInput,
  parse,
  parseWordList,
  type AndOrList,
  type Command,
  type Compound,
  type CondExpr,
  type Pipeline,
  type Redirect,
  type Script,
} from './parser';
import { ShellSyntaxError, type WordToken } from './lexer';
import { ASSIGNMENT_RE, ExpansionError, arith, expandHeredoc, expandPattern, expandWord, type ExpandContext } from './expand';
import { MAX_VALUE_LENGTH, OverlayEnv, ShellLimitError, VariableTable } from './env';
import { BufferSink, TerminalBudget, formatBytes, toBytes } from './streams';
import { suggestCommand } from './suggest';
import type { ExecEvent, ExecEventHub, ExecRedirect } from './exec-events';
import type { RunResult } from '../runtime/types';
import { matchGlob } from './glob';
import { quoteWord } from './quote';
import { BraceLimitError, expandBraces } from './braces';
import { ArithError, evalArith } from './arith';
import { TestError, binaryTest, unaryTest, type TestEnv } from './test-expr';
import type { Job } from '../machine/jobs';

export interface ExecLimits {
  /** Bytes one command may send to the terminal (stdout + stderr). */
  tty: number;
  /** Bytes one pipe may buffer. */
  pipe: number;
  /** Bytes one redirect may write to a file. */
  file: number;
}

import { STATUS } from './status';

export { STATUS };

/** How long a command that was told to stop (a full pipe, a file past its cap) may take before the shell stops waiting. */
const STOP_GRACE_MS = 1000;
/** Function calls deeper than this fail as bash's FUNCNEST would (bash itself would crash the tab). */
const MAX_CALL_DEPTH = 200;

/** Control flow out of builtins: `break`, `continue`, `return`, `exit` (and `set -e`). */
export class Flow {
  constructor(
    /** `abort`: an expansion error ended the interactive shell's line (bash jumps back to its prompt). */
    readonly kind: 'break' | 'continue' | 'return' | 'exit' | 'abort',
    readonly n: number,
  ) {}
}

/** Stdin with a read position shared by every reader (`while read l; do …; done < f`). */
export class ByteStream implements InputSource {
  pos = 0;
  constructor(
    readonly data: Uint8Array,
    readonly isTTY = false,
  ) {}
  readAll(): Promise<Uint8Array> {
    const rest = this.data.subarray(this.pos);
    this.pos = this.data.length;
    return Promise.resolve(rest);
  }
  /** One line without its newline, or null at the end; `eof` tells whether the newline was missing. */
  readLine(delim = 0x0a): { line: Uint8Array; eof: boolean } | null {
    if (this.pos >= this.data.length) return null;
    const end = this.data.indexOf(delim, this.pos);
    const stop = end < 0 ? this.data.length : end;
    const line = this.data.subarray(this.pos, stop);
    this.pos = end < 0 ? this.data.length : end + 1;
    return { line, eof: end < 0 };
  }
  stopReading?(bytes: number): void;
}

/** Stdin when nothing is piped: the terminal, which has no typed-ahead data for commands. @public */
export const TERMINAL_INPUT: InputSource = { isTTY: true, readAll: () => Promise.resolve(new Uint8Array(0)) };
const EMPTY_INPUT = (): ByteStream => new ByteStream(new Uint8Array(0));

interface Io {
  stdin: InputSource;
  /** The bytes behind `stdin`, for the exec event; null while stdin is the terminal. */
  stdinBytes: Uint8Array | null;
  stdout: OutputSink;
  stderr: OutputSink;
}

/** What one simple command received, gathered while it runs, for its exec event. */
interface ExecFacts {
  argv?: string[];
  assignments: Array<[string, string]>;
  env?: Array<[string, string]>;
  stdin: Uint8Array | null;
  redirects: ExecRedirect[];
  run?: RunResult;
  control: boolean;
}

export interface ShellOptionsState {
  errexit: boolean;
  nounset: boolean;
  pipefail: boolean;
  noglob: boolean;
  xtrace: boolean;
  noclobber: boolean;
  verbose: boolean;
}

const DEFAULT_OPTIONS: ShellOptionsState = {
  errexit: false,
  nounset: false,
  pipefail: false,
  noglob: false,
  xtrace: false,
  noclobber: false,
  verbose: false,
};

type FuncDef = Extract<Compound, { kind: 'func' }>;

/** A background job the shell started (`cmd &`), beside the machine's job table entry. */
export interface ShellJob {
  job: Job;
  text: string;
  /** Settles with the job's exit status. */
  status: Promise<number>;
  finished?: number;
  /** Another command adopted it as a server (`spin up &`): it runs until stopped. */
  server: boolean;
  abort: AbortController;
  /** `fg` or `wait` waited for it: no `Done` notice. */
  foreground?: boolean;
}

/** State every fork of one interactive shell shares: the terminal, jobs, events, history. */
export interface RootState {
  fs: HostFs;
  registry: CommandRegistry;
  services: DojoServices;
  events?: ExecEventHub;
  limits: ExecLimits;
  home: string;
  user: string;
  history(): readonly string[];
  jobs: Map<number, ShellJob>;
  /** `[1]+  Done …` lines waiting for the next prompt. */
  notices: string[];
  /** Exit statuses of finished background jobs by pid, for `wait PID`. */
  finished: Map<number, number>;
  /** The line as typed, for the exec events' `line`. */
  line: string;
  /** Where this line's output goes; the terminal sinks are budgeted per command. */
  term: TerminalIO;
  /** `$$`. */
  pid: number;
}

export interface ForkOptions {
  positional?: string[];
  arg0?: string;
}

export class Interp implements ShellApi {
  vars: VariableTable;
  functions: Map<string, FuncDef>;
  arrays: Map<string, string[]>;
  options: ShellOptionsState;
  positional: string[];
  arg0: string;
  lastStatus = 0;
  lastBackground: number | undefined;
  /** Is this the interactive shell itself (not a subshell or a script)? */
  readonly interactive: boolean;
  private cwdPath: string;
  /** `local` frames of the functions running, innermost last. */
  private frames: Array<Map<string, { value: string; exported: boolean } | undefined>> = [];
  private loopDepth = 0;
  /** Inside `source`/`.`: `return` ends the file. */
  sourcing = false;
  /** Status of the last command substitution of the command being expanded. */
  private substStatus: number | undefined;
  /** Inside a condition (`if`, `while`, `&&`, `!`): `set -e` does not exit there. */
  private condDepth = 0;
  private lastYield = Date.now();

  constructor(
    readonly root: RootState,
    init: {
      vars: VariableTable;
      cwd: string;
      interactive: boolean;
      functions?: Map<string, FuncDef>;
      options?: ShellOptionsState;
      positional?: string[];
      arg0?: string;
      arrays?: Map<string, string[]>;
    },
  ) {
    this.vars = init.vars;
    this.cwdPath = init.cwd;
    this.interactive = init.interactive;
    this.functions = init.functions ?? new Map();
    this.options = init.options ?? { ...DEFAULT_OPTIONS };
    this.positional = init.positional ?? [];
    this.arg0 = init.arg0 ?? 'dojo';
    this.arrays = init.arrays ?? new Map();
  }

  // ── ShellApi ──────────────────────────────────────────────────────────────────
  get cwd(): string {
    return this.cwdPath;
  }
  get home(): string {
    return this.root.home;
  }
  get registry(): CommandRegistry {
    return this.root.registry;
  }
  resolvePath(path: string): string {
    return resolve(this.cwdPath, path, this.root.home);
  }
  chdir(absPath: string): void {
    const target = resolve('/', absPath, this.root.home);
    const st = this.root.fs.stat(target);
    if (!st) throw new FsError('ENOENT', absPath);
    if (st.kind !== 'dir') throw new FsError('ENOTDIR', absPath);
    this.vars.set('OLDPWD', this.cwdPath);
    this.cwdPath = target;
    this.vars.set('PWD', target);
  }
  /** For a shell whose directory vanished (`rm -r` of it, `dojo reset`). */
  setCwd(path: string): void {
    this.cwdPath = path;
  }
  history(): readonly string[] {
    return this.root.history();
  }

  /** A subshell: a copy of this shell's state. */
  fork(opts: ForkOptions = {}): Interp {
    const f = new Interp(this.root, {
      vars: this.vars.clone(),
      cwd: this.cwdPath,
      interactive: false,
      functions: new Map(this.functions),
      options: { ...this.options },
      positional: opts.positional ?? [...this.positional],
      arg0: opts.arg0 ?? this.arg0,
      arrays: new Map([...this.arrays].map(([k, v]) => [k, [...v]])),
    });
    f.lastStatus = this.lastStatus;
    f.lastBackground = this.lastBackground;
    // A subshell of a background job (a pipeline stage, `( … )`) still belongs to that job.
    f.serviceOverride = this.serviceOverride;
    f.inBackground = this.inBackground;
    return f;
  }

  /** `$-`. */
  flags(): string {
    const o = this.options;
    return (
      (o.errexit ? 'e' : '') +
      (o.noglob ? 'f' : '') +
      'h' +
      (this.interactive ? 'i' : '') +
      (o.nounset ? 'u' : '') +
      (o.verbose ? 'v' : '') +
      (o.xtrace ? 'x' : '') +
      'B' +
      (o.noclobber ? 'C' : '')
    );
  }

  // ── variables ─────────────────────────────────────────────────────────────────
  lookup(name: string): string | undefined {
    if (name === 'RANDOM') return String(Math.floor(Math.random() * 32768));
    if (name === 'SECONDS') return String(Math.floor((Date.now() - started) / 1000));
    if (name === 'PIPESTATUS' || this.arrays.has(name)) return this.arrays.get(name)?.[0];
    return this.vars.get(name);
  }

  setVar(name: string, value: string, opts?: { exported?: boolean }): void {
    this.arrays.delete(name);
    this.vars.set(name, value, opts);
  }

  /** `local NAME[=value]`: the previous value comes back when the function returns. */
  makeLocal(name: string, value: string | undefined): boolean {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, this.vars.snapshot(name));
    if (value !== undefined) this.vars.set(name, value);
    else if (!frame.get(name)) this.vars.set(name, '');
    return true;
  }

  get inFunction(): boolean {
    return this.frames.length > 0;
  }
  get inLoop(): boolean {
    return this.loopDepth > 0;
  }

  private expandContext(io: Io): ExpandContext {
    return {
      lookup: (name) => this.lookup(name),
      assign: (name, value) => this.setVar(name, value),
      lastStatus: this.lastStatus,
      home: this.root.home,
      fs: this.root.fs,
      cwd: this.cwdPath,
      positional: this.positional,
      arg0: this.arg0,
      pid: this.root.pid,
      lastBackground: this.lastBackground,
      nounset: this.options.nounset,
      noglob: this.options.noglob,
      flags: this.flags(),
      budget: { left: MAX_VALUE_LENGTH },
      userHome: (name) => (name === this.root.user ? this.root.home : name === 'root' ? '/root' : undefined),
      array: (name) => this.arrays.get(name),
      substitute: (source) => this.substitute(source, io),
    };
  }

  /** `$(…)`: runs in a subshell; its stdout is the value. */
  private async substitute(source: string, io: Io): Promise<string> {
    const sub = this.fork();
    const out = new BufferSink(MAX_VALUE_LENGTH);
    const status = await sub.runSource(source, { ...io, stdout: out }, this.signal);
    this.substStatus = status;
    if (out.overflowed) throw new ShellLimitError('command substitution output too long (the limit is 1 MB)');
    return out.text();
  }

  // ── running ───────────────────────────────────────────────────────────────────
  /** The signal of the line running (Ctrl-C). */
  signal: AbortSignal = new AbortController().signal;

  /** Parses and runs `source` (a typed line, a script, `eval`'s text) in this shell. */
  async runSource(source: string, io: Io, signal: AbortSignal): Promise<number> {
    let script: Script;
    try {
      script = parse(source, { warn: (m) => io.stderr.write(m + '\n') });
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr.write((err instanceof IncompleteInput && err.why === 'heredoc' ? 'dojo: syntax error: unexpected end of file' : err.message) + '\n');
      return STATUS.misuse;
    }
    return this.runScriptIn(script, io, signal);
  }

  /** Runs a parsed script; `exit` inside it ends it with its status (the caller decides what exit means). */
  async runScriptIn(script: Script, io: Io, signal: AbortSignal): Promise<number> {
    const prev = this.signal;
    this.signal = signal;
    try {
      return await this.list(script, io);
    } catch (e) {
      if (e instanceof Flow && e.kind === 'exit' && !this.interactive) return e.n;
      throw e;
    } finally {
      this.signal = prev;
    }
  }

  /** A line's new slice: only long runs within a line need to give the loop a turn. */
  startLine(): void {
    this.lastYield = Date.now();
  }

  /**
   * A loop of builtins (`while true; do :; done`) runs only microtasks, which would keep the browser
   * from painting or delivering Ctrl-C; give the event loop a turn every few ms.
   */
  private async yieldIfBusy(): Promise<void> {
    if (Date.now() - this.lastYield < 30) return;
    await new Promise((r) => setTimeout(r, 0));
    this.lastYield = Date.now();
  }

  private interrupted(): boolean {
    return this.signal.aborted;
  }

  async list(script: Script, io: Io): Promise<number> {
    let status = this.lastStatus;
    for (const item of script) {
      if (this.interrupted()) return STATUS.interrupted;
      if (item.background) {
        this.background(item, io);
        status = 0;
        this.lastStatus = 0;
        continue;
      }
      status = await this.andOr(item, io);
    }
    return status;
  }

  private async andOr(list: AndOrList, io: Io): Promise<number> {
    const n = list.rest.length;
    // Every pipeline but the last of an && / || chain is a condition for set -e.
    let status = await this.pipelineAsCond(list.first, io, n > 0);
    for (const [k, { op, pipeline }] of list.rest.entries()) {
      if (this.interrupted()) return STATUS.interrupted;
      if ((op === '&&') !== (status === 0)) continue;
      status = await this.pipelineAsCond(pipeline, io, k < n - 1);
    }
    return status;
  }

  private async pipelineAsCond(p: Pipeline, io: Io, cond: boolean): Promise<number> {
    if (cond || p.bang) this.condDepth++;
    let status: number;
    try {
      status = await this.pipeline(p, io);
    } finally {
      if (cond || p.bang) this.condDepth--;
    }
    this.lastStatus = status;
    if (status !== 0 && !cond && !p.bang && this.options.errexit && this.condDepth === 0 && !this.interrupted()) {
      throw new Flow('exit', status);
    }
    return status;
  }

  private async pipeline(p: Pipeline, io: Io): Promise<number> {
    const started = p.time ? performance.now() : 0;
    let status = p.commands.length === 0 ? 0 : await this.stages(p.commands, io);
    if (p.bang) status = status === 0 ? 1 : 0;
    if (p.time) io.stderr.write(timeReport(performance.now() - started, p.time));
    return status;
  }

  private async stages(commands: Command[], io: Io): Promise<number> {
    if (commands.length === 1) {
      const s = await this.command(commands[0]!, io);
      this.arrays.set('PIPESTATUS', [String(s)]);
      return s;
    }
    let stdin = io.stdin;
    let stdinBytes = io.stdinBytes;
    const statuses: number[] = [];
    /** A pipe cut at its cap, judged once its reader has run: did the reader need the lost bytes? */
    let cut: { at: number; readerUsed?: number } | undefined;
    let lostData = false;
    for (const [i, cmd] of commands.entries()) {
      await this.yieldIfBusy();
      if (this.interrupted()) return STATUS.interrupted;
      const last = i === commands.length - 1;
      const stop = new AbortController();
      const pipe = last ? undefined : new BufferSink(this.root.limits.pipe, () => stop.abort('pipe-full'));
      // Each stage is a subshell, as in bash: `echo x | read v` leaves v alone.
      const stage = this.fork();
      stage.signal = this.signal;
      stage.pipeStop = stop.signal;
      let s: number;
      try {
        s = await stage.command(cmd, { stdin, stdinBytes, stdout: pipe ?? io.stdout, stderr: io.stderr });
      } catch (e) {
        if (!(e instanceof Flow)) throw e;
        s = e.kind === 'exit' || e.kind === 'return' ? e.n : 0;
      }
      statuses.push(s);
      if (cut && !this.interrupted() && !(cut.readerUsed !== undefined && cut.readerUsed <= cut.at)) {
        io.stderr.write(`dojo: pipe full: more than ${formatBytes(this.root.limits.pipe)} buffered, output cut\n`);
        lostData = true;
      }
      cut = undefined;
      if (pipe) {
        const bytes = pipe.bytes();
        stdinBytes = bytes;
        const next = new ByteStream(bytes);
        if (pipe.overflowed) {
          const judged: { at: number; readerUsed?: number } = { at: bytes.byteLength };
          cut = judged;
          next.stopReading = (used) => {
            judged.readerUsed = used;
          };
        }
        stdin = next;
      }
    }
    this.arrays.set('PIPESTATUS', statuses.map(String));
    if (this.interrupted()) return STATUS.interrupted;
    let status = statuses[statuses.length - 1]!;
    if (this.options.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return lostData && status === 0 ? STATUS.failure : status;
  }

  /** Set on a pipeline stage: its pipe is full, so its writer should stop. */
  private pipeStop: AbortSignal | undefined;

  private async command(cmd: Command, io: Io): Promise<number> {
    await this.yieldIfBusy();
    if (this.interrupted()) return STATUS.interrupted;
    if (!cmd.compound) return this.simple(cmd, io);
    const c = cmd.compound;
    if (c.kind === 'func') {
      this.functions.set(c.name, c);
      return 0;
    }
    let red: { io: Io; finish(): void } | number | undefined;
    try {
      red = await this.openRedirects(cmd.redirects, io, io.stderr);
      if (typeof red === 'number') return red;
      return await this.compound(c, red.io);
    } catch (e) {
      return this.failed(e, io.stderr);
    } finally {
      if (red && typeof red !== 'number') red.finish();
    }
  }

  /**
   * An error raised while expanding or redirecting: said in bash's words, with bash's status. An
   * expansion bash treats as fatal (`${X:?}`, `set -u`, bad arithmetic) ends a script, and the rest
   * of the interactive shell's line.
   */
  private failed(e: unknown, err: OutputSink): number {
    if (e instanceof Flow) throw e;
    if (e instanceof ShellSyntaxError || e instanceof ExpansionError) {
      err.write(e.message + '\n');
      if (e instanceof ExpansionError && e.fatal) throw this.interactive ? new Flow('abort', 1) : new Flow('exit', e.status);
      return e instanceof ExpansionError ? e.status : STATUS.failure;
    }
    if (e instanceof ShellLimitError || e instanceof BraceLimitError) {
      err.write(`dojo: ${e.message}\n`);
      return STATUS.failure;
    }
    err.write(`dojo: ${e instanceof Error ? e.message : String(e)}\n`);
    return STATUS.failure;
  }

  private async compound(c: Compound, io: Io): Promise<number> {
    switch (c.kind) {
      case 'group':
        return this.list(c.body, io);
      case 'subshell': {
        const sub = this.fork();
        sub.signal = this.signal;
        try {
          return await sub.list(c.body, io);
        } catch (e) {
          if (e instanceof Flow) return e.kind === 'exit' ? e.n : e.kind === 'return' ? e.n : sub.lastStatus;
          throw e;
        }
      }
      case 'if': {
        for (const clause of c.clauses) {
          if ((await this.cond(clause.cond, io)) === 0) return this.list(clause.body, io);
          if (this.interrupted()) return STATUS.interrupted;
        }
        return c.otherwise ? this.list(c.otherwise, io) : 0;
      }
      case 'while': {
        let status = 0;
        return this.loop(async () => {
          const s = await this.cond(c.cond, io);
          if ((s === 0) === c.until || this.interrupted()) return { done: true, status };
          status = await this.list(c.body, io);
          return { done: false, status };
        });
      }
      case 'for': {
        const ectx = this.expandContext(io);
        const words = c.words ? (await Promise.all(c.words.flatMap(braceWords).map((w) => expandWord(w, ectx)))).flat() : [...this.positional];
        let k = 0;
        let status = 0;
        return this.loop(async () => {
          if (k >= words.length) return { done: true, status };
          this.setVar(c.name, words[k++]!);
          status = await this.list(c.body, io);
          return { done: false, status };
        });
      }
      case 'cfor': {
        const ectx = this.expandContext(io);
        if (c.init.trim()) await arith(c.init, ectx);
        let status = 0;
        let first = true;
        return this.loop(async () => {
          if (!first && c.step.trim()) await arith(c.step, this.expandContext(io));
          first = false;
          if (c.cond.trim() && (await arith(c.cond, this.expandContext(io))) === '0') return { done: true, status };
          status = await this.list(c.body, io);
          return { done: false, status };
        });
      }
      case 'case': {
        const ectx = this.expandContext(io);
        const word = (await expandWord(c.word, ectx, { split: false }))[0] ?? '';
        let status = 0;
        let fall = false;
        for (const item of c.items) {
          let hit = fall;
          if (!hit) {
            for (const p of item.patterns) {
              if (matchGlob(await expandPattern(p, ectx), word)) {
                hit = true;
                break;
              }
            }
          }
          if (!hit) continue;
          status = await this.list(item.body, io);
          if (item.end === ';;') return status;
          fall = item.end === ';&';
        }
        return status;
      }
      case 'arith': {
        try {
          return (await arith(c.expr, this.expandContext(io))) === '0' ? 1 : 0;
        } catch (e) {
          if (e instanceof ExpansionError) {
            io.stderr.write(e.message + '\n');
            return 1;
          }
          throw e;
        }
      }
      case 'cond':
        try {
          return (await this.condExpr(c.expr, io)) ? 0 : 1;
        } catch (e) {
          if (e instanceof TestError) {
            io.stderr.write(`dojo: ${e.message}\n`);
            return 2;
          }
          if (e instanceof ExpansionError || e instanceof ShellSyntaxError) {
            io.stderr.write(e.message + '\n');
            return 1;
          }
          throw e;
        }
      case 'func':
        this.functions.set(c.name, c);
        return 0;
    }
  }

  /** A condition list: `set -e` is off inside it. */
  private async cond(script: Script, io: Io): Promise<number> {
    this.condDepth++;
    try {
      return await this.list(script, io);
    } finally {
      this.condDepth--;
    }
  }

  private async loop(step: () => Promise<{ done: boolean; status: number }>): Promise<number> {
    this.loopDepth++;
    try {
      for (;;) {
        await this.yieldIfBusy();
        if (this.interrupted()) return STATUS.interrupted;
        try {
          const r = await step();
          if (r.done) return r.status;
        } catch (e) {
          if (!(e instanceof Flow) || (e.kind !== 'break' && e.kind !== 'continue')) throw e;
          if (e.n > 1) throw new Flow(e.kind, e.n - 1);
          if (e.kind === 'break') return 0;
        }
      }
    } finally {
      this.loopDepth--;
    }
  }

  testEnv(io: Io): TestEnv {
    return {
      fs: this.root.fs,
      resolve: (p) => this.resolvePath(p),
      isSet: (name) => this.lookup(name) !== undefined,
      option: (name) => optionValue(this.options, name),
      isTTY: (fd) => (fd === 0 ? io.stdin.isTTY : fd === 1 ? io.stdout.isTTY : fd === 2 ? io.stderr.isTTY : false),
    };
  }

  private async condExpr(e: CondExpr, io: Io): Promise<boolean> {
    const ectx = this.expandContext(io);
    const str = async (w: WordToken) => (await expandWord({ ...w, glob: false }, ectx, { split: false }))[0] ?? '';
    switch (e.kind) {
      case 'and':
        return (await this.condExpr(e.left, io)) && this.condExpr(e.right, io);
      case 'or':
        return (await this.condExpr(e.left, io)) || this.condExpr(e.right, io);
      case 'not':
        return !(await this.condExpr(e.expr, io));
      case 'word':
        return (await str(e.word)) !== '';
      case 'unary':
        return unaryTest(e.op, await str(e.arg), this.testEnv(io));
      case 'binary': {
        const left = await str(e.left);
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const hit = matchGlob(await expandPattern(e.right, ectx), left);
          return e.op === '!=' ? !hit : hit;
        }
        if (e.op === '=~') {
          const re = await expandPattern(e.right, ectx);
          let rx: RegExp;
          try {
            rx = new RegExp(re.replace(/\\(.)/g, (_m, ch: string) => (/[A-Za-z0-9]/.test(ch) ? ch : '\\' + ch)));
          } catch {
            return false;
          }
          const m = rx.exec(left);
          if (m)
            this.arrays.set(
              'BASH_REMATCH',
              [...m].map((x) => x ?? ''),
            );
          else this.arrays.set('BASH_REMATCH', []);
          return m !== null;
        }
        const right = await str(e.right);
        if (/^-(eq|ne|lt|le|gt|ge)$/.test(e.op)) {
          const num = (s: string) => {
            try {
              return String(evalArith(s, { get: (n) => this.lookup(n), set: (n, v) => this.setVar(n, v) }));
            } catch (err) {
              if (err instanceof ArithError) throw new ExpansionError(`dojo: ${err.message}`, 1, true);
              throw err;
            }
          };
          return binaryTest(e.op, num(left), num(right), this.testEnv(io), false);
        }
        return binaryTest(e.op, left, right, this.testEnv(io), false);
      }
    }
  }

  // ── background jobs ───────────────────────────────────────────────────────────
  private background(item: AndOrList, io: Io): void {
    const text = item.text?.replace(/\s*&$/, '') ?? '';
    const abort = new AbortController();
    const jobs = this.root.services.machine.jobs;
    const extraStops: Array<() => void> = [];
    const job = jobs.add(text, () => {
      abort.abort('killed');
      for (const s of extraStops) s();
    });
    const shellJob: ShellJob = { job, text, status: Promise.resolve(0), server: false, abort };
    const sub = this.fork();
    sub.signal = abort.signal;
    sub.inBackground = true;
    // A command that backgrounds itself (spin up's server) joins this job instead of adding its own.
    const machine = Object.create(this.root.services.machine) as typeof this.root.services.machine;
    machine.jobs = Object.assign(Object.create(jobs) as typeof jobs, {
      add: (_command: string, stop: () => void) => {
        extraStops.push(stop);
        shellJob.server = true;
        return job;
      },
    });
    sub.serviceOverride = { ...this.root.services, machine };
    // Output meant for the terminal goes to the terminal as it is when written (a later line's, in
    // tests that capture each line), not to the sinks of the line that started the job.
    const root = this.root;
    const live = (pick: (t: TerminalIO) => OutputSink): OutputSink => ({
      get isTTY() {
        return pick(root.term).isTTY;
      },
      get columns() {
        return pick(root.term).columns;
      },
      write: (d) => pick(root.term).write(d),
    });
    const bgIo: Io = {
      stdin: EMPTY_INPUT(),
      stdinBytes: null,
      stdout: this.isTerminal(io.stdout) ? live(io.stdout === root.term.stdout ? (t) => t.stdout : (t) => t.stderr) : io.stdout,
      stderr: this.isTerminal(io.stderr) ? live(io.stderr === root.term.stdout ? (t) => t.stdout : (t) => t.stderr) : io.stderr,
    };
    // Job-control messages (`[1] 4242`, `[1]+  Done`) are for a terminal, as with bash's job control.
    const tty = this.interactive && io.stderr.isTTY;
    const status = (shellJob.status = (async () => {
      await Promise.resolve();
      try {
        return await sub.andOr(item, bgIo);
      } catch (e) {
        if (e instanceof Flow) return e.n;
        bgIo.stderr.write(`dojo: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      }
    })());
    this.root.jobs.set(job.id, shellJob);
    this.lastBackground = job.pid;
    if (tty) io.stderr.write(`[${job.id}] ${job.pid}\n`);
    void status.then((s) => {
      shellJob.finished = abort.signal.aborted ? 143 : s;
      if (shellJob.server && !abort.signal.aborted) return;
      const wasKilled = abort.signal.aborted;
      job.stop();
      this.root.jobs.delete(job.id);
      this.root.finished.set(job.pid, shellJob.finished);
      if (tty && !wasKilled && !shellJob.foreground) {
        const state = s === 0 ? 'Done' : `Exit ${s}`;
        this.root.notices.push(`[${job.id}]+  ${state.padEnd(24)}${text}\n`);
      }
    });
  }

  /** Services for commands run by this shell (a background job's machine proxy). */
  private serviceOverride: DojoServices | undefined;
  /** Runs as a background job: its commands get no single keys from the terminal, as a job reading the tty would stop. */
  private inBackground = false;

  // ── simple commands ───────────────────────────────────────────────────────────
  private async simple(cmd: Command, io: Io): Promise<number> {
    const cwd = this.cwdPath;
    const facts: ExecFacts = { assignments: [], stdin: io.stdinBytes, redirects: [], control: false };
    let finished = false;
    const base = this.serviceOverride ?? this.root.services;
    // Every module run the command records is this command's (a `spin up` job's later runs still
    // reach the app's recordRun, but no longer this event).
    const services: DojoServices = Object.assign(Object.create(base) as DojoServices, {
      recordRun(command: string, result: RunResult) {
        if (!finished) facts.run = result;
        base.recordRun?.(command, result);
      },
    });
    let status = STATUS.failure;
    try {
      status = await this.simpleCommand(cmd, io, services, facts);
      return status;
    } catch (e) {
      if (e instanceof Flow) status = e.n;
      throw e;
    } finally {
      finished = true;
      // An expansion that failed (`${A`) ran nothing: there is no argv to report.
      if (this.root.events && facts.argv) {
        const event: ExecEvent = {
          line: this.root.line,
          argv: facts.argv,
          assignments: facts.assignments,
          cwd,
          env: facts.env ?? this.vars.exported(),
          stdin: facts.stdin,
          redirects: facts.redirects,
          status,
          ...(facts.run ? { run: facts.run } : {}),
          control: facts.control,
        };
        this.root.events.emit(event);
      }
    }
  }

  private isTerminal(sink: OutputSink): boolean {
    return sink === this.root.term.stdout || sink === this.root.term.stderr;
  }

  private async simpleCommand(cmd: Command, io: Io, services: DojoServices, facts: ExecFacts): Promise<number> {
    // Past the terminal's budget the command runs on with its output discarded, as a real program
    // writing to a terminal nobody reads would: it keeps its real exit status and finishes its work.
    const budget = new TerminalBudget(this.root.limits.tty, (note) => this.root.term.stderr.write(note));
    const wrap = (s: OutputSink) => (this.isTerminal(s) ? budget.sink(s) : s);
    const err = wrap(io.stderr);
    const ectx = this.expandContext(io);
    this.substStatus = undefined;
    /** A redirect hit its cap: the write failed, so the command stops and fails (status 1), as with EFBIG. */
    const capped = new AbortController();
    let red: { io: Io; finish(): void } | number | undefined;
    try {
      // Leading NAME=value words are assignments; the rest is the command. Each value sees the ones
      // before it (`X=1 Y=$X` gives Y=1, as in bash); the command's words do not (`X=1 echo $X`).
      const assignments = new Map<string, string>();
      const arrays = new Map<string, string[]>();
      const assignCtx: ExpandContext = { ...ectx, lookup: (name) => (assignments.has(name) ? assignments.get(name) : this.lookup(name)) };
      let w = 0;
      for (; w < cmd.words.length; w++) {
        const word = cmd.words[w]!;
        const m = ASSIGNMENT_RE.exec(word.raw);
        if (!m) break;
        const name = m[1]!;
        const rawValue = word.raw.slice(m[0].length);
        if (rawValue.startsWith('(') && rawValue.endsWith(')')) {
          const items = (await Promise.all(parseWordList(rawValue.slice(1, -1)).map((x) => expandWord(x, assignCtx)))).flat();
          arrays.set(name, m[2] ? [...(this.arrays.get(name) ?? (this.lookup(name) !== undefined ? [this.lookup(name)!] : [])), ...items] : items);
          continue;
        }
        const valueWord: WordToken = { ...word, raw: rawValue, glob: false };
        let value = (await expandWord(valueWord, assignCtx, { split: false }))[0] ?? '';
        if (m[2]) value = (assignments.get(name) ?? this.lookup(name) ?? '') + value;
        assignments.set(name, value);
      }
      const argv: string[] = [];
      for (const word of cmd.words.slice(w)) for (const b of braceWords(word)) argv.push(...(await expandWord(b, ectx)));
      facts.argv = argv;
      facts.assignments = [...assignments];
      if (this.options.xtrace) {
        // bash traces each assignment on its own line, then the command.
        for (const [k, v] of assignments) err.write(`+ ${k}=${quoteWord(v)}\n`);
        if (argv.length > 0) err.write(`+ ${argv.map(quoteWord).join(' ')}\n`);
      }

      red = await this.openRedirects(cmd.redirects, { ...io, stdout: wrap(io.stdout), stderr: err }, err, facts, capped);
      if (typeof red === 'number') return red;
      const rio = red.io;

      if (argv.length === 0) {
        for (const [name, value] of assignments) this.setVar(name, value);
        for (const [name, list] of arrays) {
          this.vars.unset(name);
          this.arrays.set(name, list);
        }
        return this.substStatus ?? STATUS.ok;
      }

      const name = argv[0]!;
      const fn = this.functions.get(name);
      if (fn) {
        facts.env = this.vars.exported();
        return await this.callFunction(fn, argv, assignments, rio);
      }
      const def = this.root.registry.get(name);
      facts.control = def?.control === true;
      // Through the command's stderr: `frobnicate 2>/dev/null` says nothing, as in bash.
      if (!def && !name.includes('/')) return this.notFound(name, rio.stderr);
      const env = assignments.size > 0 ? new OverlayEnv(this.vars, assignments) : this.vars;
      facts.env = env.exported();
      // A path (`./build.sh`): the file itself, run by the interpreter its `#!` line names.
      const run = def ? { def, argv } : this.executable(name, argv, rio.stderr);
      if (typeof run === 'number') return run;
      const status = await this.runDefinition(run.def, run.argv, env, rio, services, capped.signal);
      if (this.signal.aborted) budget.muted = true;
      return capped.signal.aborted && !this.signal.aborted ? STATUS.failure : status;
    } catch (e) {
      return this.failed(e, err);
    } finally {
      if (red && typeof red !== 'number') red.finish();
    }
  }

  /** Runs a registry command with its context: Ctrl-C, caps, and errors it throws in the shell's words. */
  async runDefinition(
    def: CommandDefinition,
    argv: string[],
    env: CommandContext['env'],
    io: Io,
    services: DojoServices = this.serviceOverride ?? this.root.services,
    capped?: AbortSignal,
  ): Promise<number> {
    const local = new AbortController();
    const signal = this.signal;
    const forward = () => local.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    const pipeStop = this.pipeStop;
    const onPipe = () => local.abort('pipe-full');
    pipeStop?.addEventListener('abort', onPipe, { once: true });
    const onCap = () => local.abort('file-too-large');
    capped?.addEventListener('abort', onCap, { once: true });
    if (capped?.aborted) onCap();
    // The terminal's single keys belong to the foreground command, whatever its stdin is (`cat f | less`
    // reads keys from the tty as less does from /dev/tty).
    const keys = this.inBackground ? undefined : this.root.term.keys;
    if (keys) services = Object.assign(Object.create(services) as DojoServices, { keys });
    const ctx: CommandContext = {
      argv,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      fs: this.root.fs,
      cwd: this.cwdPath,
      signal: local.signal,
      shell: this,
      services,
      prompt: io.stdin.isTTY ? (q, d) => this.root.term.prompt(q, d) : async () => null,
    };
    try {
      return await raceSignal(runCommand(def, ctx), signal, local.signal);
    } finally {
      signal.removeEventListener('abort', forward);
      pipeStop?.removeEventListener('abort', onPipe);
      capped?.removeEventListener('abort', onCap);
    }
  }

  private async callFunction(fn: FuncDef, argv: string[], assignments: Map<string, string>, io: Io): Promise<number> {
    if (this.frames.length >= MAX_CALL_DEPTH) {
      io.stderr.write(`dojo: ${fn.name}: maximum function nesting level exceeded (${MAX_CALL_DEPTH})\n`);
      return STATUS.failure;
    }
    const savedPositional = this.positional;
    const frame = new Map<string, { value: string; exported: boolean } | undefined>();
    this.frames.push(frame);
    // `X=1 f`: X is set for the function's run only.
    for (const [k, v] of assignments) {
      frame.set(k, this.vars.snapshot(k));
      this.vars.set(k, v, { exported: true });
    }
    this.positional = argv.slice(1);
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    try {
      return await this.command(fn.body, io);
    } catch (e) {
      if (e instanceof Flow && e.kind === 'return') return e.n;
      throw e;
    } finally {
      this.loopDepth = savedLoop;
      this.positional = savedPositional;
      this.frames.pop();
      for (const [k, saved] of frame) this.vars.restore(k, saved);
    }
  }

  /**
   * What running the file at `name` (a path) means, as execve(2) and bash decide it: the execute
   * bit first (`Permission denied`, 126), then a `#!` line naming the interpreter (bash, sh, or
   * another command of the machine, with at most one argument, as Linux passes it); a text file
   * without one runs in a new shell, as bash runs it. Otherwise bash's error and status.
   */
  private executable(name: string, argv: string[], err: OutputSink): { def: CommandDefinition; argv: string[] } | number {
    const abs = this.resolvePath(name);
    const st = this.root.fs.stat(abs);
    if (!st) {
      err.write(`dojo: ${name}: No such file or directory\n`);
      return STATUS.notFound;
    }
    if (st.kind === 'dir') {
      err.write(`dojo: ${name}: Is a directory\n`);
      return STATUS.cannotExecute;
    }
    // The learner owns their files (the owner's x bit counts); /dev is root's (the others' bit).
    const mode = st.mode ?? 0o644;
    if ((mode & (st.owner === 'root' ? 0o001 : 0o100)) === 0) {
      err.write(`dojo: ${name}: Permission denied\n`);
      return STATUS.cannotExecute;
    }
    const head = st.kind === 'file' ? this.root.fs.readFile(abs, { limit: 4096 }) : new Uint8Array(0);
    const text = new TextDecoder().decode(head);
    const bash = this.root.registry.get('bash');
    if (text.startsWith('#!')) {
      const [interp = '', ...rest] = text
        .slice(2)
        .split('\n', 1)[0]!
        .trim()
        .split(/[ \t]+/);
      // Linux hands everything after the interpreter to it as one argument.
      const arg = rest.length ? [rest.join(' ')] : [];
      const program = interp.slice(interp.lastIndexOf('/') + 1);
      if (program === 'env' && arg.length) {
        const [target = '', ...targetArgs] = arg[0]!.split(/[ \t]+/);
        const def = this.root.registry.get(target);
        if (!def) {
          err.write(`${interp}: \u2018${target}\u2019: No such file or directory\n`);
          return STATUS.notFound;
        }
        return { def, argv: [target, ...targetArgs, name, ...argv.slice(1)] };
      }
      const def = this.root.registry.get(program);
      if (!def || !interp.startsWith('/')) {
        err.write(`dojo: ${name}: cannot execute: required file not found\n`);
        return STATUS.notFound;
      }
      return { def, argv: [program, ...arg, name, ...argv.slice(1)] };
    }
    if (head.includes(0) || !bash) {
      err.write(`dojo: ${name}: cannot execute binary file: Exec format error\n`);
      if (name.endsWith('.wasm') || name.endsWith('.wat')) err.write(`dojo: run it with a runtime: wasmtime ${name}\n`);
      return STATUS.cannotExecute;
    }
    return { def: bash, argv: ['bash', name, ...argv.slice(1)] };
  }

  private notFound(name: string, err: OutputSink): number {
    err.write(`dojo: ${name}: command not found\n`);
    const close = suggestCommand(
      name,
      this.root.registry.list().map((d) => d.name),
    );
    if (close) err.write(`dojo: did you mean '${close}'?\n`);
    return STATUS.notFound;
  }

  // ── redirects ─────────────────────────────────────────────────────────────────
  /**
   * Applies redirects in order (`>f 2>&1` differs from `2>&1 >f`, as in bash). Returns the new
   * streams and a finish() that writes collected file output, or the failure status.
   */
  private async openRedirects(
    redirects: Redirect[],
    io: Io,
    err: OutputSink,
    facts?: ExecFacts,
    capped?: AbortController,
  ): Promise<{ io: Io; finish(): void } | number> {
    const files: Array<{ path: string; sink: BufferSink; shown: string }> = [];
    const finish = () => {
      for (const f of files) {
        try {
          this.root.fs.writeFile(f.path, f.sink.bytes(), { append: true });
        } catch (e) {
          this.root.term.stderr.write(`dojo: ${f.shown}: ${fsText(e)}\n`);
        }
      }
    };
    if (redirects.length === 0) return { io, finish };
    const fds: Array<OutputSink | undefined> = [undefined, io.stdout, io.stderr];
    let stdin = io.stdin;
    let stdinBytes = io.stdinBytes;
    const ectx = this.expandContext(io);
    const setOut = (fd: number, sink: OutputSink) => {
      if (fd === 1 || fd === 2) fds[fd] = sink;
    };
    try {
      for (const r of redirects) {
        if (r.heredoc || r.op === '<<<') {
          let text: string;
          if (r.heredoc) text = r.heredoc.quoted ? r.heredoc.body : await expandHeredoc(r.heredoc.body, ectx);
          else text = ((await expandWord(r.target!, ectx, { split: false }))[0] ?? '') + '\n';
          const bytes = toBytes(text);
          if (r.fd === 0) {
            stdin = new ByteStream(bytes);
            stdinBytes = bytes;
            if (facts) facts.stdin = bytes;
          }
          continue;
        }
        if (r.op === '>&' || r.op === '<&') {
          const target = (await expandWord(r.target!, ectx, { split: false }))[0] ?? '';
          if (target === '-') {
            if (r.fd === 0) stdin = EMPTY_INPUT();
            else setOut(r.fd, { isTTY: false, write() {} });
            continue;
          }
          if (/^\d+$/.test(target)) {
            const from = Number(target);
            if (from === 0 && r.fd === 0) continue;
            const sink = fds[from];
            if (!sink || r.fd === 0) {
              err.write(`dojo: ${target}: Bad file descriptor\n`);
              return STATUS.failure;
            }
            setOut(r.fd, sink);
            continue;
          }
          if (r.op === '<&') {
            err.write(`dojo: ${target}: ambiguous redirect\n`);
            return STATUS.failure;
          }
          // `>&file` is `&>file`.
        }
        const path = await this.redirectPath(r.target!, ectx);
        const both = r.op === '&>' || r.op === '&>>' || (r.op === '>&' && !/^\d+$/.test(r.target!.raw));
        const append = r.op === '>>' || r.op === '&>>';
        if (r.op === '<' || r.op === '<>') {
          facts?.redirects.push({ fd: 0, op: r.typed, path: path.abs });
          // /dev/stdin (/dev/fd/0 …): the input the command already has, as bash opens it.
          if (standardStream(path.abs) !== undefined) continue;
          try {
            const bytes = this.root.fs.readFile(path.abs);
            if (r.fd === 0) {
              stdin = new ByteStream(bytes);
              stdinBytes = bytes;
              if (facts) facts.stdin = bytes;
            }
          } catch (e) {
            err.write(`dojo: ${path.shown}: ${fsText(e)}\n`);
            return STATUS.failure;
          }
          continue;
        }
        facts?.redirects.push({ fd: (r.fd === 2 ? 2 : 1) as 1 | 2, op: r.typed, path: path.abs });
        if (r.fd > 2) continue;
        const stream = standardStream(path.abs);
        if (stream !== undefined) {
          // /dev/stdout, /dev/stderr, /dev/fd/N: whatever fd N is at this point, as bash opens them.
          const sink = fds[stream] ?? io.stdout;
          if (both) {
            fds[1] = sink;
            fds[2] = sink;
          } else setOut(r.fd, sink);
          continue;
        }
        if (this.root.fs.stat(path.abs)?.kind === 'chardev') {
          // /dev/null and friends swallow what is written: no file-size cap (`yes > /dev/null` runs until Ctrl-C).
          const sink: OutputSink = { isTTY: false, write() {} };
          if (both) {
            fds[1] = sink;
            fds[2] = sink;
          } else setOut(r.fd, sink);
          continue;
        }
        if (this.options.noclobber && r.op === '>' && this.root.fs.stat(path.abs)?.kind === 'file') {
          err.write(`dojo: ${path.shown}: cannot overwrite existing file\n`);
          return STATUS.failure;
        }
        const problem = openForWrite(this.root.fs, path.abs, append);
        if (problem) {
          err.write(`dojo: ${path.shown}: ${problem}\n`);
          return STATUS.failure;
        }
        const existing = files.find((f) => f.path === path.abs);
        const sink =
          existing?.sink ??
          new BufferSink(this.root.limits.file, () => {
            err.write(`dojo: ${path.shown}: ${FS_ERROR_TEXT.EFBIG}\n`);
            capped?.abort('file-too-large');
          });
        if (!existing) files.push({ path: path.abs, sink, shown: path.shown });
        if (both) {
          fds[1] = sink;
          fds[2] = sink;
        } else setOut(r.fd, sink);
      }
    } catch (e) {
      finish();
      throw e;
    }
    return { io: { stdin, stdinBytes, stdout: fds[1]!, stderr: fds[2]! }, finish };
  }

  private async redirectPath(target: WordToken, ectx: ExpandContext): Promise<{ abs: string; shown: string }> {
    const fields = await expandWord(target, ectx);
    if (fields.length !== 1 || fields[0] === '') throw new ShellSyntaxError(`dojo: ${target.raw}: ambiguous redirect`);
    return { abs: this.resolvePath(fields[0]!), shown: fields[0]! };
  }
}

const started = Date.now();

/** A word's brace expansion (`{a,b}`, `{1..3}`) as words, before the other expansions, as bash does. */
function braceWords(word: WordToken): WordToken[] {
  if (!word.raw.includes('{')) return [word];
  return expandBraces(word.raw).map((raw) => (raw === word.raw ? word : { ...word, raw }));
}

/** `set -o NAME` / `[[ -o NAME ]]`. */
export function optionValue(o: ShellOptionsState, name: string): boolean | undefined {
  switch (name) {
    case 'errexit':
    case 'nounset':
    case 'pipefail':
    case 'noglob':
    case 'xtrace':
    case 'noclobber':
    case 'verbose':
      return o[name];
  }
  return undefined;
}

/** bash's `time` report: real measured; user and sys are the tab's, which the Dojo cannot see (0). */
export function timeReport(ms: number, format: 'bash' | 'posix'): string {
  const s = ms / 1000;
  if (format === 'posix') return `real ${s.toFixed(2)}\nuser 0.00\nsys 0.00\n`;
  const mmss = (sec: number) => `${Math.floor(sec / 60)}m${(sec % 60).toFixed(3)}s`;
  return `\nreal\t${mmss(s)}\nuser\t0m0.000s\nsys\t0m0.000s\n`;
}

async function runCommand(def: CommandDefinition, ctx: CommandContext): Promise<number> {
  const name = ctx.argv[0]!;
  try {
    const status = await def.run(ctx);
    return Number.isInteger(status) ? status & 255 : STATUS.failure;
  } catch (e) {
    if (e instanceof Flow) throw e;
    if (e instanceof FsError) ctx.stderr.write(`${name}: ${e.message}\n`);
    else if (e instanceof ShellLimitError) ctx.stderr.write(`dojo: ${name}: ${e.message}\n`);
    else if (e instanceof ExpansionError) ctx.stderr.write(`${e.message}\n`);
    else ctx.stderr.write(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return STATUS.failure;
  }
}

/**
 * Ctrl-C gives the prompt back at once (130) even if the command ignores its signal; a command
 * stopped by a cap (a full pipe, a file too large) gets a short grace period to finish on its own.
 */
function raceSignal(run: Promise<number>, user: AbortSignal, local: AbortSignal): Promise<number> {
  return new Promise<number>((resolveStatus, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const cleanup = () => {
      done = true;
      user.removeEventListener('abort', onUser);
      local.removeEventListener('abort', onLocal);
      if (timer !== undefined) clearTimeout(timer);
    };
    const finish = (s: number) => {
      if (done) return;
      cleanup();
      resolveStatus(s);
    };
    const onUser = () => finish(STATUS.interrupted);
    const onLocal = () => {
      if (user.aborted) return onUser();
      timer = setTimeout(() => finish(STATUS.brokenPipe), STOP_GRACE_MS);
    };
    if (user.aborted) return onUser();
    user.addEventListener('abort', onUser, { once: true });
    local.addEventListener('abort', onLocal, { once: true });
    if (local.aborted) onLocal();
    run.then(
      (s) => finish(s),
      (e) => {
        if (done) return;
        cleanup();
        if (e instanceof Flow) reject(e);
        else resolveStatus(STATUS.failure);
      },
    );
  });
}

/** Truncates (`>`) or creates (`>>`) the file now, as the shell's open(2) would, or says why it cannot. */
function openForWrite(fs: HostFs, abs: string, append: boolean): string | undefined {
  const st = fs.stat(abs);
  if (st?.kind === 'dir') return FS_ERROR_TEXT.EISDIR;
  const parent = fs.stat(dirname(abs));
  if (!parent) return FS_ERROR_TEXT.ENOENT;
  if (parent.kind !== 'dir') return FS_ERROR_TEXT.ENOTDIR;
  try {
    if (!append || !st) fs.writeFile(abs, '');
  } catch (e) {
    return fsText(e);
  }
  return undefined;
}

function fsText(e: unknown): string {
  if (e instanceof FsError) return FS_ERROR_TEXT[e.code];
  return e instanceof Error ? e.message : String(e);
}

export type { Io };
