/**
 * Byte-array helpers shared by the runtime, the shell and the app: Uint8Array has neither an
 * equality test nor a concatenation of its own.
 */

/** Same length and same bytes. Always compares: an array may have changed since it was last seen. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The chunks one after another in a new array; `total` saves a pass when the caller kept count. */
export function concatBytes(chunks: readonly Uint8Array[], total = chunks.reduce((n, c) => n + c.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
