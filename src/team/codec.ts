/**
 * The byte-level pieces every team document shares: canonical JSON (so a digest does not depend on
 * key order), base64url (URL-fragment and chat safe), deflate with a hard limit on what inflating
 * may produce (a few hostile bytes must not expand into gigabytes), and SHA-256 (Web Crypto; the
 * plain-JS fallback where a page is not a secure context, e.g. a workshop served over http on a LAN).
 */
import { deflateSync, inflateSync } from 'fflate';
import { sha256Hex } from '../runtime/compile-cache';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    // An own data property whatever the key: "__proto__" stays data, as JSON.parse keeps it (plain
    // assignment for the rest: defineProperty on every key turns objects slow, ~2× on 500 files).
    if (k === '__proto__') Object.defineProperty(out, k, { value: sortKeys(x), enumerable: true, writable: true, configurable: true });
    else out[k] = sortKeys(x);
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += B64[c & 63]!;
  }
  return out;
}

/** Decodes base64url (padding and surrounding whitespace tolerated); null when a character is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  const s = text.trim().replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => (i + j < s.length ? B64_INDEX.get(s[i + j]!) : 0));
    if (n.some((x) => x === undefined)) return null;
    const [w, x, y, z] = n as number[];
    out[o++] = (w! << 2) | (x! >> 4);
    if (i + 2 < s.length) out[o++] = ((x! & 15) << 4) | (y! >> 2);
    if (i + 3 < s.length) out[o++] = ((y! & 3) << 6) | z!;
  }
  return out.subarray(0, o);
}

export function deflateText(text: string): Uint8Array {
  return deflateSync(new TextEncoder().encode(text), { level: 9 });
}

/**
 * Inflates at most `maxBytes`: the output buffer is one byte larger than allowed, so a stream that
 * fills it is too big, whatever it claims. Returns the text or why it could not be read.
 */
export function inflateText(bytes: Uint8Array, maxBytes: number): { text: string } | { error: string } {
  let out: Uint8Array;
  try {
    out = inflateSync(bytes, { out: new Uint8Array(maxBytes + 1) });
  } catch (err) {
    return { error: `it is not compressed data this app wrote (${err instanceof Error ? err.message : String(err)})` };
  }
  if (out.length > maxBytes) return { error: `it expands to more than ${Math.round(maxBytes / 1024)} KB` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(out) };
  } catch {
    return { error: 'it is not UTF-8 text' };
  }
}

export function sha256(text: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(text));
}

/** C0/C1 control characters other than tab and newline, and the bidi overrides that can disguise text. */
export const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
