/**
 * The interview trainer in Chromium, by keyboard: a 15-minute mock interview start to finish in the
 * terminal (questions answered at the trainer's prompts, the hands-on task done and graded by the
 * lesson engine, the score and the review shown, the result in the Practice tab's history); a failed
 * lesson check showing up as a due card in the Practice tab and fixed there by keyboard; a recording
 * played back in the tab's read-only player showing the same screen text; axe on the tab in both
 * themes and on a phone.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { seriousViolations } from '../lib/a11y.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { lastLine, openDojo, PROMPT_RE, run, screenLines, waitForPrompt, waitForScreen, waitForText } from '../lib/terminal.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A lesson's steps from disk: solution commands and quiz answers, as a learner would type them. */
function lessonSolution(id) {
  for (const chapter of readdirSync(join(ROOT, 'lessons'))) {
    const dir = join(ROOT, 'lessons', chapter);
    if (!chapter.match(/^\d\d-/)) continue;
    for (const name of readdirSync(dir)) {
      const folder = join(dir, name);
      let meta;
      try {
        meta = readFileSync(join(folder, 'lesson.md'), 'utf8');
      } catch {
        continue;
      }
      if (!new RegExp(`^id: ${id}$`, 'm').test(meta)) continue;
      return readdirSync(join(folder, 'steps'))
        .sort()
        .flatMap((f) => {
          const front = parseYaml(readFileSync(join(folder, 'steps', f), 'utf8').split(/^---$/m)[1] ?? '');
          const quiz = (front.checks ?? []).filter((c) => c.kind === 'quiz').map((c) => `answer ${c.answer}`);
          return [...(front.solution?.commands ?? []), ...quiz];
        });
    }
  }
  throw new Error(`no lesson ${id}`);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** @type {{ source: 'drawn' }} */
const DRAWN = { source: 'drawn' };

/** An idle shell prompt: nothing typed after it. */
const atShell = (line) => PROMPT_RE.test(line) && line.replace(PROMPT_RE, '') === '';

/** Answers whatever the trainer asks at its prompt, by keyboard, until the shell prompt is back. */
async function answerUntilShell(page, seen) {
  for (let n = 0; n < 40; n++) {
    const lines = await waitForScreen(
      page,
      (_t, l) => {
        const last = lastLine(l);
        return atShell(last) || last === '$' || /> ?$/.test(last) || /Enter shows the model answer> ?$/.test(last) ? l : null;
      },
      { ...DRAWN, what: 'a trainer question or the shell prompt', timeout: 15000 },
    );
    const last = lastLine(lines);
    if (atShell(last)) return lines;
    let reply;
    if (/Enter shows the model answer/.test(last)) reply = '';
    else if (/^answer \(1-\d\)/.test(last)) reply = '1';
    else if (/^answers \(e\.g\./.test(last)) reply = '1 2';
    else if (/^order \(e\.g\. ([a-j ]+)\)/.test(last)) reply = (/^order \(e\.g\. ([a-j ]+)\)/.exec(last)?.[1] ?? '').split(' ').reverse().join(' ');
    else if (last === '$') reply = 'wasmtime --dir=/data app.wasm';
    else if (/^line or field/.test(last)) reply = 'allowed_outbound_hosts';
    else if (/^points covered/.test(last)) reply = '1 2';
    else throw new Error(`unexpected trainer prompt: ${last}`);
    seen.push(last);
    await page.keyboard.type(reply);
    const typed = await waitForScreen(page, (t, l) => (lastLine(l).endsWith(reply.trim()) || !reply ? t : null), {
      ...DRAWN,
      what: 'the reply to show',
    });
    await page.keyboard.press('Enter');
    // The screen must move on from this prompt (the next one may read the same) before it is read again.
    await waitForScreen(page, (t) => t !== typed, { ...DRAWN, what: 'the reply to be taken' });
  }
  throw new Error('the interview asked more than 40 questions');
}

test('a 15-minute mock interview, start to finish by keyboard, with a hands-on task graded in the terminal', async () => {
  const { context, page, errors } = await openDojo(browser);
  try {
    // The trainer loads after the lessons: `interview --help` answers once its commands are in.
    let help = '';
    for (let i = 0; i < 40 && !help.includes('Usage: interview'); i++) {
      help = await run(page, 'interview --help', { source: 'drawn' });
      if (!help.includes('Usage: interview')) await page.waitForTimeout(250);
    }
    assert.match(help, /Usage: interview \[--minutes N\] \[--level L\]/);

    await page.keyboard.press('Control+L');
    await page.keyboard.type('interview --minutes 15 --level L2 --seed 3');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Mock interview: 15 minutes, level L2', DRAWN);
    const seen = [];
    let lines = await answerUntilShell(page, seen);
    let text = lines.join('\n');
    const task = /Lesson ([a-z0-9-]+) is open/.exec(text);
    assert.ok(task, `the hands-on task did not start:\n${text}`);
    assert.ok(seen.length >= 3, 'questions were asked before the hands-on task');

    // The hands-on task: the lesson's own steps, graded by the lesson engine as each line is typed.
    for (const line of lessonSolution(task[1])) await run(page, line, { source: 'drawn', timeout: 30000 });
    await page.keyboard.press('Control+L');
    await page.keyboard.type('interview');
    await page.keyboard.press('Enter');
    await answerUntilShell(page, seen);
    await waitForText(page, /Mock interview score: \d+ %/, DRAWN);
    text = (await screenLines(page, { source: 'drawn' })).join('\n');
    // The review: each answer with what was typed, the explanation and the lesson that teaches it.
    assert.match(text, /You: /);
    assert.match(text, /Lesson: lesson /);

    // Saved in history, shown in the Practice tab.
    await page.goto(`${page.url().split('#')[0]}#/practice`);
    await waitForPrompt(page, '', { timeout: 15000 });
    const history = page.locator('[data-testid="mock-history"]');
    await history.waitFor({ timeout: 15000 });
    assert.match(await history.innerText(), /15 min\s+L2\s+\d+ %/);
    const last = page.locator('details', { hasText: 'Last interview' });
    await last.locator('summary').click();
    assert.match(await last.innerText(), /hands-on: 100 % \(1\/1\)/);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

test('a failed lesson check appears as a due card, fixed in the Practice tab by keyboard', async () => {
  const { context, page, errors } = await openDojo(browser);
  try {
    await run(page, 'lesson least-privilege-dir', { source: 'drawn', timeout: 20000 });
    const broad = 'wasmtime run --dir site::/ modules/config-reader.wasm';
    await run(page, broad, { source: 'drawn', timeout: 30000 });
    let status = '';
    for (let i = 0; i < 40 && !/Due now: [1-9]/.test(status); i++) {
      status = await run(page, 'practice --status', { source: 'drawn' });
      if (!/Due now: [1-9]/.test(status)) await page.waitForTimeout(250);
    }
    assert.match(status, /Due now: 1/);

    await run(page, 'practice --open', { source: 'drawn' });
    const pane = page.locator('[data-testid="practice-pane"]');
    await pane.waitFor({ timeout: 15000 });
    const review = pane.getByRole('button', { name: /^Review \d+ card/ });
    await review.focus();
    await page.keyboard.press('Enter');
    const card = pane.locator('[data-testid="practice-card"]');
    await card.waitFor();
    assert.match(await card.innerText(), /From your lesson work/);
    assert.match(await card.innerText(), new RegExp(`You typed: ${broad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await card.getByRole('textbox', { name: 'Your command' }).focus();
    await page.keyboard.type('wasmtime --dir site/data::/data modules/config-reader.wasm');
    await page.keyboard.press('Enter');
    await card.locator('.practice-verdict.right').waitFor({ timeout: 5000 });
    assert.match(await card.innerText(), /✓ Right/);
    // Enter goes on to the next card: a question of the bank, picked with a digit key.
    await page.keyboard.press('Enter');
    await waitForCardChange(card);
    // The next card is a question of the bank: a digit picks, Enter checks, the verdict explains.
    const choices = card.locator('.practice-choices button');
    await choices.first().waitFor();
    await page.keyboard.press('1');
    assert.equal(await choices.first().getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');
    await card.locator('.practice-verdict').waitFor({ timeout: 5000 });
    assert.match(await card.innerText(), /(✓ Right|✗ Not quite) — \w+ — back (in|tomorrow)/);
    assert.match(await card.innerText(), /Lesson: /);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

async function waitForCardChange(card) {
  for (let i = 0; i < 40; i++) {
    if (!/From your lesson work/.test(await card.innerText())) return;
    await card.page().waitForTimeout(100);
  }
  throw new Error('the next card did not come');
}

test('a recording played back in the Practice tab shows the same screen text', async () => {
  const { context, page, errors } = await openDojo(browser);
  try {
    let started = '';
    for (let i = 0; i < 40 && !started.includes('Recording'); i++) {
      started = await run(page, 'record start --title e2e', { source: 'drawn' });
      if (!started.includes('Recording')) await page.waitForTimeout(250);
    }
    await run(page, 'echo replay-me-please', { source: 'drawn' });
    await run(page, 'wasmtime hello.wasm', { source: 'drawn', clear: false, timeout: 30000 });
    const live = (await screenLines(page, DRAWN)).filter((l) => /replay-me-please|Hello/.test(l));
    assert.ok(live.length >= 3, `the live screen: ${live.join('\n')}`);
    await run(page, 'record stop ~/e2e.cast', { source: 'drawn', clear: false });
    await run(page, 'record play ~/e2e.cast', { source: 'drawn' });
    const screen = page.locator('[data-testid="player-screen"]');
    await screen.waitFor({ timeout: 15000 });
    // Seek to the end (the timeline is a slider: End key).
    const slider = page.getByRole('slider', { name: 'Position in the recording' });
    await slider.focus();
    await page.keyboard.press('End');
    const replayed = await waitForPlayer(page, (rows) => live.every((l) => rows.includes(l)) && rows);
    assert.ok(replayed);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
  }
});

async function waitForPlayer(page, check) {
  const deadline = Date.now() + 10000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await page.$$eval('[data-testid="player-screen"] .xterm-rows > div', (rs) =>
      rs.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()),
    );
    const r = check(rows);
    if (r) return r;
    await page.waitForTimeout(100);
  }
  throw new Error(`the player showed:\n${rows.join('\n')}`);
}

/** @type {Array<{ theme: 'dark' | 'light', viewport: { width: number, height: number } }>} */
const LOOKS = [
  { theme: 'dark', viewport: { width: 1280, height: 800 } },
  { theme: 'light', viewport: { width: 390, height: 844 } },
];
for (const { theme, viewport } of LOOKS) {
  test(`the Practice tab has no serious axe violations (${theme}, ${viewport.width}px)`, async () => {
    const { context, page, errors } = await openDojo(browser, { viewport, colorScheme: theme });
    try {
      await page.goto(`${page.url().split('#')[0]}#/practice`);
      await waitForPrompt(page, '', { timeout: 15000 });
      const pane = page.locator('[data-testid="practice-pane"]');
      await pane.waitFor({ timeout: 20000 });
      await pane.getByRole('button', { name: 'Show as table' }).click();
      await pane.locator('[data-testid="mastery-table"]').waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await pane.getByRole('button', { name: /^Review/ }).click();
      await pane.locator('[data-testid="practice-card"]').waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      assert.deepEqual(errors.map(String), []);
    } finally {
      await context.close();
    }
  });
}
