/**
 * wasmtime's option groups: `-O/--optimize`, `-C/--codegen`, `-D/--debug`, `-W/--wasm`,
 * `-S/--wasi`, `-R/--record`. Each takes `KEY[=VAL[,..]]`, repeatable and comma-separated, and an
 * unknown key or a bad value is a clap value error (exit 2). The key lists follow wasmtime v48's
 * `crates/cli-flags` as summarised in the reference; the one-line docs are our own words.
 *
 * Pure: no I/O, so every path is unit-tested.
 */

export type GroupLetter = 'O' | 'C' | 'D' | 'W' | 'S' | 'R';

export type OptionType = 'bool' | 'number' | 'duration' | 'string';

export interface GroupOption {
  key: string;
  type: OptionType;
  doc: string;
}

export interface GroupInfo {
  letter: GroupLetter;
  long: string;
  /** Keys accepted by prefix (e.g. every `-C cranelift-*` setting). */
  prefixes?: string[];
  options: GroupOption[];
}

const b = (key: string, doc: string): GroupOption => ({ key, type: 'bool', doc });
const n = (key: string, doc: string): GroupOption => ({ key, type: 'number', doc });
const s = (key: string, doc: string): GroupOption => ({ key, type: 'string', doc });
const d = (key: string, doc: string): GroupOption => ({ key, type: 'duration', doc });

export const GROUPS: Record<GroupLetter, GroupInfo> = {
  O: {
    letter: 'O',
    long: 'optimize',
    prefixes: ['pooling-', 'gc-heap-'],
    options: [
      s('opt-level', 'Optimization level of generated code (0-2, s; default: 2)'),
      s('regalloc-algorithm', 'Register allocator algorithm choice'),
      b('memory-may-move', 'Whether linear memories may relocate their base pointer at runtime'),
      n('memory-reservation', 'Bytes of virtual address space reserved for each linear memory'),
      n('memory-reservation-for-growth', 'Extra bytes reserved when a memory must move to grow'),
      n('memory-guard-size', 'Size in bytes of the guard region after linear memories'),
      b('guard-before-linear-memory', 'Also place a guard region before linear memories'),
      b('table-lazy-init', 'Initialise funcref tables lazily'),
      b('pooling-allocator', 'Use the pooling instance allocator'),
      b('memory-init-cow', 'Initialise memories with copy-on-write mappings'),
      b('signals-based-traps', 'Use OS signals to detect traps'),
    ],
  },
  C: {
    letter: 'C',
    long: 'codegen',
    prefixes: ['cranelift-'],
    options: [
      s('compiler', 'Which compiler to use: cranelift or winch'),
      s('collector', 'Which garbage collector to use for Wasm GC'),
      b('cranelift-debug-verifier', 'Run the Cranelift IR verifier (slow)'),
      b('cache', 'Cache compiled code on disk'),
      s('cache-config', 'Path to the cache configuration file'),
      b('parallel-compilation', 'Compile functions in parallel'),
      b('pcc', 'Proof-carrying code validation'),
      b('native-unwind-info', 'Emit native unwind information'),
      b('inlining', 'Inline calls between Wasm functions'),
    ],
  },
  D: {
    letter: 'D',
    long: 'debug',
    options: [
      b('debug-info', 'Emit DWARF debug information for native debuggers'),
      b('guest-debug', 'Instrument code for guest debugging'),
      b('address-map', 'Keep the native-to-Wasm address map'),
      b('logging', 'Log to stderr (WASMTIME_LOG)'),
      b('log-to-files', 'Log to per-thread files instead of stderr'),
      s('coredump', 'Write a Wasm core dump to this path when the guest traps'),
      n('max-backtrace', 'Maximum number of frames kept in a trap backtrace'),
    ],
  },
  W: {
    letter: 'W',
    long: 'wasm',
    options: [
      b('nan-canonicalization', 'Canonicalise NaN bit patterns'),
      n('fuel', 'Give the guest this much fuel; it traps when it runs out'),
      b('epoch-interruption', 'Interrupt long-running code through epochs'),
      n('max-wasm-stack', 'Maximum bytes of native stack Wasm may use'),
      b('async-stack-zeroing', 'Zero async stacks before reuse'),
      n('async-stack-size', 'Size of async stacks'),
      n('max-memory-size', 'Maximum size in bytes a linear memory may grow to'),
      n('max-table-elements', 'Maximum number of elements a table may hold'),
      n('max-instances', 'Maximum number of instances in a store'),
      n('max-tables', 'Maximum number of tables in a store'),
      n('max-memories', 'Maximum number of linear memories in a store'),
      b('trap-on-grow-failure', 'Trap instead of returning -1 when memory.grow fails'),
      d('timeout', 'Interrupt the guest after this long (e.g. 1s, 500ms)'),
      b('all-proposals', 'Enable every supported proposal'),
      b('bulk-memory', 'Bulk memory operations'),
      b('multi-memory', 'Multiple linear memories'),
      b('multi-value', 'Multiple return values'),
      b('reference-types', 'Reference types'),
      b('simd', 'Fixed-width SIMD'),
      b('relaxed-simd', 'Relaxed SIMD'),
      b('relaxed-simd-deterministic', 'Deterministic relaxed SIMD results'),
      b('tail-call', 'Tail calls'),
      b('threads', 'Threads and shared memory'),
      b('shared-everything-threads', 'Shared-everything threads'),
      b('memory64', '64-bit memories'),
      b('component-model', 'The component model'),
      b('component-model-async', 'Async component model'),
      b('function-references', 'Typed function references'),
      b('gc', 'Garbage collection'),
      b('exceptions', 'Exception handling'),
      b('extended-const', 'Extended constant expressions'),
      b('wide-arithmetic', 'Wide arithmetic'),
      b('custom-page-sizes', 'Custom page sizes'),
      b('stack-switching', 'Stack switching'),
      b('unknown-exports-allow', 'Allow unknown exports on command modules'),
      b('unknown-imports-trap', 'Define unknown imports as functions that trap'),
      b('unknown-imports-default', 'Define unknown imports with default values'),
      b('wmemcheck', 'Check memory accesses with wmemcheck'),
    ],
  },
  S: {
    letter: 'S',
    long: 'wasi',
    options: [
      b('cli', 'Enable the wasi:cli interfaces (default on)'),
      b('common', 'Deprecated alias for -S cli'),
      b('preview0', 'Allow imports from the old `wasi_unstable` module'),
      b('preview2', 'Use the p2-based WASI implementation (no longer switchable)'),
      b('p3', 'Enable WASIp3 interfaces'),
      b('http', 'Link wasi:http into `run`'),
      n('http-outgoing-body-buffer-chunks', 'Chunks buffered for outgoing HTTP bodies'),
      n('http-outgoing-body-chunk-size', 'Size of each outgoing HTTP body chunk'),
      b('config', 'Enable wasi:config'),
      s('config-var', 'Set a wasi:config variable KEY=VAL'),
      b('keyvalue', 'Enable wasi:keyvalue'),
      s('keyvalue-in-memory-data', 'Seed the in-memory key-value store with KEY=VAL'),
      b('threads', 'WASI threads (removed in v47)'),
      b('nn', 'Enable wasi-nn'),
      s('nn-graph', 'Preload a wasi-nn graph FORMAT::DIR'),
      b('tls', 'Enable wasi:tls'),
      s('tcplisten', 'Pre-open a listening TCP socket (legacy wasip1 implementation only)'),
      b('listenfd', 'Inherit sockets from systemd socket activation (legacy wasip1 only)'),
      b('inherit-network', 'Allow the guest to use the host network'),
      b('allow-ip-name-lookup', 'Allow DNS lookups through wasi:sockets/ip-name-lookup'),
      b('tcp', 'Allow TCP sockets'),
      b('udp', 'Allow UDP sockets'),
      b('network-error-code', 'Enable the unstable network-error-code API'),
      b('inherit-env', 'Pass the whole host environment to the guest'),
      b('inherit-stdin', 'Connect the guest to this process\u2019s stdin (default on)'),
      b('inherit-stdout', 'Connect the guest to this process\u2019s stdout (default on)'),
      b('inherit-stderr', 'Connect the guest to this process\u2019s stderr (default on)'),
      s('cwd', 'Initial working directory reported to p2/p3 guests'),
      n('max-resources', 'Maximum number of WASI resources'),
      n('hostcall-fuel', 'Fuel for data copied by host calls'),
      n('max-random-size', 'Maximum bytes returned by one random call'),
      n('max-http-fields-size', 'Maximum size of HTTP header fields'),
      b('cli-exit-with-code', 'Enable wasi:cli/exit-with-code'),
    ],
  },
  R: {
    letter: 'R',
    long: 'record',
    options: [
      s('path', 'Where to write the execution trace'),
      b('validation-metadata', 'Record extra metadata for replay validation'),
      n('event-window-size', 'Events buffered before writing'),
    ],
  },
};

export const GROUP_BY_SHORT: Record<string, GroupLetter> = { O: 'O', C: 'C', D: 'D', W: 'W', S: 'S', R: 'R' };
export const GROUP_BY_LONG: Record<string, GroupLetter> = {
  optimize: 'O',
  codegen: 'C',
  debug: 'D',
  wasm: 'W',
  wasi: 'S',
  record: 'R',
};

export interface GroupItem {
  key: string;
  /** Raw text after `=`, if any. */
  value?: string;
}

/** A parsed, validated item. Booleans are normalised to true/false; numbers to number; durations to ms. */
export interface ParsedGroupItem {
  key: string;
  raw: string;
  value: boolean | number | string;
}

export type GroupParse = { ok: true; items: ParsedGroupItem[] } | { ok: false; message: string } | { ok: 'help'; long: boolean };

const BOOL_TRUE = new Set(['', 'y', 'yes', 'true']);
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
  if (!m) return `invalid duration \`${text}\``;
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

export function findGroupOption(group: GroupInfo, key: string): GroupOption | undefined {
  const exact = group.options.find((o) => o.key === key);
  if (exact) return exact;
  if (group.prefixes?.some((p) => key.startsWith(p) && key.length > p.length)) return { key, type: 'string', doc: '' };
  return undefined;
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
        if (BOOL_TRUE.has(v)) items.push({ key, raw: part, value: true });
        else if (BOOL_FALSE.has(v)) items.push({ key, raw: part, value: false });
        else return fail(`unknown boolean flag \`${v}\`, only yes,no,<nothing> accepted`);
        break;
      }
      case 'number': {
        if (value === undefined) return fail('expected a value');
        const num = parseNumber(value);
        if (typeof num === 'string') return fail(num);
        items.push({ key, raw: part, value: num });
        break;
      }
      case 'duration': {
        if (value === undefined) return fail('expected a value');
        const ms = parseDuration(value);
        if (typeof ms === 'string') return fail(ms);
        items.push({ key, raw: part, value: ms });
        break;
      }
      case 'string': {
        if (value === undefined) return fail('expected a value');
        items.push({ key, raw: part, value });
        break;
      }
    }
  }
  return { ok: true, items };
}

/** `-W help`: the list wasmtime prints for a group, keys right-aligned. */
export function formatGroupHelp(letter: GroupLetter, long: boolean): string {
  const group = GROUPS[letter];
  const rows = group.options.map((o) => ({
    key: o.key,
    suffix: o.type === 'bool' ? '[=y|n]' : '=val',
    doc: o.doc,
  }));
  const width = Math.max(...rows.map((r) => r.key.length));
  const lines = [`Available ${group.long} options:`, ''];
  for (const r of rows) lines.push(`  -${letter} ${r.key.padStart(width)}${r.suffix} -- ${r.doc}`);
  lines.push('');
  if (!long) lines.push(`pass \`-${letter} help-long\` to see longer-form explanations`);
  return lines.join('\n') + '\n';
}
