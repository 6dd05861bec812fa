/**
 * E2E in Chromium: spin new -> build -> up -> curl shows the component's answer;
 * a denied outbound host shows Spin's warning; allowing it in spin.toml fixes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { reloadDojo, run, waitForPrompt, waitForText } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();

test('spin new, build, up, curl: the real component answers', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'spin new -t http-rust my-api --accept-defaults'), '');
    await run(page, 'cd my-api');
    // The build command is cargo's: without the target's std it fails as `cargo build` typed by hand does.
    assert.match((await run(page, 'spin build')).replace(/\n/g, ''), /can't find crate for `std`.*rustup target add wasm32-wasip1/);
    await run(page, 'rustup target add wasm32-wasip1');
    const build = await run(page, 'spin build');
    assert.match(build, /Building component my-api with `cargo build --target wasm32-wasip1 --release`/);
    assert.match(build, /Finished building all Spin components/);
    const up = await run(page, 'spin up');
    assert.match(up, /Serving http:\/\/127\.0\.0\.1:3000/);
    assert.match(up, /my-api: http:\/\/127\.0\.0\.1:3000 \(wildcard\)/);
    const res = await run(page, 'curl http://127.0.0.1:3000/hello', { timeout: 20000 });
    // What the scaffold's src/lib.rs returns: the build made its stand-in from that reply.
    assert.match(res, /Hello, Fermyon/);
    assert.match(await run(page, 'curl -i localhost:3000/x'), /HTTP\/1\.1 200 OK/);
    await run(page, 'kill %1');
    assert.match(
      await run(page, 'curl 127.0.0.1:3000'),
      /curl: \(7\) Failed to connect to 127\.0\.0\.1 port 3000 after 0 ms: Couldn't connect to server/,
    );
  }));

test('outbound: a denied host shows the warning; allowing it in spin.toml fixes it', () =>
  withDojo(async (page) => {
    await run(page, 'spin new -t http-rust quotes --accept-defaults && cd quotes');
    await run(page, `echo 'fn handle() { let res = spin_sdk::http::send(req); }' > src/lib.rs`);
    await run(page, 'rustup target add wasm32-wasip1');
    // The screen wraps the long dojo: line at its width.
    assert.match((await run(page, 'spin build')).replace(/\n/g, ''), /wagi-outbound\.wasm/);
    await run(page, 'spin up');
    // The server's log lines land on the terminal while curl runs (the screen wraps at its width).
    const denied = (await run(page, 'curl -s 127.0.0.1:3000/', { timeout: 20000 })).replace(/\n/g, '');
    assert.ok(
      denied.includes("Warning: A component tried to make an outbound network connection to disallowed destination 'https://api.example.com'."),
      denied,
    );
    assert.ok(
      denied.includes(`To allow this request, add 'allowed_outbound_hosts = ["https://api.example.com"]' to the manifest component section.`),
      denied,
    );
    assert.ok(denied.includes('ErrorCode::HttpRequestDenied'), denied);
    await run(page, 'kill %1');
    // The learner fixes the manifest (here rewritten with echo, as the editor is not driven).
    const manifest = [
      'spin_manifest_version = 2',
      '[application]',
      'name = "quotes"',
      'version = "0.1.0"',
      '[[trigger.http]]',
      'route = "/..."',
      'component = "quotes"',
      '[component.quotes]',
      'source = "target/wasm32-wasip1/release/quotes.wasm"',
      'allowed_outbound_hosts = ["https://api.example.com"]',
    ];
    await run(page, `echo '${manifest[0]}' > spin.toml`);
    for (const line of manifest.slice(1)) await run(page, `echo '${line}' >> spin.toml`);
    await run(page, 'spin up');
    assert.match(await run(page, 'curl -s 127.0.0.1:3000/', { timeout: 20000 }), /Upstream https:\/\/api\.example\.com\/quote answered 200:/);
  }));

test('spin new asks its questions in the terminal (default pre-filled, invalid path re-asked)', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await page.keyboard.type('spin new -t http-rust web');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Description:');
    await page.keyboard.type('My web app');
    await page.keyboard.press('Enter');
    await waitForText(page, 'HTTP path: /...');
    // Replace the pre-filled default with an invalid value, then a valid one.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('nope');
    await page.keyboard.press('Enter');
    await waitForText(page, "Invalid value: 'nope' does not match pattern");
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('/web/...');
    await page.keyboard.press('Enter');
    await waitForPrompt(page);
    const toml = await run(page, 'cat web/spin.toml');
    assert.match(toml, /description = "My web app"/);
    assert.match(toml, /route = "\/web\/\.\.\."/);
  }));

test('spin registry push survives a reload; spin up --from runs it without the app folder', () =>
  withDojo(async (page) => {
    await run(page, 'spin new -t http-rust my-api --accept-defaults && cd my-api && rustup target add wasm32-wasip1');
    assert.match(await run(page, 'spin build'), /Finished building all Spin components/);
    assert.match(await run(page, 'spin registry push ttl.sh/my-api:1h'), /Pushed with digest sha256:[0-9a-f]{64}/);
    await run(page, 'cd && rm -r my-api');
    // Let the registry save (debounced), then reload the page: the machine comes back from IndexedDB.
    await page.waitForTimeout(800);
    await reloadDojo(page);
    assert.match(await run(page, 'spin up --from ttl.sh/my-api:1h'), /Serving http:\/\/127\.0\.0\.1:3000/);
    assert.equal(await run(page, 'curl -s 127.0.0.1:3000/hello', { timeout: 20000 }), 'Hello, Fermyon');
    await run(page, 'kill %1');
    const missing = (await run(page, 'spin up --from ttl.sh/nobody:1h')).replace(/\n/g, '');
    assert.match(missing, /Error: cannot pull Spin application from registry reference "ttl\.sh\/nobody:1h"/);
  }));
