/** The interactive shell the terminal drives: state (cwd, variables, `$?`, history) plus execute/complete. */
import type { HostFs } from '../fs/types';
import { displayPath, normalize, resolve } from '../fs/path';
import { HOME } from '../fs/seed';
import type { CommandRegistry, Completion, DojoServices, InteractiveShell, TerminalIO } from './types';
import type { ExecLimits, Interp, RootState } from './executor';
import { STATUS } from './status';
import { VariableTable } from './env';
import { registerShellBuiltins } from './builtin-list';
import { loadEngine } from './engine-loader';
import { FsError } from '../fs/types';
import { CommandHistory } from './history';
import { completeLine } from './complete';
import { readLine, type CommandSoFar } from './continuation';
import { ExecEventHub, type ExecListener } from './exec-events';
import { createMachine } from '../machine/services';
import { dojoLine } from '../lib/dojo-line';

export interface ShellOptions {
  fs: HostFs;
  registry: CommandRegistry;
  /** Mutable later: the app adds `engine` when the worker is up. */
  services?: DojoServices;
  /** Shared with the terminal for ↑/↓ and Ctrl-R; attach a HistoryStore to persist it. */
  history?: CommandHistory;
  /** execute() records each line in history (default true; the grader's shells turn it off). */
  recordHistory?: boolean;
  user?: string;
  hostname?: string;
  home?: string;
  /** Start directory; defaults to home (or / if home is missing). */
  cwd?: string;
  /** Extra exported variables on top of the defaults (HOME, USER, PATH, PWD, ...). */
  env?: Record<string, string>;
  limits?: Partial<ExecLimits>;
}

export const DEFAULT_LIMITS: ExecLimits = {
  tty: 1024 * 1024,
  pipe: 16 * 1024 * 1024,
  file: 32 * 1024 * 1024,
};

/** Longer lines are refused before parsing; 100,000 characters still parse. */
export const MAX_LINE_LENGTH = 1024 * 1024;

export class Shell implements InteractiveShell {
  readonly fs: HostFs;
  readonly registry: CommandRegistry;
  readonly commandHistory: CommandHistory;
  readonly home: string;
  readonly user: string;
  readonly hostname: string;
  lastStatus = 0;
  /** The interactive shell's interpreter, once loaded; `exit` replaces it with a fresh one. */
  private interp: Interp | undefined;
  /** Variables and directory until the interpreter has loaded (it takes them over). */
  private early: { vars: VariableTable; cwd: string };
  private readonly root: RootState;
  private readonly initialEnv: Record<string, string>;

  /** bash answers SIGINT at its prompt with status 130 (128 + SIGINT), even on an empty line. */
  interruptedAtPrompt(): void {
    this.lastStatus = 130;
    if (this.interp) this.interp.lastStatus = 130;
  }
  private readonly recordHistory: boolean;
  private readonly events = new ExecEventHub();

  onExec(listener: ExecListener): () => void {
    return this.events.on(listener);
  }

  constructor(opts: ShellOptions) {
    this.fs = opts.fs;
    this.registry = opts.registry;
    registerShellBuiltins(this.registry);
    this.commandHistory = opts.history ?? new CommandHistory();
    this.recordHistory = opts.recordHistory ?? true;
    this.home = opts.home ?? HOME;
    this.user = opts.user ?? 'learner';
    this.hostname = opts.hostname ?? 'dojo';
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const start = normalize(opts.cwd ?? this.home);
    const cwd = this.fs.stat(start)?.kind === 'dir' ? start : '/';
    this.initialEnv = {
      HOME: this.home,
      USER: this.user,
      LOGNAME: this.user,
      HOSTNAME: this.hostname,
      SHELL: '/bin/dojo',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...opts.env,
    };
    const history = this.commandHistory;
    const silent = { isTTY: false, write() {} };
    this.root = {
      fs: this.fs,
      registry: this.registry,
      services: opts.services ?? { machine: createMachine() },
      events: this.events,
      limits,
      home: this.home,
      user: this.user,
      history: () => history.list(),
      jobs: new Map(),
      notices: [],
      finished: new Map(),
      line: '',
      term: { stdout: silent, stderr: silent, prompt: async () => null },
      pid: 4200,
    };
    this.early = { vars: new VariableTable({ ...this.initialEnv, PWD: cwd }), cwd };
  }

  /** The interpreter, loading its chunk the first time (after the first prompt it is there already). */
  private async interpreter(): Promise<Interp> {
    if (this.interp) return this.interp;
    const engine = await loadEngine();
    this.interp ??= new engine.Interp(this.root, { vars: this.early.vars, cwd: this.early.cwd, interactive: true });
    return this.interp;
  }

  /** The app adds `engine` when the worker is up. */
  get services(): DojoServices {
    return this.root.services;
  }
  set services(s: DojoServices) {
    this.root.services = s;
  }

  /** The shell's variables (the current shell's: `exit` starts a fresh table). */
  get env(): VariableTable {
    return this.interp?.vars ?? this.early.vars;
  }

  get cwd(): string {
    return this.interp?.cwd ?? this.early.cwd;
  }

  resolvePath(path: string): string {
    return resolve(this.cwd, path, this.home);
  }

  /** Throws FsError (ENOENT / ENOTDIR) when `absPath` is not a directory. */
  chdir(absPath: string): void {
    const target = normalize(absPath);
    if (this.interp) return this.interp.chdir(target);
    const st = this.fs.stat(target);
    if (!st) throw new FsError('ENOENT', absPath);
    if (st.kind !== 'dir') throw new FsError('ENOTDIR', absPath);
    this.early.vars.set('OLDPWD', this.early.cwd);
    this.early.cwd = target;
    this.early.vars.set('PWD', target);
  }

  readLine(line: string, previous?: CommandSoFar): CommandSoFar {
    return readLine(line, previous);
  }

  history(): readonly string[] {
    return this.commandHistory.list();
  }

  promptText(): string {
    // After `dojo reset` or `rm -r` of the cwd, fall back like a shell whose directory vanished.
    if (this.fs.stat(this.cwd)?.kind !== 'dir') {
      const fallback = this.fs.stat(this.home) ? this.home : '/';
      if (this.interp) this.interp.setCwd(fallback);
      else this.early.cwd = fallback;
    }
    return `${this.user}@${this.hostname}:${displayPath(this.cwd, this.home)}$ `;
  }

  /** `[1]+  Done …` lines of background jobs that ended since the last prompt (bash prints them before it). */
  takeNotices(): string {
    const text = this.root.notices.join('');
    this.root.notices.length = 0;
    return text;
  }

  async execute(line: string, io: TerminalIO, signal: AbortSignal): Promise<number> {
    let status: number;
    try {
      // Without a terminal that prints them before its prompt, they lead the next line's output.
      const notices = io.noticesAtPrompt ? '' : this.takeNotices();
      if (notices) io.stderr.write(notices);
      if (this.recordHistory) this.commandHistory.add(line);
      status = await this.run(line, io, signal);
    } catch (err) {
      if (err instanceof EngineLoadError) {
        safeWrite(io, `dojo: the shell's interpreter could not be loaded (${err.message}); reload the page to try again\n`);
        this.lastStatus = STATUS.failure;
        return STATUS.failure;
      }
      // Last line of defence: the terminal must always get its prompt back.
      safeWrite(io, `dojo: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      status = STATUS.failure;
    }
    this.lastStatus = status;
    if (this.interp) this.interp.lastStatus = status;
    return status;
  }

  complete(line: string, cursor: number): Completion {
    try {
      return completeLine(line, cursor, this, this.fs);
    } catch {
      return { start: cursor, candidates: [] };
    }
  }

  private async run(line: string, io: TerminalIO, signal: AbortSignal): Promise<number> {
    if (line.length > MAX_LINE_LENGTH) {
      io.stderr.write(`dojo: line too long (${line.length} characters; the limit is ${MAX_LINE_LENGTH})\n`);
      return STATUS.misuse;
    }
    if (line.trim() === '') return this.lastStatus;
    const engine = await loadEngine().catch((e: unknown) => {
      throw new EngineLoadError(e instanceof Error ? e.message : String(e));
    });
    const interp = await this.interpreter();
    this.root.line = line;
    this.root.term = io;
    interp.startLine();
    interp.lastStatus = this.lastStatus;
    try {
      return await interp.runSource(line, { stdin: engine.TERMINAL_INPUT, stdinBytes: null, stdout: io.stdout, stderr: io.stderr }, signal);
    } catch (e) {
      if (!(e instanceof engine.Flow)) throw e;
      if (e.kind === 'exit') {
        // The terminal stays: a fresh shell replaces the one that exited (files and jobs stay).
        io.stderr.write(
          dojoLine(
            'a new shell started in this terminal: variables, functions and options are back to their defaults (files and jobs are kept)',
            io.stderr.isTTY,
          ),
        );
        const cwd = this.fs.stat(this.home)?.kind === 'dir' ? this.home : '/';
        this.interp = new engine.Interp(this.root, { vars: new VariableTable({ ...this.initialEnv, PWD: cwd }), cwd, interactive: true });
        return e.n;
      }
      return e.n;
    }
  }
}

class EngineLoadError extends Error {}

function safeWrite(io: TerminalIO, text: string): void {
  try {
    io.stderr.write(text);
  } catch {
    // nothing left to report to
  }
}
