/**
 * GNU coreutils' voice. Parsing follows glibc's getopt_long: short options cluster (`-la`), a value
 * may be glued (`-n5`) or follow, long options take `--name=VALUE` or `--name VALUE`, a unique prefix
 * abbreviates a long option (`--verb`), operands and options mix (permutation), `--` ends options.
 * The messages are glibc's posix/getopt.c (2.26 and later) word for word, each followed by coreutils'
 * emit_try_help() line (`Try 'ls --help' for more information.`); the status is the tool's
 * usage(EXIT_FAILURE): 1 for most, 2 for ls (LS_FAILURE) and grep (EXIT_TROUBLE), 125 for env.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { type CommandSpec, type ParseError, type ParseStyle, type Parsed, parseArgv } from './spec';

export const GETOPT_STYLE: ParseStyle = { clusterShorts: true, abbreviateLongs: true, permute: true };

/** glibc getopt's diagnostic for one parse error (without the program-name prefix). */
export function getoptMessage(error: ParseError): string {
  switch (error.kind) {
    case 'unknown':
      return error.short ? `invalid option -- '${error.name}'` : `unrecognized option '--${error.name}'`;
    case 'ambiguous':
      return `option '${error.arg.split('=')[0]}' is ambiguous; possibilities:${error.candidates.map((c) => ` '${c}'`).join('')}`;
    case 'missing-value':
      return error.short ? `option requires an argument -- '${error.flag.short}'` : `option '--${error.flag.long}' requires an argument`;
    case 'unexpected-value':
      return `option '--${error.flag.long}' doesn't allow an argument`;
    case 'repeated':
      return `option '${error.arg}' given more than once`;
  }
}

/** `NAME: MESSAGE` then coreutils' try-help line. */
export function getoptUsageError(name: string, message: string): string {
  return `${name}: ${message}\nTry '${name} --help' for more information.\n`;
}

export interface GetoptOptions {
  /** The status of the tool's usage(EXIT_FAILURE); 1 unless given. */
  usageStatus?: number;
  /** `--help` text; the Dojo's generic help from the definition unless given. */
  help?: () => string;
}

/**
 * Parses ctx.argv[1..] for a coreutils-like tool. `--help` (exactly, or as an abbreviation GNU
 * accepts, like `--he`) prints the help and returns 0; a usage error prints glibc's words and
 * returns the tool's usage status.
 */
export function getopt(ctx: CommandContext, def: CommandDefinition, spec: CommandSpec, opts: GetoptOptions = {}): Parsed | number {
  const withHelp: CommandSpec = { ...spec, flags: [...(spec.flags ?? []), { long: 'help', help: 'display this help and exit', key: '__help' }] };
  const outcome = parseArgv(withHelp, ctx.argv.slice(1), GETOPT_STYLE);
  // getopt_long stops at the first error: a --help before it has already printed help and exited.
  const firstHelp = ctx.argv.slice(1).findIndex((a) => a === '--' || isHelpAbbrev(a));
  const errorAt = outcome.ok ? -1 : ctx.argv.indexOf(outcome.error.arg, 1) - 1;
  if (firstHelp >= 0 && ctx.argv[firstHelp + 1] !== '--' && (outcome.ok || firstHelp < errorAt)) {
    ctx.stdout.write(opts.help ? opts.help() : helpText(def));
    return 0;
  }
  if (!outcome.ok) {
    ctx.stderr.write(getoptUsageError(def.name, getoptMessage(outcome.error)));
    return opts.usageStatus ?? 1;
  }
  return outcome.parsed;
}

/**
 * bash's builtins (cd, export, jobs…) read `--help` only as their first argument, and print their
 * help then: returns true when it did so. Everything else in the argv stays the command's.
 */
export function printsHelp(ctx: CommandContext, def: CommandDefinition): boolean {
  if (ctx.argv[1] !== '--help') return false;
  ctx.stdout.write(helpText(def));
  return true;
}

function isHelpAbbrev(arg: string): boolean {
  return arg.length >= 4 && arg.startsWith('--') && 'help'.startsWith(arg.slice(2));
}

/** `NAME --help` and `help NAME` for the Dojo's own commands: usage, summary, then one line per flag. */
export function helpText(def: CommandDefinition): string {
  const lines = [`Usage: ${def.usage}`, def.summary];
  if (def.subcommands?.length) {
    lines.push('', 'Commands:');
    const width = Math.max(...def.subcommands.map((s) => s.name.length));
    for (const s of def.subcommands) lines.push(`  ${s.name.padEnd(width)}  ${s.summary}`);
  }
  if (def.flags?.length) {
    lines.push('', 'Options:');
    const label = (f: { name: string; value?: string }) => (f.value ? `${f.name} ${f.value}` : f.name);
    const width = Math.max(...def.flags.map((f) => label(f).length));
    for (const f of def.flags) lines.push(`  ${label(f).padEnd(width)}  ${f.description}`);
  }
  return lines.join('\n') + '\n';
}
