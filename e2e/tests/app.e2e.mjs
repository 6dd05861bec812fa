/**
 * The app around the terminal: loading a learner's own module, the trace panel, themes,
 * the phone layout, the skip link and an accessibility scan.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { seriousViolations } from '../lib/a11y.mjs';
import { dojoPerTest } from '../lib/fixture.mjs';
import { focusTerminal, run, waitForScreen, waitForText } from '../lib/terminal.mjs';

const HELLO = readFileSync(new URL('../../public/modules/hello.wasm', import.meta.url));

const withDojo = dojoPerTest();

test('Load .wasm puts the file in the current directory and it runs; garbage is refused cleanly', () =>
  withDojo(async (page) => {
    await run(page, 'mkdir proj && cd proj');
    const input = page.getByTestId('load-wasm-input');
    await input.setInputFiles({ name: 'mine.wasm', mimeType: 'application/wasm', buffer: HELLO });
    await waitForText(page, `dojo: loaded mine.wasm (${HELLO.length} bytes) into ~/proj; run it with: wasmtime mine.wasm`);
    assert.equal(await run(page, 'wasmtime mine.wasm'), 'Hello, world!');
    const garbage = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0xff, 0x00, 0x13, 0x37, 0xde, 0xad]);
    await input.setInputFiles({ name: 'junk.wasm', mimeType: 'application/wasm', buffer: garbage });
    await waitForText(page, 'dojo: loaded junk.wasm');
    const out = await run(page, 'wasmtime junk.wasm');
    assert.match(out, /^Error: /m);
    assert.equal(await run(page, 'echo $?', { clear: false }), '1');
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('png') });
    await waitForText(page, 'dojo: load: photo.png: only .wasm and .wat files can be loaded');
  }));

test('dropping a .wasm on the terminal does what the button does', () =>
  withDojo(async (page) => {
    const bytes = [...HELLO];
    await page.getByTestId('terminal').evaluate((el, data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'dropped.wasm', { type: 'application/wasm' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await waitForText(page, 'dojo: loaded dropped.wasm');
    assert.equal(await run(page, 'wasmtime dropped.wasm'), 'Hello, world!');
  }));

test('the Trace tab lists the last run’s WASI calls', () =>
  withDojo(async (page) => {
    await run(page, 'wasmtime --dir /data config-reader.wasm');
    await page.getByRole('tab', { name: 'Trace' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Trace' });
    await panel.getByText('wasmtime --dir /data config-reader.wasm').waitFor();
    const text = await panel.innerText();
    assert.match(text, /path_open/);
    assert.match(text, /config\.json/);
  }));

test('the Trace tab, open during runs, shows each finished run with all its calls (no stale "Running…")', () =>
  withDojo(async (page) => {
    await page.getByRole('tab', { name: 'Trace' }).click();
    await focusTerminal(page);
    const panel = page.getByRole('tabpanel', { name: 'Trace' });
    // Several runs: the live batch queued for the next frame used to land after the run ended.
    for (const line of ['wasmtime --dir /data config-reader.wasm', 'wasmtime hello.wasm', 'wasmtime --dir /data config-reader.wasm']) {
      await run(page, line);
      await panel.locator('.trace-command').getByText(line, { exact: true }).waitFor({ timeout: 5000 });
      // A frame or two later it must still be the finished run, not the live view.
      await page.waitForTimeout(300);
      const summary = await panel.locator('.trace-summary').innerText();
      assert.match(summary, /^exited with status 0 · (\d+) WASI calls/, `after ${line}`);
      const calls = Number(/(\d+) WASI calls/.exec(summary)?.[1]);
      const seqs = await panel.locator('tbody tr td:first-child').allInnerTexts();
      assert.equal(seqs.length, calls, 'every call is listed');
      assert.equal(seqs[0], '1', 'the first calls are there');
      assert.equal(seqs.at(-1), String(calls));
      assert.equal(await panel.getByText('Running…').count(), 0);
    }
  }));

test('dojo reset --help changes nothing; dojo reset asks [y/N]; undo brings the files back', () =>
  withDojo(async (page) => {
    await run(page, 'echo mine > notes.txt');
    assert.match(await run(page, 'dojo reset --help'), /^Usage: dojo reset \[-y\]/);
    assert.equal(await run(page, 'cat notes.txt'), 'mine');
    // The question, answered no: nothing happens.
    await page.keyboard.press('Control+L');
    await page.keyboard.type('dojo reset');
    await page.keyboard.press('Enter');
    await waitForScreen(page, (text) => text.includes('[y/N]'), { what: 'the reset question' });
    await page.keyboard.type('n');
    await page.keyboard.press('Enter');
    await waitForText(page, 'dojo: not reset; your files are unchanged');
    assert.equal(await run(page, 'cat notes.txt'), 'mine');
    // Yes: the workspace is back to its start, and the message says how to get the files back.
    await page.keyboard.press('Control+L');
    await page.keyboard.type('dojo reset');
    await page.keyboard.press('Enter');
    await waitForScreen(page, (text) => text.includes('[y/N]'), { what: 'the reset question' });
    await page.keyboard.type('y');
    await page.keyboard.press('Enter');
    await waitForText(page, '`undo` brings your files back');
    assert.match(await run(page, 'cat notes.txt'), /No such file or directory/);
    await run(page, 'undo');
    assert.equal(await run(page, 'cat notes.txt'), 'mine');
  }));

test('a first visit fetches the terminal’s code with the page, not after start-up asks for it', () =>
  withDojo(async (page) => {
    const timing = await page.evaluate(() => {
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
      const view = resources.find((r) => /\/assets\/xterm-view-[^/]*\.js$/.test(r.name));
      const prompt = performance.getEntriesByName('dojo:prompt-ready', 'mark')[0]?.startTime ?? Infinity;
      // The stylesheets that had arrived when the prompt showed: the page's and the terminal's.
      const css = resources.filter((r) => r.name.endsWith('.css') && r.responseEnd <= prompt).map((r) => ({ name: r.name, start: r.startTime }));
      return { dcl: nav.domContentLoadedEventStart, viewStart: view?.startTime ?? null, css };
    });
    assert.notEqual(timing.viewStart, null, 'the terminal chunk was fetched');
    // Start-up imports it only after the entry has run (after DOMContentLoaded); the preload starts it during parsing.
    assert.ok(
      /** @type {number} */ (timing.viewStart) < timing.dcl,
      `xterm-view requested at ${timing.viewStart} ms, DOMContentLoaded at ${timing.dcl} ms`,
    );
    // xterm's stylesheet too: fetched by the import itself, the prompt waited for it.
    assert.ok(timing.css.length >= 2, `stylesheets before the prompt: ${JSON.stringify(timing.css)}`);
    for (const c of timing.css) assert.ok(c.start < timing.dcl, `${c.name} requested at ${c.start} ms, DOMContentLoaded at ${timing.dcl} ms`);
  }));

test('the JS a first visit fetches before the first prompt is within 200 KiB gzip', () =>
  withDojo(async (page) => {
    // Every script requested before the prompt was handed to xterm: what the prompt waited for. The
    // Wasm worker is requested just after, so on a loaded machine it can arrive before xterm's parse;
    // it never delayed the prompt and is not counted.
    const urls = await page.evaluate(() => {
      const written = performance.getEntriesByName('dojo:prompt-written', 'mark')[0]?.startTime ?? NaN;
      return /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
        .filter((r) => r.startTime < written && new URL(r.name).pathname.endsWith('.js'))
        .map((r) => r.name);
    });
    // The entry and the terminal at least; each counted as gzip -9 of the bytes served, as npm run bench counts them.
    assert.ok(urls.some((u) => /\/assets\/index-[^/]*\.js$/.test(u)) && urls.some((u) => /\/assets\/xterm-view-/.test(u)), urls.join(', '));
    const sizes = await Promise.all(
      urls.map(async (u) => ({ u, gzip: gzipSync(Buffer.from(await (await page.request.get(u)).body()), { level: 9 }).length })),
    );
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    assert.ok(
      total <= 200 * 1024,
      `${total} bytes gzip before the first prompt: ${sizes.map((s) => `${new URL(s.u).pathname} ${s.gzip}`).join(', ')}`,
    );
  }));

test('theme: follows the OS, and the toggle switches it', () =>
  withDojo(
    async (page) => {
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      assert.equal(await theme(), 'light');
      await page.getByRole('button', { name: /^Theme: System/ }).click();
      assert.equal(await theme(), 'light');
      await page.getByRole('button', { name: /^Theme: Light/ }).click();
      assert.equal(await theme(), 'dark');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(15, 20, 25)');
    },
    { colorScheme: 'light' },
  ));

test('phone width: the side pane starts closed and opens from the header', () =>
  withDojo(
    async (page) => {
      const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
      assert.equal(await pane.isVisible(), false);
      await page.getByRole('button', { name: 'Lessons & trace' }).click();
      assert.equal(await pane.isVisible(), true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, 'no horizontal scrolling at 390 px');
      await page.getByRole('button', { name: 'Hide panel' }).click();
      assert.equal(await pane.isVisible(), false);
    },
    { viewport: { width: 390, height: 800 } },
  ));

test('phone: a lesson’s Run ▸ shows the terminal, so its output is seen', () =>
  withDojo(
    async (page) => {
      const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
      await page.evaluate(() => (location.hash = '#/lesson/wasmtime-dir'));
      await page.getByRole('heading', { name: 'Hand a module one directory with --dir' }).waitFor({ timeout: 15000 });
      assert.equal(await pane.isVisible(), true);
      await page.getByRole('button', { name: 'Run: type into the terminal: wasmtime run modules/config-reader.wasm' }).first().click();
      // The module's panic, then the grader's verdict under it (the narrow terminal wraps the long lines).
      await waitForScreen(page, (text) => text.includes('step passed: run-without-grant'), { what: 'the run’s output' });
      assert.equal(await pane.isVisible(), false, 'the side pane no longer covers the terminal');
      assert.equal(await page.getByTestId('terminal').isVisible(), true);
      // The pane comes back from the header, on the same lesson.
      await page.getByRole('button', { name: 'Lessons & trace' }).click();
      await page.getByRole('heading', { name: 'Hand a module one directory with --dir' }).waitFor({ timeout: 5000 });
    },
    { viewport: { width: 390, height: 800 } },
  ));

test('phone: a refused progress import is brought into view and announced', () =>
  withDojo(
    async (page) => {
      await page.evaluate(() => (location.hash = '#/lesson/wasmtime-dir'));
      await page.getByRole('heading', { name: 'Hand a module one directory with --dir' }).waitFor({ timeout: 15000 });
      await page
        .getByTestId('progress-import')
        .setInputFiles({ name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from('{"solvedMap":{"intro1":true}}') });
      const alert = page.getByRole('alert').filter({ hasText: 'Import refused' });
      await alert.waitFor({ timeout: 5000 });
      const inView = await alert.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
      assert.equal(inView, true, 'the refusal is on screen, not below the fold');
    },
    { viewport: { width: 390, height: 800 } },
  ));

test('the skip link is the first stop and moves focus into the terminal', () =>
  withDojo(async (page) => {
    const first = await page.evaluate(() => {
      const tabbable = [...document.querySelectorAll('a[href], button, input, textarea, [tabindex]')].filter(
        (/** @type {any} */ el) => el.tabIndex >= 0 && !el.hidden && !el.disabled && el.type !== 'file',
      );
      return tabbable[0]?.textContent;
    });
    assert.equal(first, 'Skip to terminal');
    const link = page.getByRole('link', { name: 'Skip to terminal' });
    await link.focus();
    const box = await link.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.className ?? '');
    assert.match(focused, /xterm-helper-textarea/);
  }));

for (const colorScheme of ['dark', 'light']) {
  test(`axe-core: no serious or critical violations (${colorScheme} theme)`, () =>
    withDojo(
      async (page) => {
        await run(page, 'wasmtime hello.wasm');
        await page.getByRole('tab', { name: 'Trace' }).click();
        // xterm's own rows are covered by its screen-reader mode; its canvas-free DOM is checked too.
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, []);
      },
      { colorScheme },
    ));
}
