/**
 * Go's standard flag package (tinygo and other Go tools). Followed from Go's src/flag/flag.go:
 * - `parseOne`: `-name` and `--name` are the same, `-name=value`, `-name value` (not for booleans:
 *   `-v=false`), parsing stops at the first non-flag argument or after `--`; no clustering;
 * - `failf`: the message on its own line, then the usage, then exit 2 (ExitOnError): "flag provided
 *   but not defined: -%s", "flag needs an argument: -%s", "invalid value %q for flag -%s: %v",
 *   "invalid boolean value %q for -%s: %v", "bad flag syntax: %s";
 * - `-h`/`-help` when not defined: the usage and ErrHelp, which ExitOnError turns into exit 0;
 * - `defaultUsage`: "Usage of NAME:" then `PrintDefaults`: flags sorted by name, each
 *   `  -name type` then a tab and the usage on the same line for a one-letter boolean, else on the
 *   next line after four spaces and a tab; ` (default …)` unless the default is the zero value
 *   (strings quoted with %q).
 */
import { type CommandSpec, type FlagDecl, keyOf, Parsed } from './spec';

export interface GoFlag extends FlagDecl {
  /** The Go type: what `UnquoteUsage` names the value (`string`, `int`, `duration`…); bool has none. */
  type: 'bool' | 'string' | 'int' | 'uint' | 'float' | 'duration';
}

function valueName(flag: GoFlag): string {
  // A back-quoted word in the usage names the value (flag.UnquoteUsage), e.g. "load `file`".
  const quoted = /`([^`]*)`/.exec(flag.help);
  if (quoted) return quoted[1]!;
  if (flag.type === 'bool') return '';
  return flag.type === 'float' ? 'float' : flag.type;
}

const ZERO: Record<GoFlag['type'], string[]> = {
  bool: ['false', ''],
  string: [''],
  int: ['0', ''],
  uint: ['0', ''],
  float: ['0', ''],
  duration: ['0s', ''],
};

/** flag.PrintDefaults for these flags. */
export function printDefaults(flags: readonly GoFlag[]): string {
  let out = '';
  for (const f of [...flags].sort((a, b) => (a.long! < b.long! ? -1 : 1))) {
    let line = `  -${f.long}`;
    const name = valueName(f);
    if (name) line += ` ${name}`;
    line += line.length <= 4 ? '\t' : '\n    \t';
    line += f.help.replace(/`([^`]*)`/, '$1').replaceAll('\n', '\n    \t');
    const def = f.default ?? '';
    if (!ZERO[f.type].includes(def)) line += f.type === 'string' ? ` (default ${JSON.stringify(def)})` : ` (default ${def})`;
    out += `${line}\n`;
  }
  return out;
}

/** flag's defaultUsage: "Usage of NAME:" and the defaults. */
export function goUsage(name: string, flags: readonly GoFlag[]): string {
  return `${name ? `Usage of ${name}:` : 'Usage:'}\n${printDefaults(flags)}`;
}

export type GoFlagOutcome = { ok: true; parsed: Parsed } | { ok: false; stderr: string; status: 0 | 2 };

const BOOL_WORDS: Record<string, boolean> = {
  1: true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  0: false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * Parses like FlagSet.Parse with ExitOnError (flag.go `parseOne`, one argument at a time). `usage`
 * is what the tool prints as its usage (Go's default unless the tool sets flag.Usage); errors and
 * usage both go to stderr, flag's Output().
 */
export function goflagParse(
  name: string,
  flags: readonly GoFlag[],
  argv: readonly string[],
  usage: () => string = () => goUsage(name, flags),
): GoFlagOutcome {
  const spec: CommandSpec = { name, about: '', flags: [...flags] };
  const parsed = new Parsed(spec);
  const fail = (message: string): GoFlagOutcome => ({ ok: false, stderr: `${message}\n${usage()}`, status: 2 });
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i]!;
    if (s.length < 2 || s[0] !== '-') {
      parsed.positionals.push(...argv.slice(i));
      break;
    }
    let minuses = 1;
    if (s[1] === '-') {
      minuses = 2;
      if (s.length === 2) {
        parsed.doubleDash = true;
        parsed.positionals.push(...argv.slice(i + 1));
        break;
      }
    }
    let flagName = s.slice(minuses);
    if (flagName.length === 0 || flagName[0] === '-' || flagName[0] === '=') return fail(`bad flag syntax: ${s}`);
    let value: string | undefined;
    const eq = flagName.indexOf('=', 1);
    if (eq > 0) {
      value = flagName.slice(eq + 1);
      flagName = flagName.slice(0, eq);
    }
    const flag = flags.find((f) => f.long === flagName);
    if (!flag) {
      if (flagName === 'help' || flagName === 'h') return { ok: false, stderr: usage(), status: 0 };
      return fail(`flag provided but not defined: -${flagName}`);
    }
    const key = keyOf(flag);
    parsed.seen.set(key, s);
    if (flag.type === 'bool') {
      const on = value === undefined ? true : BOOL_WORDS[value];
      if (on === undefined) return fail(`invalid boolean value "${value}" for -${flagName}: parse error`);
      parsed.order.push({ key, value: String(on) });
      if (on) parsed.counts.set(key, (parsed.counts.get(key) ?? 0) + 1);
      else parsed.counts.delete(key);
      continue;
    }
    if (value === undefined && i + 1 < argv.length) value = argv[++i]!;
    if (value === undefined) return fail(`flag needs an argument: -${flagName}`);
    if ((flag.type === 'int' || flag.type === 'uint') && !/^[-+]?\d+$/.test(value))
      return fail(`invalid value "${value}" for flag -${flagName}: parse error`);
    parsed.order.push({ key, value });
    parsed.values.set(key, [...(parsed.values.get(key) ?? []), value]);
  }
  return { ok: true, parsed };
}
