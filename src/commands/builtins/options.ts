/**
 * The builtins' compact option declarations (letters, letters with a value, long names), parsed by
 * the CLI kit's getopt dialect with GNU coreutils' wording for mistakes:
 *   ls: invalid option -- 'z'
 *   Try 'ls --help' for more information.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { getopt, getoptUsageError } from '../cli/getopt';
import { type FlagDecl, keyOf } from '../cli/spec';
import { shellEscapeName } from './display-name';

export interface ParsedOptions {
  flags: Set<string>;
  /** Values of options that take one (e.g. tree -L 2): the last one given. */
  values: Map<string, string>;
  /** Every value of a repeatable option, in order (sed -e A -e B). */
  all: Map<string, string[]>;
  operands: string[];
}

export interface OptionSpec {
  /** Boolean letters, e.g. "laA1". */
  letters: string;
  /** Letters that take a value. */
  withValue?: string;
  /** Long names mapped to a letter, e.g. { recursive: 'r' }. */
  long?: Record<string, string>;
  /** What the tool's usage(EXIT_FAILURE) returns: 1 for most coreutils, 2 for ls and grep. */
  usageStatus?: number;
  /** The `--help` text (GNU's, word for word); the Dojo's generic help unless given. */
  help?: string;
  /** Long options with no letter (sort --debug): parsed into `flags` under their long name. */
  longOnly?: string[];
  /** Long options with no letter that take a value (date --date is -d; sort --parallel=N): into `values`. */
  longOnlyValue?: string[];
}

/**
 * Returns the parsed options, or an exit status after printing help (0) or a usage error (the
 * tool's usage status, see OptionSpec). Parsing and wording are the CLI kit's getopt dialect.
 */
export function parseOptions(ctx: CommandContext, def: CommandDefinition, spec: OptionSpec): ParsedOptions | number {
  const longOf = new Map(Object.entries(spec.long ?? {}).map(([long, letter]) => [letter, long]));
  const flags: FlagDecl[] = [];
  for (const letter of spec.letters) flags.push({ short: letter, long: longOf.get(letter), help: '' });
  for (const letter of spec.withValue ?? '') flags.push({ short: letter, long: longOf.get(letter), value: 'ARG', repeatable: true, help: '' });
  for (const long of spec.longOnly ?? []) flags.push({ long, help: '' });
  for (const long of spec.longOnlyValue ?? []) flags.push({ long, value: 'ARG', repeatable: true, help: '' });
  const help = spec.help;
  const parsed = getopt(
    ctx,
    def,
    { name: def.name, about: def.summary, flags },
    { usageStatus: spec.usageStatus ?? 1, ...(help ? { help: () => help } : {}) },
  );
  if (typeof parsed === 'number') return parsed;
  const out: ParsedOptions = { flags: new Set(), values: new Map(), all: new Map(), operands: [...parsed.positionals, ...parsed.rest] };
  for (const f of flags) {
    const key = keyOf(f);
    const name = f.short ?? f.long!;
    if (f.value === undefined && parsed.has(key)) out.flags.add(name);
    const values = parsed.all(key);
    if (f.value !== undefined && values.length) {
      out.values.set(name, values[values.length - 1]!);
      out.all.set(name, values);
    }
  }
  return out;
}

export function usageError(ctx: CommandContext, name: string, message: string): number {
  ctx.stderr.write(getoptUsageError(name, message));
  return 2;
}

/** coreutils quotes names in messages: 'a b', "it's", 'a'$'\033''b' (never a raw control character). */
export function quoteName(name: string): string {
  return shellEscapeName(name, true);
}
