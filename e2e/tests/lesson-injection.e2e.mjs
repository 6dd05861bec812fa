/**
 * A learner's answer must stay text in the lesson pane. The quiz grader's message used to wrap the
 * answer in one pair of backticks, so an answer holding a backtick closed the code span and the
 * rest became Markdown: a broken image and a real link ("Session expired: sign in again") in the
 * pane. Typed here into the real terminal, rendered by the real pane (marked + DOMPurify) in Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { baseUrl, launchBrowser } from '../lib/browser.mjs';
import { focusTerminal, run, waitForPrompt } from '../lib/terminal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a hostile quiz answer is shown as text in the pane: no image, no link', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  try {
    await page.goto(`${baseUrl()}#/lesson/runtimes-and-maintainers`);
    await waitForPrompt(page, '', { timeout: 15000 });
    await focusTerminal(page);
    const pane = page.locator('#panel-lessons');
    await run(page, 'wasmtime --version', { timeout: 15000 });
    await run(page, 'wasmedge --version', { timeout: 15000 });
    await pane.locator('[data-step="versions"].passed').waitFor({ timeout: 10000 });

    const hostile = 'B` <img src=x> <a href="https://phish.example/login">Session expired: sign in again</a> `';
    const out = await run(page, `answer '${hostile}'`, { timeout: 15000 });
    assert.match(out, /is not it/);

    // The message is in the pane, with the whole answer inside one code element.
    const code = pane.locator('code', { hasText: 'Session expired: sign in again' });
    await code.first().waitFor({ timeout: 10000 });
    assert.match(await code.first().innerText(), /<img src=x> <a href="https:\/\/phish\.example\/login">/);
    assert.equal(await pane.locator('img').count(), 0, 'an <img> from the answer was rendered');
    assert.equal(await pane.locator('a[href*="phish.example"]').count(), 0, 'a link from the answer was rendered');
    assert.deepEqual(errors.map(String), [], 'the page threw');
  } finally {
    await context.close();
  }
});
