/**
 * Puts our precompiled modules on the learner's machine: public/modules into ~/modules (refreshed
 * when a new version ships) and the primer's two into ~ (only when missing, so a learner's own file
 * wins). DOM-free: the fetch is injected (the browser's, or a test's reading public/ from disk).
 */
import type { MemoryFs } from '../fs/memory-fs';
import { HOME, MODULES_DIR } from '../fs/seed';
import { sameBytes } from '../lib/bytes';

/** Modules lessons and the primer name directly, also placed in ~ so `wasmtime hello.wasm` works there. */
export const HOME_COPIES = ['hello.wasm', 'config-reader.wasm'];

interface ManifestEntry {
  name: string;
  file: string;
}

export async function installModules(fs: MemoryFs, fetchFn: typeof fetch, base = '/'): Promise<number> {
  const res = await fetchFn(`${base}modules/manifest.json`);
  if (!res.ok) throw new Error(`modules/manifest.json: HTTP ${res.status}`);
  const manifest = (await res.json()) as ManifestEntry[];
  if (!Array.isArray(manifest)) throw new Error('modules/manifest.json is not a list');
  const files = await Promise.all(
    manifest
      .filter((m) => typeof m?.file === 'string' && /^[A-Za-z0-9._-]+\.(wasm|wat)$/.test(m.file))
      .map(async (m) => {
        const r = await fetchFn(`${base}modules/${m.file}`);
        if (!r.ok) throw new Error(`modules/${m.file}: HTTP ${r.status}`);
        return { file: m.file, bytes: new Uint8Array(await r.arrayBuffer()) };
      }),
  );
  fs.mkdir(MODULES_DIR, { recursive: true });
  for (const { file, bytes } of files) {
    const path = `${MODULES_DIR}/${file}`;
    const current = fs.stat(path) ? fs.readFile(path) : null;
    if (!current || !sameBytes(current, bytes)) fs.writeFile(path, bytes);
    if (HOME_COPIES.includes(file) && !fs.exists(`${HOME}/${file}`)) fs.writeFile(`${HOME}/${file}`, bytes);
  }
  return files.length;
}
