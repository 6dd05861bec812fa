/**
 * Team training in Chromium: a facilitator builds a plan and gets its link and QR code; a learner
 * opens the link in a fresh browser context, is put into the session, completes a step and exports
 * results (file and code); the class view imports three results files (and names the corrupted
 * fourth) and shows the aggregates; hostile plans and results (every XSS vector in every text
 * field) run no script and create no element; presenter mode steps through a lesson's solution.
 * axe-core finds no serious violation on these views, in both themes and on a phone. Once the app
 * is cached, a plan link opens, the class view imports and presenter mode loads with no server at all.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { seriousViolations } from '../lib/a11y.mjs';
import { baseUrl, launchBrowser } from '../lib/browser.mjs';
import { startPreview } from '../lib/preview.mjs';
import { planLinkAt, seal } from '../lib/team-files.mjs';
import { focusTerminal, run, waitForPrompt, waitForText } from '../lib/terminal.mjs';
import { XSS_VECTORS } from '../../test/support/xss-corpus.mjs';

let browser;
let dir;
before(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'wasm-dojo-team-'));
});
after(async () => {
  await browser?.close();
});

async function open(url = baseUrl(), { colorScheme = 'dark', viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  page.on('dialog', (d) => {
    errors.push(new Error(`a dialog opened: ${d.message()}`));
    void d.dismiss();
  });
  await page.goto(url);
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
  return { context, page, errors };
}

async function showTab(page, name) {
  const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
  if (!(await pane.isVisible())) await page.getByRole('button', { name: 'Lessons & trace' }).click();
  await page.getByRole('tab', { name }).click();
  return page.getByRole('tabpanel', { name });
}

/** @param {unknown} plan */
const planLink = (plan) => planLinkAt(baseUrl(), plan);

/** A least-privilege finding the grader showed: a too-broad `--dir site::/`. @param {number} count */
const broad = (count) => ({
  lesson: 'least-privilege-dir',
  step: 'narrow-it',
  check: 'data-only',
  kind: 'too-broad',
  grant: '--dir site::/',
  message: 'too broad',
  count,
});

function results(name, learner, lessons, seen = [], extra = {}) {
  return seal({
    format: 'wasm-dojo-results',
    version: 1,
    name,
    learner,
    exportedAt: '2026-11-23T10:00:00.000Z',
    lessons,
    seen,
    contributions: [],
    ...extra,
  });
}
const step = (id, passed, ms, more = {}) => ({ id, passed, attempts: 0, hints: 0, withHelp: false, ...(ms ? { ms } : {}), ...more });
const lpd = (steps) => ({ id: 'least-privilege-dir', completed: steps.every((s) => s.passed), timeMs: 120000, commands: 4, steps });

/** Nothing hostile ran or was made: no flag set, no element any vector would create. */
async function assertInert(page, errors) {
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => globalThis.__xss), undefined, 'a hostile string ran script');
  const made = await page.evaluate(
    () =>
      document.querySelectorAll(
        '.xss-made, img[src="x"], iframe, details[ontoggle], [onerror], [onload], [ontoggle], a[href^="javascript:"], svg[onload]',
      ).length,
  );
  assert.equal(made, 0, 'a hostile string created an element');
  assert.deepEqual(errors.map(String), []);
}

test('facilitator plan → link in a fresh context → the learner completes a step and exports results', async () => {
  const fac = await open();
  let link;
  try {
    const panel = await showTab(fac.page, 'Plan');
    await panel.getByText('Build a session plan (facilitator)').click();
    await panel.getByLabel('Title').fill('Least privilege morning');
    await panel.getByLabel('Time box (minutes)').fill('45');
    await panel.getByLabel('Notes for the learners').fill('Work in pairs.\nAsk when stuck.');
    await panel.getByRole('combobox', { name: /^Lesson/ }).selectOption('least-privilege-dir');
    await panel.getByRole('button', { name: 'Add lesson' }).click();
    await panel.getByRole('button', { name: 'Add mock interview' }).click();
    link = await panel.getByTestId('plan-link').inputValue();
    assert.match(link, /#\/plan\/[A-Za-z0-9_-]+$/);
    const qr = await panel
      .locator('.team-qr svg')
      .evaluate((svg) => ({ rects: svg.querySelectorAll('path, rect').length, scripts: svg.querySelectorAll('script').length }));
    assert.ok(qr.rects > 0, 'the QR code is drawn');
    assert.equal(qr.scripts, 0);
    const download = fac.page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Download plan file' }).click();
    const planText = await readFile(await (await download).path(), 'utf8');
    await writeFile(join(dir, 'plan.json'), planText);
    const planFile = JSON.parse(planText);
    assert.equal(planFile.format, 'wasm-dojo-plan');
    assert.deepEqual(planFile.items, [
      { kind: 'lesson', id: 'least-privilege-dir' },
      { kind: 'mock', minutes: 20 },
    ]);
    assert.deepEqual(await seriousViolations(fac.page), [], 'axe: the plan builder');
    assert.deepEqual(fac.errors.map(String), []);
  } finally {
    await fac.context.close();
  }

  const learner = await open(link);
  try {
    const panel = learner.page.getByRole('tabpanel', { name: 'Plan' });
    await panel.getByText('You joined “Least privilege morning”.').waitFor({ timeout: 15000 });
    await panel.getByRole('heading', { name: 'Least privilege morning' }).waitFor();
    assert.equal(await panel.getByRole('note', { name: "Facilitator's notes" }).innerText(), 'Work in pairs.\nAsk when stuck.');
    assert.match(await panel.getByRole('timer').innerText(), /^4[45]:\d\d left$/);

    // The plan's first lesson is open: its first step passes, the second shows a finding.
    await focusTerminal(learner.page);
    await run(learner.page, 'wasmtime run --dir site::/ modules/config-reader.wasm', { timeout: 20000 });
    await panel.locator('[data-item="least-privilege-dir"]').getByText('1/3 steps').waitFor({ timeout: 10000 });
    await run(learner.page, 'wasmtime run --dir site::/ modules/config-reader.wasm', { timeout: 20000 });

    await showTab(learner.page, 'Plan');
    await panel.getByLabel('Display name').fill('Ada');
    const download = learner.page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Download results file' }).click();
    const file = JSON.parse(await readFile(await (await download).path(), 'utf8'));
    assert.equal(file.name, 'Ada');
    assert.equal(file.plan.title, 'Least privilege morning');
    assert.deepEqual(
      file.lessons[0].steps.map((s) => [s.id, s.passed]),
      [
        ['the-shortcut', true],
        ['narrow-it', false],
        ['blast-radius', false],
      ],
    );
    assert.ok(
      file.seen.some((s) => s.step === 'narrow-it' && s.grant),
      'the finding the learner saw is in the results',
    );
    assert.match(file.digest, /^sha256:[0-9a-f]{64}$/);
    await writeFile(join(dir, 'ada-from-browser.json'), JSON.stringify(file));

    await learner.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.getByRole('button', { name: 'Copy results code' }).click();
    assert.match(await panel.getByTestId('results-code').inputValue(), /^wdr1\.[A-Za-z0-9_-]+$/);
    assert.deepEqual(await seriousViolations(learner.page), [], 'axe: the learner in a session');
    assert.deepEqual(learner.errors.map(String), []);
  } finally {
    await learner.context.close();
  }
});

test('class view: three results files and one corrupted → aggregates on the page, CSV', async () => {
  const files = {
    'ada.json': results(
      'Ada',
      'ada-0000',
      [lpd([step('the-shortcut', true, 30000), step('narrow-it', false, 0, { attempts: 3 }), step('blast-radius', false)])],
      [broad(2)],
    ),
    'bob.json': results('Bob', 'bob-0000', [
      lpd([step('the-shortcut', true, 50000), step('narrow-it', true, 40000), step('blast-radius', true, 20000)]),
    ]),
    'cyd.json': results(
      'Cyd',
      'cyd-0000',
      [lpd([step('the-shortcut', true, 70000), step('narrow-it', false), step('blast-radius', false)])],
      [broad(1)],
    ),
  };
  const paths = [];
  for (const [name, body] of Object.entries(files)) {
    paths.push(join(dir, name));
    await writeFile(paths.at(-1), JSON.stringify(body, null, 2));
  }
  const broken = JSON.stringify(files['bob.json'], null, 2).replace('"name": "Bob"', '"name": "Rob"');
  await writeFile(join(dir, 'bob-edited.json'), broken);
  paths.push(join(dir, 'bob-edited.json'));

  const { context, page, errors } = await open(`${baseUrl()}#/class`);
  try {
    const panel = page.getByRole('tabpanel', { name: 'Class' });
    await panel.getByTestId('class-files').setInputFiles(paths);
    await panel.getByTestId('class-summary').getByText('3 learners').waitFor({ timeout: 10000 });
    const alert = await panel.getByRole('alert').innerText();
    assert.match(alert, /bob-edited\.json: corrupted: its SHA-256 digest does not match/);

    const row = (id) => panel.getByTestId('class-steps').locator(`[data-step="least-privilege-dir/${id}"] td`);
    assert.deepEqual(await row('the-shortcut').allInnerTexts(), ['3/3', '0:50', '0', '0']);
    assert.deepEqual(await row('narrow-it').allInnerTexts(), ['1/3', '0:40', '0', '0']);
    assert.match(await panel.getByTestId('class-grants').innerText(), /--dir site::\/ \(too broad\) — 2 learners, 3×/);
    assert.match(await panel.getByTestId('class-stuck').innerText(), /› narrow-it \(2\): Ada, Cyd/);

    // Sort by steps passed, descending: Bob first. Filter: only Cyd.
    const names = () => panel.getByTestId('class-learners').locator('tbody th').allInnerTexts();
    await panel.getByRole('button', { name: 'Steps passed' }).click();
    await panel.getByRole('button', { name: 'Steps passed' }).click();
    assert.equal((await names())[0], 'Bob');
    await panel.getByLabel('Filter by name or step').fill('cy');
    assert.deepEqual(await names(), ['Cyd']);
    await panel.getByLabel('Filter by name or step').fill('');

    // The learner's own export from the browser joins as a fourth row; the same file twice merges.
    await panel.getByTestId('class-files').setInputFiles([join(dir, 'ada-from-browser.json'), join(dir, 'ada-from-browser.json')]);
    await panel.getByTestId('class-summary').getByText('4 learners (1 older export merged)').waitFor({ timeout: 10000 });

    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Download CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    assert.match(csv.split('\r\n')[0] ?? '', /^name,learner id,exported at,lessons completed,steps passed,/);
    assert.equal(csv.trimEnd().split('\r\n').length, 5);
    assert.deepEqual(await seriousViolations(page), [], 'axe: the class view');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('the XSS corpus in every plan and results field runs no script and creates no element', async () => {
  /** @param {number} i */
  const v = (i) => XSS_VECTORS[i % XSS_VECTORS.length] ?? '';
  const plan = {
    format: 'wasm-dojo-plan',
    version: 1,
    id: 'hostile01',
    title: v(0),
    minutes: 30,
    notes: XSS_VECTORS.join('\n'),
    items: [
      { kind: 'lesson', id: 'least-privilege-dir', note: v(1) },
      { kind: 'drill', id: 'x-y', note: v(2) },
      { kind: 'mock', minutes: 10, note: v(3) },
      { kind: 'lesson', id: 'lesson-from-the-future' },
    ],
  };
  const { context, page, errors } = await open(planLink(plan));
  try {
    const panel = page.getByRole('tabpanel', { name: 'Plan' });
    await panel.getByText('This version of Wasm Dojo lacks lesson "lesson-from-the-future"', { exact: false }).waitFor({ timeout: 15000 });
    // Shown, as text.
    await panel.getByRole('heading', { name: v(0) }).waitFor();
    assert.equal(await panel.getByRole('note').innerText(), XSS_VECTORS.join('\n'));
    await assertInert(page, errors);

    // A link whose lesson id is markup is refused with the reason; nothing of it is shown.
    await page.goto(planLink({ ...plan, id: 'hostile02', items: [{ kind: 'lesson', id: '<img src=x onerror=window.__xss=1>' }] }));
    await waitForPrompt(page, '', { timeout: 15000 });
    await panel
      .getByRole('alert')
      .getByText('This plan link could not be opened: item 1: the lesson id must be', { exact: false })
      .waitFor({ timeout: 15000 });
    await assertInert(page, errors);

    // Results: every text field hostile, sealed properly so only the sanitising stands in the way.
    const hostile = XSS_VECTORS.map((x, i) =>
      results(
        x.slice(0, 60),
        `hostile-${String(i).padStart(2, '0')}`,
        [lpd([step('the-shortcut', true, 1000), step('narrow-it', false)])],
        [
          {
            lesson: 'least-privilege-dir',
            step: 'narrow-it',
            check: x.slice(0, 80),
            kind: 'too-broad',
            grant: x.slice(0, 120),
            message: x,
            count: 1,
          },
          { lesson: 'least-privilege-dir', step: 'narrow-it', check: 'c', kind: 'check', message: x, count: 1 },
        ],
        {
          contributions: [{ id: 'trainer', label: x.slice(0, 60), summary: x, scores: [{ label: x.slice(0, 60), score: 1, max: 2 }] }],
          plan: { id: 'hostile01', title: x },
        },
      ),
    );
    const paths = [];
    for (const [i, r] of hostile.entries()) {
      paths.push(join(dir, `hostile-${i}.json`));
      await writeFile(paths.at(-1), JSON.stringify(r));
    }
    const classPanel = await showTab(page, 'Class');
    await classPanel.getByTestId('class-files').setInputFiles(paths);
    await classPanel.getByTestId('class-summary').getByText(`${XSS_VECTORS.length} learners`).waitFor({ timeout: 10000 });
    await classPanel.getByTestId('class-learners').getByText(v(1).slice(0, 60)).first().waitFor();
    await assertInert(page, errors);
  } finally {
    await context.close();
  }
});

test('presenter mode: large type, the timer, → runs the next solution command, P pauses, Escape leaves', async () => {
  for (const colorScheme of ['dark', 'light']) {
    const { context, page, errors } = await open(baseUrl(), { colorScheme });
    try {
      await run(page, 'lesson run-with-wasmtime', { timeout: 15000 });
      await page.getByRole('button', { name: 'Present' }).click();
      const bar = page.getByRole('region', { name: 'Presenter controls' });
      await bar.waitFor({ timeout: 10000 });
      assert.equal(await page.locator('.app').getAttribute('class'), 'app presenting');
      assert.ok((await page.evaluate(() => parseFloat(getComputedStyle(/** @type {Element} */ (document.querySelector('.app'))).fontSize))) >= 20);
      await bar.getByTestId('presenter-next').getByText('next: wasmtime run modules/args-echo.wasm one two (1 of', { exact: false }).waitFor();
      // The lesson is beside the terminal.
      await page
        .locator('#panel-lessons')
        .getByRole('heading', { name: /Running modules/ })
        .waitFor();

      await page.keyboard.press('ArrowRight');
      await waitForText(page, 'argv[2]: two', { timeout: 15000 });
      await page.locator('#panel-lessons [data-step="guest-arguments"].passed').waitFor({ timeout: 10000 });
      await bar
        .getByRole('region', { name: 'Capability trace of the last run' })
        .locator('.trace-summary')
        .getByText(/\d+ WASI calls/)
        .waitFor({ timeout: 10000 });
      await bar.getByTestId('presenter-next').getByText('(2 of', { exact: false }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await bar.getByTestId('presenter-next').getByText('(1 of', { exact: false }).waitFor();

      await page.keyboard.press('p');
      await bar.getByRole('timer', { name: 'Timer, paused' }).waitFor();
      const frozen = await bar.getByRole('timer').innerText();
      await page.waitForTimeout(1200);
      assert.equal(await bar.getByRole('timer').innerText(), frozen, 'the paused timer stands still');
      assert.deepEqual(await seriousViolations(page), [], `axe: presenter mode (${colorScheme})`);

      await page.keyboard.press('Escape');
      await bar.waitFor({ state: 'detached' });
      assert.equal(await page.locator('.app').getAttribute('class'), 'app');
      assert.deepEqual(errors.map(String), []);
    } finally {
      await context.close();
    }
  }
});

test('phone layout and the light theme: the Plan and Class tabs pass axe', async () => {
  const { context, page, errors } = await open(`${baseUrl()}#/plan`, { colorScheme: 'light', viewport: { width: 390, height: 800 } });
  try {
    const plan = page.getByRole('tabpanel', { name: 'Plan' });
    await plan.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 15000 });
    assert.deepEqual(await seriousViolations(page), [], 'axe: Plan tab on a phone, light');
    // The facilitator's plan file (first test) opens here: the learner joins its session.
    await plan.getByTestId('plan-file').setInputFiles(join(dir, 'plan.json'));
    await plan.getByText('You joined “Least privilege morning”.').waitFor({ timeout: 10000 });
    await plan.getByRole('heading', { name: 'Least privilege morning' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'axe: a session on a phone, light');
    await page.getByRole('tab', { name: 'Class' }).click();
    await page.getByRole('tabpanel', { name: 'Class' }).getByRole('heading', { name: 'Class results' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'axe: Class tab on a phone, light');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (page is ${width}px wide)`);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('offline once cached: a plan link joins, the class view imports, presenter mode loads — with the server gone', async () => {
  const server = await startPreview();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForPrompt(page, '', { timeout: 15000 });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await waitForPrompt(page, '', { timeout: 15000 });
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the service worker controls the page');
    await page.close();

    await server.stop();
    const fresh = await context.newPage();
    const errors = [];
    fresh.on('pageerror', (err) => errors.push(err));
    const fromNetwork = [];
    fresh.on('response', (res) => {
      if (!res.fromServiceWorker()) fromNetwork.push(res.url());
    });
    const plan = {
      format: 'wasm-dojo-plan',
      version: 1,
      id: 'offline01',
      title: 'On the train',
      minutes: 15,
      notes: '',
      items: [{ kind: 'lesson', id: 'wasmtime-dir' }],
    };
    const link = planLink(plan).replace(baseUrl(), server.url);
    await fresh.goto(link);
    await waitForPrompt(fresh, '', { timeout: 15000 });
    const panel = fresh.getByRole('tabpanel', { name: 'Plan' });
    await panel.getByText('You joined “On the train”.').waitFor({ timeout: 15000 });
    await panel.getByRole('heading', { name: 'On the train' }).waitFor();

    const classPanel = await showTab(fresh, 'Class');
    const file = join(dir, 'offline-ada.json');
    await writeFile(file, JSON.stringify(results('Ada', 'ada-offline', [lpd([step('the-shortcut', true, 1000)])])));
    await classPanel.getByTestId('class-files').setInputFiles([file]);
    await classPanel.getByTestId('class-summary').getByText('1 learner').waitFor({ timeout: 10000 });

    await fresh.getByRole('button', { name: 'Present' }).click();
    await fresh.getByRole('region', { name: 'Presenter controls' }).waitFor({ timeout: 10000 });
    assert.deepEqual(fromNetwork, [], 'every response came from the service worker');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
    await server.stop().catch(() => undefined);
  }
});
