#!/usr/bin/env node
/**
 * Takes the README's trainer screenshot (docs/trainer.png) from a running server:
 *   npx vite preview --port 4173 & E2E_BASE_URL=http://127.0.0.1:4173/ node e2e/screenshot-trainer.mjs
 * A mock interview started in the terminal (its clock in the Practice tab), a review card open.
 */
import { launchBrowser } from './lib/browser.mjs';
import { openDojo, run } from './lib/terminal.mjs';

const browser = await launchBrowser();
try {
  const { page } = await openDojo(browser, { viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
  let help = '';
  for (let i = 0; i < 40 && !help.includes('Usage'); i++) {
    help = await run(page, 'interview --help', { source: 'drawn' });
    if (!help.includes('Usage')) await page.waitForTimeout(250);
  }
  await run(page, 'lesson least-privilege-dir', { source: 'drawn' });
  await run(page, 'wasmtime run --dir site::/ modules/config-reader.wasm', { source: 'drawn' });
  await page.keyboard.press('Control+L');
  await page.keyboard.type('interview --minutes 15 --level L2 --seed 3');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await page.goto(`${page.url().split('#')[0]}#/practice`);
  await page.waitForTimeout(1500);
  const pane = page.locator('[data-testid="practice-pane"]');
  await pane.waitFor({ timeout: 20000 });
  await pane.getByRole('button', { name: /^Review/ }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: new URL('../docs/trainer.png', import.meta.url).pathname });
  console.log('wrote docs/trainer.png');
} finally {
  await browser.close();
}
