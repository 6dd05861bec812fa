/**
 * The shell's language builtins as the registry lists them (for `help`, Tab and `type`): names and
 * help lines here, before the first prompt; their code (builtins.ts, with the interpreter) loads
 * after it, the job builtins (job-builtins.ts) with it.
 */
import type { CommandDefinition, CommandRegistry } from './types';
import { loadEngine } from './engine-loader';
import { builtinHelp, helpStatus } from './builtin-help';

const INFO: Record<string, [summary: string, usage: string]> = {
  ':': ['Do nothing, successfully', ': [ARG]...'],
  '.': ['Run a file in the current shell', '. FILE [ARG]...'],
  source: ['Run a file in the current shell', 'source FILE [ARG]...'],
  '[': ['Evaluate a condition (file tests, strings, integers)', '[ EXPRESSION ]'],
  test: ['Evaluate a condition (file tests, strings, integers)', 'test EXPRESSION'],
  bash: ['Run a script with the shell (bash FILE, bash -c CMD, or a piped script)', 'bash [-eux] [-c COMMAND | FILE] [ARG]...'],
  sh: ['Run a script with the shell', 'sh [-eux] [-c COMMAND | FILE] [ARG]...'],
  break: ['Leave a for, while or until loop', 'break [N]'],
  continue: ['Next iteration of a loop', 'continue [N]'],
  command: ['Run a command, skipping functions; -v/-V say what it is', 'command [-vV] NAME [ARG]...'],
  declare: ['Set variables and their attributes', 'declare [-xp] [NAME[=VALUE]]...'],
  typeset: ['Set variables and their attributes', 'typeset [-xp] [NAME[=VALUE]]...'],
  eval: ['Run arguments as a shell command', 'eval [ARG]...'],
  exit: ['Leave the shell (here: start a fresh one)', 'exit [N]'],
  let: ['Evaluate arithmetic expressions', 'let EXPR...'],
  local: ['Declare variables local to a function', 'local NAME[=VALUE]...'],
  read: ['Read a line into variables', 'read [-r] [-p PROMPT] [-a ARRAY] [-d DELIM] [NAME]...'],
  return: ['Return from a function or sourced script', 'return [N]'],
  set: ['Set shell options and positional parameters', 'set [-euxfC] [-o OPTION] [--] [ARG]...'],
  shift: ['Shift positional parameters', 'shift [N]'],
  shopt: ['Show shell options (accepted; they change nothing here)', 'shopt [-su] [OPTNAME]...'],
  sudo: ['Run a command (there is no root here: it runs as you)', 'sudo COMMAND [ARG]...'],
  type: ['Say what a name is: keyword, function, builtin or file', 'type [-tap] NAME...'],
  jobs: ['List background jobs', 'jobs [-lp]'],
  fg: ['Bring a background job to the foreground (Ctrl-C then stops it)', 'fg [%JOB]'],
  bg: ['Resume a job in the background', 'bg [%JOB]'],
  kill: ['Stop a background job', 'kill [-s SIGNAL | -SIGNAL] %JOB|PID...'],
  wait: ['Wait for background jobs to finish', 'wait [%JOB | PID]...'],
};

const NO_HELP = new Set([':', 'test', '[']);

export function builtinInfo(name: string): { name: string; summary: string; usage: string } {
  const [summary, usage] = INFO[name]!;
  return { name, summary, usage };
}

function stub(name: string): CommandDefinition {
  return {
    ...builtinInfo(name),
    async run(ctx) {
      if (NO_HELP.has(name)) {
        // bash's `:`, `test` and `[` have no help option: `--help` is an operand.
      } else if (builtinHelp(ctx, builtinInfo(name))) return helpStatus(ctx);
      const engine = await loadEngine();
      return engine.languageBuiltin(name)!.run(ctx);
    },
  };
}

export const SHELL_BUILTINS: readonly CommandDefinition[] = Object.keys(INFO).map(stub);

/** Adds the shell's builtins a registry does not have yet. */
export function registerShellBuiltins(registry: CommandRegistry): void {
  for (const def of SHELL_BUILTINS) if (!registry.get(def.name)) registry.register(def);
}
