/**
 * The Dojo's one Rust toolchain (rustup 1.29.0 / rustc 1.95.0, reference wasmtime-cli.md §8) and which
 * targets' standard libraries are installed. State lives in the learner's file system, where rustup keeps
 * it (`~/.rustup/toolchains/<toolchain>/lib/rustlib/<target>/`), so it survives a reload and `dojo reset`
 * clears it like any other file. `rustup` writes it; `cargo build` (and `spin build`'s cargo) reads it.
 */
import type { HostFs } from '../fs/types';

export const RUSTC_VERSION = '1.95.0';
/** `--version` lines of the real tools, captured from rustup 1.29.0 / rustc and cargo 1.95.0 (stack-check's toolchain). */
export const RUSTUP_VERSION_LINE = 'rustup 1.29.0 (28d1352db 2026-03-05)';
export const RUSTC_VERSION_LINE = 'rustc 1.95.0 (59807616e 2026-04-14)';
export const CARGO_VERSION_LINE = 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)';
export const HOST_TRIPLE = 'x86_64-unknown-linux-gnu';
export const TOOLCHAIN = `stable-${HOST_TRIPLE}`;

/**
 * Targets the simulated toolchain knows: the host and the Wasm ones learners meet. `wasm32-wasi` is NOT
 * here: Rust 1.84 removed it (renamed `wasm32-wasip1` in 1.78). `wasm32-wasip3` is tier 3, so rustup
 * cannot install it (it is in rustc's target list, not rustup's).
 */
export const RUSTUP_TARGETS: readonly string[] = [
  'wasm32-unknown-emscripten',
  'wasm32-unknown-unknown',
  'wasm32-wasip1',
  'wasm32-wasip1-threads',
  'wasm32-wasip2',
  'wasm32v1-none',
  HOST_TRIPLE,
];

/** Known to rustc (so cargo fails later, at `can't find crate for std`) even when rustup cannot add it. */
export function rustcKnowsTarget(target: string): boolean {
  return RUSTUP_TARGETS.includes(target) || target === 'wasm32-wasip3';
}

export function rustlibDir(home: string): string {
  return `${home}/.rustup/toolchains/${TOOLCHAIN}/lib/rustlib`;
}

/** The host's standard library always ships with the toolchain. */
export function installedTargets(fs: HostFs, home: string): string[] {
  const dir = rustlibDir(home);
  const found = fs.stat(dir)?.kind === 'dir' ? fs.readdir(dir).filter((t) => RUSTUP_TARGETS.includes(t)) : [];
  return [...new Set([...found, HOST_TRIPLE])].sort();
}

export function isTargetInstalled(fs: HostFs, home: string, target: string): boolean {
  return installedTargets(fs, home).includes(target);
}

export function markInstalled(fs: HostFs, home: string, target: string): void {
  fs.mkdir(`${rustlibDir(home)}/${target}/lib`, { recursive: true });
}
