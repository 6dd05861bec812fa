import type { CommandSoFar } from '../shell/continuation';
import type { ExecEvent } from '../shell/exec-events';
import type { Shell } from '../shell/shell';
import type { CommandRegistry, Completion, InteractiveShell, TerminalIO } from '../shell/types';
import type { ExecuteLine } from './features';

/**
 * A shell whose every member is the real shell's, except `execute`, which runs `run()` instead: the
 * terminal's view (execute = the features' line wrappers) and what the lesson hooks decorate (execute
 * = the next step of that chain). An explicit forwarder rather than a Proxy or a prototype trick, so a
 * member the shell gains is a type error here until it is forwarded, and nothing is ever written onto
 * a stand-in object instead of the shell.
 */
export class HookedShell implements InteractiveShell {
  constructor(
    private readonly base: Shell,
    private readonly run: () => ExecuteLine,
  ) {}
  get cwd(): string {
    return this.base.cwd;
  }
  get home(): string {
    return this.base.home;
  }
  get registry(): CommandRegistry {
    return this.base.registry;
  }
  get lastStatus(): number {
    return this.base.lastStatus;
  }
  resolvePath(path: string): string {
    return this.base.resolvePath(path);
  }
  chdir(absPath: string): void {
    this.base.chdir(absPath);
  }
  history(): readonly string[] {
    return this.base.history();
  }
  execute(line: string, io: TerminalIO, signal: AbortSignal): Promise<number> {
    return this.run()(line, io, signal);
  }
  complete(line: string, cursor: number): Completion {
    return this.base.complete(line, cursor);
  }
  promptText(): string {
    return this.base.promptText();
  }
  onExec(listener: (e: ExecEvent) => void): () => void {
    return this.base.onExec(listener);
  }
  interruptedAtPrompt(): void {
    this.base.interruptedAtPrompt();
  }
  takeNotices(): string {
    return this.base.takeNotices();
  }
  readLine(line: string, previous?: CommandSoFar): CommandSoFar {
    return this.base.readLine(line, previous);
  }
}
