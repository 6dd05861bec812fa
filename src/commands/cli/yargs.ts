/**
 * yargs' voice (wrangler is built on yargs 17). Followed from yargs' sources:
 * - locales/en.json: "Unknown argument: %s" / "Unknown arguments: %s", "Not enough non-option
 *   arguments: got %s, need at least %s", "Too many non-option arguments: got %s, maximum of %s",
 *   "Missing required argument: %s" / "Missing required arguments: %s", "Not enough arguments
 *   following: %s", "Did you mean %s?";
 * - lib/validation.js `unknownArguments` (every unknown name in one message, joined with ", "),
 *   `recommendCommands` (the closest command within Levenshtein distance 3);
 * - lib/usage.js `fail`: with showHelpOnFail the help goes to stderr first, then an empty line, then
 *   the message; the process exits 1.
 * yargs-parser reads `--name value`, `--name=value`, `-n value`, clustered `-abc`, and `--no-name`
 * for a boolean. Unknown arguments (strict mode) are reported by their name without dashes for
 * positionals and with them for flags, as yargs does.
 * A tool's own wrapper (wrangler prints its errors through its logger) adds its own framing.
 */
import { editDistance } from '../../shell/suggest';
import { type CommandSpec, keyOf, type ParseStyle, type Parsed, parseArgv } from './spec';

export const YARGS_STYLE: ParseStyle = { clusterShorts: true, permute: true };

export function unknownArgumentsMessage(unknown: readonly string[]): string {
  return `${unknown.length === 1 ? 'Unknown argument' : 'Unknown arguments'}: ${unknown.join(', ')}`;
}

export function notEnoughPositionals(got: number, need: number): string {
  return `Not enough non-option arguments: got ${got}, need at least ${need}`;
}

export function tooManyPositionals(got: number, max: number): string {
  return `Too many non-option arguments: got ${got}, maximum of ${max}`;
}

export function missingRequired(names: readonly string[]): string {
  return `${names.length === 1 ? 'Missing required argument' : 'Missing required arguments'}: ${names.join(', ')}`;
}

/** recommendCommands: the closest command name within distance 3, as "Did you mean X?". */
export function recommendCommand(typed: string, commands: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of commands) {
    const d = editDistance(typed, c);
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? `Did you mean ${best}?` : undefined;
}

/** usage.js fail(): help, an empty line, the message (all on stderr). */
export function yargsFailure(help: string, message: string): string {
  return `${help.endsWith('\n') ? help : `${help}\n`}\n${message}\n`;
}

/**
 * Strict parsing: every unknown flag is collected (yargs reports them all at once, unlike getopt).
 * Returns the parsed arguments, or the failure text and status 1.
 */
export function yargsParse(
  spec: CommandSpec,
  argv: readonly string[],
  help: () => string,
): { ok: true; parsed: Parsed } | { ok: false; stderr: string; status: 1 } {
  const flags = spec.flags ?? [];
  const known = new Set(flags.flatMap((f) => [f.long, ...(f.aliases ?? []), ...(f.long ? [`no-${f.long}`] : [])].filter(Boolean) as string[]));
  const unknown: string[] = [];
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      kept.push(...argv.slice(i));
      break;
    }
    const long = /^--([^=]+)/.exec(a);
    if (long && !known.has(long[1]!)) {
      unknown.push(long[1]!);
      continue;
    }
    if (long?.[1]?.startsWith('no-') && flags.some((f) => f.long === long[1]!.slice(3) && f.value === undefined)) continue;
    kept.push(a);
  }
  const outcome = parseArgv(spec, kept, YARGS_STYLE);
  if (!outcome.ok && outcome.error.kind === 'unknown') unknown.push(outcome.error.name);
  if (unknown.length) return { ok: false, stderr: yargsFailure(help(), unknownArgumentsMessage(unknown)), status: 1 };
  if (!outcome.ok) {
    const e = outcome.error;
    const name = e.kind === 'missing-value' ? (e.flag.long ?? e.flag.short ?? '') : e.arg;
    return { ok: false, stderr: yargsFailure(help(), `Not enough arguments following: ${name}`), status: 1 };
  }
  const positionals = spec.positionals ?? [];
  const required = positionals.filter((p) => p.required).length;
  const got = outcome.parsed.positionals.length;
  if (got < required) return { ok: false, stderr: yargsFailure(help(), notEnoughPositionals(got, required)), status: 1 };
  if (!positionals.some((p) => p.variadic) && got > positionals.length)
    return { ok: false, stderr: yargsFailure(help(), tooManyPositionals(got, positionals.length)), status: 1 };
  const missing = flags.filter((f) => f.required && !outcome.parsed.has(keyOf(f))).map((f) => f.long ?? f.short ?? '');
  if (missing.length) return { ok: false, stderr: yargsFailure(help(), missingRequired(missing)), status: 1 };
  return { ok: true, parsed: outcome.parsed };
}
