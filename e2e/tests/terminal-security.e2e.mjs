/**
 * Output must never type input (issue 11). Terminal queries printed by a module, by `cat` of an
 * uploaded file, by `echo -e` and by `echo *` over a hostile file name would make xterm answer as if
 * the learner had typed the answer (DECRQSS → `1$r0m`, OSC 10 → `10;rgb:…`), and the next Enter would
 * run it. In real Chromium, with xterm's browser half (which answers the colour queries): after each
 * one, the command line is empty, Enter runs nothing, and the history holds none of it. What already
 * held stays held: CSI reports, OSC 52 (the clipboard), and mouse reports after a module turns mouse
 * tracking on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { PROMPT_RE, run, screenText, waitForPrompt, waitForScreen, waitForText } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();

const ESC = '\x1b';
const ST = `${ESC}\\`;
const BEL = '\x07';

/** Every query xterm 6 answers, and the two it may answer one day (XTGETTCAP, OSC 52). */
const QUERIES = [
  ['DECRQSS SGR', `${ESC}P$qm${ST}`],
  ['DECRQSS margins', `${ESC}P$qr${ST}`],
  ['DECRQSS cursor', `${ESC}P$q q${ST}`],
  ['XTGETTCAP', `${ESC}P+q544e${ST}`],
  ['OSC 10 foreground', `${ESC}]10;?${BEL}`],
  ['OSC 11 background', `${ESC}]11;?${ST}`],
  ['OSC 12 cursor', `${ESC}]12;?${BEL}`],
  ['OSC 4 palette', `${ESC}]4;1;?${BEL}`],
  ['DA1', `${ESC}[c`],
  ['DA2', `${ESC}[>c`],
  ['DSR', `${ESC}[5n${ESC}[6n`],
  ['DECRQM', `${ESC}[?2004$p`],
  ['OSC 52 write', `${ESC}]52;c;ZWNobyBwd25lZA==${BEL}`],
];
const ALL = QUERIES.map(([what, q]) => `${what}: ${q}\n`).join('');

/** What a reply (or a clipboard paste) would leave on the line or in the history. */
const REPLY_TEXT = /\$r|r0m|rgb:|1;2c|0;276|\$y|pwned|\d+;\d+R/;

/** A text module that writes `bytes` to stdout (fd 1) with WASI fd_write. */
function printingModule(text) {
  const bytes = Buffer.from(text, 'utf8');
  const hex = (b) => `\\${b.toString(16).padStart(2, '0')}`;
  const data = [...bytes].map(hex).join('');
  return `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\10\\00\\00\\00${hex(bytes.length & 0xff)}${hex((bytes.length >> 8) & 0xff)}\\00\\00")
  (data (i32.const 16) "${data}")
  (func (export "_start") (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
`;
}

async function upload(page, name, text) {
  await page.getByTestId('load-wasm-input').setInputFiles({ name, mimeType: 'application/wasm', buffer: Buffer.from(text, 'utf8') });
  await waitForText(page, `dojo: loaded ${name}`);
}

/**
 * After output that held queries: the line is empty once the replies would have landed, and an
 * Enter gives a bare prompt again with nothing run in between.
 */
async function lineStaysEmpty(page, what) {
  // Replies arrive while xterm parses the output, i.e. before the prompt after it is drawn; one more
  // accessibility refresh (once a second) shows anything that landed on the line after all.
  await waitForPrompt(page, '', { timeout: 15000, what: `an empty line after ${what}` });
  await page.waitForTimeout(1100);
  await waitForPrompt(page, '', { timeout: 2000 });
  await page.keyboard.press('Control+L');
  await page.keyboard.press('Enter');
  await waitForScreen(
    page,
    (_t, lines) => {
      const rows = lines.filter((l) => l !== '');
      return rows.length === 2 && rows.every((l) => PROMPT_RE.test(l) && /\$$/.test(l));
    },
    { what: `Enter after ${what} running nothing (two bare prompts)` },
  );
}

test('a module printing every query leaves the command line empty, and Enter runs nothing', () =>
  withDojo(async (page) => {
    await upload(page, 'queries.wat', printingModule(ALL));
    const out = await run(page, 'wasmtime queries.wat');
    // The module did print (labels around the swallowed queries).
    assert.match(out, /^DECRQSS SGR:/m);
    assert.match(out, /^OSC 52 write:/m);
    await lineStaysEmpty(page, 'the module');
    const history = await run(page, 'history');
    assert.doesNotMatch(history, REPLY_TEXT);
  }));

test('cat of an uploaded file, echo -e, and echo * over a hostile file name type nothing either', () =>
  withDojo(async (page) => {
    await upload(page, 'notes.wasm', ALL);
    await run(page, 'cat notes.wasm');
    await lineStaysEmpty(page, 'cat of an uploaded file');

    await run(page, "echo -e 'colours: \\e]10;?\\a \\e]11;?\\e\\\\ status: \\eP$qm\\e\\\\'");
    await lineStaysEmpty(page, 'echo -e');

    await run(page, "mkdir names && cd names && touch $'\\eP$qm\\e\\\\' $'\\e]10;?\\a'");
    await run(page, 'echo *');
    await lineStaysEmpty(page, 'echo * over hostile names');

    const history = await run(page, 'history');
    assert.doesNotMatch(history, REPLY_TEXT);
    assert.doesNotMatch(await screenText(page), /command not found/);
  }));

test('OSC 52 from output never reaches the clipboard; mouse tracking turned on by output types nothing', () =>
  withDojo(async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText('learner text'));
    await run(page, "echo -e '\\e]52;c;ZWNobyBwd25lZA==\\a'");
    await lineStaysEmpty(page, 'OSC 52');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'learner text');

    // Mouse tracking with SGR reports: clicks and wheel would be reported as CSI sequences.
    await run(page, "echo -e '\\e[?1000h\\e[?1006h'");
    const box = await page.getByTestId('terminal').boundingBox();
    await page.mouse.click(box.x + 40, box.y + 40);
    await page.mouse.click(box.x + 80, box.y + 60, { button: 'right' });
    await page.mouse.wheel(0, 120);
    await page.locator('.xterm-helper-textarea').focus();
    await lineStaysEmpty(page, 'mouse reports');
    // The default (X10) encoding sends its reports as binary data: still nothing on the line.
    await run(page, "echo -e '\\e[?1006l'");
    await page.mouse.click(box.x + 40, box.y + 40);
    await page.locator('.xterm-helper-textarea').focus();
    await lineStaysEmpty(page, 'X10 mouse reports');
    await run(page, "echo -e '\\e[?1000l'");
  }));
