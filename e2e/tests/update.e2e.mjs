/**
 * A new deployment is detected and offered, and taking it keeps the learner's work.
 * Build A is dist/ (the suite's build); build B is a second `vite build` whose only difference is
 * its build id (DOJO_BUILD_ID → <meta name="dojo-build">), so its precache manifest and sw.js
 * differ, as on a real deploy. A and B are served in turn on the same port (same origin), with a
 * private preview server (e2e/lib/preview.mjs).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../lib/browser.mjs';
import { buildTo, freePort, startPreview } from '../lib/preview.mjs';
import { focusTerminal, run, waitForPrompt } from '../lib/terminal.mjs';

const BUILD_B = 'e2e-update-b';
let browser;
let server;
let outDirB;
before(async () => {
  outDirB = mkdtempSync(join(tmpdir(), 'dojo-build-b-'));
  buildTo(outDirB, { DOJO_BUILD_ID: BUILD_B });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (outDirB) rmSync(outDirB, { recursive: true, force: true });
});

async function ready(page) {
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
}

const buildId = (page) => page.locator('meta[name="dojo-build"]').getAttribute('content');

test('a new build shows the reload toast; Reload keeps files and lesson progress', async () => {
  const port = await freePort();
  server = await startPreview({ port });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(server.url);
    await ready(page);
    const buildA = await buildId(page);
    assert.notEqual(buildA, BUILD_B);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);

    // The learner's work on version A: a file and a passed lesson step.
    await run(page, 'echo "my notes survive updates" > notes.txt');
    await run(page, 'lesson wasmtime-dir', { timeout: 15000 });
    assert.match(await run(page, 'wasmtime run modules/config-reader.wasm', { timeout: 15000 }), /✔ step passed: run-without-grant/);
    // No toast while nothing new is deployed.
    assert.equal(await page.getByRole('alert').filter({ hasText: 'new version' }).count(), 0);

    // Deploy B on the same origin and let the page look for it (browsers also do this on navigation).
    await server.stop();
    server = await startPreview({ outDir: outDirB, port });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const toast = page.getByRole('alert').filter({ hasText: 'A new version of Wasm Dojo is ready' });
    await toast.waitFor({ timeout: 20000 });
    // Still version A until the learner says so.
    assert.equal(await buildId(page), buildA);

    await Promise.all([page.waitForEvent('load', { timeout: 20000 }), toast.getByRole('button', { name: 'Reload' }).click()]);
    await ready(page);
    assert.equal(await buildId(page), BUILD_B, 'the page now runs build B');
    assert.equal(await page.getByRole('alert').filter({ hasText: 'new version' }).count(), 0, 'the toast is gone');

    assert.equal(await run(page, 'cat notes.txt'), 'my notes survive updates');
    // The catalogue is taller than the screen now: read the one line of the lesson.
    const list = await run(page, 'lessons | grep wasmtime-dir');
    assert.match(list, /wasmtime-dir.*1\/\d+ steps/, 'the passed step is still passed');
    assert.deepEqual(errors, [], 'the page threw');
  } finally {
    await context.close();
  }
});
