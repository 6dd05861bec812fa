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
import { replyModule } from '../lib/wasi-output-module';
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

/** The SpinKube sample's one component: a WAGI reply, `Hello world from Spin!`. */
export function helloSpinModule(): Uint8Array {
  return replyModule('text/plain', 'Hello world from Spin!\n');
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
