/**
 * The installable app: the web app manifest is valid and its icons load, Chromium finds the
 * app installable and offers it (our Install button appears and spends the offer once), and
 * offline, an outside link says it needs the network instead of opening an error page.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { baseUrl, CHROMIUM_ARGS, chromiumPath, launchBrowser } from '../lib/browser.mjs';
import { focusTerminal, openDojo, run, waitForText } from '../lib/terminal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the web app manifest is complete and every icon it names loads', async () => {
  const html = await (await fetch(baseUrl())).text();
  const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'index.html links the manifest');
  const res = await fetch(new URL(href, baseUrl()));
  assert.equal(res.status, 200);
  const manifest = await res.json();
  assert.equal(manifest.name, 'Wasm Dojo');
  assert.ok(manifest.short_name && manifest.short_name.length <= 12, 'a short name that fits under an icon');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.start_url);
  const sizes = new Set();
  for (const icon of manifest.icons) {
    const r = await fetch(new URL(icon.src, new URL(href, baseUrl())));
    assert.equal(r.status, 200, `${icon.src} loads`);
    assert.equal(r.headers.get('content-type')?.split(';')[0], icon.type, `${icon.src} is served as ${icon.type}`);
    const bytes = Buffer.from(await r.arrayBuffer());
    if (icon.type === 'image/png') {
      assert.equal(pngSize(bytes), icon.sizes, `${icon.src} really is ${icon.sizes}`);
      sizes.add(`${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`);
    } else assert.match(bytes.toString('utf8'), /<svg[\s>]/);
  }
  // The sizes browsers ask for: 192 for the home screen, 512 for the splash, a maskable one for Android.
  for (const want of ['192x192', '512x512', '512x512 maskable']) assert.ok(sizes.has(want), `an icon ${want}`);
});

test('Chromium finds the app installable and offers it: the Install button appears', async () => {
  // Installation needs a real profile (not incognito); the flag skips Chromium's
  // "has the user engaged with this site" wait so the offer comes at once.
  const profile = mkdtempSync(join(tmpdir(), 'dojo-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--bypass-app-banner-engagement-checks'],
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseUrl());
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, [], 'the manifest parses without errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium has no objection to installing it');

    // The real offer arrives and our button shows. (Not clicked here: headless Chromium's
    // install dialog has no UI to answer it, so its promise never settles.)
    await page.reload();
    await page.getByRole('button', { name: 'Install' }).waitFor({ timeout: 15000 });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the Install button shows the browser dialog once, then goes away', async () => {
  const { context, page, errors } = await openDojo(browser);
  try {
    const install = page.getByRole('button', { name: 'Install' });
    assert.equal(await install.count(), 0, 'no button while the browser offers nothing');
    // The browser's offer, with a dialog the learner dismisses.
    await page.evaluate(() => {
      window.__prompts = 0;
      const offer = /** @type {any} */ (new Event('beforeinstallprompt', { cancelable: true }));
      offer.prompt = async () => {
        window.__prompts += 1;
      };
      offer.userChoice = Promise.resolve({ outcome: 'dismissed' });
      window.dispatchEvent(offer);
      window.__defaultPrevented = offer.defaultPrevented;
    });
    assert.equal(await page.evaluate(() => window.__defaultPrevented), true, 'the mini-infobar is held back for our button');
    await install.click();
    await install.waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await page.evaluate(() => window.__prompts), 1);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('offline, an outside link says it needs the network instead of opening an error page', async () => {
  const { context, page, errors } = await openDojo(browser);
  try {
    // The chunks fetched after the first prompt (lessons, the big commands) land first: what losing
    // the network before they arrive does is the next test's subject, not this one's.
    await page.waitForLoadState('networkidle');
    // An outside link such as a lesson may carry, placed in the lesson pane.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://docs.wasmtime.dev/cli.html';
      a.textContent = 'wasmtime docs';
      document.getElementById('panel-lessons')?.append(a);
    });
    await context.setOffline(true);
    const before = page.url();
    await page.getByRole('link', { name: 'wasmtime docs' }).click();
    await page.getByRole('status').filter({ hasText: 'docs.wasmtime.dev needs the network' }).waitFor({ timeout: 5000 });
    assert.equal(page.url(), before, 'the page stayed where it was');
    // Back online, the notice goes away.
    await context.setOffline(false);
    await page
      .getByRole('status')
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 5000 });
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

/**
 * A fresh app whose chunk(s) matching `pattern` fail to download, as when the network drops right
 * after the page arrived. No service worker, so nothing answers from a cache.
 */
async function openWithChunkLost(pattern) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.route(pattern, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto(baseUrl());
  return { context, page, errors };
}

test('a lesson chunk that cannot be fetched (network lost right after the prompt) is reported, not thrown', async () => {
  const { context, page, errors } = await openWithChunkLost(/\/assets\/shell-hooks-[^/]+\.js$/);
  try {
    await waitForText(page, 'dojo: lessons could not be loaded', { timeout: 15000 });
    await page.getByText('The lessons could not be loaded. Reload the page once the network is back.').waitFor({ timeout: 5000 });
    // The terminal still works, and nothing escaped as an uncaught error.
    await focusTerminal(page);
    assert.equal(await run(page, 'echo still here'), 'still here');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('an editor chunk that cannot be fetched leaves a message in its place, and the terminal keeps working', async () => {
  const { context, page, errors } = await openWithChunkLost(/\/assets\/EditorPanel-[^/]+\.js$/);
  try {
    await waitForText(page, 'learner@dojo:~$', { timeout: 15000 });
    await focusTerminal(page);
    await page.keyboard.type('edit notes.txt');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'The editor could not be loaded' }).waitFor({ timeout: 10000 });
    await focusTerminal(page);
    assert.equal(await run(page, 'echo still here'), 'still here');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('a terminal chunk that cannot be fetched says so instead of leaving a blank page', async () => {
  const { context, page, errors } = await openWithChunkLost(/\/assets\/xterm-view-[^/]+\.js$/);
  try {
    await page.getByRole('alert').filter({ hasText: 'Wasm Dojo could not start: the terminal could not be loaded' }).waitFor({ timeout: 15000 });
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});
