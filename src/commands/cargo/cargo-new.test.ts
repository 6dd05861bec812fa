/**
 * cargo new / init / run and cargo generate through the whole product: the crate cargo writes, the
 * primer's build-and-run, and the workers-rs template written offline.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';

const dojo = () => makeDojo({ lessons: false, tty: false });

describe('cargo new and init', () => {
  it('writes the crate cargo 1.95 writes and says so as cargo does', async () => {
    const d = await dojo();
    const r = await d.type('cargo new hello');
    expect(r).toMatchObject({
      status: 0,
      stdout: '',
      stderr:
        '    Creating binary (application) `hello` package\nnote: see more `Cargo.toml` keys and their definitions at https://doc.rust-lang.org/cargo/reference/manifest.html\n',
    });
    expect(d.fs.readText('/home/learner/hello/Cargo.toml')).toBe(
      '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n',
    );
    expect(d.fs.readText('/home/learner/hello/src/main.rs')).toBe('fn main() {\n    println!("Hello, world!");\n}\n');
    expect(d.fs.readText('/home/learner/hello/.gitignore')).toBe('/target\n');
    expect(await d.type('cargo new hello')).toMatchObject({
      status: 101,
      stderr: 'error: destination `/home/learner/hello` already exists\n\nUse `cargo init` to initialize the directory\n',
    });
  });

  it('--lib writes the library template; init refuses an existing package', async () => {
    const d = await dojo();
    expect((await d.type('cargo new --lib adder')).stderr).toMatch(/^ {4}Creating library `adder` package\n/);
    expect(d.fs.readText('/home/learner/adder/src/lib.rs')).toContain('pub fn add(left: u64, right: u64) -> u64 {');
    expect(await d.type('cd adder && cargo init')).toMatchObject({
      status: 101,
      stderr: 'error: `cargo init` cannot be run on existing Cargo packages\n',
    });
    await d.type('mkdir /home/learner/empty');
    expect((await d.type('cd /home/learner/empty && cargo init')).stderr).toMatch(/^ {4}Creating binary \(application\) package\n/);
    expect(d.fs.readText('/home/learner/empty/Cargo.toml')).toContain('name = "empty"');
    expect((await d.type('cargo new 1st')).stderr).toBe('error: invalid character `1` in package name: `1st`, the name cannot start with a digit\n');
  });
});

describe('the primer: cargo new, build for wasm32-wasip1, run', () => {
  it('cargo new hello && cd hello && rustup target add && cargo build --release && wasmtime runs it', async () => {
    const d = await dojo();
    await d.type('cargo new hello');
    expect((await d.type('cd hello && rustup target add wasm32-wasip1')).status).toBe(0);
    const build = await d.type('cargo build --target wasm32-wasip1 --release');
    expect(build.status).toBe(0);
    expect(build.stderr).toContain(
      'dojo: simulated build, nothing was compiled: target/wasm32-wasip1/release/hello.wasm <- the precompiled hello module',
    );
    expect(await d.type('wasmtime target/wasm32-wasip1/release/hello.wasm')).toMatchObject({ status: 0, stdout: 'Hello, world!\n' });
  });

  it('an edited println! gives a module that prints the new text; cargo run runs it', async () => {
    const d = await dojo();
    await d.type('cargo new greet');
    d.fs.writeFile('/home/learner/greet/src/main.rs', 'fn main() {\n    println!("Hi {{dojo}}");\n}\n');
    const r = await d.type('cd greet && cargo run');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Hi {dojo}\n');
    expect(r.stderr).toMatch(/ {5}Running `target\/debug\/greet`\n$/);
    expect(r.stderr).toContain('target/debug/greet <- a module that prints the fixed text your main prints');
  });

  it('cargo run --target wasm32-wasip1 fails as exec of a .wasm fails, naming wasmtime', async () => {
    const d = await dojo();
    await d.type('cargo new hello && cd hello && rustup target add wasm32-wasip1');
    const r = await d.type('cargo run --target wasm32-wasip1');
    expect(r.status).toBe(101);
    expect(r.stderr).toContain(
      'error: could not execute process `target/wasm32-wasip1/debug/hello.wasm` (never executed)\n\nCaused by:\n  Exec format error (os error 8)\n',
    );
    const ok = await d.type('CARGO_TARGET_WASM32_WASIP1_RUNNER=wasmtime cargo run --target wasm32-wasip1');
    expect(ok).toMatchObject({ status: 0, stdout: 'Hello, world!\n' });
  });
});

describe('cargo generate cloudflare/workers-rs', () => {
  it('writes the hello-world template offline, asking what cargo-generate asks', async () => {
    const d = await dojo();
    const r = await d.type('cargo generate cloudflare/workers-rs', { answers: ['templates/hello-world', 'my-worker', 'false'] });
    expect(r.status).toBe(0);
    expect(r.questions).toEqual([
      expect.stringContaining('Which sub-template should be expanded?'),
      '🤷   Project Name:',
      expect.stringContaining('Enable panic=unwind and abort recovery?'),
    ]);
    expect(r.stdout).toContain('✨   Done! New project created /home/learner/my-worker\n');
    expect(d.fs.readText('/home/learner/my-worker/src/lib.rs')).toContain('Response::ok("Hello World!")');
    expect(d.fs.readText('/home/learner/my-worker/wrangler.toml')).toMatch(
      /^name = "my-worker"\nmain = "build\/index.js"\ncompatibility_date = "\d{4}-\d\d-\d\d"\n/,
    );
    expect(d.fs.readText('/home/learner/my-worker/Cargo.toml')).toContain('crate-type = ["cdylib"]');
  });

  it('--silent without --name fails as cargo-generate does', async () => {
    const d = await dojo();
    expect((await d.type('cargo generate cloudflare/workers-rs --silent')).stderr).toBe(
      'Error: ⛔   Project Name Error: Option `--silent` provided, but project name was not set. Please use `--name`.\n',
    );
  });
});
