/**
 * The lesson hooks as a shell decorator: the terminal keeps talking to "the shell", and every line
 * goes through LessonRuntime.beforeCommand / afterCommand on the way, with the exec events the
 * shell reported while it ran the line (what really ran: argv, cwd, env, stdin, status, module run).
 * Everything else (prompt, completion, cwd, history...) is the original shell's, so the decorated
 * object can stand in for it.
 */
import type { ExecEvent } from '../shell/exec-events';
import type { InteractiveShell, TerminalIO } from '../shell/types';
import type { LessonRuntime } from './runtime';

export function withLessonHooks<S extends InteractiveShell>(shell: S, runtime: LessonRuntime): S {
  const execute = async (line: string, io: TerminalIO, signal: AbortSignal): Promise<number> => {
    const wrapped = runtime.beforeCommand(line, io, shell.registry);
    const events: ExecEvent[] = [];
    const unsubscribe = shell.onExec((e) => events.push(e));
    let status: number;
    try {
      status = await shell.execute(line, wrapped, signal);
    } finally {
      unsubscribe();
    }
    try {
      await runtime.afterCommand(line, status, io, events);
    } catch (err) {
      // Grading must never break the terminal: report and carry on.
      io.stderr.write(`dojo: the lesson grader failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return status;
  };
  return new Proxy(shell, {
    get(target, prop) {
      if (prop === 'execute') return execute;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
