/**
 * Damaged saved state in the real browser: the workspace, the command history and lesson progress,
 * each damaged in its own storage, are kept aside and the terminal names each copy once (issue 11:
 * the history and progress ones used to be silent). /dev through the real terminal too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { reloadDojo, run, screenText, waitForText } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();

/** Puts `value` under `key` in the app's IndexedDB (idb-keyval's database 'wasm-dojo', store 'kv'). */
function idbPut(page, key, value) {
  return page.evaluate(
    ([k, v]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('wasm-dojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put(v, k);
          tx.oncomplete = () => (open.result.close(), resolve(undefined));
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value],
  );
}

test('damaged history, progress and workspace: each kept aside and named once in the terminal', () =>
  withDojo(async (page) => {
    await run(page, 'echo typed-before');
    // Let the history and the workspace save, then damage all three as a bad disk or a foreign app might.
    await page.waitForTimeout(500);
    await idbPut(page, 'wasm-dojo:history', { not: 'a list' });
    await idbPut(page, 'wasm-dojo:fs', 'garbage');
    await page.evaluate(() => localStorage.setItem('wasm-dojo:lesson-progress', '{not json'));
    await reloadDojo(page);
    await waitForText(page, 'dojo: your saved command history could not be read');
    await waitForText(page, 'dojo: your saved workspace could not be read');
    await waitForText(page, 'dojo: your saved lesson progress could not be read', { timeout: 20000 });
    // The lines wrap at the terminal's width, and a space at a row's end is trimmed from the row:
    // compare with all white space removed.
    const screen = (await screenText(page)).replace(/\s+/g, '');
    assert.match(screen, /keptasideas'wasm-dojo:history:broken:\d+'inthisbrowser'sIndexedDB/);
    assert.match(screen, /keptasideas'wasm-dojo:lesson-progress:broken:\d+'inthisbrowser'slocalStorage/);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('wasm-dojo:lesson-progress:broken:')));
    assert.equal(kept.length, 1);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), kept[0]), '{not json');
    // Told once: a reload with nothing saved in between says nothing more, also once lessons have loaded.
    await reloadDojo(page);
    for (let i = 0; i < 30 && (await run(page, 'which lessons; echo "[$?]"', { clear: false })).endsWith('[1]'); i++) await page.waitForTimeout(500);
    assert.doesNotMatch(await screenText(page), /could not be read/);
  }));

test('/dev in the real terminal: 2>/dev/null, > /dev/stderr, ls -l /dev', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'frobnicate 2>/dev/null; echo $?'), '127');
    assert.equal(await run(page, 'echo hi > /dev/null; echo "[$?]"'), '[0]');
    assert.equal(await run(page, 'echo to-stderr > /dev/stderr'), 'to-stderr');
    assert.match(await run(page, 'ls -l /dev'), /^crw-rw-rw- 1 root root 1, 3 .* null$/m);
  }));
