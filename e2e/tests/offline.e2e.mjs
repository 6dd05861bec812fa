/**
 * Once opened, the Dojo works with no network. Load once, let the service worker take
 * control, go offline and reload: the app opens, a module runs, a lesson opens and grades, the
 * editor opens. Then the preview server is stopped entirely and a fresh page does it all again.
 * The whole time, the page's Content Security Policy must not block anything (the terminal, the
 * WASI worker, wabt compiling a .wat, Monaco and the lesson pane all run under it).
 * Uses its own preview server (e2e/lib/preview.mjs), since it stops it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../lib/browser.mjs';
import { startPreview } from '../lib/preview.mjs';
import { focusTerminal, run, waitForPrompt, waitForText } from '../lib/terminal.mjs';

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startPreview();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Records CSP violations in every page of the context, before any of the app's code runs. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
}

/**
 * Collects what went wrong in a page. `reload()` reloads it the way the test means to: a request
 * that was still in flight when the test reloaded (a chunk the app loads after its prompt, say)
 * is cut short by the browser with net::ERR_ABORTED, which is the test's doing, not a failure
 * offline; only those exact requests are excused.
 */
function watchPage(page) {
  const problems = [];
  const inFlight = new Set();
  const cutByReload = new Set();
  page.on('request', (req) => inFlight.add(req));
  page.on('requestfinished', (req) => inFlight.delete(req));
  page.on('pageerror', (err) => problems.push(`page error: ${err}`));
  page.on('requestfailed', (req) => {
    inFlight.delete(req);
    const error = req.failure()?.errorText;
    if (cutByReload.has(req) && error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  const reload = async () => {
    for (const req of inFlight) cutByReload.add(req);
    await page.reload();
  };
  return { problems, reload };
}

async function ready(page) {
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
}

/** What a learner does on a train: run a module, work a lesson step, open the editor. */
async function useTheDojo(page, { lessonCommand, stepId }) {
  assert.equal(await run(page, 'wasmtime hello.wasm', { timeout: 15000 }), 'Hello, world!');
  // A text module: wabt (lazy chunk) compiles it on the page, under 'wasm-unsafe-eval' only.
  await run(page, `echo '(module (func (export "_start")))' > empty.wat`);
  assert.equal(await run(page, 'wasmtime empty.wat; echo "status $?"', { timeout: 15000 }), 'status 0');

  const opened = await run(page, 'lesson wasmtime-dir', { timeout: 15000 });
  assert.match(opened, /Hand a module one directory with --dir/);
  const graded = await run(page, lessonCommand, { timeout: 15000 });
  assert.match(graded, new RegExp(`✔ step passed: ${stepId}`));

  await run(page, 'edit /data/config.json');
  const editor = page.locator('.monaco-editor');
  await editor.waitFor({ state: 'visible', timeout: 20000 });
  // The file's own text, rendered by Monaco (so its chunk, its CSS and its worker all loaded).
  await page.locator('.monaco-editor .view-lines').filter({ hasText: 'greeter' }).waitFor({ timeout: 10000 });
}

async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

test('offline after one visit, and again with the server gone', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await watchCsp(context);
  try {
    // First visit, online: the service worker installs and precaches everything.
    const page = await context.newPage();
    const { problems, reload } = watchPage(page);
    await page.goto(server.url);
    await ready(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // 'prompt' mode does not claim open pages; the next load is controlled.
    await reload();
    await ready(page);
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the service worker controls the page');
    assert.match(
      await page
        .getByRole('status')
        .filter({ hasText: /^Online/ })
        .innerText(),
      /Online/,
    );

    // Offline: the browser reports no network; everything comes from the service worker.
    await context.setOffline(true);
    await reload();
    await ready(page);
    // Chromium 150 keeps the emulated network offline across the reload (every request above went
    // to the service worker) but starts the new document with navigator.onLine = true; applying the
    // emulation again puts the page in the state a real offline browser is in, with its event.
    if (await page.evaluate(() => navigator.onLine)) {
      await context.setOffline(false);
      await context.setOffline(true);
    }
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 5000 });
    await useTheDojo(page, { lessonCommand: 'wasmtime run modules/config-reader.wasm', stepId: 'run-without-grant' });
    assert.deepEqual(await cspViolations(page), [], 'no CSP violations (offline)');
    assert.deepEqual(problems, [], 'nothing failed offline');
    await page.close();

    // The server is gone entirely (connections refused) and the browser is back online, so any
    // request that slipped past the service worker would fail for real.
    await server.stop();
    await context.setOffline(false);
    const fresh = await context.newPage();
    const { problems: freshProblems } = watchPage(fresh);
    const fromNetwork = [];
    fresh.on('response', (res) => {
      if (!res.fromServiceWorker()) fromNetwork.push(res.url());
    });
    await fresh.goto(server.url);
    await ready(fresh);
    await waitForText(fresh, 'learner@dojo');
    await useTheDojo(fresh, { lessonCommand: 'wasmtime run --dir data::/data modules/config-reader.wasm', stepId: 'grant-data' });
    assert.deepEqual(fromNetwork, [], 'every response came from the service worker');
    assert.deepEqual(await cspViolations(fresh), [], 'no CSP violations (server gone)');
    assert.deepEqual(freshProblems, [], 'nothing failed with the server gone');
  } finally {
    await context.close();
  }
});
