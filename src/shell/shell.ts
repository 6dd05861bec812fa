/** The interactive shell the terminal drives: state (cwd, variables, `$?`, history) plus execute/complete. */
import type { HostFs } from '../fs/types';
import { FsError } from '../fs/types';
import { displayPath, normalize, resolve } from '../fs/path';
import { HOME } from '../fs/seed';
import type { CommandRegistry, Completion, DojoServices, InteractiveShell, TerminalIO } from './types';
import { ShellSyntaxError } from './lexer';
import { parse } from './parser';
import { runScript, STATUS, type ExecHost, type ExecLimits } from './executor';
import { VariableTable } from './env';
import { CommandHistory } from './history';
import { completeLine } from './complete';
import { readLine, type CommandSoFar } from './continuation';
import { ExecEventHub, type ExecListener } from './exec-events';
import { createMachine } from '../machine/services';

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
  services: DojoServices;
  readonly env: VariableTable;
  readonly commandHistory: CommandHistory;
  readonly home: string;
  readonly user: string;
  readonly hostname: string;
  lastStatus = 0;
  private currentDir: string;

  /** bash answers SIGINT at its prompt with status 130 (128 + SIGINT), even on an empty line. */
  interruptedAtPrompt(): void {
    this.lastStatus = 130;
  }
  private readonly limits: ExecLimits;
  private readonly recordHistory: boolean;
  private readonly events = new ExecEventHub();

  onExec(listener: ExecListener): () => void {
    return this.events.on(listener);
  }

  constructor(opts: ShellOptions) {
    this.fs = opts.fs;
    this.registry = opts.registry;
    this.services = opts.services ?? { machine: createMachine() };
    this.commandHistory = opts.history ?? new CommandHistory();
    this.recordHistory = opts.recordHistory ?? true;
    this.home = opts.home ?? HOME;
    this.user = opts.user ?? 'learner';
    this.hostname = opts.hostname ?? 'dojo';
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const start = normalize(opts.cwd ?? this.home);
    this.currentDir = this.fs.stat(start)?.kind === 'dir' ? start : '/';
    this.env = new VariableTable({
      HOME: this.home,
      USER: this.user,
      LOGNAME: this.user,
      HOSTNAME: this.hostname,
      SHELL: '/bin/dojo',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      PWD: this.currentDir,
      ...opts.env,
    });
  }

  get cwd(): string {
    return this.currentDir;
  }

  resolvePath(path: string): string {
    return resolve(this.currentDir, path, this.home);
  }

  /** Throws FsError (ENOENT / ENOTDIR) when `absPath` is not a directory. */
  chdir(absPath: string): void {
    const target = normalize(absPath);
    const st = this.fs.stat(target);
    if (!st) throw new FsError('ENOENT', absPath);
    if (st.kind !== 'dir') throw new FsError('ENOTDIR', absPath);
    this.env.set('OLDPWD', this.currentDir);
    this.currentDir = target;
    this.env.set('PWD', target);
  }

  readLine(line: string, previous?: CommandSoFar): CommandSoFar {
    return readLine(line, previous);
  }

  history(): readonly string[] {
    return this.commandHistory.list();
  }

  promptText(): string {
    // After `dojo reset` or `rm -r` of the cwd, fall back like a shell whose directory vanished.
    if (this.fs.stat(this.currentDir)?.kind !== 'dir') this.currentDir = this.fs.stat(this.home) ? this.home : '/';
    return `${this.user}@${this.hostname}:${displayPath(this.currentDir, this.home)}$ `;
  }

  async execute(line: string, io: TerminalIO, signal: AbortSignal): Promise<number> {
    let status: number;
    try {
      if (this.recordHistory) this.commandHistory.add(line);
      status = await this.run(line, io, signal);
    } catch (err) {
      // Last line of defence: the terminal must always get its prompt back.
      safeWrite(io, `dojo: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      status = STATUS.failure;
    }
    this.lastStatus = status;
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
    let script;
    try {
      script = parse(line);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr.write(err.message + '\n');
      return STATUS.misuse;
    }
    if (script.length === 0) return this.lastStatus;
    const shell = this;
    const host: ExecHost = {
      fs: this.fs,
      registry: this.registry,
      services: this.services,
      env: this.env,
      api: this,
      get cwd() {
        return shell.cwd;
      },
      home: this.home,
      lastStatus: this.lastStatus,
      limits: this.limits,
      line,
      events: this.events,
    };
    return runScript(script, host, io, signal);
  }
}

function safeWrite(io: TerminalIO, text: string): void {
  try {
    io.stderr.write(text);
  } catch {
    // nothing left to report to
  }
}
