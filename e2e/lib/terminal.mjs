/**
 * Driving the Wasm Dojo terminal the way a learner (or a screen reader) does: keys go in
 * through the keyboard, and the screen is read from xterm's accessibility tree, the same
 * rows assistive technology reads. No test hooks in the app.
 */
import { baseUrl } from './browser.mjs';

export const PROMPT_RE = /^learner@dojo:[^$\n]*\$( |$)/;
/**
 * Two views of the same screen: 'accessibility' (default) is what a screen reader reads, refreshed
 * by xterm at most once a second; 'drawn' is the rows xterm's DOM renderer paints, every frame.
 * Tests that run many commands (every lesson's solution) read 'drawn' to stay fast.
 */
const ROWS = {
  accessibility: '.xterm-accessibility-tree > div',
  drawn: '.xterm-screen .xterm-rows > div',
};

/** The visible rows of the terminal, trailing spaces trimmed (blank rows are ''). */
export async function screenLines(page, { source = 'accessibility' } = {}) {
  return page.$$eval(ROWS[source], (rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
}

/** Rows joined with newlines, trailing blank rows dropped. */
export async function screenText(page) {
  const lines = await screenLines(page);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * Polls the screen until `check(text, lines)` returns a truthy value, and returns that value.
 * On timeout the error shows the screen, so a failing test says what the learner would have seen.
 * @param {import('playwright-core').Page} page
 * @param {(text: string, lines: any[]) => any} check
 * @param {{ timeout?: number, what?: string, source?: keyof typeof ROWS }} [options]
 */
export async function waitForScreen(page, check, { timeout = 10000, what = 'screen condition', source = 'accessibility' } = {}) {
  const deadline = Date.now() + timeout;
  let text;
  for (;;) {
    const lines = await screenLines(page, { source });
    text = lines.join('\n').replace(/\n+$/, '');
    const result = check(text, lines);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; screen was:\n${text}`);
    await page.waitForTimeout(25);
  }
}

export function waitForText(page, needle, opts = {}) {
  return waitForScreen(page, (text) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text)), {
    what: `text ${needle}`,
    ...opts,
  });
}

/** The last non-blank row. */
export function lastLine(lines) {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i] !== '') return lines[i];
  return '';
}

/** Waits for an idle prompt whose typed text equals `typed` (default: empty). */
export function waitForPrompt(page, typed = '', opts = {}) {
  return waitForScreen(
    page,
    (_t, lines) => {
      const last = lastLine(lines);
      const m = PROMPT_RE.exec(last);
      return m && last.slice(m[0].length) === typed ? lines : null;
    },
    { what: `a prompt with "${typed}"`, ...opts },
  );
}

/** Gives the terminal keyboard focus (its hidden textarea). */
export async function focusTerminal(page) {
  await page.locator('.xterm-helper-textarea').focus();
}

/**
 * Opens the app in a fresh browser context (its own IndexedDB) and waits for the first prompt.
 * `beforeLoad(context)` runs on that context before the page opens (e.g. to hold back some
 * responses with `context.route`).
 * @param {any} browser
 * @param {{ viewport?: { width: number, height: number }, colorScheme?: string, beforeLoad?: (context: any) => Promise<unknown> }} [options]
 */
export async function openDojo(browser, { viewport = { width: 1280, height: 800 }, colorScheme = 'dark', beforeLoad } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  await beforeLoad?.(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto(baseUrl());
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
  return { context, page, errors };
}

/** Reloads and waits for the prompt again. */
export async function reloadDojo(page) {
  await page.reload();
  await waitForPrompt(page, '', { timeout: 15000 });
  await focusTerminal(page);
}

/** Types text as keystrokes (no Enter). */
export async function typeText(page, text) {
  await page.keyboard.type(text);
}

/**
 * Runs one command line and returns its output (the rows between the command and the next
 * prompt). By default the screen is cleared first (Ctrl-L), so the command is on the first row
 * and earlier output cannot be mistaken for this one's. (xterm refreshes its accessibility
 * rows at most once a second, so each wait here costs up to a second.)
 * @param {import('playwright-core').Page} page
 * @param {string} line
 * @param {{ timeout?: number, clear?: boolean, source?: keyof typeof ROWS }} [options]
 */
export async function run(page, line, { timeout = 20000, clear = true, source = 'accessibility' } = {}) {
  if (clear) await page.keyboard.press('Control+L');
  // The drawn rows change within a frame: wait for the cleared screen, so the last command's rows
  // (the same command run twice) cannot be taken for this one's.
  if (clear && source === 'drawn') {
    await waitForScreen(page, (_t, lines) => lines.filter((l) => l !== '').length === 1 && PROMPT_RE.test(lines[0]), {
      what: 'the screen cleared by Ctrl-L',
      source,
    });
  }
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  const result = await waitForScreen(
    page,
    (_t, lines) => {
      let start = -1;
      for (let i = clear ? 0 : lines.length - 1; i >= 0 && start < 0; i--) {
        const typed = PROMPT_RE.test(lines[i]) ? lines[i].replace(PROMPT_RE, '') : '';
        if (typed && line.startsWith(typed)) start = i;
      }
      if (start < 0) return null;
      // Long command lines wrap; skip rows until the echoed line is complete. Rows are compared
      // without spaces: a space that fell in a row's last column was trimmed with the row's end.
      const squeeze = (text) => text.replace(/\s+/g, '');
      const want = squeeze(line);
      let echoed = squeeze(lines[start].replace(PROMPT_RE, ''));
      let i = start;
      while (echoed.length < want.length && i + 1 < lines.length) echoed += squeeze(lines[++i]);
      if (echoed !== want) return null;
      for (let j = i + 1; j < lines.length; j++) {
        if (PROMPT_RE.test(lines[j])) return { output: lines.slice(i + 1, j).join('\n') };
      }
      return null;
    },
    { timeout, what: `"${line}" to finish`, source },
  );
  return result.output;
}

/** Pastes text the way the browser does (a paste event on xterm's textarea). */
export async function paste(page, text) {
  await page.locator('.xterm-helper-textarea').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
