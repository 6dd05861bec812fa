/**
 * Issue 11: the editor never loses unsaved edits without asking. While the text differs from the
 * file, the title shows ● and the editor's label says "unsaved changes"; Ctrl-S saves and says
 * "Saved" in a polite live region; Close (and `edit` of another file) asks Save / Discard / Cancel
 * in a modal dialog driven from the keyboard, axe-clean in both themes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriousViolations } from '../lib/a11y.mjs';
import { dojoPerTest } from '../lib/fixture.mjs';
import { focusTerminal, run } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();
/** Monaco's editing element (in Chromium, an EditContext div: Monaco's textarea is not used there). */
const EDIT_AREA = '.monaco-editor .native-edit-context';
const FILE = '/home/learner/notes.txt';

const title = (page) => page.getByTestId('editor-title');
const panel = (page) => page.locator('section.editor-panel');
const dialog = (page) => page.getByRole('dialog', { name: 'Save changes to notes.txt?' });

/** `edit FILE` from the terminal, then waits for Monaco to show `text` and take the keyboard. */
async function openInEditor(page, path, text) {
  await focusTerminal(page);
  await run(page, `edit ${path}`);
  await page.locator('.monaco-editor .view-lines').filter({ hasText: text }).waitFor({ timeout: 20000 });
  await page.locator(EDIT_AREA).focus();
}

/** Types at the end of the file in Monaco. */
async function typeAtEnd(page, text) {
  await page.locator(EDIT_AREA).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

async function fileText(page, path) {
  await focusTerminal(page);
  return run(page, `cat ${path}`);
}

async function expectDirty(page, dirty) {
  const marker = title(page).locator('.editor-dirty');
  if (dirty) {
    await marker.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(await title(page).innerText(), /^● /);
    await page.getByRole('region', { name: `Editor for ${FILE} (unsaved changes)` }).waitFor({ timeout: 2000 });
    assert.equal(await page.locator(EDIT_AREA).getAttribute('aria-label'), `Editor: ${FILE} (unsaved changes)`);
  } else {
    await marker.waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await title(page).innerText(), FILE);
    await page.getByRole('region', { name: `Editor for ${FILE}`, exact: true }).waitFor({ timeout: 2000 });
  }
}

const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent ?? '');

test('dirty marker, "Saved" after Ctrl-S, and Close asks: Escape cancels, Discard drops, Save keeps', () =>
  withDojo(async (page) => {
    await run(page, 'echo -n first > notes.txt');
    await openInEditor(page, 'notes.txt', 'first');
    await expectDirty(page, false);

    // Typing makes it dirty; undoing back to the saved text makes it clean again.
    await typeAtEnd(page, ' second');
    await expectDirty(page, true);
    for (let i = 0; i < ' second'.length; i++) await page.keyboard.press('Control+Z');
    await page.locator('.monaco-editor .view-lines').filter({ hasNotText: 'second' }).waitFor({ timeout: 5000 });
    await expectDirty(page, false);
    await typeAtEnd(page, ' second');
    await expectDirty(page, true);

    // Ctrl-S: saved, said politely, marker gone.
    await page.keyboard.press('Control+S');
    const saved = page.getByTestId('editor-saved');
    await saved.filter({ hasText: `Saved ${FILE}` }).waitFor({ timeout: 5000 });
    assert.equal(await saved.getAttribute('role'), 'status');
    assert.equal(await saved.getAttribute('aria-live'), 'polite');
    await expectDirty(page, false);
    assert.equal(await fileText(page, 'notes.txt'), 'first second');

    // Clean: Close just closes.
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await panel(page).waitFor({ state: 'detached', timeout: 5000 });

    // Dirty: Close asks; focus starts on Save; Escape is Cancel and keeps the edit.
    await openInEditor(page, 'notes.txt', 'first second');
    await typeAtEnd(page, ' third');
    await expectDirty(page, true);
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await dialog(page).waitFor({ timeout: 5000 });
    assert.equal(await focusedText(page), 'Save');
    assert.match(await dialog(page).innerText(), /unsaved changes/);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await focusedText(page), 'Close', 'focus returns to Close');
    await expectDirty(page, true);

    // Keyboard only: Close, Tab to Discard, Enter: closed, the file as it was saved.
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ timeout: 5000 });
    await page.keyboard.press('Tab');
    assert.equal(await focusedText(page), 'Discard');
    // Focus stays in the dialog: Save, Discard, Cancel, and round again.
    await page.keyboard.press('Tab');
    assert.equal(await focusedText(page), 'Cancel');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'xterm-helper-textarea', 'focus goes to the terminal');
    assert.equal(await fileText(page, 'notes.txt'), 'first second');

    // Save in the dialog: written, then closed.
    await openInEditor(page, 'notes.txt', 'first second');
    await typeAtEnd(page, ' fourth');
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await panel(page).waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await fileText(page, 'notes.txt'), 'first second fourth');
  }));

test('`edit` of another file while dirty asks too: Cancel keeps the edit, Discard opens the other file', () =>
  withDojo(async (page) => {
    await run(page, 'echo -n first > notes.txt && echo -n other > other.txt');
    await openInEditor(page, 'notes.txt', 'first');
    await typeAtEnd(page, ' draft');
    await expectDirty(page, true);

    await focusTerminal(page);
    await run(page, 'edit other.txt');
    await dialog(page).waitFor({ timeout: 5000 });
    assert.match(await dialog(page).innerText(), /Opening another file/);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 5000 });
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'first draft' }).waitFor({ timeout: 5000 });
    await expectDirty(page, true);

    await focusTerminal(page);
    await run(page, 'edit other.txt');
    await dialog(page).getByRole('button', { name: 'Discard' }).click();
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'other' }).waitFor({ timeout: 5000 });
    assert.equal(await title(page).innerText(), '/home/learner/other.txt');
    assert.equal(await fileText(page, 'notes.txt'), 'first');
  }));

for (const colorScheme of ['dark', 'light']) {
  test(`the unsaved-changes dialog has no serious axe violation (${colorScheme} theme)`, () =>
    withDojo(
      async (page) => {
        await run(page, 'echo -n first > notes.txt');
        await openInEditor(page, 'notes.txt', 'first');
        await typeAtEnd(page, ' more');
        await expectDirty(page, true);
        assert.deepEqual(await seriousViolations(page), [], 'dirty editor');
        await panel(page).getByRole('button', { name: 'Close' }).click();
        await dialog(page).waitFor({ timeout: 5000 });
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme);
        assert.deepEqual(await seriousViolations(page), [], 'dialog open');
        await page.keyboard.press('Escape');
      },
      { colorScheme },
    ));
}
