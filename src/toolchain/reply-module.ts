/**
 * A stand-in that answers what the project's code says. The Dojo compiles nothing, but a template's
 * handler is one fixed reply (`.body("Hello, Fermyon")`, `fmt.Fprintln(w, "Hello from Go!")`,
 * `res.send('Hello from TypeScript!')`...), so the simulated build reads that reply from the source and
 * emits a real, minimal WASI command that writes it in Spin's WAGI form: `content-type: …`, a blank
 * line, the body. Edit the text in the source, build again, and curl gets the new text; any other
 * change to the code has no effect (the build's dojo: line says so).
 */
import { stripComments } from './stand-in';

export interface SourceReply {
  body: string;
  contentType: string;
  /** The source file the reply was read from. */
  path: string;
}

/** The body of a string literal, with the escapes the template languages share (\n \t \" \' \\ \r). */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (({ n: '\n', t: '\t', r: '\r', '0': '\0' }) as Record<string, string>)[c] ?? c);
}

const STR = String.raw`"((?:[^"\\\n]|\\.)*)"`;
const STR1 = String.raw`'((?:[^'\\\n]|\\.)*)'`;

/** Per language: the reply call, whether it appends a newline. */
const REPLIES: Array<{ ext: RegExp; pattern: RegExp; newline: boolean }> = [
  // Rust (spin_sdk): Response::builder()...body("...")
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\.body\(\s*${STR}\s*\)`), newline: false },
  // Rust Workers (workers-rs): Response::ok("..."); Fastly Compute Rust: Response::from_body("...") / .with_body("...")
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\bResponse::(?:ok|from_body)\(\s*${STR}\s*\)`), newline: false },
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\.with_body\(\s*${STR}\s*\)`), newline: false },
  // Go (net/http): fmt.Fprintln(w, "...") / fmt.Fprint(w, "...")
  { ext: /\.go$/, pattern: new RegExp(String.raw`fmt\.Fprintln\(\s*\w+\s*,\s*${STR}\s*\)`), newline: true },
  { ext: /\.go$/, pattern: new RegExp(String.raw`fmt\.Fprint\(\s*\w+\s*,\s*${STR}\s*\)`), newline: false },
  // JavaScript / TypeScript (spin-js-sdk): res.send('...') or res.send("...")
  { ext: /\.[jt]s$/, pattern: new RegExp(String.raw`\bres\.send\(\s*(?:${STR1}|${STR})\s*\)`), newline: false },
  // Workers / Fastly JavaScript: new Response('...') or new Response("...")
  { ext: /\.[jt]s$/, pattern: new RegExp(String.raw`\bnew Response\(\s*(?:${STR1}|${STR})\s*[,)]`), newline: false },
  // Python (spin-sdk): Response(200, {...}, bytes("...", "utf-8"))
  { ext: /\.py$/, pattern: new RegExp(String.raw`\bbytes\(\s*${STR}\s*,\s*"utf-8"\s*\)`), newline: false },
];

const CONTENT_TYPE = /["']content-type["']\s*[,:]\s*["']([^"'\n]+)["']/i;

/**
 * The one fixed reply the handler code gives, if the project has exactly one (a handler that computes
 * its answer, or several candidate replies, gives null: then no source-derived stand-in is made).
 */
export function sourceReply(sources: ReadonlyArray<{ path: string; text: string }>): SourceReply | null {
  const found: SourceReply[] = [];
  for (const src of sources) {
    const text = stripComments(src.text);
    for (const r of REPLIES) {
      if (!r.ext.test(src.path)) continue;
      const all = [...text.matchAll(new RegExp(r.pattern.source, 'g'))];
      for (const m of all) {
        const literal = m[1] ?? m[2] ?? '';
        if (literal.length > 16 * 1024) return null;
        const type = CONTENT_TYPE.exec(text)?.[1] ?? 'text/plain';
        found.push({ body: unescape(literal) + (r.newline ? '\n' : ''), contentType: type, path: src.path });
      }
      if (all.length) break;
    }
  }
  return found.length === 1 ? found[0]! : null;
}

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
