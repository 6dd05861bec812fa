/**
 * The precompiled modules that stand in for compiled code: the Dojo has no compiler, so a simulated
 * build (`cargo build`, `spin build`) writes one of these where the real build would put its output.
 * Which one, for a Spin component: an explicit `[component.<id>.tool.dojo] module = "..."`, else the
 * outbound demo when the project's code makes an HTTP call, else the hello handler.
 */
import type { HostFs } from '../fs/types';
import { resolveFrom } from '../fs/path';
import { STAND_INS } from './stand-in-data';

/** What the choice needs to know about a component. */
export interface StandInHint {
  workdir?: string;
  /** `[component.<id>.tool.dojo] module = "..."`. */
  dojoModule?: string;
}

/** Source text that makes an outbound HTTP call in any of the template languages (a method like `res.send(` is a reply, not a call). */
const OUTBOUND_CALL = /\bhttp::send\b|(?<!\.)\bsend\s*\(|\bfetch\s*\(|\bspinhttp\.(Get|Post|Send)\b|\boutgoing_request\b/;
const SOURCE_EXT = /\.(rs|go|js|ts|py|c|zig)$/;
const SKIP_DIRS = new Set(['target', 'node_modules', '.spin', '.git', 'dist']);

/** The project's source files (bounded: at most 200 files of under 256 KiB), as path and text. */
export function scanSources(fs: HostFs, dir: string, budget = { files: 200 }): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (budget.files <= 0) break;
    const path = resolveFrom(dir, name);
    const st = fs.stat(path);
    if (st?.kind === 'dir' && !SKIP_DIRS.has(name)) out.push(...scanSources(fs, path, budget));
    else if (st?.kind === 'file' && SOURCE_EXT.test(name) && st.size < 256 * 1024) {
      budget.files--;
      out.push({ path, text: fs.readText(path) });
    }
  }
  return out;
}

export function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/^\s*#.*$/gm, '');
}

/** Which precompiled module stands in for this component's build output. */
export function standInModuleName(fs: HostFs, appDir: string, comp: StandInHint): string {
  if (comp.dojoModule) return comp.dojoModule;
  const dir = comp.workdir ? resolveFrom(appDir, comp.workdir) : appDir;
  return scanSources(fs, dir).some((s) => OUTBOUND_CALL.test(stripComments(s.text))) ? STAND_INS.spinOutbound : STAND_INS.spinHttp;
}

/** Bytes of a precompiled module: ~/modules/<name>.wasm, else the app's own copy over HTTP (browser). */
export async function readStandInModule(fs: HostFs, home: string, name: string): Promise<Uint8Array | null> {
  const local = `${home}/modules/${name}.wasm`;
  if (fs.stat(local)?.kind === 'file') return fs.readFile(local);
  const loc = (globalThis as { location?: { href: string } }).location;
  if (typeof fetch === 'function' && loc) {
    try {
      const res = await fetch(new URL(`modules/${name}.wasm`, loc.href));
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
    } catch {
      /* offline and not cached: reported by the caller */
    }
  }
  return null;
}
