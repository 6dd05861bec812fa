/**
 * The terminal in the browser: it behaves like a real one when driven by the keyboard,
 * and the learner's files and history survive a reload.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { lastLine, paste, PROMPT_RE, reloadDojo, run, screenLines, typeText, waitForPrompt, waitForScreen, waitForText } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();

test('first screen: banner and the learner@dojo:~$ prompt', () =>
  withDojo(async (page) => {
    const lines = await screenLines(page);
    assert.match(lines.join('\n'), /Welcome to Wasm Dojo/);
    assert.equal(lastLine(lines), 'learner@dojo:~$');
  }));

test('history: ↑ and ↓ walk through earlier commands and back to the draft', () =>
  withDojo(async (page) => {
    await run(page, 'echo one');
    await run(page, 'echo two');
    await typeText(page, 'draft');
    await page.keyboard.press('ArrowUp');
    await waitForPrompt(page, 'echo two');
    await page.keyboard.press('ArrowUp');
    await waitForPrompt(page, 'echo one');
    await page.keyboard.press('ArrowDown');
    await waitForPrompt(page, 'echo two');
    await page.keyboard.press('ArrowDown');
    await waitForPrompt(page, 'draft');
  }));

test('Tab completes a command name and a path; double Tab lists candidates', () =>
  withDojo(async (page) => {
    await typeText(page, 'ech');
    await page.keyboard.press('Tab');
    await waitForPrompt(page, 'echo');
    await page.keyboard.press('Control+U');
    await typeText(page, 'cat /data/conf');
    await page.keyboard.press('Tab');
    await waitForPrompt(page, 'cat /data/config.json');
    await page.keyboard.press('Enter');
    await waitForText(page, '"greeting"');
    await typeText(page, 'c');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // bash lays the candidates out in columns, down then across: the listing is every line between
    // the two `c` prompts.
    const listing = await waitForScreen(
      page,
      (_t, lines) => {
        const at = lines.map((l, i) => (/\$ c$/.test(l) ? i : -1)).filter((i) => i >= 0);
        const [from, to] = at.slice(-2);
        if (from === undefined || to === undefined) return undefined;
        const block = lines.slice(from + 1, to).join('\n');
        return /\bcat\b/.test(block) && /\bcp\b/.test(block) ? block : undefined;
      },
      { what: 'a candidate listing with cat and cp' },
    );
    assert.match(listing, /\bcd\b/);
    assert.doesNotMatch(listing, /\becho\b/, 'only names that start with c');
    await waitForPrompt(page, 'c');
  }));

test('less pages with single keys: space moves on, q returns to the prompt with nothing typed', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await typeText(page, 'seq 500 | less');
    await page.keyboard.press('Enter');
    await waitForScreen(page, (_t, lines) => lines[0] === '1' && lines.some((l) => l.trim() === ':'), {
      what: 'the first page and the : status line',
      source: 'drawn',
      timeout: 20000,
    });
    await page.keyboard.press('Space');
    await waitForScreen(page, (_t, lines) => lines[0] !== '1' && /^\d+$/.test(lines[0]) && lines.some((l) => l.trim() === ':'), {
      what: 'the next page',
      source: 'drawn',
    });
    await page.keyboard.press('q'); // the q is the pager's: it must not reach the prompt
    const lines = await waitForScreen(page, (_t, rows) => rows.filter((l) => PROMPT_RE.test(l)).length === 2 && rows, {
      what: 'the main screen back with a fresh prompt',
      source: 'drawn',
    });
    const prompts = lines.filter((l) => PROMPT_RE.test(l));
    assert.deepEqual(prompts, ['learner@dojo:~$ seq 500 | less', 'learner@dojo:~$']);
    assert.equal(lines.indexOf(prompts[1]), lines.indexOf(prompts[0]) + 1, 'the prompt follows the command line, no blank row');
  }));

test("man opens a page in the pager with man's status line; q returns to the prompt", () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await typeText(page, 'man sed');
    await page.keyboard.press('Enter');
    const lines = await waitForScreen(
      page,
      (_t, rows) => rows.some((l) => l.trim() === 'Manual page sed(1) (press h for help or q to quit)') && rows,
      {
        what: "the page and man-db's prompt for less",
        source: 'drawn',
        timeout: 20000,
      },
    );
    assert.match(lines[0], /^SED\(1\) +User Commands +SED\(1\)$/);
    assert.ok(lines.some((l) => /^ +sed - stream editor for filtering and transforming text$/.test(l)));
    assert.ok(!lines.some((l) => PROMPT_RE.test(l)), 'the pager has the whole screen');
    await page.keyboard.press('q');
    const after = await waitForScreen(page, (_t, rows) => rows.filter((l) => PROMPT_RE.test(l)).length === 2 && rows, {
      what: 'the main screen back with a fresh prompt',
      source: 'drawn',
    });
    assert.deepEqual(
      after.filter((l) => PROMPT_RE.test(l)),
      ['learner@dojo:~$ man sed', 'learner@dojo:~$'],
    );
  }));

test('a pipe: echo hi | cat', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'echo hi | cat'), 'hi');
  }));

test('redirects > and >> write files that cat reads back', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'echo hello > out.txt'), '');
    assert.equal(await run(page, 'echo again >> out.txt'), '');
    assert.equal(await run(page, 'cat out.txt'), 'hello\nagain');
  }));

test('$? holds the status of a failing command', () =>
  withDojo(async (page) => {
    assert.equal(await run(page, 'cat nope.txt'), 'cat: nope.txt: No such file or directory');
    assert.equal(await run(page, 'echo $?', { clear: false }), '1');
    await run(page, 'nosuchcommand');
    assert.equal(await run(page, 'echo $?'), '127');
  }));

test('Ctrl-C on a half-typed line abandons it and gives a fresh prompt', () =>
  withDojo(async (page) => {
    await typeText(page, 'echo half-typed');
    await page.keyboard.press('Control+C');
    const lines = await waitForScreen(page, (_t, l) => (l.some((x) => x.endsWith('$ echo half-typed^C')) && /\$$/.test(lastLine(l)) ? l : null), {
      what: 'the ^C line and a fresh prompt',
    });
    assert.ok(!lines.some((l) => l === 'half-typed'), 'the abandoned line must not run');
  }));

test('line editing: Ctrl-W, ←, Backspace in the middle, Home, Ctrl-K', () =>
  withDojo(async (page) => {
    await typeText(page, 'echo abc def');
    await page.keyboard.press('Control+W');
    // Like readline's unix-word-rubout, Ctrl-W keeps the space before the word ("echo abc ").
    await waitForPrompt(page, 'echo abc');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await waitForPrompt(page, 'echo ac');
    await page.keyboard.press('Home');
    await typeText(page, '# ');
    await waitForPrompt(page, '# echo ac');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+K');
    await waitForPrompt(page, '#');
  }));

test('wide characters: editing inside a wrapped line of CJK text or emoji, and deleting an emoji, keep the line intact', () =>
  withDojo(async (page) => {
    // 240 cells each: several rows, with wide characters wrapping early at the right margin.
    for (const chars of [Array.from('日本語'.repeat(40)), Array.from('🚀'.repeat(120))]) {
      // Rows above the line, which a redraw starting on the wrong row would erase.
      await page.keyboard.press('Control+L');
      await run(page, 'echo above', { clear: false });
      const above = 'learner@dojo:~$ echo aboveabove';
      await typeText(page, `echo ${chars.join('')}`);
      await page.keyboard.press('Home');
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await typeText(page, 'X');
      await page.keyboard.press('End');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      await typeText(page, 'Y');
      const text = [chars[0], 'X', ...chars.slice(1, -3), 'Y', ...chars.slice(-3)].join('');
      // The rows hold exactly prompt + line: had the editor and xterm measured a character
      // differently, a redraw would leave pieces of the old line behind or start on the wrong row.
      await waitForScreen(page, (_t, l) => l.filter((r) => r !== '').join('') === `${above}learner@dojo:~$ echo ${text}`, {
        what: 'the edited line, intact',
      });
      await page.keyboard.press('Enter');
      await waitForScreen(page, (_t, l) => l.filter((r) => r !== '').join('') === `${above}learner@dojo:~$ echo ${text}${text}learner@dojo:~$`, {
        what: 'echo printing the edited text',
      });
    }

    await page.keyboard.press('Control+L');
    await typeText(page, 'echo 🚀🚀x');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await waitForPrompt(page, 'echo 🚀');
    await page.keyboard.press('Enter');
    await waitForScreen(page, (_t, l) => l[1] === '🚀' && PROMPT_RE.test(l[2] ?? ''), { what: 'one rocket echoed' });
  }));

test('Ctrl-R finds an earlier command', () =>
  withDojo(async (page) => {
    await run(page, 'echo needle');
    await run(page, 'pwd');
    await page.keyboard.press('Control+R');
    await typeText(page, 'need');
    await waitForText(page, "(reverse-i-search)`need': echo needle");
    await page.keyboard.press('Enter');
    await waitForScreen(page, (_t, lines) => lines.includes('needle') && PROMPT_RE.test(lastLine(lines)), {
      what: 'the found command to run',
    });
  }));

test('pasting several lines runs them in order, each after its prompt', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await paste(page, 'echo first\necho second\n');
    const lines = await waitForScreen(
      page,
      (_t, l) => (l.includes('second') && PROMPT_RE.test(lastLine(l)) && lastLine(l).endsWith('$') ? l : null),
      { what: 'both pasted lines to run' },
    );
    const text = lines.filter((l) => l).join('\n');
    assert.match(text, /\$ echo first\nfirst\nlearner@dojo:~\$ echo second\nsecond\nlearner@dojo:~\$$/);
  }));

test("a command pasted over several lines with trailing backslashes runs once, at bash's > prompt", () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    // The shape of the primer's `helm install … \` example, with a real command.
    await paste(page, 'wasmtime run \\\n  --env GREETING=hi \\\n  ~/modules/env-reader.wasm GREETING\n');
    const lines = await waitForScreen(
      page,
      (_t, l) => (PROMPT_RE.test(lastLine(l)) && lastLine(l).endsWith('$') && l.some((r) => r.startsWith('>   ~/modules')) ? l : null),
      { what: 'the continued command to run' },
    );
    const text = lines.filter((l) => l).join('\n');
    assert.match(
      text,
      /^learner@dojo:~\$ wasmtime run \\\n>   --env GREETING=hi \\\n>   ~\/modules\/env-reader\.wasm GREETING\nGREETING=hi\nlearner@dojo:~\$$/,
    );
  }));

test('a reload keeps files and history', () =>
  withDojo(async (page) => {
    await run(page, 'echo x > f.txt');
    await run(page, 'echo kept-in-history');
    // The workspace is saved shortly after a change; give it a moment before reloading.
    await page.waitForTimeout(800);
    await reloadDojo(page);
    assert.equal(await run(page, 'cat f.txt'), 'x');
    await page.keyboard.press('ArrowUp');
    await waitForPrompt(page, 'cat f.txt');
    await page.keyboard.press('ArrowUp');
    await waitForPrompt(page, 'echo kept-in-history');
  }));

test('Ctrl-C interrupts a running command (yes, and a module in an endless loop) and $? is 130', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await page.keyboard.type('yes');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+C');
    await waitForScreen(page, (_t, l) => /\$$/.test(lastLine(l)) && PROMPT_RE.test(lastLine(l)), {
      what: 'the prompt after interrupting yes',
    });
    assert.equal(await run(page, 'echo $?'), '130');

    await page.keyboard.press('Control+L');
    await page.keyboard.type('wasmtime ~/modules/spin-forever.wasm');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    const pressed = Date.now();
    await page.keyboard.press('Control+C');
    await waitForScreen(page, (_t, l) => /\$$/.test(lastLine(l)) && PROMPT_RE.test(lastLine(l)), {
      what: 'the prompt after interrupting spin-forever',
    });
    // The accessibility rows refresh at most once a second, so this bound includes that delay.
    assert.ok(Date.now() - pressed < 2500, `prompt took ${Date.now() - pressed} ms`);
    assert.equal(await run(page, 'echo $?'), '130');
  }));

test('a 100,000-character paste and binary garbage are cut with a message, and the terminal stays usable', () =>
  withDojo(async (page) => {
    await page.keyboard.press('Control+L');
    await paste(page, `echo ${'x'.repeat(100_000)}`);
    // The kept 16,384 characters fill many rows below the message. Let them all land (the last row
    // is the end of the kept line), then scroll back a page at a time until the message shows.
    await waitForScreen(page, (_t, l) => /x{40}$/.test(lastLine(l)), { timeout: 20000, what: 'the end of the kept line' });
    await page.mouse.move(300, 300);
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Shift+PageUp');
      // Up to a second for xterm to refresh its accessibility rows, plus slack for a loaded machine.
      found = await waitForText(page, 'dojo: line too long: kept the first 16384 characters', { timeout: 2500 }).then(
        () => true,
        () => false,
      );
    }
    assert.ok(found, 'the line-too-long message is on screen');
    await page.keyboard.press('Control+C');
    let junk = '';
    for (let i = 0; i < 3000; i++) junk += String.fromCharCode((i * 7919) % 0xd7ff);
    await paste(page, junk);
    await page.keyboard.press('Control+C');
    assert.equal(await run(page, 'echo still alive'), 'still alive');
  }));

test('copying a selection with Ctrl-C copies instead of interrupting', () =>
  withDojo(async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await run(page, 'echo copy-me-please');
    await typeText(page, 'half');
    // Select the output row by dragging across it.
    const box = await page.locator('.xterm-screen').boundingBox();
    const rowHeight = box.height / (await page.locator('.xterm-accessibility-tree > div').count());
    const y = box.y + rowHeight * 1.5;
    await page.mouse.move(box.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press('Control+C');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /copy-me-please/);
    // The half-typed line was not abandoned.
    await waitForPrompt(page, 'half');
  }));

test('clear empties the screen', () =>
  withDojo(async (page) => {
    await run(page, 'echo something');
    await page.keyboard.type('clear');
    await page.keyboard.press('Enter');
    await waitForScreen(page, (_t, l) => l.filter((x) => x !== '').length === 1 && l[0] === 'learner@dojo:~$', {
      what: 'only a prompt on screen',
    });
  }));

test('ls lays out for the width of the terminal, not a fixed 80 columns', () =>
  withDojo(
    async (page) => {
      const names = Array.from({ length: 12 }, (_, i) => `file-${String(i).padStart(4, '0')}`);
      await run(page, `mkdir /tmp/w && cd /tmp/w && touch ${names.join(' ')}`);
      // Twelve 9-character names need 130 columns on one row; at 80 they would take two.
      assert.equal(await run(page, 'ls'), names.join('  '));
    },
    { viewport: { width: 1900, height: 800 } },
  ));
