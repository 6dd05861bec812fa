/**
 * The package `fastly compute build` writes: pkg/<name>.tar.gz holding `<name>/fastly.toml`,
 * `<name>/bin/main.wasm` and the project's sources under `<name>/` (fastly/cli
 * pkg/commands/compute/build.go, "Creating package archive": the manifest, the Wasm binary and the
 * files the language's toolchain lists). A real tar archive (nanotar) compressed with gzip (fflate):
 * `tar -tzf` opens it.
 */
import { gzipSync } from 'fflate';
import { createTar, type TarFileItem } from 'nanotar';

export interface PackageFile {
  /** Relative to the project root, e.g. `bin/main.wasm`. */
  path: string;
  data: Uint8Array;
}

export function packageArchive(name: string, files: readonly PackageFile[], mtime: number): Uint8Array {
  const items: TarFileItem[] = files.map((f) => ({ name: `${name}/${f.path}`, data: f.data, attrs: { mtime, mode: '644' } }));
  return gzipSync(createTar(items));
}
