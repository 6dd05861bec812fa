/**
 * E2E in Chromium: the primer's build and edge commands typed into the real terminal: cargo new ->
 * build for wasm32-wasip1 -> wasmtime; tinygo build -> wasmtime; wrangler dev + curl; fastly compute
 * serve + curl. The servers run as background jobs (the shell's `&` is not on main yet: they put
 * themselves in the background as spin up does).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { run, screenText, waitForPrompt, waitForText } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();
const flat = (s) => s.replace(/\n/g, '');

test('cargo new, cargo build --target wasm32-wasip1 --release, wasmtime runs it', () =>
  withDojo(async (page) => {
    // The primer's old target first: refused as today's toolchain refuses it, with one dojo: line.
    const old = flat(await run(page, 'rustup target add wasm32-wasi'));
    assert.match(old, /error: toolchain 'stable-x86_64-unknown-linux-gnu' does not support target 'wasm32-wasi'/);
    assert.match(old, /dojo: wasm32-wasi was renamed wasm32-wasip1/);
    await run(page, 'rustup target add wasm32-wasip1');
    const out = flat(
      await run(
        page,
        'cargo new hello && cd hello && cargo build --target wasm32-wasip1 --release && wasmtime target/wasm32-wasip1/release/hello.wasm',
        { timeout: 20000 },
      ),
    );
    assert.match(out, /Creating binary \(application\) `hello` package/);
    assert.match(out, /Finished `release` profile \[optimized\] target\(s\)/);
    assert.match(out, /dojo: simulated build, nothing was compiled: target\/wasm32-wasip1\/release\/hello\.wasm <- the precompiled hello module/);
    assert.match(out, /Hello, world!/);
  }));

test('tinygo build -o app.wasm -target=wasip1 main.go, then wasmtime app.wasm', () =>
  withDojo(async (page) => {
    await run(page, `echo 'package main; import "fmt"; func main() { fmt.Println("Hello, world!") }' > main.go`);
    const out = flat(await run(page, 'tinygo build -o app.wasm -target=wasip1 main.go && wasmtime app.wasm', { timeout: 20000 }));
    assert.match(out, /app\.wasm <- the precompiled hello module/);
    assert.match(out, /Hello, world!/);
    assert.match(await run(page, 'tinygo version'), /tinygo version 0\.39\.0 linux\/amd64/);
  }));

test('wrangler dev serves a Worker on localhost:8787 and curl gets its answer', () =>
  withDojo(async (page) => {
    const init = flat(await run(page, 'wrangler init my-worker --type rust'));
    assert.match(init, /✘ \[ERROR\] Unknown argument: type/);
    assert.match(init, /dojo: wrangler 2\+ has no --type/);
    // C3's output is taller than the terminal: keep it in a file so the screen keeps the command line.
    await run(page, 'npm create cloudflare@latest hello-worker -- --type=hello-world --lang=ts > c3.log');
    assert.match(await run(page, 'tail -3 c3.log'), /discord\.cloudflare\.com/);
    const dev = flat(await run(page, 'cd hello-worker && wrangler dev', { timeout: 20000 }));
    assert.match(dev, /⛅️ wrangler 4\.164\.0/);
    assert.match(dev, /\[b\] open a browser/);
    assert.match(dev, /\[wrangler:info\] Ready on http:\/\/localhost:8787/);
    const curl = flat(await run(page, 'curl http://localhost:8787/', { timeout: 20000 }));
    assert.match(curl, /Hello World!/);
    assert.match(curl, /\[wrangler:info\] GET \/ 200 OK \(\d+ms\)/);
    assert.match(await run(page, 'jobs'), /\[1\].*wrangler dev/);
    await run(page, 'kill %1');
  }));

test('fastly compute serve on 127.0.0.1:7676 answers curl from the package it built', () =>
  withDojo(async (page) => {
    await run(page, 'rustup target add wasm32-wasip1');
    await run(page, 'mkdir edge-app && cd edge-app');
    const init = flat(await run(page, 'fastly compute init --from https://github.com/fastly/compute-starter-kit-rust-default --accept-defaults'));
    assert.match(init, /SUCCESS: Initialized package edge-app/);
    const serve = flat(await run(page, 'fastly compute serve', { timeout: 20000 }));
    assert.match(serve, /SUCCESS: Built package \(pkg\/edge-app\.tar\.gz\)/);
    assert.match(serve, /✓ Running local server/);
    assert.match(serve, /INFO Listening on http:\/\/127\.0\.0\.1:7676/);
    const curl = flat(await run(page, 'curl http://127.0.0.1:7676/', { timeout: 20000 }));
    assert.match(curl, /Welcome to Fastly Compute!/);
    assert.match(curl, /INFO request\{id=0\}: response status: 200/);
    assert.match(await run(page, 'ls pkg'), /edge-app\.tar\.gz/);
  }));

test("the primer's build and edge commands, typed as printed: today's answers and one dojo: line each", () =>
  withDojo(async (page) => {
    const rust = flat(await run(page, 'rustup target add wasm32-wasi && cargo build --target wasm32-wasi --release'));
    assert.match(rust, /does not support target 'wasm32-wasi'/);
    assert.equal((rust.match(/dojo: /g) ?? []).length, 1);
    const go = flat(await run(page, 'tinygo build -o myapp.wasm -target=wasi main.go'));
    assert.match(go, /no required module provides package main\.go: go\.mod file not found/);
    assert.match(flat(await run(page, 'npm install -g wrangler')), /dojo: wrangler 4\.164\.0 is already installed in the Dojo/);
    assert.match(flat(await run(page, 'wrangler dev')), /✘ \[ERROR\] Missing entry-point to Worker script/);
    assert.match(flat(await run(page, 'wrangler deploy')), /✘ \[ERROR\] Missing entry-point to Worker script/);
    await run(page, 'mkdir starter && cd starter');
    await page.keyboard.press('Control+L');
    await page.keyboard.type('fastly compute init --from https://github.com/example/starter');
    await page.keyboard.press('Enter');
    for (const question of ['Name: [starter]', 'Description:', 'Author (email):']) {
      await waitForText(page, question);
      await page.keyboard.press('Enter');
    }
    await waitForText(page, "ERROR: failed to get package 'https://github.com/example/starter'");
    await waitForPrompt(page);
    assert.match(
      flat(await screenText(page)),
      /dojo: the Dojo is offline; its starter kits: https:\/\/github\.com\/fastly\/compute-starter-kit-rust-default/,
    );
    assert.equal((await run(page, 'echo $?', { clear: false })).trim(), '1');
    const screen = flat(await run(page, 'fastly compute build'));
    assert.match(screen, /ERROR: error reading fastly\.toml\./);
  }));
