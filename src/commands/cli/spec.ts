/**
 * The CLI kit: a tool declares its flags, positionals and subcommands ONCE as a CommandSpec, and the
 * kit derives from it the parsing, the shell's completion data (FlagSpec/SubcommandSpec), the
 * candidates for "did you mean" and the raw material of `--help`. How a tool *speaks* (its usage
 * errors, its help layout, whether `-abc` clusters or `--verb` abbreviates) is its dialect's business:
 * clap.ts (Rust clap 4), getopt.ts (GNU coreutils), cobra.ts (cobra/pflag), yargs.ts, goflag.ts.
 */
import type { FlagSpec, SubcommandSpec } from '../../shell/types';

export interface FlagDecl {
  /** The long name without dashes (`bytes` for `--bytes`); Go-flag names go here too (`-target`). */
  long?: string;
  /** One character without the dash (`c` for `-c`). */
  short?: string;
  /** More long names that mean the same flag; `hidden` ones are parsed but never shown (clap's `alias`). */
  aliases?: string[];
  /** Aliases shown in help and completion (clap's `visible_alias`). */
  visibleAliases?: string[];
  shortAliases?: string[];
  /** The value's placeholder (`NUM`, `<TEMPLATE_ID>`); a flag with one takes a value. */
  value?: string;
  /** The value may be omitted (`--color[=WHEN]`): it then only binds with `=` or when glued to a short. */
  optionalValue?: boolean;
  /** May be given more than once; every value is kept in order. */
  repeatable?: boolean;
  /** Shown in help (`[default: …]`) and returned by `value()` when the flag is absent. */
  default?: string;
  /** The help text (one line; dialects wrap or lay it out). */
  help: string;
  /** Parsed but left out of help and completion. */
  hidden?: boolean;
  /** The key the parsed result is stored under; defaults to `long`, else `short`. */
  key?: string;
}

export interface PositionalDecl {
  /** As shown in usage, e.g. `FILE` or `<WASM>`. */
  name: string;
  required?: boolean;
  /** Takes every remaining positional. */
  variadic?: boolean;
  help?: string;
}

export interface CommandSpec {
  /** The command's own word (`build` in `spin build`). */
  name: string;
  /** Other words that run it (`b` for `spin build`), hidden from help. */
  aliases?: string[];
  /** One line: what it does. */
  about: string;
  /** The usage line after `Usage: `; dialects derive one when absent. */
  usage?: string;
  flags?: FlagDecl[];
  positionals?: PositionalDecl[];
  subcommands?: CommandSpec[];
  /** Everything from the first positional on is passed through unparsed (wasmtime's module args). */
  trailingAfterFirstPositional?: boolean;
  hidden?: boolean;
}

/** What a dialect's tokenizer does with an argv. */
export interface ParseStyle {
  /** `-la` means `-l -a`, `-n5` means `-n 5` (getopt, clap, pflag); Go's flag reads `-la` as one name. */
  clusterShorts: boolean;
  /** Long names are words after ONE dash too (`-target`, Go's flag: `-x` and `--x` are the same). */
  singleDashLong?: boolean;
  /** `--verb` abbreviates `--verbose` when the prefix is unique (GNU getopt_long). */
  abbreviateLongs?: boolean;
  /** Options may follow operands (GNU's permutation, clap, pflag); Go's flag stops at the first operand. */
  permute: boolean;
  /** A short taking a value may take it as `-f=VALUE` (clap strips the `=`). */
  shortEquals?: boolean;
  /** False: a following word that starts with `-` is not taken as a flag's value (clap). */
  dashValues?: boolean;
}

export type ParseError =
  | { kind: 'unknown'; arg: string; name: string; short?: boolean; cluster?: string }
  | { kind: 'ambiguous'; arg: string; candidates: string[] }
  | { kind: 'missing-value'; arg: string; flag: FlagDecl; short: boolean }
  | { kind: 'unexpected-value'; arg: string; flag: FlagDecl; value: string }
  | { kind: 'repeated'; arg: string; flag: FlagDecl };

export class Parsed {
  /** Values of value-taking flags, in order, by key. */
  readonly values = new Map<string, string[]>();
  /** How often each switch was given, by key. */
  readonly counts = new Map<string, number>();
  readonly positionals: string[] = [];
  /** Everything after a literal `--` (or passed through after the first positional). */
  rest: string[] = [];
  /** Where each flag was seen, for errors that name the form the learner typed. */
  readonly seen = new Map<string, string>();
  /** Every flag in the order given, for tools where the last of two rival flags wins (head's -n/-c). */
  readonly order: Array<{ key: string; value?: string }> = [];
  /** The `--` literal was typed. */
  doubleDash = false;

  constructor(private readonly spec: CommandSpec) {}

  has(key: string): boolean {
    return this.counts.has(key) || this.values.has(key);
  }
  /** The last value given, else the declared default. */
  value(key: string): string | undefined {
    const v = this.values.get(key);
    if (v?.length) return v[v.length - 1];
    return (this.spec.flags ?? []).find((f) => keyOf(f) === key)?.default;
  }
  all(key: string): string[] {
    return this.values.get(key) ?? [];
  }
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

export type ParseOutcome = { ok: true; parsed: Parsed } | { ok: false; error: ParseError; parsed: Parsed };

export function keyOf(flag: FlagDecl): string {
  return flag.key ?? flag.long ?? flag.short ?? '';
}

function longNames(flag: FlagDecl): string[] {
  return [...(flag.long ? [flag.long] : []), ...(flag.visibleAliases ?? []), ...(flag.aliases ?? [])];
}
function shortNames(flag: FlagDecl): string[] {
  return [...(flag.short ? [flag.short] : []), ...(flag.shortAliases ?? [])];
}

/** Parses `argv` (without the command's own words) against `spec` in the given style. */
export function parseArgv(spec: CommandSpec, argv: readonly string[], style: ParseStyle): ParseOutcome {
  const flags = spec.flags ?? [];
  const byLong = new Map<string, FlagDecl>();
  const byShort = new Map<string, FlagDecl>();
  for (const f of flags) {
    for (const n of longNames(f)) byLong.set(n, f);
    for (const n of shortNames(f)) byShort.set(n, f);
  }
  const parsed = new Parsed(spec);
  const fail = (error: ParseError): ParseOutcome => ({ ok: false, error, parsed });
  const record = (flag: FlagDecl, arg: string, value?: string): ParseError | undefined => {
    const key = keyOf(flag);
    parsed.seen.set(key, arg);
    parsed.order.push(flag.value === undefined ? { key } : { key, value: value ?? '' });
    if (flag.value === undefined) {
      parsed.counts.set(key, (parsed.counts.get(key) ?? 0) + 1);
      return undefined;
    }
    const list = parsed.values.get(key) ?? [];
    list.push(value ?? '');
    parsed.values.set(key, list);
    return undefined;
  };
  const lookupLong = (name: string): FlagDecl | ParseError | undefined => {
    const exact = byLong.get(name);
    if (exact || !style.abbreviateLongs) return exact;
    const hits = [...new Set([...byLong.entries()].filter(([n]) => n.startsWith(name)).map(([, f]) => f))];
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return { kind: 'ambiguous', arg: `--${name}`, candidates: hits.map((f) => `--${f.long}`) };
    return undefined;
  };

  const valueOk = (next: string) => style.dashValues !== false || !next.startsWith('-') || next === '-' || /^-\d/.test(next);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.doubleDash = true;
      parsed.rest = argv.slice(i + 1);
      break;
    }
    const isLong = arg.startsWith('--') || (style.singleDashLong === true && arg.startsWith('-') && arg.length > 1);
    if (isLong) {
      const body = arg.slice(arg.startsWith('--') ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const found = lookupLong(name);
      if (found && 'kind' in found) return fail({ ...found, arg });
      if (!found) return fail({ kind: 'unknown', arg, name });
      if (found.value === undefined) {
        if (eq >= 0) return fail({ kind: 'unexpected-value', arg, flag: found, value: body.slice(eq + 1) });
        record(found, arg);
        continue;
      }
      if (eq >= 0) record(found, arg, body.slice(eq + 1));
      else if (found.optionalValue) record(found, arg, undefined);
      else if (i + 1 < argv.length && valueOk(argv[i + 1]!)) record(found, arg, argv[++i]!);
      else return fail({ kind: 'missing-value', arg, flag: found, short: false });
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const letters = style.clusterShorts ? arg.slice(1) : arg.slice(1, 2);
      for (let j = 0; j < letters.length; j++) {
        const letter = letters[j]!;
        const flag = byShort.get(letter);
        if (!flag) return fail({ kind: 'unknown', arg, name: letter, short: true, cluster: arg });
        if (flag.value === undefined) {
          record(flag, `-${letter}`);
          continue;
        }
        let glued = letters.slice(j + 1);
        if (style.clusterShorts === false) glued = arg.slice(2);
        if (style.shortEquals && glued.startsWith('=')) glued = glued.slice(1);
        if (glued) record(flag, `-${letter}`, glued);
        else if (flag.optionalValue) record(flag, `-${letter}`, undefined);
        else if (i + 1 < argv.length && valueOk(argv[i + 1]!)) record(flag, `-${letter}`, argv[++i]!);
        else return fail({ kind: 'missing-value', arg: `-${letter}`, flag, short: true });
        break;
      }
      continue;
    }
    parsed.positionals.push(arg);
    if (spec.trailingAfterFirstPositional || !style.permute) {
      parsed.rest = argv.slice(i + 1);
      if (!style.permute) {
        parsed.positionals.push(...parsed.rest);
        parsed.rest = [];
      }
      break;
    }
  }
  return { ok: true, parsed };
}

/** The subcommand `word` names (by name or alias), if any. */
export function findSubcommand(spec: CommandSpec, word: string | undefined): CommandSpec | undefined {
  if (word === undefined) return undefined;
  return spec.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
}

/** The shell's completion data: every visible name of every flag (`--from`, `-f`, aliases). */
export function toFlagSpecs(spec: CommandSpec, showValue: (value: string) => string = (v) => v): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (const f of spec.flags ?? []) {
    if (f.hidden) continue;
    const value = f.value === undefined ? undefined : showValue(f.value);
    const names = [...(f.long ? [`--${f.long}`] : []), ...(f.visibleAliases ?? []).map((a) => `--${a}`), ...(f.short ? [`-${f.short}`] : [])];
    for (const name of names) out.push(value ? { name, value, description: f.help } : { name, description: f.help });
  }
  return out;
}

export function toSubcommandSpecs(spec: CommandSpec, showValue: (value: string) => string = (v) => v): SubcommandSpec[] {
  return (spec.subcommands ?? [])
    .filter((s) => !s.hidden)
    .map((s) => {
      const out: SubcommandSpec = { name: s.name, summary: s.about };
      const flags = toFlagSpecs(s, showValue);
      if (flags.length) out.flags = flags;
      const subs = toSubcommandSpecs(s, showValue);
      if (subs.length) out.subcommands = subs;
      return out;
    });
}

/** The long names a "did you mean" may offer, in declaration order (clap's tie-break depends on it). */
export function longCandidates(spec: CommandSpec): string[] {
  return (spec.flags ?? []).filter((f) => !f.hidden).flatMap((f) => [...(f.long ? [f.long] : []), ...(f.visibleAliases ?? [])]);
}

/** How one flag is named in help and usage: `-f, --from <APPLICATION>` style parts. */
export function flagLabel(f: FlagDecl, opts: { longEquals?: boolean } = {}): { short?: string; long?: string; value?: string } {
  return {
    short: f.short ? `-${f.short}` : undefined,
    long: f.long ? `--${f.long}` : undefined,
    value: f.value ? (opts.longEquals && f.long ? `=${f.value}` : f.value) : undefined,
  };
}
