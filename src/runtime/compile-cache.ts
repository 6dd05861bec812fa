/**
 * Compiled modules keyed by the SHA-256 of their bytes, so a warm run skips compilation and the
 * binary parsing in module-info.ts. Keyed by content, not by file name: the learner can edit and
 * reload a module under the same name, and two names for the same bytes share one entry.
 */
import { readModuleInfo, type ModuleInfo } from './module-info';

export interface CompiledModule {
  hash: string;
  module: WebAssembly.Module;
  info: ModuleInfo;
}

/** Distinct modules kept; the oldest is dropped first (a session rarely uses more than a dozen). */
const MAX_ENTRIES = 64;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Copy into a plain ArrayBuffer when the view is over a SharedArrayBuffer or a larger buffer:
  // digest() rejects shared memory, and a subarray must not hash its neighbours.
  const view =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes
      : bytes.slice();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export class CompileCache {
  private readonly entries = new Map<string, CompiledModule>();

  /**
   * Throws WebAssembly.CompileError for invalid bytes (the engine turns it into an 'compile' outcome).
   * `variant` names a rewritten form of the same bytes (e.g. fuel-metered) and `transform` produces it
   * from the original; both are cached under the original's hash plus the variant name.
   */
  async get(
    bytes: Uint8Array,
    variant?: { key: string; transform(original: Uint8Array): Uint8Array },
  ): Promise<{ compiled: CompiledModule; cached: boolean }> {
    const base = await sha256Hex(bytes);
    const hash = variant ? `${base}|${variant.key}` : base;
    const hit = this.entries.get(hash);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return { compiled: hit, cached: true };
    }
    if (variant) {
      // Validate the original first so a broken module gets the engine's own compile error.
      await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
      bytes = variant.transform(bytes);
    }
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    const compiled: CompiledModule = { hash, module, info: readModuleInfo(bytes) };
    this.entries.set(hash, compiled);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return { compiled, cached: false };
  }

  get size(): number {
    return this.entries.size;
  }
}
