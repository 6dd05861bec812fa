/**
 * Reads a module from the learner's machine and classifies it the way wasmtime's loader does:
 * `\0asm` binary (core module or component), precompiled ELF (`.cwasm`), WAT text, or garbage.
 * WAT is converted with wabt (wat.ts). Shared by `wasmtime` and `wasmedge`, which word the same
 * outcomes differently.
 */
import type { HostFs } from '../fs/types';
import { WatParserUnavailable, watToWasm } from './wat';

export type LoadedModule =
  | { kind: 'core'; bytes: Uint8Array }
  | { kind: 'component'; bytes: Uint8Array }
  | { kind: 'precompiled'; bytes: Uint8Array }
  | { kind: 'missing' }
  | { kind: 'is-dir' }
  /** Starts with `\0asm` but the header is wrong or cut short. */
  | { kind: 'bad-header'; detail: string; offset: number }
  | { kind: 'not-utf8' }
  /** UTF-8 text that is not valid WAT; `message` is wabt's diagnostic. */
  | { kind: 'bad-text'; message: string; text: string }
  /** UTF-8 text, but the WAT parser itself failed to load (offline before it was cached). */
  | { kind: 'no-wat-parser'; message: string }
  /** UTF-8 text, not converted: the loader was asked not to read WAT (WasmEdge reads binaries only). */
  | { kind: 'text' };

export interface LoadOptions {
  /** Convert WAT text with wabt, as wasmtime does (default); false leaves it as `text`. */
  readText?: boolean;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

export function startsWithMagic(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/** Classifies bytes already in memory (also used for modules read from stdin with `-`). */
export async function classifyModule(bytes: Uint8Array, displayName: string, opts: LoadOptions = {}): Promise<LoadedModule> {
  if (startsWithMagic(bytes)) {
    if (bytes.length < 8) return { kind: 'bad-header', detail: 'unexpected end-of-file', offset: bytes.length };
    const version = bytes[4]! | (bytes[5]! << 8);
    const layer = bytes[6]! | (bytes[7]! << 8);
    if (layer === 0 && version === 1) return { kind: 'core', bytes };
    if (layer === 1) return { kind: 'component', bytes };
    return { kind: 'bad-header', detail: 'unknown binary version', offset: 4 };
  }
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return { kind: 'precompiled', bytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'not-utf8' };
  }
  if (opts.readText === false) return { kind: 'text' };
  try {
    return { kind: 'core', bytes: await watToWasm(text, displayName) };
  } catch (err) {
    if (err instanceof WatParserUnavailable) return { kind: 'no-wat-parser', message: err.message };
    return { kind: 'bad-text', message: err instanceof Error ? err.message : String(err), text };
  }
}

/** Loads `absPath` from the host fs; `displayName` is the path as typed (used in WAT diagnostics). */
export async function loadModule(fs: HostFs, absPath: string, displayName: string, opts: LoadOptions = {}): Promise<LoadedModule> {
  const st = fs.stat(absPath);
  if (!st) return { kind: 'missing' };
  if (st.kind === 'dir') return { kind: 'is-dir' };
  return classifyModule(fs.readFile(absPath), displayName, opts);
}
