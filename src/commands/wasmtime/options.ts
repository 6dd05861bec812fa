/**
 * wasmtime's option groups: `-O/--optimize`, `-C/--codegen`, `-D/--debug`, `-W/--wasm`,
 * `-S/--wasi`, `-R/--record`. Each takes `KEY[=VAL[,..]]`, repeatable and comma-separated; an
 * unknown key or a bad value is a raw clap error (`error: <message>`, exit 2). Keys, value syntax and
 * docs come from wasmtime's own tables (option-table.ts), parsed as crates/cli-flags/src/opt.rs does.
 *
 * Pure: no I/O, so every path is unit-tested.
 */
import { OPTION_TABLE } from './option-table';

export type GroupLetter = 'O' | 'C' | 'D' | 'W' | 'S' | 'R';

/** `optional`: a value may follow or not (`[=y|n|auto]`, `cranelift-<KEY>[=val]`). */
export type OptionType = 'bool' | 'number' | 'duration' | 'string' | 'optional';

export interface GroupOption {
  key: string;
  type: OptionType;
  valHelp: string;
  doc: string;
  prefix?: boolean;
}

export interface GroupInfo {
  letter: GroupLetter;
  long: string;
  options: GroupOption[];
}

const LONG: Record<GroupLetter, string> = { O: 'optimize', C: 'codegen', D: 'debug', W: 'wasm', S: 'wasi', R: 'record' };

export const GROUPS: Record<GroupLetter, GroupInfo> = Object.fromEntries(
  (Object.keys(LONG) as GroupLetter[]).map((letter) => [letter, { letter, long: LONG[letter], options: OPTION_TABLE[letter] }]),
) as Record<GroupLetter, GroupInfo>;

export const GROUP_BY_SHORT: Record<string, GroupLetter> = { O: 'O', C: 'C', D: 'D', W: 'W', S: 'S', R: 'R' };
export const GROUP_BY_LONG: Record<string, GroupLetter> = {
  optimize: 'O',
  codegen: 'C',
  debug: 'D',
  wasm: 'W',
  wasi: 'S',
  record: 'R',
};

/** A parsed, validated item. Booleans are normalised to true/false; numbers to number; durations to ms. */
export interface ParsedGroupItem {
  key: string;
  raw: string;
  value: boolean | number | string;
}

export type GroupParse = { ok: true; items: ParsedGroupItem[] } | { ok: false; message: string } | { ok: 'help'; long: boolean };

const NEEDS_VALUE = 'value must be specified with `key=val` syntax';
const BOOL_TRUE = new Set(['y', 'yes', 'true']);
const BOOL_FALSE = new Set(['n', 'no', 'false']);

/** Numbers accept `_` separators and `0x` hex, like wasmtime's option parser. */
export function parseNumber(text: string): number | string {
  const clean = text.replace(/_/g, '');
  if (/^0x[0-9a-f]+$/i.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^[0-9]+$/.test(clean)) return Number(clean);
  if (clean === '') return 'cannot parse integer from empty string';
  return 'invalid digit found in string';
}

/** Durations: a bare number is seconds; suffixes s, ms, us/μs, ns. Result in milliseconds. */
export function parseDuration(text: string): number | string {
  const m = /^([0-9][0-9_]*)(s|ms|us|μs|ns)?$/.exec(text.trim());
  if (!m) return `failed to parse duration: ${text}`;
  const value = Number(m[1]!.replace(/_/g, ''));
  switch (m[2]) {
    case 'ms':
      return value;
    case 'us':
    case 'μs':
      return value / 1000;
    case 'ns':
      return value / 1_000_000;
    default:
      return value * 1000;
  }
}

/** Finds `key` as wasmtime does: exact name, or `<prefix>-<rest>` for prefixed options. */
export function findGroupOption(group: GroupInfo, key: string): GroupOption | undefined {
  return group.options.find((o) => (o.prefix ? key.startsWith(`${o.key}-`) && key.length > o.key.length + 1 : o.key === key));
}

/**
 * Parses one occurrence's value, e.g. `inherit-network,tcp=no` for `-S`. The messages are the
 * ones wasmtime's value parser produces; the caller wraps them in clap's "invalid value" error.
 */
export function parseGroupValue(letter: GroupLetter, raw: string): GroupParse {
  const group = GROUPS[letter];
  if (raw === 'help') return { ok: 'help', long: false };
  if (raw === 'help-long') return { ok: 'help', long: true };
  const items: ParsedGroupItem[] = [];
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? undefined : part.slice(eq + 1);
    const option = findGroupOption(group, key);
    if (!option) return { ok: false, message: `unknown -${letter} / --${group.long} option: ${key}` };
    const fail = (reason: string): GroupParse => ({
      ok: false,
      message: `failed to parse -${letter} option \`${part}\`: ${reason}`,
    });
    switch (option.type) {
      case 'bool': {
        const v = value ?? '';
        if (value === undefined || BOOL_TRUE.has(v)) items.push({ key, raw: part, value: true });
        else if (BOOL_FALSE.has(v)) items.push({ key, raw: part, value: false });
        else return fail(`unknown boolean flag \`${v}\`, only yes,no,<nothing> accepted`);
        break;
      }
      case 'number': {
        if (value === undefined) return fail(NEEDS_VALUE);
        const num = parseNumber(value);
        if (typeof num === 'string') return fail(num);
        items.push({ key, raw: part, value: num });
        break;
      }
      case 'duration': {
        if (value === undefined) return fail(NEEDS_VALUE);
        const ms = parseDuration(value);
        if (typeof ms === 'string') return fail(ms);
        items.push({ key, raw: part, value: ms });
        break;
      }
      case 'string': {
        if (value === undefined) return fail(NEEDS_VALUE);
        items.push({ key, raw: part, value });
        break;
      }
      case 'optional':
        items.push({ key, raw: part, value: value ?? true });
        break;
    }
  }
  return { ok: true, items };
}

/** `-W help` / `-W help-long`, laid out exactly as opt.rs prints them. */
export function formatGroupHelp(letter: GroupLetter, long: boolean): string {
  const group = GROUPS[letter];
  const name = (o: GroupOption) => (o.prefix ? `${o.key}-<KEY>` : o.key);
  let out = `Available ${group.long} options:\n\n`;
  if (long) {
    for (const o of group.options) out += `  -${letter} ${name(o)}${o.valHelp} --\n\n        ${o.doc}\n`;
    return out;
  }
  const max = Math.max(...group.options.map((o) => name(o).length + o.valHelp.length));
  for (const o of group.options) out += `  -${letter} ${name(o).padStart(max - o.valHelp.length)}${o.valHelp} --${o.doc ? ` ${o.doc}` : ''}\n`;
  return out + `\npass \`-${letter} help-long\` to see longer-form explanations\n`;
}
