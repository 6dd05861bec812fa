/**
 * What ran, as events: the executor reports each simple command it ran, after it finished, with
 * what the command really received (argv after expansion, its cwd, environment and stdin). The
 * lesson runtime, the grader's replays and the trace read these instead of re-parsing the typed
 * line, so `2>err.txt`, `$VAR`, `VAR=x cmd` and pipes mean to them exactly what they meant to the shell.
 */
import type { RunResult } from '../runtime/types';

export interface ExecRedirect {
  fd: 0 | 1 | 2;
  /** As typed: `>`, `>>`, `<`, `2>`, `2>>`, `&>`. */
  op: string;
  /** The target, resolved to an absolute path. */
  path: string;
}

export interface ExecEvent {
  /** The whole line as typed, for display only (never re-parse it). */
  line: string;
  /** After expansion; assignments and redirects removed. Empty for an assignment-only command (`A=1`). */
  argv: string[];
  /** `VAR=x` prefixes of this simple command, expanded. */
  assignments: Array<[string, string]>;
  /** The current directory when it started. */
  cwd: string;
  /** The exported environment the command received (assignments included). */
  env: Array<[string, string]>;
  /** Bytes piped or redirected in; null when stdin was the terminal. */
  stdin: Uint8Array | null;
  /** File redirects, in the order typed (`2>&1` and `>&2` name no file and are not listed). */
  redirects: ExecRedirect[];
  status: number;
  /** The module run this command produced (a services.recordRun call made while it ran). */
  run?: RunResult;
  /** The command is a lesson control (`hint`, `check`, …): never graded, snapshotted or undone. */
  control: boolean;
}

export type ExecListener = (event: ExecEvent) => void;

/** The listeners of one shell; a listener that throws does not stop the others or the shell. */
export class ExecEventHub {
  private readonly listeners = new Set<ExecListener>();

  on(listener: ExecListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: ExecEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        // A consumer's bug must not break the command line, nor vanish: report it out of band.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
