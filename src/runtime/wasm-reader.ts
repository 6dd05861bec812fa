/**
 * A cursor over Wasm binary bytes: LEB128 integers, names, limits, block types, memargs.
 * Shared by module-info.ts (reads signatures, imports, names) and instrument.ts (rewrites code
 * for fuel and timeouts), so the binary format is decoded in one place.
 */
export class WasmReader {
  private static readonly decoder = new TextDecoder();

  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    /** Builds the error thrown at the end of the bytes, so each caller keeps its own error type. */
    private readonly truncated: () => Error = () => new Error('unexpected end of module'),
  ) {}

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw this.truncated();
    return b;
  }

  /** Unsigned LEB128 (u32). */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  /** Skips a LEB128 of any width and signedness (const expressions, s33 block types). */
  skipLeb(): void {
    while (this.byte() & 0x80) {
      /* continue */
    }
  }

  skip(n: number): void {
    this.pos += n;
  }

  name(): string {
    const len = this.u32();
    const s = WasmReader.decoder.decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }

  limits(): void {
    const flags = this.u32();
    this.u32();
    if (flags & 1) this.u32();
  }

  blockType(): void {
    const b = this.bytes[this.pos];
    if (b === 0x40 || (b !== undefined && b >= 0x6f && b <= 0x7f)) this.pos++;
    else this.skipLeb(); // s33 type index
  }

  memarg(): void {
    const align = this.u32();
    if (align & 0x40) this.u32(); // multi-memory index
    this.u32();
  }
}
