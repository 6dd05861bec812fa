/**
 * `cargo build` through the real Shell, with rustup and the real wasmtime: the primer's wasm32-wasi
 * refusal, the missing-target error, and a wasip1 build whose output file really runs.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmerEngine } from '../../runtime/wasmer-engine';
import { testShell, type TestShell } from '../../../test/support/shell';
import { rustupCommand } from '../rustup';
import { wasmtimeCommand } from '../wasmtime';
import { MODULES_DIR } from '../../../test/support/modules';
import { cargoCommand } from './index';
import { createMachine } from '../../machine/services';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());

const CARGO_TOML = '[package]\nname = "hello-wasi"\nversion = "0.1.0"\nedition = "2021"\n';

function machine(): TestShell {
  const t = testShell({ extra: [cargoCommand, rustupCommand, wasmtimeCommand], services: { machine: createMachine(), engine } });
  const home = t.shell.home;
  if (!t.fs.exists(`${home}/modules`)) t.fs.mkdir(`${home}/modules`);
  t.fs.writeFile(`${home}/modules/hello.wasm`, new Uint8Array(readFileSync(`${MODULES_DIR}hello.wasm`)));
  t.fs.mkdir(`${home}/hello-wasi/src`, { recursive: true });
  t.fs.writeFile(`${home}/hello-wasi/Cargo.toml`, CARGO_TOML);
  t.fs.writeFile(`${home}/hello-wasi/src/main.rs`, 'fn main() { println!("Hello, world!"); }\n');
  return t;
}

describe('cargo build', () => {
  it('the primer form --target wasm32-wasi fails as cargo does on Rust 1.84+, then one dojo line', async () => {
    const t = machine();
    const r = await t.run('cd hello-wasi && cargo build --target wasm32-wasi --release');
    expect(r.status).toBe(101);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('error: failed to run `rustc` to learn about target-specific information');
    // As a real cargo 1.95 run prints it (rustc's path is the learner's rustup toolchain).
    expect(lines.slice(0, 9)).toEqual([
      'error: failed to run `rustc` to learn about target-specific information',
      '',
      'Caused by:',
      `  process didn't exit successfully: \`${t.shell.home}/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc - --crate-name ___ --print=file-names --target wasm32-wasi --crate-type bin --crate-type rlib --crate-type dylib --crate-type cdylib --crate-type staticlib --crate-type proc-macro --print=sysroot --print=split-debuginfo --print=crate-name --print=cfg -Wwarnings\` (exit status: 1)`,
      '  --- stderr',
      '  error: error loading target specification: could not find specification for target "wasm32-wasi"',
      '    |',
      '    = help: run `rustc --print target-list` for a list of built-in targets',
      'dojo: wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1, then cargo build --target wasm32-wasip1 --release.',
    ]);
    expect(r.stderr.match(/^dojo: /gm)).toHaveLength(1);
    expect(lines.at(-2)).toBe(
      'dojo: wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1, then cargo build --target wasm32-wasip1 --release.',
    );
    expect(t.fs.exists(`${t.shell.home}/hello-wasi/target`)).toBe(false);
  });

  it('wasm32-wasip1 before `rustup target add`: rustc cannot find std', async () => {
    const t = machine();
    expect(await t.run('cd hello-wasi && cargo build --target wasm32-wasip1 --release')).toEqual({
      status: 101,
      stdout: '',
      stderr:
        `   Compiling hello-wasi v0.1.0 (${t.shell.home}/hello-wasi)\n` +
        "error[E0463]: can't find crate for `std`\n" +
        '  |\n' +
        '  = note: the `wasm32-wasip1` target may not be installed\n' +
        '  = help: consider downloading the target with `rustup target add wasm32-wasip1`\n\n' +
        'For more information about this error, try `rustc --explain E0463`.\n' +
        'error: could not compile `hello-wasi` (bin "hello-wasi") due to 1 previous error\n',
    });
  });

  it('after rustup target add wasm32-wasip1 it writes a module that wasmtime really runs', async () => {
    const t = machine();
    await t.run('rustup target add wasm32-wasip1');
    const r = await t.run('cd hello-wasi && cargo build --target wasm32-wasip1 --release');
    expect(r).toEqual({
      status: 0,
      stdout: '',
      stderr:
        `   Compiling hello-wasi v0.1.0 (${t.shell.home}/hello-wasi)\n` +
        '    Finished `release` profile [optimized] target(s) in 0.84s\n' +
        "dojo: simulated build, nothing was compiled: target/wasm32-wasip1/release/hello-wasi.wasm <- the precompiled hello module (your src/main.rs is cargo new's hello world)\n",
    });
    expect(await t.run('wasmtime target/wasm32-wasip1/release/hello-wasi.wasm')).toEqual({ status: 0, stdout: 'Hello, world!\n', stderr: '' });
  });

  it('finds Cargo.toml in a parent, builds debug without --release, and names a cdylib with underscores', async () => {
    const t = machine();
    await t.run('rustup target add wasm32-wasip1');
    t.fs.writeFile(`${t.shell.home}/hello-wasi/Cargo.toml`, `${CARGO_TOML}\n[lib]\ncrate-type = ["cdylib"]\n`);
    const r = await t.run('cd hello-wasi/src && cargo build --target=wasm32-wasip1');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('    Finished `dev` profile [unoptimized + debuginfo] target(s) in 0.84s\n');
    expect(t.fs.stat(`${t.shell.home}/hello-wasi/target/wasm32-wasip1/debug/hello_wasi.wasm`)?.kind).toBe('file');
  });

  it('no Cargo.toml, bad manifest, bad flag, unsimulated target, --help', async () => {
    const t = machine();
    expect(await t.run('cargo build --target wasm32-wasip1')).toEqual({
      status: 101,
      stdout: '',
      stderr: `error: could not find \`Cargo.toml\` in \`${t.shell.home}\` or any parent directory\n`,
    });
    t.fs.writeFile(`${t.shell.home}/hello-wasi/Cargo.toml`, '[dependencies]\n');
    expect((await t.run('cd hello-wasi && cargo build --target wasm32-wasip1')).stderr).toBe(
      `error: failed to parse manifest at \`${t.shell.home}/hello-wasi/Cargo.toml\`\n\nCaused by:\n  manifest is missing either a \`[package]\` or a \`[workspace]\`\n`,
    );
    t.fs.writeFile(`${t.shell.home}/hello-wasi/Cargo.toml`, CARGO_TOML);
    expect(await t.run('cd ~/hello-wasi && cargo build --foo')).toEqual({
      status: 1,
      stdout: '',
      stderr: "error: unexpected argument '--foo' found\n\nUsage: cargo build [OPTIONS]\n\nFor more information, try '--help'.\n",
    });
    expect(await t.run('cargo build --target')).toEqual({
      status: 101,
      stdout: '',
      stderr: 'error: "--target" takes a target architecture as an argument.\n\nRun `rustup target list` to see possible targets.\n',
    });
    const p2 = await t.run('cargo build -r --target=wasm32-wasip2');
    expect(p2.status).toBe(101);
    expect(p2.stderr).toContain('  = note: the `wasm32-wasip2` target may not be installed\n');
    expect(await t.run('cd ~/hello-wasi && cargo build')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'dojo: the Dojo simulates only `cargo build --target wasm32-wasip1` (it has a precompiled stand-in for that target, none for the host).\n',
    });
    expect((await t.run('cargo --help')).stdout).toMatch(/\ndojo: cargo is simulated in the Dojo \(there is no compiler in the browser\)/);
    expect(await t.run('cargo --version')).toEqual({ status: 0, stdout: 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)\n', stderr: '' });
  });
});
