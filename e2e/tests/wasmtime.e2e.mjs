/**
 * wasmtime in the browser: real modules run in the Web Worker with exactly what the typed
 * `wasmtime` command line grants, `.wat` text
 * runs, a learner's own file loaded through the header (or dropped on the terminal) runs, and
 * garbage gets wasmtime's parse errors with the terminal still usable afterwards.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { ROOT } from '../lib/preview.mjs';
import { lastLine, PROMPT_RE, run, waitForScreen, waitForText } from '../lib/terminal.mjs';

const ARGS_ECHO = readFileSync(join(ROOT, 'public', 'modules', 'args-echo.wasm'));
const HELLO = readFileSync(join(ROOT, 'public', 'modules', 'hello.wasm'));

const withDojo = dojoPerTest();

/** An idle prompt (nothing typed) on the last non-blank accessibility row. */
const idlePrompt = (_t, lines) => PROMPT_RE.test(lastLine(lines)) && /\$$/.test(lastLine(lines));

/** Puts files into the current directory through the header's "Load .wasm" file input. */
async function loadThroughHeader(page, files) {
  await page
    .locator('input[type=file][data-testid=load-wasm-input]')
    .setInputFiles(files.map(({ name, bytes }) => ({ name, mimeType: 'application/wasm', buffer: Buffer.from(bytes) })));
}

test('grants decide: --dir /data lets config-reader read and write back; without it, the panic and status 134', () =>
  withDojo(async (page) => {
    const granted = await run(page, 'wasmtime --dir /data config-reader.wasm');
    assert.match(granted, /^Config: \{\n {2}"service": "greeter",\n {2}"greeting": "Hello from Wasm!",/);
    // The whole host file came through, byte for byte (the module prints it verbatim).
    const config = await run(page, 'cat /data/config.json');
    assert.equal(granted.replace(/\n+$/, ''), `Config: ${config}`);
    assert.equal(await run(page, 'cat /data/output.txt'), 'processed data');
    assert.equal(await run(page, 'echo $?', { clear: false }), '0');

    await run(page, 'rm /data/output.txt');
    const denied = await run(page, 'wasmtime config-reader.wasm');
    assert.match(denied, /^thread 'main' panicked at 'Cannot read \/data\/config\.json/);
    assert.match(denied, /failed to find a pre-opened file descriptor/);
    assert.match(
      denied,
      /\nError: failed to run main module `config-reader\.wasm`\n\nCaused by:\n {4}0: failed to invoke command default\n {4}1: error while executing at wasm backtrace:\n/,
    );
    // wasmtime ends an error chain with a blank line (each cause ends in a newline, and eprintln adds one).
    assert.match(denied, /\n {4}2: wasm trap: wasm `unreachable` instruction executed\n$/);
    assert.equal(await run(page, 'echo $?', { clear: false }), '134');
    // Nothing was granted, so nothing was written back.
    assert.equal(await run(page, 'cat /data/output.txt'), 'cat: /data/output.txt: No such file or directory');

    // The trace of that denied run: the preopen scan ends at once, no file was ever opened.
    const trace = await run(page, 'dojo trace');
    assert.match(trace, /^# wasmtime config-reader\.wasm\n/);
    assert.match(trace, /^fd_prestat_get\(fd=3\) = -1 EBADF$/m);
    assert.doesNotMatch(trace, /path_open/);
    assert.match(trace, /\+\+\+ trapped: wasm `unreachable` instruction executed \+\+\+$/);

    // The Trace tab shows the same run as table rows.
    await page.locator('#tab-trace').click();
    const panel = page.locator('#panel-trace');
    await panel.locator('.trace-command', { hasText: 'wasmtime config-reader.wasm' }).waitFor();
    assert.match(await panel.locator('.trace-summary').innerText(), /^trapped: wasm `unreachable` instruction executed · \d+ WASI calls/);
    const rows = panel.locator('.trace-table tbody tr');
    assert.ok((await rows.count()) >= 3, 'several WASI calls are listed');
    const prestat = rows.filter({ hasText: 'fd_prestat_get' }).first();
    assert.match(await prestat.innerText(), /fd=3[\s\S]*EBADF[\s\S]*end of preopens/);
  }));

test('--env grants one variable; without it the module sees nothing', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'wasmtime --env NAME=hi modules/env-reader.wasm NAME'), 'NAME=hi');
    assert.equal(await run(page, 'wasmtime modules/env-reader.wasm NAME'), 'NAME is not set');
  }));

test('typed before the precompiled modules have downloaded, a run waits for its file', () =>
  withDojo(
    async (page) => {
      // The download was held back 3 s (below): the prompt is up and the files are not, as on a slow first visit.
      assert.equal(await run(page, 'wasmtime modules/hello.wat'), 'Hello, world!');
    },
    {
      beforeLoad: (context) =>
        context.route('**/modules/*', async (route) => {
          await new Promise((r) => setTimeout(r, 3000));
          await route.continue();
        }),
    },
  ));

test('.wat text runs directly; a broken .wat is a clean error with status 1', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'wasmtime modules/hello.wat'), 'Hello, world!');
    assert.equal(await run(page, "echo '(module (func' > bad.wat"), '');
    const err = await run(page, 'wasmtime bad.wat');
    // wasmtime prints the WAT parser's diagnostic with the file and position.
    assert.match(err, /^Error: /);
    assert.match(err, /--> bad\.wat:\d+:\d+/);
    assert.doesNotMatch(err, /undefined|\[object |at .*\.js/);
    assert.equal(await run(page, 'echo $?', { clear: false }), '1');
  }));

test('"Load .wasm" puts a file in the current directory under its name, and it runs; so does a dropped file', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await loadThroughHeader(page, [{ name: 'mine.wasm', bytes: ARGS_ECHO }]);
    await waitForText(page, `dojo: loaded mine.wasm (${ARGS_ECHO.length} bytes) into ~; run it with: wasmtime mine.wasm`);
    await waitForScreen(page, idlePrompt, { what: 'the prompt after loading' });
    // The terminal keeps the keyboard after the file dialog.
    await page.locator('.xterm-helper-textarea').focus();
    const out = await run(page, 'wasmtime mine.wasm a b');
    assert.equal(out, 'argc: 3\nargv[0]: mine.wasm\nargv[1]: a\nargv[2]: b');

    // Drag-and-drop onto the terminal: a real DataTransfer carrying a File.
    await page.keyboard.press('Control+L');
    await page.locator('[data-testid=terminal]').evaluate(
      (el, bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'dropped.wasm', { type: 'application/wasm' }));
        el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      [...HELLO],
    );
    await waitForText(page, `dojo: loaded dropped.wasm (${HELLO.length} bytes) into ~`);
    await waitForScreen(page, idlePrompt, { what: 'the prompt after dropping' });
    assert.equal(await run(page, 'wasmtime dropped.wasm'), 'Hello, world!');
  }));

test('garbage is refused with wasmtime parse errors and status 1; the terminal stays usable', () =>
  withDojo(async (page) => {
    // Not `\0asm` and not UTF-8: wasmtime tried it as WAT text.
    const junk = Buffer.alloc(64);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 151 + 0xc3) & 0xff;
    junk[0] = 0xff;
    // `\0asm` with a version, then cut off in the middle of a section.
    const truncated = ARGS_ECHO.subarray(0, 20);
    await page.keyboard.press('Control+L');
    await loadThroughHeader(page, [
      { name: 'junk.wasm', bytes: junk },
      { name: 'cut.wasm', bytes: truncated },
    ]);
    await waitForText(page, 'dojo: loaded cut.wasm (20 bytes)');
    await waitForText(page, 'dojo: loaded junk.wasm (64 bytes)');
    await waitForScreen(page, idlePrompt, { what: 'the prompt after loading' });
    await page.locator('.xterm-helper-textarea').focus();

    assert.equal(await run(page, 'wasmtime junk.wasm'), "Error: failed to parse `junk.wasm`: input bytes aren't valid utf-8");
    assert.equal(await run(page, 'echo $?', { clear: false }), '1');

    const cut = await run(page, 'wasmtime cut.wasm');
    // (The long cause wraps at the terminal's width.)
    assert.match(cut, /^Error: failed to parse WebAssembly module\n\nCaused by:\n {4}Invalid input WebAssembly code at offset \d+: \S[\s\S]*$/);
    assert.equal(await run(page, 'echo $?', { clear: false }), '1');

    // Still a working terminal and a working runtime.
    assert.equal(await run(page, 'echo still here'), 'still here');
    assert.equal(await run(page, 'wasmtime hello.wasm'), 'Hello, world!');
  }));
