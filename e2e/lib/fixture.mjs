/**
 * The per-file set-up most e2e files share: one Chromium for the file, and a fresh app (its own
 * storage) per test, where any uncaught page error fails the test.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { openDojo } from './terminal.mjs';

/** Registers the browser's before/after hooks and returns `withDojo(fn, openOptions)`. */
export function dojoPerTest() {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return async function withDojo(fn, opts) {
    const dojo = await openDojo(browser, opts);
    try {
      await fn(dojo.page);
      assert.deepEqual(dojo.errors.map(String), [], 'the page threw');
    } finally {
      await dojo.context.close();
    }
  };
}
