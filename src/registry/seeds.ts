/**
 * The public sample images every Dojo machine's registry starts with, built at start-up from our own
 * precompiled modules (public/modules) in the layout the real tools produce:
 *
 * - `ghcr.io/example/hello-wasm:latest` (primer §5's Pod image): hello.wasm in the CNCF Wasm layout, as
 *   `oras push --config config.json:application/vnd.wasm.config.v0+json … hello.wasm:application/wasm`
 *   writes it (config `architecture: "wasm"`, `os: "wasip1"`, one `application/wasm` layer): what
 *   runwasi's shims accept.
 * - `ghcr.io/example/my-api:latest` (primer §5's SpinApp): a Spin app as `spin registry push` lays it out,
 *   its component the WAGI greeting module.
 * - `ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0` (the SpinKube quickstart's
 *   sample, whose `/hello` answers `Hello world from Spin!` — the tag the SpinKube docs use): a Spin app
 *   whose component is a tiny WAGI module written here, answering exactly that.
 *
 * Seeding is idempotent and never moves a tag the learner has moved. Dates are fixed so the digests are
 * the same on every machine (a registry's sample images do not change under you).
 */
import { pushSpinApp } from './artifacts/spin-app';
import { pushCncfWasm } from './layouts';
import type { OciStore } from './store';

export const SEEDED = {
  helloWasm: 'ghcr.io/example/hello-wasm:latest',
  myApi: 'ghcr.io/example/my-api:latest',
  spinRustHello: 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0',
} as const;

export const SEED_DATE = new Date(Date.UTC(2024, 0, 15, 12, 0, 0));

const MY_API_TOML = `spin_manifest_version = 2

[application]
name = "my-api"
version = "0.1.0"
authors = ["Example <dev@example.com>"]
description = "A sample Spin API (Wasm Dojo seed image)"

[[trigger.http]]
route = "/..."
component = "my-api"
executor = { type = "wagi" }

[component.my-api]
source = "my_api.wasm"
allowed_outbound_hosts = []
`;

const SPIN_RUST_HELLO_TOML = `spin_manifest_version = 2

[application]
name = "spin-rust-hello"
version = "0.1.0"
authors = ["SpinKube sample"]
description = "The SpinKube quickstart sample (Wasm Dojo seed image)"

[[trigger.http]]
route = "/hello"
component = "hello"
executor = { type = "wagi" }

[[trigger.http]]
route = "/go-hello"
component = "hello"
executor = { type = "wagi" }

[component.hello]
source = "spin_rust_hello.wasm"
`;

/**
 * A WASI command that writes a CGI response (`content-type: text/plain`, blank line,
 * `Hello world from Spin!`) and returns: hand-assembled bytes of
 * (module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
 *   (memory (export "memory") 1) (data (i32.const 16) "content-type: text/plain\n\nHello world from Spin!\n")
 *   (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const LEN))
 *     (drop (call 0 (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
 */
export function helloSpinModule(): Uint8Array {
  const text = new TextEncoder().encode('content-type: text/plain\n\nHello world from Spin!\n');
  const len = text.length;
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const str = (s: string) => [...leb(s.length), ...new TextEncoder().encode(s)];
  const type = section(1, [2, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 0]);
  const imp = section(2, [1, ...str('wasi_snapshot_preview1'), ...str('fd_write'), 0, 0]);
  const func = section(3, [1, 1]);
  const mem = section(5, [1, 0, 1]);
  const exp = section(7, [2, ...str('memory'), 2, 0, ...str('_start'), 0, 1]);
  const code = [
    0, // no locals
    0x41,
    0,
    0x41,
    16,
    0x36,
    2,
    0, // i32.store [0] = 16
    0x41,
    4,
    0x41,
    ...sleb(len),
    0x36,
    2,
    0, // i32.store [4] = len
    0x41,
    1,
    0x41,
    0,
    0x41,
    1,
    0x41,
    8,
    0x10,
    0,
    0x1a, // drop (fd_write 1 0 1 8)
    0x0b,
  ];
  const codeSec = section(10, [1, ...leb(code.length), ...code]);
  const data = section(11, [1, 0, 0x41, 16, 0x0b, ...leb(len), ...text]);
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imp, ...func, ...mem, ...exp, ...codeSec, ...data]);
}

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

/** Reads one of public/modules' files (e.g. `hello.wasm`), or null when it is not installed. */
export type ModuleSource = (file: string) => Uint8Array | null;

/** Seeds the sample images whose tags are not there yet. Returns the references it pushed. */
export async function seedRegistry(store: OciStore, readModule: ModuleSource): Promise<string[]> {
  const pushed: string[] = [];
  const missing = (ref: string) => !store.resolve(ref);
  const hello = readModule('hello.wasm');
  if (hello && missing(SEEDED.helloWasm)) {
    await pushCncfWasm(store, SEEDED.helloWasm, hello, 'hello.wasm', { created: SEED_DATE, os: 'wasip1' });
    pushed.push(SEEDED.helloWasm);
  }
  const wagi = readModule('wagi-hello.wasm');
  if (wagi && missing(SEEDED.myApi)) {
    await pushSpinApp(
      store,
      SEEDED.myApi,
      { manifestText: MY_API_TOML, modules: new Map([['my-api', wagi]]) },
      { name: 'my-api', version: '0.1.0', created: SEED_DATE },
    );
    pushed.push(SEEDED.myApi);
  }
  if (missing(SEEDED.spinRustHello)) {
    await pushSpinApp(
      store,
      SEEDED.spinRustHello,
      { manifestText: SPIN_RUST_HELLO_TOML, modules: new Map([['hello', helloSpinModule()]]) },
      { name: 'spin-rust-hello', version: '0.1.0', created: SEED_DATE },
    );
    pushed.push(SEEDED.spinRustHello);
  }
  return pushed;
}
