/**
 * The cold-start lab in Chromium: open it by its deep link, race hello.wasm 50 times, read the
 * numbers from the page (every figure positive, p50 ≤ p95, the table views hold exactly the data
 * the charts were drawn from), export the CSV; `dojo bench -n 20 hello.wasm` in the terminal prints
 * a hyperfine-like summary; Ctrl-C during a long race brings the prompt back; no serious axe
 * violation in either theme, nor on a phone.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { seriousViolations } from '../lib/a11y.mjs';
import { baseUrl, launchBrowser } from '../lib/browser.mjs';
import { focusTerminal, openDojo, run, waitForPrompt, waitForText } from '../lib/terminal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const num = (s) => Number(String(s).trim());

/** The summary table's row for a phase, as numbers: [n, mean, σ, min, p50, p95, max]. */
async function summaryRow(page, phase) {
  const cells = await page.locator(`.lab-summary tr[data-phase="${phase}"] td`).allTextContents();
  return cells.map(num);
}

test('the Lab races hello.wasm 50 times; table views match the charts; CSV exports', async () => {
  const { context, page, errors } = await openDojo(browser, { viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${baseUrl()}#/lab`);
    await waitForPrompt(page, '', { timeout: 15000 });
    const panel = page.locator('#panel-lab');
    await panel.getByRole('heading', { name: 'Cold-start lab' }).waitFor({ timeout: 15000 });
    // Quoted container figures are labelled as such.
    await panel.getByText('quoted from the primer, not measured here').first().waitFor();

    await panel.getByRole('combobox', { name: 'Module' }).selectOption({ label: 'hello.wasm' });
    await panel.getByRole('spinbutton', { name: 'Runs' }).fill('50');
    await panel.getByRole('spinbutton', { name: 'Warm-up' }).fill('2');
    await panel.getByRole('button', { name: 'Run race' }).click();
    await panel.getByRole('status').filter({ hasText: 'Done: 50 runs of hello.wasm.' }).waitFor({ timeout: 60000 });

    const e2e = await summaryRow(page, 'end to end');
    const [n, mean, sigma, min, p50, p95, max] = e2e;
    assert.equal(n, 50);
    for (const v of [mean, min, p50, p95, max]) assert.ok(v > 0, `end-to-end figures are positive: ${e2e}`);
    assert.ok(sigma >= 0);
    assert.ok(min <= p50 && p50 <= p95 && p95 <= max, `min ≤ p50 ≤ p95 ≤ max: ${e2e}`);
    const inst = await summaryRow(page, 'instantiate');
    assert.equal(inst[0], 50);
    assert.ok(inst[4] <= inst[5]);
    const first = await summaryRow(page, 'compile, first run (cold)');
    assert.ok(first[1] > 0, 'the first run compiled cold');

    // The timeline's table view: the 52 runs the chart drew (2 warm-ups marked); its measured end-to-end
    // values give the same median as the summary.
    const rows = await panel
      .locator('table[data-chart="timeline"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ warmup: tr.getAttribute('data-warmup') === 'true', cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
      );
    assert.equal(rows.length, 52);
    assert.equal(rows.filter((r) => r.warmup).length, 2);
    const measuredE2e = rows.filter((r) => !r.warmup).map((r) => num(r.cells[4]));
    const sorted = [...measuredE2e].sort((a, b) => a - b);
    const median = (sorted[24] + sorted[25]) / 2;
    assert.ok(Math.abs(median - p50) <= 0.0015 + p50 * 0.001, `table median ${median} = summary p50 ${p50}`);
    // Each histogram's table counts every measured run once.
    for (const phase of ['instantiateMs', 'runMs', 'endToEndMs']) {
      const counts = await panel.locator(`table[data-chart="hist-${phase}"] tbody tr td:last-child`).allTextContents();
      assert.equal(
        counts.map(num).reduce((a, b) => a + b, 0),
        50,
        `${phase} histogram holds 50 runs`,
      );
    }
    // The charts are drawn (uPlot canvases) and labelled for assistive technology.
    assert.equal(await panel.locator('.lab-chart canvas').count(), 5);
    assert.equal(await panel.getByRole('img', { name: /Timeline of 52 runs/ }).count(), 1);
    // Memory per instance: hello.wasm's 2 pages.
    await panel.getByText(/2 pages × 64 KiB = 128 KiB/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'hello-race.csv');
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    assert.equal(csv[0], 'module,run,warmup,outcome,exit_code,compile_ms,compile_cached,instantiate_ms,run_ms,end_to_end_ms,from_spare,memory_bytes');
    assert.equal(csv.length, 53);
    const csvE2e = csv
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[2] === 'false')
      .map((c) => Number(c[9]));
    assert.deepEqual(csvE2e, measuredE2e);
    const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Save timeline as PNG' }).click()]);
    assert.equal(png.suggestedFilename(), 'hello-timeline.png');
    assert.equal(
      readFileSync(await png.path())
        .subarray(1, 4)
        .toString(),
      'PNG',
    );

    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: /^Theme: / }).click();
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('dojo bench -n 20 hello.wasm prints a hyperfine-like summary; Ctrl-C ends a long race', async () => {
  const { context, page } = await openDojo(browser);
  try {
    const out = await run(page, 'dojo bench -n 20 hello.wasm', { timeout: 30000 });
    const lines = out.split('\n');
    assert.equal(lines[0], 'Benchmark 1: hello.wasm');
    assert.match(lines[1], /^ {2}Time \(mean ± σ\): +[\d.]+ (µs|ms) ± +[\d.]+ (µs|ms) +\[Compile: /);
    assert.match(lines[2], /^ {2}Range \(min … max\): +[\d.]+ (µs|ms) … +[\d.]+ (µs|ms) +20 runs$/);

    await focusTerminal(page);
    await page.keyboard.press('Control+L');
    await page.keyboard.type('dojo bench -n 10000 hello.wasm');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Current estimate', { timeout: 15000, source: 'drawn' });
    await page.keyboard.press('Control+C');
    await waitForPrompt(page, '', { timeout: 5000 });
    assert.equal(await run(page, 'echo $?'), '130');
  } finally {
    await context.close();
  }
});

test('the Lab on a phone, in light theme: usable from the keyboard, Stop ends a race, no serious axe violation', async () => {
  const { context, page } = await openDojo(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'light' });
  try {
    await page.goto(`${baseUrl()}#/lab`);
    const panel = page.locator('#panel-lab');
    await panel.getByRole('heading', { name: 'Cold-start lab' }).waitFor({ timeout: 15000 });
    await panel.getByRole('spinbutton', { name: 'Runs' }).fill('5');
    await panel.getByRole('spinbutton', { name: 'Warm-up' }).fill('0');
    // From the keyboard: Enter in the form submits it.
    await panel.getByRole('spinbutton', { name: 'Runs' }).press('Enter');
    await panel
      .getByRole('status')
      .filter({ hasText: /^Done: 5 runs/ })
      .waitFor({ timeout: 30000 });
    // Stop ends a long race cleanly, keeping the runs so far.
    await panel.getByRole('spinbutton', { name: 'Runs' }).fill('10000');
    await panel.getByRole('button', { name: 'Run race' }).click();
    await panel.locator('progress').waitFor({ timeout: 10000 });
    await page.waitForTimeout(300);
    await panel.getByRole('button', { name: 'Stop' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /^Stopped after \d+ measured runs\.$/ })
      .waitFor({ timeout: 10000 });
    assert.equal(await panel.locator('progress').count(), 0);
    assert.equal(await panel.getByRole('button', { name: 'Run race' }).isEnabled(), true);
    const width = await panel.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(width.scroll <= width.client + 2, `no sideways scrolling on a phone: ${JSON.stringify(width)}`);
    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await context.close();
  }
});
