/**
 * Parses a `wasmedge` command line with the rules of WasmEdge's own option parser (lib/po, 0.17):
 * options before the file, `--opt=value` or `--opt value`, `--` ends options, and every token after
 * the first positional goes to the guest (or, with `--reactor`, names the function and its args).
 * Note the `--dir GUEST:HOST[:readonly]` order: guest first, one colon, the opposite of wasmtime.
 *
 * Pure: no I/O, unit-tested, and `describeGrants` serves the grader's ablation.
 */
import type { Grant } from '../wasmtime/args';

export type { Grant } from '../wasmtime/args';

export const WASMEDGE_SUBCOMMANDS = ['run', 'compile', 'parse', 'validate', 'instantiate'] as const;

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
  /** An option that needs a value got none, or a number was not a number. */
  | { kind: 'bad-value'; name: string; value?: string }
  /** No wasm file: WasmEdge prints its help and exits 1. */
  | { kind: 'missing-file' };

const VALUE_OPTIONS = new Set([
  'dir',
  'env',
  'time-limit',
  'gas-limit',
  'memory-page-limit',
  'module',
  'run-mode',
  'log-level',
  'forbidden-plugin',
  'nn-preload',
  'optimize',
]);

const BOOL_OPTIONS = new Set([
  'reactor',
  'enable-component',
  'enable-instruction-count',
  'enable-gas-measuring',
  'enable-time-measuring',
  'enable-all-statistics',
  'enable-coredump',
  'coredump-for-wasmgdb',
  'allow-af-unix',
  'enable-jit',
  'force-interpreter',
  'wasm-1',
  'wasm-2',
  'wasm-3',
  'disable-import-export-mut-globals',
  'disable-non-trap-float-to-int',
  'disable-sign-extension-operators',
  'disable-multi-value',
  'disable-bulk-memory',
  'disable-reference-types',
  'disable-simd',
  'enable-multi-memory',
  'enable-tail-call',
  'enable-extended-const',
  'enable-threads',
  'enable-function-reference',
  'enable-gc',
  'enable-exception-handling',
  'enable-relaxed-simd',
  'enable-memory64',
  'enable-all',
]);

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

export function parseWasmedgeArgs(argv: readonly string[]): EdgeParse {
  let i = 1;
  const first = argv[1];
  if (first !== undefined && (WASMEDGE_SUBCOMMANDS as readonly string[]).includes(first)) {
    if (first !== 'run') return { kind: 'subcommand', name: first, rest: argv.slice(2) };
    i = 2;
  }
  const args: Omit<EdgeRunArgs, 'file' | 'fileIndex' | 'rest'> = {
    dirs: [],
    envs: [],
    reactor: false,
    enableComponent: false,
    accepted: [],
    deprecated: [],
  };
  for (; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      i++;
      break;
    }
    if (!tok.startsWith('-') || tok === '-') break;
    const body = tok.replace(/^-+/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const attached = eq < 0 ? undefined : body.slice(eq + 1);
    if (name === 'h' || name === 'help') return { kind: 'help' };
    if (name === 'v' || name === 'version') return { kind: 'version' };
    if (BOOL_OPTIONS.has(name)) {
      if (name === 'reactor') args.reactor = true;
      else if (name === 'enable-component') args.enableComponent = true;
      else args.accepted.push(name);
      if (DEPRECATED.has(name)) args.deprecated.push(name);
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) return { kind: 'unknown-option', name };
    const indexes = [i];
    let value = attached;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined) return { kind: 'bad-value', name };
      i++;
      indexes.push(i);
    }
    const num = () => (/^\d+$/.test(value!) ? Number(value) : undefined);
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
      case 'time-limit':
      case 'gas-limit':
      case 'memory-page-limit': {
        const n = num();
        if (n === undefined) return { kind: 'bad-value', name, value };
        if (name === 'time-limit') args.timeLimitMs = n;
        else if (name === 'gas-limit') args.gasLimit = n;
        else args.memoryPageLimit = n;
        break;
      }
      default:
        args.accepted.push(name);
    }
  }
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
    ...parsed.args.dirs.map(
      (d): Grant => ({ kind: 'dir', text: text(d.tokenIndexes), tokenIndexes: d.tokenIndexes, hostPath: d.host, guestPath: d.guest, readonly: d.readonly }),
    ),
    ...parsed.args.envs.map((e): Grant => ({ kind: 'env', text: text(e.tokenIndexes), tokenIndexes: e.tokenIndexes, name: e.name })),
  ];
  return grants.sort((a, b) => (a.tokenIndexes[0] ?? 0) - (b.tokenIndexes[0] ?? 0));
}
