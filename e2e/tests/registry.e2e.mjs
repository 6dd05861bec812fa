/**
 * E2E in Chromium: primer §8's commands typed as printed (after the login a public registry needs),
 * a pull by digest after a reload (the registry lives in IndexedDB), and the Registry tab: a tag's
 * manifest as a tree of descriptors, a digest copied by keyboard, no serious axe violation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { reloadDojo, run } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();
const flat = (s) => s.replace(/\n/g, '');

test('primer §8 as printed, then a pull by digest after a reload', () =>
  withDojo(async (page) => {
    await run(page, 'cp hello.wasm myapp.wasm');
    // Before any login, GHCR refuses the push, in the tool's words, then one dojo: line.
    const refused = flat(await run(page, 'wasm-to-oci push myapp.wasm ghcr.io/myorg/myapp:v1.0.0'));
    assert.match(refused, /Error: unexpected status from POST request to https:\/\/ghcr\.io\/v2\/myorg\/myapp\/blobs\/uploads\/: 401 Unauthorized/);
    assert.match(refused, /dojo: simulated registry: pushing to ghcr\.io needs a login first/);
    assert.match(await run(page, 'oras login ghcr.io -u me -p secret'), /Login Succeeded/);
    const pushed = flat(await run(page, 'wasm-to-oci push myapp.wasm ghcr.io/myorg/myapp:v1.0.0'));
    assert.match(pushed, /INFO\[0000\] Pushed: ghcr\.io\/myorg\/myapp:v1\.0\.0/);
    const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.replace(/\s+/g, ' '))?.[1];
    assert.ok(digest, pushed);

    await run(page, 'spin new -t http-rust my-spin-app --accept-defaults && cd my-spin-app');
    await run(page, 'rustup target add wasm32-wasip1');
    await run(page, 'spin build');
    assert.match(await run(page, 'spin registry push ghcr.io/myorg/my-spin-app:v1.0.0'), /Pushed with digest sha256:[a-f0-9]{64}/);
    await run(page, 'cd');
    // wasmtime has no oci:// scheme: its real error, then the dojo: hint.
    const oci = flat(await run(page, 'wasmtime run oci://ghcr.io/myorg/myapp:v1.0.0'));
    assert.match(oci, /failed to open wasm module "oci:\/\/ghcr\.io\/myorg\/myapp:v1\.0\.0"/);

    await reloadDojo(page);
    const pulled = flat(await run(page, `oras pull ghcr.io/myorg/myapp@${digest} -o /tmp`));
    assert.match(pulled, /Pulled \[registry\] ghcr\.io\/myorg\/myapp@sha256:/);
    assert.equal(await run(page, 'wasmtime /tmp/myapp.wasm'), 'Hello, world!');
    // The Spin app survived the reload too, and runs from the registry.
    assert.match(flat(await run(page, 'spin up --from ghcr.io/myorg/my-spin-app:v1.0.0')), /Serving http:\/\/127\.0\.0\.1:3000/);
    assert.match(await run(page, 'curl -s http://127.0.0.1:3000/'), /\S/);
    await run(page, 'kill %1');
  }));

test('the Registry tab: a manifest tree, a digest copied from the keyboard, axe-clean', () =>
  withDojo(async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await run(page, 'oras push localhost:5000/hello:v1 hello.wasm:application/wasm');
    const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
    if (!(await pane.isVisible())) await page.getByRole('button', { name: 'Lessons & trace' }).click();
    await page.getByRole('tab', { name: 'Registry' }).click();
    const panel = page.locator('#panel-registry');
    await panel.getByRole('heading', { name: 'Registry' }).waitFor({ timeout: 10000 });
    // The seeded public samples are listed beside the push.
    await panel.getByRole('heading', { name: 'ghcr.io/example/hello-wasm' }).waitFor();
    const tag = panel.getByRole('list', { name: 'Tags of localhost:5000/hello' }).getByRole('button', { name: 'v1' });
    await tag.focus();
    await page.keyboard.press('Enter');
    const tree = panel.getByRole('region', { name: /Manifest of localhost:5000\/hello:v1/ });
    await tree.waitFor();
    const text = await tree.innerText();
    assert.match(text, /application\/vnd\.oci\.empty\.v1\+json/);
    assert.match(text, /layer 0/);
    assert.match(text, /hello\.wasm/);
    const layerDigest = 'sha256:c1c286e14fb029f2c069bd863dee6637c803b10d8b206d005dabbe1ad44d11b6';
    await tree.getByRole('button', { name: `Copy digest ${layerDigest}` }).focus();
    await page.keyboard.press('Enter');
    await panel
      .getByRole('status')
      .filter({ hasText: `Copied ${layerDigest}` })
      .waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), layerDigest);
    const found = await seriousViolations(page);
    assert.deepEqual(found, []);
    // Light theme too.
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await seriousViolations(page), []);
  }));

test('the Registry tab on a phone: it fits the width and stays axe-clean', async () => {
  const { launchBrowser } = await import('../lib/browser.mjs');
  const { openDojo } = await import('../lib/terminal.mjs');
  const browser = await launchBrowser();
  try {
    const { context, page } = await openDojo(browser, { viewport: { width: 390, height: 844 } });
    try {
      const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
      if (!(await pane.isVisible())) await page.getByRole('button', { name: 'Lessons & trace' }).click();
      await page.getByRole('tab', { name: 'Registry' }).click();
      const panel = page.locator('#panel-registry');
      // The samples are built after the first prompt, behind the lessons and the big commands: on a
      // loaded machine that takes a while (the test below holds it back on purpose).
      await panel.getByRole('heading', { name: 'ghcr.io/example/my-api' }).waitFor({ timeout: 30000 });
      await panel.getByRole('list', { name: 'Tags of ghcr.io/example/my-api' }).getByRole('button', { name: 'latest' }).click();
      await panel.getByRole('region', { name: /Manifest of ghcr.io\/example\/my-api:latest/ }).waitFor();
      const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 1, `the panel scrolls sideways by ${overflow}px`);
      assert.deepEqual(await seriousViolations(page), []);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('while the sample images are still being built, the tab says so instead of "Nothing is stored yet"', () => {
  /** @type {(value?: unknown) => void} */
  let release = () => undefined;
  const held = new Promise((resolve) => (release = resolve));
  return withDojo(
    async (page) => {
      const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
      if (!(await pane.isVisible())) await page.getByRole('button', { name: 'Lessons & trace' }).click();
      await page.getByRole('tab', { name: 'Registry' }).click();
      const panel = page.locator('#panel-registry');
      await panel.getByText('Adding the public sample images…').waitFor({ timeout: 10000 });
      assert.equal(await panel.getByText('Nothing is stored yet.').count(), 0);
      release();
      await panel.getByRole('heading', { name: 'ghcr.io/example/my-api' }).waitFor({ timeout: 30000 });
      assert.equal(await panel.getByText('Adding the public sample images…').count(), 0);
    },
    {
      // The precompiled modules (what the samples are built from) are held until the tab has been seen.
      beforeLoad: (context) =>
        context.route('**/modules/*', async (route) => {
          await held;
          await route.continue();
        }),
    },
  );
});
