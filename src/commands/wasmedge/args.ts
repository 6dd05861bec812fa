/**
 * Parses a `wasmedge` command line with the rules of WasmEdge's own option parser (lib/po, 0.17):
 * options before the file, `--opt=value` or `--opt value`, `--` ends options, and every token after
 * the first positional goes to the guest (or, with `--reactor`, names the function and its args).
 * Note the `--dir GUEST:HOST[:readonly]` order: guest first, one colon, the opposite of wasmtime.
 *
 * Pure: no I/O, unit-tested, and `describeGrants` serves the grader's ablation.
 */
import type { Grant } from '../../runtime/grants';
import { EDGE_OPTIONS, EDGE_SUBCOMMANDS } from './help';

export type { Grant } from '../../runtime/grants';

export interface EdgeDir {
  guest: string;
  host: string;
  readonly: boolean;
  raw: string;
  tokenIndexes: number[];
}

export interface EdgeEnv {
  name: string;
  value: string;
  raw: string;
  tokenIndexes: number[];
}

export interface EdgeRunArgs {
  dirs: EdgeDir[];
  envs: EdgeEnv[];
  reactor: boolean;
  timeLimitMs?: number;
  gasLimit?: number;
  memoryPageLimit?: number;
  enableComponent: boolean;
  /** `--log-level`: spdlog lines below it are not printed (`off` prints none). */
  logLevel?: string;
  /** Flags accepted for fidelity that change nothing here (statistics, proposals, run mode...). */
  accepted: string[];
  /** Deprecated spellings that real WasmEdge still accepts with a warning. */
  deprecated: string[];
  file: string;
  fileIndex: number;
  /** Tokens after the file: guest argv[1..], or with --reactor the function name and its arguments. */
  rest: string[];
}

export type EdgeParse =
  | { kind: 'run'; args: EdgeRunArgs }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'subcommand'; name: string; rest: string[] }
  /** `unknown option: NAME` (exit 1). */
  | { kind: 'unknown-option'; name: string }
  /** A value WasmEdge's parser rejects; `message` is its text (printed to stdout, exit 1). */
  | { kind: 'bad-value'; name: string; value: string; message: string }
  /** No wasm file: WasmEdge prints its help and exits 1. */
  | { kind: 'missing-file' };

const VALUE_OPTIONS = new Set(EDGE_OPTIONS.filter((o) => o.takesValue).map((o) => o.name));
const BOOL_OPTIONS = new Set(EDGE_OPTIONS.filter((o) => !o.takesValue).map((o) => o.name));

const DEPRECATED = new Set(['enable-jit', 'force-interpreter']);

/** `--dir HOST`, `--dir GUEST:HOST`, `--dir GUEST:HOST:readonly` (only the literal `readonly` counts). */
export function parseEdgeDir(raw: string): { guest: string; host: string; readonly: boolean } {
  const first = raw.indexOf(':');
  if (first < 0) return { guest: raw, host: raw, readonly: false };
  const guest = raw.slice(0, first);
  let host = raw.slice(first + 1);
  let readonly = false;
  const second = host.indexOf(':');
  if (second >= 0) {
    readonly = host.slice(second + 1) === 'readonly';
    host = host.slice(0, second);
  }
  return { guest, host, readonly };
}

/**
 * Mirrors lib/po/argument_parser.cpp: `--name`, `--name=value`, single-dash tokens are clusters of
 * one-letter options (`-v`, `-h`), a value option takes the next token unless it looks like an
 * option, the first positional may name a subcommand, `--` and the first positional end option
 * parsing. Errors stop at once; version beats help, help beats a missing file.
 */
export function parseWasmedgeArgs(argv: readonly string[]): EdgeParse {
  const args: Omit<EdgeRunArgs, 'file' | 'fileIndex' | 'rest'> = {
    dirs: [],
    envs: [],
    reactor: false,
    enableComponent: false,
    accepted: [],
    deprecated: [],
  };
  let version = false;
  let help = false;
  let firstPositional = true;
  let i = 1;
  for (; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      i++;
      break;
    }
    if (tok.length < 2 || !tok.startsWith('-')) {
      if (firstPositional) {
        firstPositional = false;
        if (EDGE_SUBCOMMANDS.some((c) => c.name === tok)) {
          if (tok !== 'run') return { kind: 'subcommand', name: tok, rest: argv.slice(i + 1) };
          continue;
        }
      }
      break;
    }
    if (!tok.startsWith('--')) {
      // A cluster of one-letter options; only -h and -v exist.
      for (const letter of tok.slice(1)) {
        if (letter === 'h') help = true;
        else if (letter === 'v') version = true;
        else return { kind: 'unknown-option', name: letter };
      }
      continue;
    }
    const eq = tok.indexOf('=', 2);
    const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
    const attached = eq < 0 ? undefined : tok.slice(eq + 1);
    if (name === 'help' || name === 'version' || BOOL_OPTIONS.has(name)) {
      if (attached !== undefined) return { kind: 'bad-value', name, value: attached, message: `option ${name} doesn't need arguments.` };
      if (name === 'help') help = true;
      else if (name === 'version') version = true;
      else if (name === 'reactor') args.reactor = true;
      else if (name === 'enable-component') args.enableComponent = true;
      else args.accepted.push(name);
      if (DEPRECATED.has(name)) args.deprecated.push(name);
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) return { kind: 'unknown-option', name };
    const indexes = [i];
    let value = attached;
    if (value === undefined) {
      const next = argv[i + 1];
      // The next token is parsed as an option if it looks like one; the value is then simply absent.
      if (next === undefined || (next.length >= 2 && next.startsWith('-'))) continue;
      value = next;
      i++;
      indexes.push(i);
    }
    switch (name) {
      case 'dir':
        args.dirs.push({ ...parseEdgeDir(value), raw: value, tokenIndexes: indexes });
        break;
      case 'env': {
        const e = value.indexOf('=');
        // WasmEdge copies the string into the guest environ verbatim; without `=` no name matches it.
        args.envs.push({ name: e < 0 ? value : value.slice(0, e), value: e < 0 ? '' : value.slice(e + 1), raw: value, tokenIndexes: indexes });
        break;
      }
      case 'log-level':
        args.logLevel = value;
        break;
      case 'time-limit':
      case 'gas-limit':
      case 'memory-page-limit': {
        if (!/^\s*[+-]?\d+$/.test(value)) return { kind: 'bad-value', name, value, message: `invalid integer value: ${value}` };
        const n = Number(value);
        // --time-limit 0 is WasmEdge's default: no limit.
        if (name === 'time-limit') args.timeLimitMs = n > 0 ? n : undefined;
        else if (name === 'gas-limit') args.gasLimit = n;
        else args.memoryPageLimit = n;
        break;
      }
      default:
        args.accepted.push(name);
    }
  }
  if (version) return { kind: 'version' };
  if (help) return { kind: 'help' };
  const file = argv[i];
  if (file === undefined) return { kind: 'missing-file' };
  return { kind: 'run', args: { ...args, file, fileIndex: i, rest: argv.slice(i + 1) } };
}

/** The capabilities a wasmedge command line grants (argv[0] = "wasmedge"), for least-privilege grading. */
export function describeGrants(argv: string[]): Grant[] {
  const parsed = parseWasmedgeArgs(argv);
  if (parsed.kind !== 'run') return [];
  const text = (idx: number[]) => idx.map((k) => argv[k]).join(' ');
  const grants: Grant[] = [
    ...parsed.args.dirs.map((d): Grant => ({
      kind: 'dir',
      text: text(d.tokenIndexes),
      tokenIndexes: d.tokenIndexes,
      hostPath: d.host,
      guestPath: d.guest,
      readonly: d.readonly,
    })),
    ...parsed.args.envs.map((e): Grant => ({ kind: 'env', text: text(e.tokenIndexes), tokenIndexes: e.tokenIndexes, name: e.name })),
  ];
  return grants.sort((a, b) => (a.tokenIndexes[0] ?? 0) - (b.tokenIndexes[0] ?? 0));
}
