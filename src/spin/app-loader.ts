/**
 * Finding and loading a Spin app from the learner's filesystem the way the Spin CLI does
 * (crates/common/src/paths.rs, crates/loader): `-f` file or directory, else `spin.toml` in the current
 * directory or the nearest ancestor, then the component modules relative to the manifest's directory.
 * Pure (a HostFs in, results out): the `spin` commands print what it finds, and lesson checks serve
 * an app with it without going through the CLI.
 */
import { dirname, resolveFrom } from '../fs/path';
import type { HostFs } from '../fs/types';
import { firstError, manifestErrorChain, validateManifestText, type ManifestValidation } from './manifest';
import type { SpinManifest } from './schema';

export const DEFAULT_MANIFEST_FILE = 'spin.toml';

export type ManifestLocation =
  { ok: true; path: string; /** 0 = given or in cwd; 1 = parent; ... */ distance: number } | { ok: false; error: string };

function parentRel(distance: number): string {
  if (distance === 1) return 'parent';
  if (distance === 2) return 'grandparent';
  return `${'great-'.repeat(distance - 2)}grandparent`;
}

/** Spin's `notify_if_nondefault_rel` line (stderr), or null when the manifest is where expected. */
export function nonDefaultManifestNote(location: { path: string; distance: number }): string | null {
  if (location.distance === 0) return null;
  return `No 'spin.toml' in current directory. Using 'spin.toml' from ${parentRel(location.distance)} directory (${'../'.repeat(location.distance)}spin.toml)`;
}

export function findManifest(fs: HostFs, cwd: string, provided: string | undefined, resolve: (p: string) => string): ManifestLocation {
  if (provided !== undefined) {
    const path = resolve(provided);
    const st = fs.stat(path);
    if (st?.kind === 'file') return { ok: true, path, distance: 0 };
    if (st?.kind === 'dir') {
      const file = resolveFrom(path, DEFAULT_MANIFEST_FILE);
      if (fs.stat(file)?.kind === 'file') return { ok: true, path: file, distance: 0 };
      return { ok: false, error: `Directory ${provided} does not contain a file named 'spin.toml'` };
    }
    return { ok: false, error: `No such file or directory '${provided}'` };
  }
  let dir = cwd;
  for (let distance = 0; distance < 20; distance++) {
    const candidate = resolveFrom(dir, DEFAULT_MANIFEST_FILE);
    if (fs.stat(candidate)?.kind === 'file') return { ok: true, path: candidate, distance };
    // Spin stops at a Git repository root.
    if (fs.exists(resolveFrom(dir, '.git')) || dir === '/') break;
    dir = dirname(dir);
  }
  return { ok: false, error: `"${DEFAULT_MANIFEST_FILE}" not found` };
}

export interface LoadedManifest {
  path: string;
  appDir: string;
  text: string;
  validation: ManifestValidation;
}

export function readManifest(fs: HostFs, path: string): LoadedManifest {
  const text = fs.readText(path);
  return { path, appDir: dirname(path), text, validation: validateManifestText(text) };
}

export type ModuleLoadResult = { ok: true; modules: Map<string, Uint8Array> } | { ok: false; causes: string[] };

/**
 * Reads every component's module (Spin loads all components at startup, used or not) and fails with
 * Spin's loader chain for the first one that is missing.
 */
export function loadComponentModules(fs: HostFs, manifestPath: string, manifest: SpinManifest): ModuleLoadResult {
  const appDir = dirname(manifestPath);
  const modules = new Map<string, Uint8Array>();
  for (const comp of manifest.components) {
    const chain = [`Failed to load Spin app from ${JSON.stringify(manifestPath)}`, `Failed to load component \`${comp.id}\``];
    const src = comp.source;
    if (src.kind !== 'file') {
      const desc = src.kind === 'url' ? `${JSON.stringify(src.url)} with digest ${JSON.stringify(src.digest)}` : `${src.package}@${src.version}`;
      return {
        ok: false,
        causes: [...chain, `Failed to load Wasm source ${desc}`, 'dojo: the Dojo is offline, so remote component sources cannot be downloaded'],
      };
    }
    const abs = resolveFrom(appDir, src.path);
    if (fs.stat(abs)?.kind !== 'file') {
      return {
        ok: false,
        causes: [
          ...chain,
          `Failed to load Wasm source ${JSON.stringify(src.path)}`,
          `Couldn't resolve \`${abs}\``,
          'No such file or directory (os error 2)',
        ],
      };
    }
    modules.set(comp.id, fs.readFile(abs));
  }
  return { ok: true, modules };
}

export type LoadedApp =
  { ok: true; loaded: LoadedManifest; manifest: SpinManifest; modules: Map<string, Uint8Array> } | { ok: false; top: string; causes: string[] };

/**
 * Everything `spin up` loads before serving: the manifest (validated) and every component's module.
 * Errors come back as Spin's `Error:` top line and `Caused by:` chain. Also the entry point for lessons
 * that need to serve an app without the CLI.
 */
export function loadSpinApp(fs: HostFs, manifestPath: string): LoadedApp {
  const loaded = readManifest(fs, manifestPath);
  const error = firstError(loaded.validation);
  if (error || !loaded.validation.manifest) {
    return { ok: false, ...manifestErrorChain(loaded.text, manifestPath, error!) };
  }
  const manifest = loaded.validation.manifest;
  const modules = loadComponentModules(fs, manifestPath, manifest);
  if (!modules.ok) return { ok: false, top: 'Failed to load application', causes: modules.causes };
  return { ok: true, loaded, manifest, modules: modules.modules };
}

/**
 * An app pulled from a registry (`spin up --from REF`): the manifest text and each component's module
 * come from the OCI artifact, not the file system, so there is no app directory (and no default log
 * directory). `where` names it in errors, e.g. the reference.
 */
export function loadSpinAppFromArtifact(manifestText: string, modules: ReadonlyMap<string, Uint8Array>, where: string): LoadedApp {
  const validation = validateManifestText(manifestText);
  const error = firstError(validation);
  if (error || !validation.manifest) return { ok: false, ...manifestErrorChain(manifestText, where, error!) };
  const manifest = validation.manifest;
  const out = new Map<string, Uint8Array>();
  for (const comp of manifest.components) {
    const wasm = modules.get(comp.id);
    if (!wasm) {
      return {
        ok: false,
        top: 'Failed to load application',
        causes: [`Failed to load Spin app from ${JSON.stringify(where)}`, `Failed to load component \`${comp.id}\``],
      };
    }
    out.set(comp.id, wasm);
  }
  return { ok: true, loaded: { path: where, appDir: '', text: manifestText, validation }, manifest, modules: out };
}
