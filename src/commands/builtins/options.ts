/**
 * Short-option parsing shared by the builtins, with GNU coreutils' wording for mistakes:
 *   ls: invalid option -- 'z'
 *   Try 'ls --help' for more information.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { shellEscapeName } from './display-name';

export interface ParsedOptions {
  flags: Set<string>;
  /** Values of options that take one (e.g. tree -L 2). */
  values: Map<string, string>;
  operands: string[];
}

export interface OptionSpec {
  /** Boolean letters, e.g. "laA1". */
  letters: string;
  /** Letters that take a value. */
  withValue?: string;
  /** Long names mapped to a letter, e.g. { recursive: 'r' }. */
  long?: Record<string, string>;
}

/** Returns the parsed options, or an exit status after printing help (0) or a usage error (2). */
export function parseOptions(ctx: CommandContext, def: CommandDefinition, spec: OptionSpec): ParsedOptions | number {
  const name = def.name;
  const out: ParsedOptions = { flags: new Set(), values: new Map(), operands: [] };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help') {
      ctx.stdout.write(helpText(def));
      return 0;
    }
    if (arg.startsWith('--')) {
      const letter = spec.long?.[arg.slice(2)];
      if (letter === undefined) return usageError(ctx, name, `unrecognized option '${arg}'`);
      out.flags.add(letter);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (spec.withValue?.includes(letter)) {
          const value = arg.slice(j + 1) || args[++i];
          if (value === undefined) return usageError(ctx, name, `option requires an argument -- '${letter}'`);
          out.values.set(letter, value);
          break;
        }
        if (!spec.letters.includes(letter)) return usageError(ctx, name, `invalid option -- '${letter}'`);
        out.flags.add(letter);
      }
      continue;
    }
    out.operands.push(arg);
  }
  return out;
}

export function usageError(ctx: CommandContext, name: string, message: string): number {
  ctx.stderr.write(`${name}: ${message}\nTry '${name} --help' for more information.\n`);
  return 2;
}

/** `NAME --help` and `help NAME`: usage, summary, then one line per flag. */
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

/** coreutils quotes names in messages: 'a b', "it's", 'a'$'\033''b' (never a raw control character). */
export function quoteName(name: string): string {
  return shellEscapeName(name, true);
}
