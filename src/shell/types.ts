/**
 * The command registry's contract. Every command the learner can type, from `ls` to `wasmtime`
 * and `spin`, is one module exporting a CommandDefinition; the shell knows nothing about any of them.
 * This mirrors how wasmtime gives each subcommand its own file and xterm.js keeps features in addons.
 */
import type { Grant } from '../runtime/grants';
import type { HostFs } from '../fs/types';
import type { WasmEngine, RunResult } from '../runtime/types';
import type { Machine } from '../machine/services';
import type { CommandSoFar } from './continuation';
import type { ExecListener } from './exec-events';

export interface OutputSink {
  write(data: string | Uint8Array): void;
  /** True when this stream reaches the terminal (not a pipe or a file): tools colour only then. */
  readonly isTTY: boolean;
  /** The terminal's width in columns, for a stream that reaches it: what ioctl(TIOCGWINSZ) tells a real program. */
  readonly columns?: number;
}

export interface InputSource {
  /** Everything piped or redirected in; empty when stdin is the terminal. */
  readAll(): Promise<Uint8Array>;
  readonly isTTY: boolean;
  /**
   * Optional, for readers that stop early (head got its lines): "I used only the first `bytes`
   * bytes", as closing a real pipe would say. A pipe the shell had to cut at its cap then needs no
   * "pipe full" note when the cut lies beyond what the reader used.
   */
  stopReading?(bytes: number): void;
}

/** Shell variables; `exported` ones reach commands' environments (and `wasmtime --env NAME`). */
export interface ShellEnv {
  get(name: string): string | undefined;
  set(name: string, value: string, opts?: { exported?: boolean }): void;
  unset(name: string): void;
  /** Exported variables, in definition order. */
  exported(): Array<[string, string]>;
}

export interface FlagSpec {
  /** e.g. "--dir" or "-l"; aliases are separate entries sharing `description`. */
  name: string;
  /** Placeholder for the value, e.g. "HOST[::GUEST]"; absent for boolean flags. */
  value?: string;
  description: string;
}

export interface SubcommandSpec {
  name: string;
  summary: string;
  flags?: FlagSpec[];
  subcommands?: SubcommandSpec[];
}

/** Capabilities the app offers commands beyond the shell itself. Optional ones arrive with later features. */
export interface DojoServices {
  /** The learner's machine: loopback network, background jobs, local OCI registry. */
  machine: Machine;
  /** Runs Wasm (a Web Worker in the browser, in-process in Node tests). */
  engine?: WasmEngine;
  /** The last module run, for `dojo trace` and the grader. */
  lastRun?: { command: string; result: RunResult } | undefined;
  recordRun?(command: string, result: RunResult): void;
  /** Wipes the learner's machine back to the seed workspace (`dojo reset`). */
  resetWorkspace?(): Promise<void>;
  /** Clears the terminal screen (`clear`, Ctrl-L). */
  clearScreen?(): void;
  /** Opens a file in the editor (`edit FILE`). */
  openEditor?(path: string): void;
  /**
   * Single keys from the terminal for a foreground command (a pager's q, space, arrows), as a
   * program reads /dev/tty in raw mode. Absent without a terminal and in background jobs.
   */
  keys?: KeyReader;
}

/** What a terminal offers a running command that reads single keys. */
export interface KeyReader {
  /** The next key pressed, as xterm encodes it ("q", " ", "\x1b[A"); null when the signal fired or the command ended. */
  readKey(signal: AbortSignal): Promise<string | null>;
  /** The terminal's height in rows. */
  readonly rows?: number | undefined;
}

export interface CommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  stdin: InputSource;
  stdout: OutputSink;
  stderr: OutputSink;
  env: ShellEnv;
  fs: HostFs;
  /** Absolute current directory. */
  cwd: string;
  /** Fires on Ctrl-C; long-running commands must stop and return 130. */
  signal: AbortSignal;
  /** The shell itself: cd, history, resolving paths, running sub-commands. */
  shell: ShellApi;
  services: DojoServices;
  /**
   * Asks the learner a question on the terminal (e.g. `spin new`'s prompts).
   * Resolves to null when there is no terminal (piped, tests) or the learner pressed Ctrl-C.
   */
  prompt(question: string, defaultValue?: string): Promise<string | null>;
}

export interface ShellApi {
  readonly cwd: string;
  readonly home: string;
  /** Resolves `~`, `.`, `..` and relative paths against the current directory. */
  resolvePath(path: string): string;
  chdir(absPath: string): void;
  history(): readonly string[];
  registry: CommandRegistry;
}

export interface CommandDefinition {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Usage line(s) for `NAME --help`, e.g. "ls [-la] [FILE]...". */
  usage: string;
  flags?: FlagSpec[];
  subcommands?: SubcommandSpec[];
  /** Lesson controls (hint, check, …): never graded, snapshotted or undone. */
  control?: boolean;
  /** Extra Tab completion beyond flags/subcommands/paths (e.g. lesson ids). */
  complete?(args: string[], partial: string, shell: ShellApi): string[];
  /** The capabilities this command line grants a module (argv[0] = the name), for the least-privilege grader. */
  describeGrants?(argv: string[]): Grant[];
  /** Returns the exit status: 0 ok, 1 failure, 2 misuse, 127 not found, 130 interrupted. */
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandRegistry {
  register(def: CommandDefinition): void;
  get(name: string): CommandDefinition | undefined;
  list(): CommandDefinition[];
}

/** What the terminal hands the shell for one typed line. */
export interface TerminalIO {
  stdout: OutputSink;
  stderr: OutputSink;
  prompt(question: string, defaultValue?: string): Promise<string | null>;
  /** Single keys for the line's foreground commands (see DojoServices.keys); the xterm terminal offers them. */
  keys?: KeyReader;
  /** The terminal prints `[1]+  Done …` itself before each prompt (InteractiveShell.takeNotices), as bash does. */
  noticesAtPrompt?: boolean;
}

export interface Completion {
  /** Offset in the line where the word being completed starts. */
  start: number;
  /** Full replacement words (directories end in "/"), sorted; one candidate means complete it. */
  candidates: string[];
}

/** The interactive shell the terminal drives. */
export interface InteractiveShell extends ShellApi {
  /** Parses and runs one line (may hold `;`, `&&`, `||`, pipes, redirects). Never throws. */
  execute(line: string, io: TerminalIO, signal: AbortSignal): Promise<number>;
  complete(line: string, cursor: number): Completion;
  /** e.g. "learner@dojo:~/my-api$ " */
  promptText(): string;
  readonly lastStatus: number;
  /**
   * Calls `listener` once per simple command the shell ran, in order, after it finished, with what
   * it really received (see exec-events.ts). Returns the unsubscribe function.
   */
  onExec(listener: ExecListener): () => void;
  /** Ctrl-C at the prompt (typed text or none): as in bash, `$?` becomes 130. */
  interruptedAtPrompt?(): void;
  /** `[1]+  Done …` lines of background jobs that ended since the last prompt, for the terminal to print before the next one. */
  takeNotices?(): string;
  /**
   * Reads a submitted line into the command typed so far (`previous`, from earlier lines at `> `):
   * the joined text, and whether bash would read on (open quote, trailing `\`, `|`, `&&`, `||`).
   */
  readLine?(line: string, previous?: CommandSoFar): CommandSoFar;
}
