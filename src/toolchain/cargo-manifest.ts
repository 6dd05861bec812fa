/**
 * What `cargo build` needs from Cargo.toml: where the package root is (cargo searches the current
 * directory and its parents), the package name and version for the `Compiling` line, and the name of
 * the `.wasm` file it produces (a bin keeps its hyphens; a cdylib's file uses underscores, as rustc does).
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { HostFs } from '../fs/types';
import { childPath } from '../fs/path';

export interface CrateInfo {
  root: string;
  name: string;
  version: string;
  /** `bin` or `lib` (a cdylib, e.g. a Spin component). */
  kind: 'bin' | 'lib';
  /** File name under target/<triple>/<profile>/, e.g. `hello.wasm` or `hello_rust.wasm`. */
  artifact: string;
}

export type ManifestResult = { ok: true; crate: CrateInfo } | { ok: false; message: string };

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The directory holding Cargo.toml, from `cwd` upwards, or undefined. */
export function findPackageRoot(fs: HostFs, cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    if (fs.stat(childPath(dir, 'Cargo.toml'))?.kind === 'file') return dir;
    if (dir === '/') return undefined;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
}

export function readCrate(fs: HostFs, root: string): ManifestResult {
  const path = childPath(root, 'Cargo.toml');
  let doc: Table;
  try {
    doc = parseToml(fs.readText(path)) as Table;
  } catch (err) {
    const first = err instanceof TomlError ? err.message.split('\n')[0] : String(err);
    return { ok: false, message: `error: failed to parse manifest at \`${path}\`\n\nCaused by:\n  ${first}\n` };
  }
  const pkg = doc.package;
  if (!isTable(pkg)) {
    return {
      ok: false,
      message: `error: failed to parse manifest at \`${path}\`\n\nCaused by:\n  manifest is missing either a \`[package]\` or a \`[workspace]\`\n`,
    };
  }
  if (typeof pkg.name !== 'string' || pkg.name === '') {
    return { ok: false, message: `error: failed to parse manifest at \`${path}\`\n\nCaused by:\n  missing field \`name\`\n` };
  }
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  const lib = isTable(doc.lib) ? doc.lib : undefined;
  const crateTypes = Array.isArray(lib?.['crate-type']) ? (lib['crate-type'] as unknown[]) : [];
  if (crateTypes.includes('cdylib')) {
    const libName = typeof lib?.name === 'string' ? lib.name : pkg.name;
    return { ok: true, crate: { root, name: pkg.name, version, kind: 'lib', artifact: `${libName.replace(/-/g, '_')}.wasm` } };
  }
  const bins = Array.isArray(doc.bin) ? doc.bin.filter(isTable) : [];
  const binName = typeof bins[0]?.name === 'string' ? bins[0].name : pkg.name;
  return { ok: true, crate: { root, name: pkg.name, version, kind: 'bin', artifact: `${binName}.wasm` } };
}
