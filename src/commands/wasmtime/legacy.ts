/**
 * Command-line forms from older wasmtime releases (and from the primer learners study) that the
 * current release rejects. wasmtime itself only prints its error; the Dojo adds ONE dim line
 * starting `dojo:` that names today's form and the release that changed it (from wasmtime's tags, diffed).
 */
import type { UsageError } from './args';

/** `--mapdir GUEST::HOST` → the same grant in today's `--dir HOST::GUEST` order. */
function mapdirReplacement(value: string | undefined): string {
  if (value) {
    const sep = value.includes('::') ? '::' : value.includes(':') ? ':' : undefined;
    if (sep) {
      const [guest, host] = [value.slice(0, value.indexOf(sep)), value.slice(value.indexOf(sep) + sep.length)];
      if (guest && host) return `--dir ${host}::${guest}`;
    }
  }
  return '--dir HOST::GUEST';
}

/** Pre-v14 flags removed by the CLI redesign (#6925); v15–v21 still accepted them through a shim. */
const REMOVED_IN_14: Record<string, (value: string | undefined) => string> = {
  '--mapdir': (v) =>
    `--mapdir was removed in wasmtime 14 (its compatibility shim went in 22); use ${mapdirReplacement(v)} (host first, guest second: the order flipped).`,
  '--tcplisten': () =>
    '--tcplisten was removed in wasmtime 14; its successor -S tcplisten=ADDR only worked with the legacy wasip1 implementation, gone in 47. Today: build a wasip2 component and run it with -S inherit-network, or use `wasmtime serve` for HTTP.',
  '--listenfd': () => '--listenfd was removed in wasmtime 14; -S listenfd needed the legacy wasip1 implementation, gone in 47.',
  '--wasi-modules': () => '--wasi-modules was removed in wasmtime 14; WASI interfaces are now toggled with -S (see `wasmtime -S help`).',
  '--wasm-features': () => '--wasm-features was removed in wasmtime 14; proposals are now toggled with -W (e.g. -W threads, see `wasmtime -W help`).',
  '--wasm-timeout': () => '--wasm-timeout was removed in wasmtime 14; use -W timeout=DURATION (e.g. -W timeout=5s).',
  '--coredump-on-trap': () => '--coredump-on-trap was removed in wasmtime 14; use -D coredump=PATH.',
  '--fuel': () => '--fuel was removed in wasmtime 14; use -W fuel=N.',
  '--max-wasm-stack': () => '--max-wasm-stack was removed in wasmtime 14; use -W max-wasm-stack=BYTES.',
  '--opt-level': () => '--opt-level was removed in wasmtime 14; use -O opt-level=N.',
  '--disable-cache': () => '--disable-cache was removed in wasmtime 14; use -C cache=n.',
  '--cache-config': () => '--cache-config was removed in wasmtime 14; use -C cache-config=PATH.',
};

/** The dojo line for a clap error caused by a legacy flag, or undefined for an ordinary typo. */
export function legacyFlagHint(err: UsageError): string | undefined {
  if (err.kind !== 'unknown-argument') return undefined;
  return REMOVED_IN_14[err.arg]?.(err.value);
}

/**
 * `--dir /host:/guest` with ONE colon: wasmtime splits only on `::`, so the whole string is taken as
 * a host path and (almost always) does not exist. Single colons are WasmEdge's GUEST:HOST syntax.
 */
export function singleColonDirHint(raw: string): string | undefined {
  if (raw.includes('::') || !raw.includes(':')) return undefined;
  const [a, b] = [raw.slice(0, raw.indexOf(':')), raw.slice(raw.indexOf(':') + 1)];
  return `wasmtime separates host and guest with two colons, host first (--dir ${a}::${b}) since wasmtime 14; a single colon is WasmEdge's GUEST:HOST form.`;
}

/** `wasmtime run oci://...` never existed: the string is a file path to wasmtime. */
export function ociHint(module: string): string | undefined {
  if (!module.startsWith('oci://')) return undefined;
  return 'wasmtime has no OCI support; pull the artifact first (e.g. `wkg oci pull REF -o app.wasm`), then run the file.';
}

/** `-S tcplisten=ADDR`: accepted by the parser, but the p2-based WASI (default since 15, only one since 47) refuses it. */
export const TCPLISTEN_HINT =
  '-S tcplisten needs the legacy wasip1 implementation (removed in wasmtime 47). Today: a wasip2 component with -S inherit-network, or `wasmtime serve` for HTTP.';
