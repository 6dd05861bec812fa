/**
 * Lessons in the browser: open a lesson by deep link, fail a step with an over-broad
 * grant and see the finding, pass it with the least grant, reload and keep the progress, export and
 * re-import progress (a foreign file is refused and changes nothing); the Quick Reference drill is a
 * timed run (the pane's clock starts with the first command and `restart` starts over).
 * Needs the bootstrap wiring described in src/lessons/setup.ts (app.lessons, withLessonHooks).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { baseUrl, launchBrowser } from '../lib/browser.mjs';
import { focusTerminal, reloadDojo, run, waitForPrompt } from '../lib/terminal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openLessonByLink(id) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto(`${baseUrl()}#/lesson/${id}`);
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
  return { context, page, errors };
}

const pane = (page) => page.locator('#panel-lessons');
const step = (page, id) => pane(page).locator(`[data-step="${id}"]`);

test('deep link → over-broad grant finding → least grant passes → reload keeps it → export/import', async () => {
  const { context, page, errors } = await openLessonByLink('wasmtime-dir');
  try {
    await pane(page).getByRole('heading', { name: 'Hand a module one directory with --dir' }).waitFor({ timeout: 10000 });

    // step 1: no grants
    await run(page, 'wasmtime run modules/config-reader.wasm', { timeout: 15000 });
    await step(page, 'run-without-grant').and(page.locator('.passed')).waitFor({ timeout: 5000 });

    // step 2: over-broad grant → the finding is in the terminal and in the pane
    const out = await run(page, 'wasmtime run --dir .::/ modules/config-reader.wasm', { timeout: 15000 });
    assert.match(out, /only opened files under `\/data`/);
    await pane(page).getByText('only opened files under', { exact: false }).waitFor({ timeout: 5000 });
    assert.equal(await step(page, 'grant-data').getAttribute('class'), 'lesson-step current');

    // the least grant passes it (and step 3's file check with it)
    await run(page, 'wasmtime run --dir data::/data modules/config-reader.wasm', { timeout: 15000 });
    await step(page, 'grant-data').and(page.locator('.passed')).waitFor({ timeout: 5000 });

    // reload: still passed
    await reloadDojo(page);
    await step(page, 'grant-data').and(page.locator('.passed')).waitFor({ timeout: 10000 });

    // export
    const [download] = await Promise.all([page.waitForEvent('download'), pane(page).getByRole('button', { name: 'Export progress' }).click()]);
    const exported = join(tmpdir(), `dojo-progress-${Date.now()}.json`);
    await download.saveAs(exported);
    const doc = JSON.parse(await readFile(exported, 'utf8'));
    assert.equal(doc.format, 'wasm-dojo-progress');
    assert.equal(doc.progress.lessons['wasmtime-dir'].steps['grant-data'].status, 'passed');

    // a foreign file is refused and changes nothing
    const foreign = join(tmpdir(), `foreign-${Date.now()}.json`);
    await writeFile(foreign, JSON.stringify({ solvedMap: { intro1: true } }));
    await pane(page).getByTestId('progress-import').setInputFiles(foreign);
    await pane(page).getByRole('alert').getByText('Import refused', { exact: false }).waitFor({ timeout: 5000 });
    assert.match(await step(page, 'grant-data').getAttribute('class'), /passed/);

    // wipe progress by importing an empty export, then re-import the saved one
    const empty = join(tmpdir(), `empty-${Date.now()}.json`);
    await writeFile(empty, JSON.stringify({ ...doc, progress: { currentLessonId: 'wasmtime-dir', sandbox: false, lessons: {} } }));
    await pane(page).getByTestId('progress-import').setInputFiles(empty);
    await step(page, 'run-without-grant').and(page.locator('.current')).waitFor({ timeout: 5000 });
    await pane(page).getByTestId('progress-import').setInputFiles(exported);
    await step(page, 'grant-data').and(page.locator('.passed')).waitFor({ timeout: 5000 });

    assert.deepEqual(errors.map(String), [], 'the page threw');
  } finally {
    await context.close();
  }
});

test('timed drill: the clock starts with the first command, ticks in the pane, and `restart` starts a new run', async () => {
  const { context, page, errors } = await openLessonByLink('quick-reference-drill');
  try {
    const timer = pane(page).locator('.lesson-timer');
    // Before any command: the target, no running clock.
    await timer.getByText('Target 5:00', { exact: false }).waitFor({ timeout: 10000 });
    assert.doesNotMatch(await timer.getAttribute('class'), /running/);

    await run(page, 'wasmtime modules/hello.wasm', { timeout: 15000 });
    await pane(page).locator('.lesson-timer.running').waitFor({ timeout: 5000 });
    const first = await timer.innerText();
    assert.match(first, /Time 0:0\d \/ 5:00/);
    // It ticks: a second later the value has moved on.
    await page.waitForFunction((before) => document.querySelector('.lesson-timer')?.textContent !== before, first, { timeout: 4000 });

    const out = await run(page, 'restart', { timeout: 10000 });
    assert.match(out, /the clock starts at your next command/);
    await pane(page).locator('.lesson-timer:not(.running)').waitFor({ timeout: 5000 });
    assert.deepEqual(errors.map(String), [], 'the page threw');
  } finally {
    await context.close();
  }
});
