/** `rustup` through the real Shell: the primer's wasm32-wasi refusal, adding wasm32-wasip1, listing. */
import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import { rustupCommand } from './index';

const machine = () => testShell({ extra: [rustupCommand] });

describe('rustup', () => {
  it('the primer form `target add wasm32-wasi` fails as rustup 1.29 does, then one dojo line', async () => {
    const t = machine();
    expect(await t.run('rustup target add wasm32-wasi')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        "error: toolchain 'stable-x86_64-unknown-linux-gnu' does not support target 'wasm32-wasi'; did you mean 'wasm32-wasip1'?\n" +
        'note: you can see a list of supported targets with `rustc --print=target-list`\n' +
        'note: if you are adding support for a new target to rustc itself, see https://rustc-dev-guide.rust-lang.org/building/new-target.html\n' +
        'dojo: wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1 (or wasm32-wasip2 for a component).\n',
    });
    // Nothing was installed by the failed attempt.
    expect((await t.run('rustup target list --installed')).stdout).toBe('x86_64-unknown-linux-gnu\n');
  });

  it('the dojo line is dim on a terminal and there is exactly one', async () => {
    const t = machine();
    const r = await t.run('rustup target add wasm32-wasi', { tty: true });
    expect(r.stderr.match(/dojo: /g)).toHaveLength(1);
    expect(r.stderr).toMatch(/\n\x1b\[2mdojo: wasm32-wasi was renamed[^\n]*\x1b\[0m\n$/);
  });

  it('other unknown targets: a suggestion only within 3 edits (as real rustup 1.29 answered), no dojo line', async () => {
    const t = machine();
    const far = await t.run('rustup target add wasm64-nope');
    expect(far.status).toBe(1);
    expect(far.stderr.split('\n')[0]).toBe("error: toolchain 'stable-x86_64-unknown-linux-gnu' does not support target 'wasm64-nope'");
    expect(far.stderr).not.toContain('dojo:');
    const near = await t.run('rustup target add wasm32-wasip');
    expect(near.stderr.split('\n')[0]).toBe(
      "error: toolchain 'stable-x86_64-unknown-linux-gnu' does not support target 'wasm32-wasip'; did you mean 'wasm32-wasip1'?",
    );
    expect(near.stderr).not.toContain('dojo:');
    expect(await t.run('rustup target add x86_64-unknown-linux-gnu')).toEqual({
      status: 0,
      stdout: '',
      stderr: 'info: component rust-std is up to date\n',
    });
  });

  it('adds wasm32-wasip1 once; a second add says it is up to date; list --installed shows it', async () => {
    const t = machine();
    expect(await t.run('rustup target add wasm32-wasip1')).toEqual({
      status: 0,
      stdout: '',
      stderr: 'info: downloading component rust-std\n',
    });
    expect(await t.run('rustup target add wasm32-wasip1')).toEqual({
      status: 0,
      stdout: '',
      stderr: 'info: component rust-std for target wasm32-wasip1 is up to date\n',
    });
    expect((await t.run('rustup target list --installed')).stdout).toBe('wasm32-wasip1\nx86_64-unknown-linux-gnu\n');
    expect((await t.run('rustup target list')).stdout).toBe(
      'wasm32-unknown-emscripten\nwasm32-unknown-unknown\nwasm32-wasip1 (installed)\nwasm32-wasip1-threads\nwasm32-wasip2\nwasm32v1-none\nx86_64-unknown-linux-gnu (installed)\n',
    );
    // Recorded where rustup keeps it, so a reload keeps it and `dojo reset` clears it.
    expect(t.fs.stat(`${t.shell.home}/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/lib/rustlib/wasm32-wasip1`)?.kind).toBe('dir');
  });

  it('checks every name before installing any', async () => {
    const t = machine();
    expect((await t.run('rustup target add wasm32-wasip2 wasm32-wasi')).status).toBe(1);
    expect((await t.run('rustup target list --installed')).stdout).toBe('x86_64-unknown-linux-gnu\n');
  });

  it('--version, --help says simulated, and unsimulated subcommands are refused honestly', async () => {
    const t = machine();
    expect(await t.run('rustup --version')).toEqual({
      status: 0,
      stdout: 'rustup 1.29.0 (28d1352db 2026-03-05)\n',
      stderr:
        'info: This is the version for the rustup toolchain manager, not the rustc compiler.\ninfo: the currently active `rustc` version is `rustc 1.95.0 (59807616e 2026-04-14)`\n',
    });
    expect((await t.run('rustup --help')).stdout).toMatch(/\ndojo: rustup is simulated in the Dojo/);
    expect(await t.run('rustup update')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'dojo: `rustup update` is not simulated in the Dojo; it knows `rustup target add TARGET`, `rustup target list [--installed]` and `rustup --version`.\n',
    });
    expect((await t.run('rustup target add')).stderr).toBe(
      "error: the following required arguments were not provided:\n  <TARGET>...\n\nUsage: rustup[EXE] target add <TARGET>...\n\nFor more information, try '--help'.\n",
    );
  });
});
