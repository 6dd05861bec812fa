// Builds the runtime check page with Vite and runs it in headless Chromium. Usage: node test/runtime/browser/check.mjs
import { build, preview } from 'vite';
import { launchBrowser } from '../../../e2e/lib/browser.mjs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'dojo-runtime-check-'));
const config = {
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: fileURLToPath(new URL('../../../public', import.meta.url)),
  worker: { format: 'es' },
  build: { outDir, target: 'es2022', emptyOutDir: true },
  preview: { port: 4179, strictPort: true },
};
await build(config);
const server = await preview(config);
// The same Chromium and flags as the e2e suite (CHROMIUM_PATH overrides the location).
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('http://localhost:4179/');
  await page.waitForFunction(() => window.__results, null, { timeout: 60000 });
  const results = await page.evaluate(() => window.__results);
  console.log(JSON.stringify({ results, errors }, null, 2));
} finally {
  await browser.close();
  server.httpServer.close();
}
