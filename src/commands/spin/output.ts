/**
 * How the Spin CLI talks (v3.0.0 src/bin/spin.rs): `Error: <top>` then `Caused by:` (index right-aligned to width 4
 * when there are several causes, 6 spaces when one), `Warning: <text>`, green step words ("Building",
 * "Finished", "Serving"), colour only on a terminal; plus the Dojo's single dim `dojo:` note line.
 * Also a tiny clap-like argument parser, since every subcommand needs one.
 */
import type { OutputSink } from '../../shell/types';

const BOLD_RED = '\x1b[1m\x1b[31m';
const BOLD_YELLOW = '\x1b[1m\x1b[33m';
const BOLD_GREEN = '\x1b[1m\x1b[32m';
const RESET = '\x1b[0m';

/** `Error: top` + causes, exactly as src/bin/spin.rs prints an anyhow chain. Ends with a newline. */
export function formatSpinError(top: string, causes: string[], color: boolean): string {
  const label = color ? `${BOLD_RED}Error${RESET}` : 'Error';
  let out = `${label}: ${top}\n`;
  if (causes.length > 0) {
    out += '\nCaused by:\n';
    if (causes.length === 1) out += `      ${causes[0]}\n`;
    else causes.forEach((c, i) => (out += `${String(i).padStart(4)}: ${c}\n`));
  }
  return out;
}

export function writeError(sink: OutputSink, top: string, causes: string[] = []): void {
  sink.write(formatSpinError(top, causes, sink.isTTY));
}

export function formatWarning(lines: string[], color: boolean): string {
  const label = color ? `${BOLD_YELLOW}Warning${RESET}` : 'Warning';
  return `${label}: ${lines.join('\n')}\n`;
}

/** A green step word, e.g. step('Building', 'component x with `...`'). */
export function step(word: string, rest: string, color: boolean): string {
  return `${color ? `${BOLD_GREEN}${word}${RESET}` : word} ${rest}\n`;
}

export interface ArgSpec {
  /** Flags taking a value, each with its aliases, e.g. [['-f', '--from', '--file']]. */
  values?: string[][];
  /** Boolean flags with aliases. */
  booleans?: string[][];
}

export interface ParsedArgs {
  /** Keyed by the first (canonical) name of each flag group; repeated values are kept in order. */
  values: Map<string, string[]>;
  booleans: Set<string>;
  positionals: string[];
  /** Everything after a literal `--`. */
  rest: string[];
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

/** clap-style parsing: `--flag value`, `--flag=value`, `-f value`, `--` ends flags. */
export function parseArgs(argv: string[], spec: ArgSpec): ParseResult {
  const lookup = new Map<string, { canonical: string; takesValue: boolean }>();
  for (const group of spec.values ?? []) for (const n of group) lookup.set(n, { canonical: group[0]!, takesValue: true });
  for (const group of spec.booleans ?? []) for (const n of group) lookup.set(n, { canonical: group[0]!, takesValue: false });
  const args: ParsedArgs = { values: new Map(), booleans: new Set(), positionals: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.startsWith('--') ? a.indexOf('=') : -1;
      const name = eq > 0 ? a.slice(0, eq) : a;
      const def = lookup.get(name);
      if (!def) return { ok: false, error: `unexpected argument '${a}' found` };
      if (!def.takesValue) {
        args.booleans.add(def.canonical);
        continue;
      }
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) return { ok: false, error: `a value is required for '${name}' but none was supplied` };
      args.values.set(def.canonical, [...(args.values.get(def.canonical) ?? []), value]);
      continue;
    }
    args.positionals.push(a);
  }
  return { ok: true, args };
}


export function lastValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return v ? v[v.length - 1] : undefined;
}
