/**
 * Accessibility on every main view, in both themes, reached both ways (the OS colour
 * scheme and the header's theme toggle): axe-core finds no serious or critical violation on the
 * terminal, the lesson pane, the trace panel, the editor, and the phone layout with the side
 * pane collapsed. Also: keyboard focus is visible, and reduced motion stops every animation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seriousViolations } from '../lib/a11y.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { focusTerminal, openDojo, run } from '../lib/terminal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);

/** Clicks the theme toggle (System → Light → Dark → System) until the page shows `want`. */
async function toggleThemeTo(page, want) {
  for (let i = 0; i < 3 && (await theme(page)) !== want; i++) {
    await page.getByRole('button', { name: /^Theme: / }).click();
  }
  assert.equal(await theme(page), want);
}

async function expectClean(page, view, failures) {
  const found = await seriousViolations(page);
  if (found.length) failures.push(`${view} [${await theme(page)}]:\n    ${found.join('\n    ')}`);
}

async function openSidePane(page) {
  const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
  if (!(await pane.isVisible())) await page.getByRole('button', { name: 'Lessons & trace' }).click();
  await pane.waitFor({ state: 'visible' });
}

/** Closes the side pane if it is open (the app may also close it by itself on a narrow window). */
async function collapseSidePane(page) {
  const pane = page.getByRole('complementary', { name: 'Lessons and trace' });
  const deadline = Date.now() + 10000;
  while (await pane.isVisible()) {
    if (Date.now() > deadline) throw new Error('the side pane did not collapse');
    await page
      .getByRole('button', { name: 'Hide panel' })
      .click({ timeout: 1000 })
      .catch(() => undefined); // the button may have just turned into "Lessons & trace"
  }
}

const CONFIGS = [
  { os: 'dark', want: 'dark', how: 'OS dark' },
  { os: 'light', want: 'light', how: 'OS light' },
  { os: 'light', want: 'dark', how: 'OS light, toggled to dark' },
  { os: 'dark', want: 'light', how: 'OS dark, toggled to light' },
];

for (const { os, want, how } of CONFIGS) {
  test(`axe-core on every main view: ${how}`, async () => {
    const { context, page, errors } = await openDojo(browser, { colorScheme: os, viewport: { width: 1280, height: 800 } });
    const failures = [];
    try {
      if (os !== want) await toggleThemeTo(page, want);
      assert.equal(await theme(page), want);
      await focusTerminal(page);

      // Terminal, after a run (so the screen-reader rows hold real output).
      assert.equal(await run(page, 'wasmtime hello.wasm'), 'Hello, world!');
      await expectClean(page, 'terminal', failures);

      // Lesson pane with a lesson open.
      await run(page, 'lesson wasmtime-dir', { timeout: 15000 });
      await openSidePane(page);
      await page.getByRole('tab', { name: 'Lessons' }).click();
      await page.locator('#panel-lessons').getByRole('heading', { name: 'Hand a module one directory with --dir' }).waitFor({ timeout: 10000 });
      await expectClean(page, 'lesson pane', failures);

      // Trace panel after a run.
      await focusTerminal(page);
      await run(page, 'wasmtime --dir /data config-reader.wasm');
      await page.getByRole('tab', { name: 'Trace' }).click();
      await page.getByRole('tabpanel', { name: 'Trace' }).getByText('path_open').first().waitFor({ timeout: 10000 });
      await expectClean(page, 'trace panel', failures);

      // The editor open above the terminal.
      await focusTerminal(page);
      await run(page, 'edit /data/config.json');
      await page.locator('.monaco-editor .view-lines').filter({ hasText: 'greeter' }).waitFor({ timeout: 20000 });
      await expectClean(page, 'editor', failures);
      await page.getByRole('button', { name: 'Close' }).click();

      // Phone width with the side pane collapsed.
      await page.setViewportSize({ width: 390, height: 800 });
      await collapseSidePane(page);
      await expectClean(page, 'phone, side pane collapsed', failures);

      assert.equal(await theme(page), want, 'the theme held across views');
      assert.deepEqual(failures, [], `serious/critical violations:\n${failures.join('\n')}`);
      assert.deepEqual(errors.map(String), [], 'the page threw');
    } finally {
      await context.close();
    }
  });
}

test('keyboard: every control is reached by Tab with a visible focus, and the terminal is no trap', async () => {
  const { context, page } = await openDojo(browser, { colorScheme: 'light' });
  try {
    await openSidePane(page);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        return {
          name: (el.getAttribute('aria-label') || el.textContent || el.className).trim().slice(0, 40),
          tag: el.tagName,
          outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
          terminal: el.classList.contains('xterm-helper-textarea'),
        };
      });
    // From the top (the skip link is the first stop) to the terminal, as a keyboard user goes.
    await page.getByRole('link', { name: 'Skip to terminal' }).focus();
    const stops = [await focused()];
    for (let i = 0; i < 10 && !stops.at(-1)?.terminal; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused());
    }
    assert.equal(stops.at(-1)?.terminal, true, 'Tab reaches the terminal');
    // Tab inside the terminal completes; Escape then Tab leaves it for the side pane.
    await page.keyboard.press('Tab');
    assert.equal((await focused())?.terminal, true, 'plain Tab stays in the terminal (completion)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const after = await focused();
    assert.ok(after && !after.terminal, 'Escape, Tab moves focus out of the terminal');
    stops.push(after);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f) stops.push(f);
    }
    // And back: Escape, Shift+Tab from the terminal reaches the header again.
    await focusTerminal(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    const back = await focused();
    assert.ok(back && !back.terminal, 'Escape, Shift+Tab moves focus back out of the terminal');
    stops.push(back);

    const controls = stops.filter((s) => s && !s.terminal);
    assert.ok(controls.length >= 7, `reached ${controls.length} controls by keyboard`);
    const invisible = controls.filter((s) => !s.outline).map((s) => `${s.tag} ${s.name}`);
    assert.deepEqual(invisible, [], 'controls without a visible focus outline');
  } finally {
    await context.close();
  }
});

test('prefers-reduced-motion: no animation or transition runs', async () => {
  const { context, page } = await openDojo(browser);
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await run(page, 'lesson wasmtime-dir', { timeout: 15000 });
    await openSidePane(page);
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll('*')]
        .map((el) => {
          const cs = getComputedStyle(el);
          const anim = cs.animationName !== 'none' && parseFloat(cs.animationDuration) > 0;
          const trans = cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
          return anim || trans ? `${el.tagName}.${el.className}` : null;
        })
        .filter(Boolean),
    );
    assert.deepEqual(moving, []);
  } finally {
    await context.close();
  }
});
