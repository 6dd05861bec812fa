/**
 * The lesson hooks as a shell decorator: the terminal keeps talking to "the shell", and every line
 * goes through LessonRuntime.beforeCommand / afterCommand on the way. Everything else (prompt,
 * completion, cwd, history...) is the original shell's, so the decorated object can stand in for it.
 */
import type { InteractiveShell, TerminalIO } from '../shell/types';
import type { LessonRuntime } from './runtime';

export function withLessonHooks<S extends InteractiveShell>(shell: S, runtime: LessonRuntime): S {
  const execute = async (line: string, io: TerminalIO, signal: AbortSignal): Promise<number> => {
    const wrapped = runtime.beforeCommand(line, io);
    const status = await shell.execute(line, wrapped, signal);
    try {
      await runtime.afterCommand(line, status, io);
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
