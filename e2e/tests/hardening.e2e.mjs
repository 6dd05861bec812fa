/**
 * What must keep holding against hostile or careless input, checked in the real terminal:
 * thousands of random lines leave no page error and always give the prompt back; a module that
 * grows its memory to the wasm32 limit, or overflows its stack, ends cleanly and the next run works; endless output into a file or a
 * pipe is cut with a message; hostile lesson links open nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { lastLine, paste, PROMPT_RE, run, waitForScreen, waitForText } from '../lib/terminal.mjs';
import { waitForDrawn } from '../lib/timing.mjs';

const withDojo = dojoPerTest();
const idlePrompt = (_t, lines) => PROMPT_RE.test(lastLine(lines)) && /\$$/.test(lastLine(lines));

/** A small deterministic generator (mulberry32), so a failing line can be found again from its seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Commands that end by themselves whatever their arguments (no `yes`, no module that loops, nothing
// that asks a question or deletes the workspace), and words that stress the lexer, expansion,
// globbing, redirects and the runtimes' argument parsers.
const COMMANDS = [
  'echo',
  'ls',
  'cat',
  'pwd',
  'cd',
  'grep',
  'wc',
  'head',
  'tail',
  'true',
  'false',
  'export',
  'unset',
  'env',
  'which',
  'history',
  'tree',
  'mkdir -p',
  'touch',
  'help',
  'wasmtime',
  'wasmedge',
  'nosuchcmd',
  './x.wasm',
];
const WORDS = [
  '-l',
  '-la',
  '-n',
  '-c',
  '--',
  '--bogus',
  '-h',
  'x',
  'f.txt',
  '.',
  '..',
  '/',
  '/etc',
  '~',
  '~/modules',
  '*',
  '?',
  '*.wasm',
  '[a-z]*',
  "'a b'",
  '"$HOME"',
  '"a \\" b"',
  '$?',
  '$NOPE',
  '${HOME}',
  '$USER',
  'A=1',
  "$'\\t'",
  'hello.wasm',
  '--dir',
  '.::/',
  '--env',
  'NAME',
  '-S',
  'inherit-env',
  '"é漢🚀"',
  "'<img src=x>'",
  '\\;',
  '#comment',
];
const JOINERS = [' | ', ' ; ', ' && ', ' || ', ' > f.txt ; ', ' 2>&1 | ', ' >> f.txt ; '];

function fuzzLine(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const parts = [];
  const commands = 1 + Math.floor(next() * 3);
  for (let c = 0; c < commands; c++) {
    if (c > 0) parts.push(pick(JOINERS));
    const words = [pick(COMMANDS)];
    const n = Math.floor(next() * 4);
    for (let w = 0; w < n; w++) words.push(pick(WORDS));
    parts.push(words.join(' '));
  }
  return parts.join('');
}

test('3,000 random lines: no page error, and every batch gives the prompt back', { timeout: 600_000 }, () =>
  withDojo(async (page) => {
    const next = random(20261202);
    const LINES = 3000;
    const BATCH = 150;
    for (let b = 0; b < LINES / BATCH; b++) {
      const lines = Array.from({ length: BATCH }, () => fuzzLine(next));
      await page.keyboard.press('Control+L');
      // Pasted lines run one after another, each after its prompt; the marker runs only when all
      // the lines before it have given the prompt back.
      await paste(page, `${lines.join('\n')}\ncd ~; clear; echo fuzz-batch-${b}-done\n`);
      await waitForDrawn(page, `fuzz-batch-${b}-done`, { timeout: 60_000 });
    }
    await waitForScreen(page, idlePrompt, { what: 'an idle prompt after the last batch' });
    assert.equal(await run(page, 'echo still here'), 'still here');
    assert.equal(await run(page, 'wasmtime hello.wasm'), 'Hello, world!');
  }),
);

/** Writes a text file into the learner's current directory the way a learner can: `echo … > FILE`. */
async function writeFile(page, name, text) {
  await page.keyboard.press('Control+L');
  await paste(page, `echo '${text.replace(/'/g, "'\\''")}' > ${name}\n`);
  await waitForScreen(page, idlePrompt, { what: `the prompt after writing ${name}` });
}

test('memory grown to the wasm32 limit and a stack overflow end cleanly, and the next run works', { timeout: 120_000 }, () =>
  withDojo(async (page) => {
    // Grows linear memory by 65,535 pages (to 4 GiB), touches its last word, and says which it got;
    // either answer is a clean end, a crash of the worker or the page is not.
    await writeFile(
      page,
      'grow.wat',
      `(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
 (memory 1) (export "memory" (memory 0))
 (data (i32.const 16) "grown\\n") (data (i32.const 32) "refused\\n")
 (func (export "_start")
  (if (i32.eq (memory.grow (i32.const 65535)) (i32.const -1))
   (then (i32.store (i32.const 0) (i32.const 32)) (i32.store (i32.const 4) (i32.const 8)))
   (else (i32.store (i32.const 0xfffffff8) (i32.const 7))
         (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 6))))
  (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`,
    );
    const grown = await run(page, 'wasmtime grow.wat; echo status=$?', { timeout: 60_000 });
    assert.match(grown, /^(grown|refused)\nstatus=0$/);
    assert.equal(await run(page, 'wasmtime hello.wasm'), 'Hello, world!');

    await writeFile(page, 'deep.wat', '(module (func $r (export "_start") (call $r)))');
    // The backtrace is as deep as the stack was, so it goes to a file and is read back from there.
    assert.equal(await run(page, 'wasmtime deep.wat 2>trap.txt; echo status=$?', { timeout: 60_000 }), 'status=134');
    assert.equal(await run(page, "grep -c 'wasm trap: call stack exhausted' trap.txt"), '1');
    assert.equal(await run(page, 'wasmtime hello.wasm'), 'Hello, world!');
  }),
);

test('endless output into a file or a pipe is cut with a message; the terminal stays usable', { timeout: 120_000 }, () =>
  withDojo(async (page) => {
    const file = await run(page, 'yes > big.txt; echo status=$?', { timeout: 60_000 });
    assert.match(file, /^dojo: big\.txt: File too large\nstatus=1$/);
    const pipe = await run(page, 'yes | wc -l; echo status=$?', { timeout: 60_000 });
    assert.match(pipe, /dojo: pipe full: more than 16 MB buffered, output cut/);
    assert.match(pipe, /status=1$/);
    assert.equal(await run(page, 'rm big.txt && echo removed'), 'removed');
  }),
);

test('hostile lesson links open nothing and throw nothing', { timeout: 60_000 }, () =>
  withDojo(async (page) => {
    for (const hash of ['#/lesson/<img src=x onerror=alert(1)>', '#/lesson/../../etc/passwd', '#/lesson/%E0%A4%A', '#/lesson/javascript:alert(1)']) {
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.waitForTimeout(100);
    }
    assert.equal(await page.locator('img[src=x]').count(), 0, 'no markup from the link reached the page');
    await waitForText(page, 'learner@dojo');
    assert.equal(await run(page, 'echo still here'), 'still here');
  }),
);
