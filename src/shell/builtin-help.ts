/**
 * `NAME --help` for the shell's builtins, in the shape bash's `help NAME` prints (`exit: exit [N]`,
 * then the summary, indented); status 0, as every `--help` in the Dojo. `-h` is no help for bash's
 * builtins: where bash rejects it, so do we, with its usage line.
 */
import type { CommandContext } from './types';

/** Builtins whose bash rejects `-h` as an invalid option, with bash's usage line. */
const REJECTS_H: Record<string, string> = {
  eval: 'eval [arg ...]',
  source: 'source filename [arguments]',
  '.': '. filename [arguments]',
  local: 'local [option] name[=value] ...',
  type: 'type [-afptP] name [name ...]',
  command: 'command [-pVv] command [arg ...]',
  shopt: 'shopt [-pqsu] [-o] [optname ...]',
  declare: 'declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]',
  typeset: 'typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]',
  wait: 'wait [-fn] [-p var] [id ...]',
  jobs: 'jobs [-lnprs] [jobspec ...] or jobs -x command [args]',
  let: 'let arg [arg ...]',
};

/** Handles `--help` (and a rejected `-h`); true when it did. */
export function builtinHelp(ctx: CommandContext, def: { name: string; summary: string; usage: string }): boolean {
  const arg = ctx.argv[1];
  if (arg === '--help') {
    ctx.stdout.write(`${def.name}: ${def.usage}\n    ${def.summary}.\n`);
    return true;
  }
  const usage = REJECTS_H[def.name];
  if (arg === '-h' && usage) {
    ctx.stderr.write(`dojo: ${def.name}: -h: invalid option\n${def.name}: usage: ${usage}\n`);
    return true;
  }
  return false;
}

/** The status after builtinHelp handled the arguments: 0 for help, 2 for a rejected option. */
export const helpStatus = (ctx: CommandContext): number => (ctx.argv[1] === '--help' ? 0 : 2);
