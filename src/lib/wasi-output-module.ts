/**
 * Hand-assembled WASI preview 1 commands that write one fixed text to stdout and exit 0: the
 * stand-in builds' output (toolchain/reply-module.ts) and the registry's sample images use them.
 */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128 for i32.const immediates (all ours are small non-negative numbers). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const name = (s: string) => [...uleb(utf8(s).length), ...utf8(s)];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** Where the reply's bytes start in linear memory (the iovec sits at 0..8, nwritten at 8..12). */
const DATA_AT = 16;

/**
 * A WASI preview 1 command (`_start`, exported `memory`) that writes `content-type: <type>\n\n<body>`
 * to stdout with one `fd_write` and returns: equivalent to
 * `(func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const N))
 *  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))`
 * with the reply as an active data segment at 16.
 */
export function replyModule(contentType: string, body: string): Uint8Array<ArrayBuffer> {
  return outputModule(`content-type: ${contentType}\n\n${body}`);
}

/** A WASI command that writes `text` to stdout and exits 0 (a Go `main` that only prints, or a WAGI reply). */
export function outputModule(text: string): Uint8Array<ArrayBuffer> {
  const payload = new TextEncoder().encode(text);
  const pages = Math.max(1, Math.ceil((DATA_AT + payload.length) / 65536));
  const I32 = 0x7f;
  const types = section(
    1,
    vec([
      [0x60, 4, I32, I32, I32, I32, 1, I32],
      [0x60, 0, 0],
    ]),
  );
  const imports = section(2, vec([[...name('wasi_snapshot_preview1'), ...name('fd_write'), 0x00, 0]]));
  const funcs = section(3, vec([[1]]));
  const memory = section(5, vec([[0x00, ...uleb(pages)]]));
  const exports = section(
    7,
    vec([
      [...name('memory'), 0x02, 0],
      [...name('_start'), 0x00, 1],
    ]),
  );
  const constI32 = (n: number) => [0x41, ...sleb(n)];
  const code = [
    0, // no locals
    ...constI32(0),
    ...constI32(DATA_AT),
    0x36,
    2,
    0, // i32.store align=4 offset=0
    ...constI32(4),
    ...constI32(payload.length),
    0x36,
    2,
    0,
    ...constI32(1),
    ...constI32(0),
    ...constI32(1),
    ...constI32(8),
    0x10,
    0, // call fd_write
    0x1a, // drop the errno
    0x0b,
  ];
  const codeSec = section(10, vec([[...uleb(code.length), ...code]]));
  const data = section(11, vec([[0x00, ...constI32(DATA_AT), 0x0b, ...uleb(payload.length), ...payload]]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...memory, ...exports, ...codeSec, ...data]);
}
