/**
 * Compiled modules keyed by the SHA-256 of their bytes, so a warm run skips compilation and the
 * binary parsing in module-info.ts. Keyed by content, not by file name: the learner can edit and
 * reload a module under the same name, and two names for the same bytes share one entry.
 */
import { codeSectionOffset } from './instrument';
import { readModuleInfo, type ModuleInfo } from './module-info';
import { sameBytes } from '../lib/bytes';

export interface CompiledModule {
  hash: string;
  module: WebAssembly.Module;
  /** Read from the bytes that were compiled (the rewritten ones, for a variant). */
  info: ModuleInfo;
  /**
   * How far the rewrite moved the code section (bytes): wasmtime reports frame offsets in the file
   * as given, so a backtrace subtracts this. 0 when the bytes were compiled as they are.
   */
  codeOffsetShift: number;
  /** Export the rewrite gave the module's start function, which the engine calls after instantiating. */
  startExport?: string;
}

/** A variant's rewritten bytes and what the rewrite added. */
export interface Rewrite {
  bytes: Uint8Array;
  startExport?: string;
}

/** Distinct modules kept; the oldest is dropped first (a session rarely uses more than a dozen). */
const MAX_ENTRIES = 64;

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * Plain-JS SHA-256 for contexts without crypto.subtle (it exists only in secure contexts: a page
 * opened over plain http from a LAN address has none). Slower, but correct.
 */
export function sha256HexSync(data: Uint8Array): string {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e! >>> 6) | (e! << 26)) ^ ((e! >>> 11) | (e! << 21)) ^ ((e! >>> 25) | (e! << 7));
      const ch = (e! & f!) ^ (~e! & g!);
      const t1 = (hh! + S1 + ch + K256[i]! + w[i]!) >>> 0;
      const S0 = ((a! >>> 2) | (a! << 30)) ^ ((a! >>> 13) | (a! << 19)) ^ ((a! >>> 22) | (a! << 10));
      const maj = (a! & b!) ^ (a! & c!) ^ (b! & c!);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a!;
    h[1] = h[1]! + b!;
    h[2] = h[2]! + c!;
    h[3] = h[3]! + d!;
    h[4] = h[4]! + e!;
    h[5] = h[5]! + f!;
    h[6] = h[6]! + g!;
    h[7] = h[7]! + hh!;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (!globalThis.crypto?.subtle) return sha256HexSync(bytes);
  // Copy into a plain ArrayBuffer when the view is over a SharedArrayBuffer or a larger buffer:
  // digest() rejects shared memory, and a subarray must not hash its neighbours.
  const view = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Modules up to this size are recognised by comparing bytes (a 1 MiB module in ~0.3 ms) instead of
 * hashing them again (~3 ms for 1 MiB with crypto.subtle, plus the await).
 */
const RECOGNISE_MAX_BYTES = 8 << 20;
/** How many recently hashed byte strings are kept for that comparison, and their total size. */
const RECOGNISE_ENTRIES = 16;
const RECOGNISE_TOTAL_BYTES = 32 << 20;

export class CompileCache {
  private readonly entries = new Map<string, CompiledModule>();
  /**
   * Bytes already hashed, newest last. A warm run gets the module as a fresh copy each time (it
   * crosses postMessage), so identity cannot be the key; a byte comparison finds its hash without
   * awaiting crypto.subtle (~0.3 ms per run, on the way to the guest's first output).
   */
  private readonly recognised: Array<{ bytes: Uint8Array; hash: string }> = [];

  private knownHash(bytes: Uint8Array): string | undefined {
    if (bytes.byteLength > RECOGNISE_MAX_BYTES) return undefined;
    for (let i = this.recognised.length - 1; i >= 0; i--) {
      const r = this.recognised[i]!;
      if (sameBytes(r.bytes, bytes)) return r.hash;
    }
    return undefined;
  }

  /** Hashes bytes not seen before and remembers them for `knownHash`. */
  private async hashAndRemember(bytes: Uint8Array): Promise<string> {
    const hash = await sha256Hex(bytes);
    if (bytes.byteLength <= RECOGNISE_MAX_BYTES) {
      // A copy: the caller may reuse its buffer for other bytes.
      this.recognised.push({ bytes: bytes.slice(), hash });
      const total = () => this.recognised.reduce((n, r) => n + r.bytes.byteLength, 0);
      while (this.recognised.length > RECOGNISE_ENTRIES || (this.recognised.length > 1 && total() > RECOGNISE_TOTAL_BYTES)) this.recognised.shift();
    }
    return hash;
  }

  /**
   * Throws WebAssembly.CompileError for invalid bytes (the engine turns it into an 'compile' outcome).
   * `variant` names a rewritten form of the same bytes (e.g. fuel-metered) and `transform` produces it
   * from the original; both are cached under the original's hash plus the variant name.
   * `refresh` compiles even when the module is cached, and replaces the cached entry.
   */
  async get(
    bytes: Uint8Array,
    variant?: { key: string; transform(original: Uint8Array): Rewrite },
    opts: { refresh?: boolean } = {},
  ): Promise<{ compiled: CompiledModule; cached: boolean }> {
    // Bytes seen before are found without awaiting anything (the warm path); only new ones are hashed.
    const base = this.knownHash(bytes) ?? (await this.hashAndRemember(bytes));
    const hash = variant ? `${base}|${variant.key}` : base;
    // `refresh`: compile again and replace the entry (the lab's cold first run, timed even when warm).
    const hit = opts.refresh ? undefined : this.entries.get(hash);
    if (opts.refresh) this.entries.delete(hash);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return { compiled: hit, cached: true };
    }
    const compiled = await this.compile(bytes, hash, variant);
    this.entries.set(hash, compiled);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return { compiled, cached: false };
  }

  private async compile(
    bytes: Uint8Array,
    hash: string,
    variant?: { key: string; transform(original: Uint8Array): Rewrite },
  ): Promise<CompiledModule> {
    let compiled: CompiledModule;
    if (variant) {
      let rewrite: Rewrite;
      try {
        rewrite = variant.transform(bytes);
      } catch (err) {
        // Broken bytes get the engine's own compile error, not the rewriter's.
        await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
        throw err;
      }
      let module: WebAssembly.Module;
      try {
        module = await WebAssembly.compile(rewrite.bytes as Uint8Array<ArrayBuffer>);
      } catch (err) {
        // Said in terms of the module as given when that is what is wrong (one compile on the usual path).
        await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
        throw err;
      }
      const original = codeSectionOffset(bytes);
      const rewritten = codeSectionOffset(rewrite.bytes);
      compiled = {
        hash,
        module,
        info: readModuleInfo(rewrite.bytes),
        codeOffsetShift: original >= 0 && rewritten >= 0 ? rewritten - original : 0,
        ...(rewrite.startExport ? { startExport: rewrite.startExport } : {}),
      };
    } else {
      const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
      compiled = { hash, module, info: readModuleInfo(bytes), codeOffsetShift: 0 };
    }
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }
}
