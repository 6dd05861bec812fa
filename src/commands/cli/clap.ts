/**
 * Rust clap 4's voice (wasmtime, spin, cargo, rustup). Followed from clap_builder's sources:
 * - error/format.rs `RichFormatter::format_error`: `error: ` (bold red), the message, the "a similar
 *   argument exists" tip, the other tips (each `\n  tip: `), `\n\n` + usage, then
 *   `\n\nFor more information, try '--help'.`;
 * - error/mod.rs: `unknown_argument` (the `-- ARG` tip when the command has positionals and there is
 *   no did-you-mean), `invalid_value` with an empty value ("a value is required for '--from <X>' but
 *   none was supplied", no usage), `missing_required_argument`, `unrecognized_subcommand`;
 * - parser/features/suggestions.rs `did_you_mean`: strsim::jaro above 0.7, candidates sorted by
 *   confidence (stably), the last one taken, so a tie goes to the option declared last;
 * - output/usage.rs `create_smart_usage`: once options were given, an unknown-argument error's
 *   usage line lists those used (and the required positionals) instead of `[OPTIONS]`.
 * Values that start with `-` are not taken as a flag's value (no `allow_hyphen_values`).
 */
import { paint, SGR, style } from '../../lib/ansi';
import type { CommandContext } from '../../shell/types';
import { type CommandSpec, type FlagDecl, type ParseError, type ParseStyle, type Parsed, keyOf, longCandidates, parseArgv } from './spec';

export const CLAP_STYLE: ParseStyle = { clusterShorts: true, permute: true, shortEquals: true, dashValues: false };

/** clap 4's default styles, applied only when the stream is a terminal. */
export interface Styler {
  error(s: string): string;
  invalid(s: string): string;
  valid(s: string): string;
  literal(s: string): string;
  header(s: string): string;
}

const plain: Styler = { error: (s) => s, invalid: (s) => s, valid: (s) => s, literal: (s) => s, header: (s) => s };
const coloured: Styler = {
  error: (s) => paint(style('bold', 'red'), s, true),
  invalid: (s) => paint(SGR.yellow, s, true),
  valid: (s) => paint(SGR.green, s, true),
  literal: (s) => paint(SGR.bold, s, true),
  header: (s) => paint(style('bold', 'underline'), s, true),
};
export const styler = (color: boolean): Styler => (color ? coloured : plain);

/** Jaro similarity, as strsim computes it for clap's did-you-mean. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

/** clap's did_you_mean: the best candidate above 0.7, a tie going to the one declared last. */
export function clapSuggest(typed: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const score = jaro(typed, name);
    if (score > 0.7 && (!best || score >= best.score)) best = { name, score };
  }
  return best?.name;
}

/** clap's usage-error block from a message and a usage line (without `Usage: `). Ends with a newline. */
export function clapUsageError(error: string, usage: string, color: boolean): string {
  const st = styler(color);
  return `${st.error('error:')} ${error}\n\n${st.header('Usage:')} ${usage}\n\nFor more information, try '${st.literal('--help')}'.\n`;
}

/**
 * clap's value-validation error (`ErrorKind::ValueValidation`): the parser's message after the
 * value and the argument, and no usage line (error/mod.rs `value_validation` attaches none).
 */
export function clapInvalidValue(arg: string, value: string, message: string, color: boolean): string {
  const st = styler(color);
  return `${st.error('error:')} invalid value '${st.invalid(value)}' for '${st.literal(arg)}': ${message}\n\nFor more information, try '${st.literal('--help')}'.\n`;
}

/** How clap shows an option in messages and smart usage: `--from <APP_MANIFEST_FILE>`, `-v <NAME>`, `--up`. */
export function clapArgDisplay(flag: FlagDecl): string {
  const name = flag.long ? `--${flag.long}` : `-${flag.short}`;
  return flag.value === undefined ? name : `${name} <${flag.value}>`;
}

/** clap shows a value name in angle brackets: `<TEMPLATE_ID>`. */
export const clapValue = (value: string): string => `<${value}>`;

export interface ClapCommand {
  spec: CommandSpec;
  /** The words before the arguments, as clap's bin name: `spin build`. */
  bin: string;
  /** The usage line after `Usage: `; `${bin} [OPTIONS]` plus positionals unless given. */
  usage?: string;
  /** Printed on stdout for -h/--help (the tool's own text). */
  help: () => string;
  /** clap exits 2; cargo and rustup report usage errors with 1. */
  usageStatus?: number;
  /** The tool's own handling of a parse error (cargo words a missing `--target` itself): a status, or undefined for clap's. */
  onError?: (error: ParseError) => number | undefined;
}

/** The error text clap prints for one parse error. */
export function clapParseErrorText(cmd: ClapCommand, error: ParseError, parsed: Parsed, color: boolean): string {
  const st = styler(color);
  const e = st.error('error:');
  const more = `For more information, try '${st.literal('--help')}'.`;
  const flags = cmd.spec.flags ?? [];
  const hasPositionals = (cmd.spec.positionals?.length ?? 0) > 0;
  switch (error.kind) {
    case 'unknown':
    case 'ambiguous': {
      const arg = error.kind === 'unknown' && error.short ? `-${error.name}` : error.arg.split('=')[0]!;
      const long = arg.startsWith('--');
      const suggestion = long ? clapSuggest(arg.slice(2), longCandidates(cmd.spec)) : undefined;
      const tips = [
        ...(suggestion ? [`  ${st.valid('tip:')} a similar argument exists: '${st.valid(`--${suggestion}`)}'`] : []),
        ...(hasPositionals && !suggestion ? [`  ${st.valid('tip:')} to pass '${st.invalid(arg)}' as a value, use '${st.valid(`-- ${arg}`)}'`] : []),
      ];
      const used = flags.filter((f) => parsed.has(keyOf(f)) && keyOf(f) !== HELP_KEY && !f.hidden).map(clapArgDisplay);
      const required = (cmd.spec.positionals ?? []).filter((p) => p.required).map((p) => p.name);
      const usage = long && used.length ? [cmd.bin, ...used, ...required].join(' ') : usageOf(cmd);
      return `${e} unexpected argument '${st.invalid(arg)}' found\n${tips.length ? `\n${tips.join('\n')}\n` : ''}\n${st.header('Usage:')} ${usage}\n\n${more}\n`;
    }
    case 'missing-value':
      return `${e} a value is required for '${st.invalid(clapArgDisplay(error.flag))}' but none was supplied\n\n${more}\n`;
    case 'unexpected-value':
      return `${e} unexpected value '${st.invalid(error.value)}' for '${st.literal(clapArgDisplay(error.flag))}' found; no more were expected\n\n${st.header('Usage:')} ${usageOf(cmd)}\n\n${more}\n`;
    case 'repeated':
      return `${e} the argument '${st.invalid(clapArgDisplay(error.flag))}' cannot be used multiple times\n\n${st.header('Usage:')} ${usageOf(cmd)}\n\n${more}\n`;
  }
}

function usageOf(cmd: Pick<ClapCommand, 'spec' | 'bin' | 'usage'>): string {
  if (cmd.usage) return cmd.usage;
  const positionals = (cmd.spec.positionals ?? []).map(
    (p) => (p.required ? p.name : `[${p.name.replace(/^<|>$/g, '')}]`) + (p.variadic ? '...' : ''),
  );
  return [cmd.bin, ...((cmd.spec.flags ?? []).length ? ['[OPTIONS]'] : []), ...positionals].join(' ');
}

const HELP_KEY = '__help';
const HELP_FLAG: FlagDecl = { short: 'h', long: 'help', help: 'Print help', key: HELP_KEY };

/**
 * Parses `argv` (the arguments after the command words) for a clap tool. `-h`/`--help` before any
 * error prints the help and returns 0; a usage error prints clap's text and returns its status.
 */
export function clapParse(ctx: CommandContext, cmd: ClapCommand, argv: readonly string[]): Parsed | number {
  const spec: CommandSpec = { ...cmd.spec, flags: [...(cmd.spec.flags ?? []), HELP_FLAG] };
  const outcome = parseArgv(spec, argv, CLAP_STYLE);
  if (outcome.parsed.has(HELP_KEY)) {
    ctx.stdout.write(cmd.help());
    return 0;
  }
  if (!outcome.ok) {
    const own = cmd.onError?.(outcome.error);
    if (own !== undefined) return own;
    ctx.stderr.write(clapParseErrorText({ ...cmd, spec }, outcome.error, outcome.parsed, ctx.stderr.isTTY));
    return cmd.usageStatus ?? 2;
  }
  return outcome.parsed;
}

/**
 * clap 4's help layout (output/help_template.rs, without the `wrap_help` feature): the about line,
 * `Usage:`, `Arguments:` and `Options:` blocks where each entry is `  -s, --long <VALUE>` (six spaces
 * in place of a missing short) padded to the widest entry plus two spaces, the help text, then
 * `[default: …]`; `-h, --help  Print help` comes last, as clap appends it.
 */
export function clapHelp(cmd: Pick<ClapCommand, 'spec' | 'bin' | 'usage'>, opts: { afterHelp?: string } = {}): string {
  const flags = [...(cmd.spec.flags ?? []).filter((f) => !f.hidden), HELP_FLAG];
  const label = (f: FlagDecl) => {
    const names = f.short && f.long ? `-${f.short}, --${f.long}` : f.short ? `-${f.short}` : `    --${f.long}`;
    return f.value === undefined ? names : `${names} <${f.value}>`;
  };
  const helpOf = (f: FlagDecl) => (f.default !== undefined ? `${f.help} [default: ${f.default}]` : f.help);
  const positionals = cmd.spec.positionals ?? [];
  const shownPos = (p: { name: string; variadic?: boolean }) => `${p.name}${p.variadic ? '...' : ''}`;
  const width = Math.max(...flags.map((f) => label(f).length), ...positionals.map((p) => shownPos(p).length));
  const lines = [cmd.spec.about, '', `Usage: ${usageOf(cmd)}`];
  if (positionals.length) {
    lines.push('', 'Arguments:');
    for (const p of positionals) lines.push(p.help ? `  ${shownPos(p).padEnd(width)}  ${p.help}` : `  ${shownPos(p)}`);
  }
  lines.push('', 'Options:');
  for (const f of flags) lines.push(`  ${label(f).padEnd(width)}  ${helpOf(f)}`);
  return `${lines.join('\n')}\n${opts.afterHelp ? `\n${opts.afterHelp}` : ''}`;
}
