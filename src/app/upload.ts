/**
 * "Load .wasm" and drag-and-drop: put a learner's own module into the shell's current
 * directory. Pure (bytes in, message out) so its checks are unit-tested without a browser.
 */
import type { HostFs } from '../fs/types';
import { FsError } from '../fs/types';

export const ACCEPTED_EXTENSIONS = ['.wasm', '.wat'];
/** Same order of size as the host filesystem allows for one file; bigger uploads are refused. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export interface UploadResult {
  ok: boolean;
  /** One line for the terminal. */
  message: string;
  path?: string;
}

/** A safe file name: the last path segment, printable characters only, no leading dots or dashes. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\x7f').join('');
  return printable
    .replace(/^[.\-\s]+/, '')
    .trim()
    .slice(0, 200);
}

function displayDir(dir: string, home: string): string {
  if (dir === home) return '~';
  if (dir.startsWith(`${home}/`)) return `~${dir.slice(home.length)}`;
  return dir;
}

export function importFile(fs: HostFs, cwd: string, home: string, name: string, bytes: Uint8Array): UploadResult {
  const clean = safeFileName(name);
  const lower = clean.toLowerCase();
  if (!clean || !ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length)) {
    return { ok: false, message: `dojo: load: ${clean || '(no name)'}: only .wasm and .wat files can be loaded` };
  }
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    return {
      ok: false,
      message: `dojo: load: ${clean}: file is ${bytes.byteLength} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes`,
    };
  }
  const path = cwd === '/' ? `/${clean}` : `${cwd}/${clean}`;
  if (fs.stat(path)?.kind === 'dir') return { ok: false, message: `dojo: load: ${clean}: a directory has that name` };
  try {
    fs.writeFile(path, bytes);
  } catch (err) {
    const why = err instanceof FsError ? err.message : String(err);
    return { ok: false, message: `dojo: load: ${why}` };
  }
  const where = displayDir(cwd, home);
  const run = /^[A-Za-z0-9._+-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
  return {
    ok: true,
    path,
    message: `dojo: loaded ${clean} (${bytes.byteLength} bytes) into ${where}; run it with: wasmtime ${run}`,
  };
}
