/**
 * The `spin` commands' side of finding an app: print Spin's error or its note about a manifest
 * found in a parent directory. The finding itself is `spin/app-loader.ts`.
 */
import { findManifest, nonDefaultManifestNote } from '../../spin/app-loader';
import type { CommandContext } from '../../shell/types';
import { writeError } from './output';

/**
 * The manifest a command works on, found once per command line: prints Spin's error (or
 * `missingDefault` when no `-f` was given and none was found) or the "using the parent directory's
 * spin.toml" note, and returns its path. Commands that build first pass this path on, so the note
 * is not printed twice.
 */
export function locateApp(ctx: CommandContext, from: string | undefined, missingDefault?: string): string | null {
  const location = findManifest(ctx.fs, ctx.cwd, from, (p) => ctx.shell.resolvePath(p));
  if (!location.ok) {
    writeError(ctx.stderr, from === undefined && missingDefault !== undefined ? missingDefault : location.error);
    return null;
  }
  const note = nonDefaultManifestNote(location);
  if (note) ctx.stderr.write(`${note}\n`);
  return location.path;
}
