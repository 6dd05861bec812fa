#!/usr/bin/env node
/**
 * Takes the README screenshot (docs/screenshot.png) from a running server:
 *   npx vite preview --port 4173 & E2E_BASE_URL=http://127.0.0.1:4173/ node e2e/screenshot.mjs
 */
import { launchBrowser } from './lib/browser.mjs';
import { openDojo, run } from './lib/terminal.mjs';

const browser = await launchBrowser();
try {
  const { page } = await openDojo(browser, { viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
  await run(page, 'ls ~/modules');
  await run(page, 'wasmtime hello.wasm', { clear: false });
  await run(page, 'wasmtime --dir /data config-reader.wasm', { clear: false });
  await run(page, 'cat /data/output.txt', { clear: false });
  await page.getByRole('tab', { name: 'Trace' }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
}
