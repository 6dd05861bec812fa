/**
 * Every lesson can be finished in the browser (issue 11). For each lesson under lessons/, a fresh
 * app: `lesson ID`, then each step's reference solution typed into the real terminal, which is a
 * TTY (Spin's colours and all), unlike the unit rigs; quiz steps get their reference answer, and a
 * step still open after its commands gets `check`, as test/lessons-content/solutions.test.ts does.
 * From the screen: the terminal says `✔ step passed: STEP` for each step and `★ lesson complete!`,
 * and the lesson pane marks each step passed and shows "Lesson complete".
 *
 * The catalogue is read by the product's own parser (src/lessons/node-loader.ts, bundled here with
 * rolldown), so step order, solutions and answers are exactly what the app sees. Commands wait on
 * the rows xterm draws (every frame), not the accessibility rows (once a second), to stay fast.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rolldown } from 'rolldown';
import { dojoPerTest } from '../lib/fixture.mjs';
import { ROOT } from '../lib/preview.mjs';
import { run } from '../lib/terminal.mjs';

async function loadCatalog() {
  const bundle = await rolldown({ input: join(ROOT, 'src/lessons/node-loader.ts'), platform: 'node', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  // Self-contained (its yaml parser bundled in): it can run from a temporary folder.
  const dir = mkdtempSync(join(tmpdir(), 'dojo-lesson-loader-'));
  const file = join(dir, 'loader.mjs');
  writeFileSync(file, output[0].code);
  try {
    const { loadCatalogFromDisk } = await import(file);
    return loadCatalogFromDisk(ROOT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const catalog = await loadCatalog();
const withDojo = dojoPerTest();
// A tall window: most outputs (a lesson's introduction, a trap's backtrace) fit on one screen.
const VIEWPORT = { width: 1400, height: 2000 };
// Lessons run two at a time, each in its own fresh app (its own storage): a page spends most of its
// time waiting for a module or a frame, not on the CPU. E2E_LESSON_CONCURRENCY=1 runs them in turn.
const CONCURRENCY = Math.max(1, Number(process.env.E2E_LESSON_CONCURRENCY) || 2);
// E2E_LESSONS=id,id runs only those lessons (while working on one).
const ONLY = (process.env.E2E_LESSONS ?? '').split(',').filter(Boolean);
const lessons = catalog.lessons.filter((l) => ONLY.length === 0 || ONLY.includes(l.id));

/** Runs `fn` when one of CONCURRENCY slots is free (node:test starts every test of the suite at once). */
let free = CONCURRENCY;
const waiting = [];
async function inSlot(fn) {
  if (free > 0) free--;
  else await new Promise((resolve) => waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free++;
  }
}

/**
 * The letters a `kind: lab` ratio question (how many medians fit in `ratioTo` ms, by `bands`) can
 * have, computed here from the last `p50` that `dojo bench` printed for the module, independently
 * of the grader, so a grader that read another figure than the one shown would fail. The screen
 * rounds the median (2.0 ms is anything from 1.95 to 2.05): near a band's edge both neighbours
 * are possible, and both are returned, the rounded value's first.
 */
function bandsFromScreen(check, screen) {
  const races = [...screen.matchAll(/\$ dojo bench [^\n]*?(\S+)\.wasm[^\n]*\n[\s\S]*?p50 ([\d.]+) (µs|ms|s)\b/g)];
  const race = races.filter((m) => m[1].endsWith(check.module)).at(-1);
  assert.ok(race, `no dojo bench p50 of ${check.module} on the screen:\n${screen}`);
  const unit = { µs: 1e-3, ms: 1, s: 1e3 }[race[3]];
  const half = 0.5 * 10 ** -(race[2].split('.')[1]?.length ?? 0) * unit;
  const band = (ms) => String.fromCharCode(65 + check.bands.filter((edge) => check.ratioTo / ms >= edge).length);
  const ms = Number(race[2]) * unit;
  return [...new Set([band(ms), band(ms - half), band(ms + half)])];
}

const pane = (page) => page.locator('#panel-lessons');
const stepItem = (page, id) => pane(page).locator(`[data-step="${id}"]`);

test('the catalogue parses without problems', () => {
  assert.deepEqual(catalog.issues, []);
  assert.ok(catalog.lessons.length > 0);
});

describe('every lesson, finished in the browser', { concurrency: true }, () => {
  for (const lesson of lessons) {
    test(`${lesson.id}: every step passes with its reference solution, typed in the terminal`, () =>
      inSlot(() =>
        withDojo(
          async (page) => {
            const transcript = [];
            const type = async (line) => {
              const out = await run(page, line, { source: 'drawn', timeout: 30000 });
              transcript.push(`$ ${line}\n${out}`);
              return out;
            };
            const isPassed = async (id) => /\bpassed\b/.test((await stepItem(page, id).getAttribute('class')) ?? '');
            const said = (text) => transcript.join('\n').includes(text);

            // The lesson commands arrive with the lessons chunk, after the first prompt: typed before
            // it lands, `lesson` is not a command yet (what a learner typing that fast sees too).
            for (let tries = 0; /command not found/.test(await type(`lesson ${lesson.id}`)) && tries < 30; tries++) await page.waitForTimeout(1000);
            // The lesson pane waits for the lessons chunk and the panel view: slow on a loaded machine.
            await stepItem(page, lesson.steps[0].id).waitFor({ timeout: 30000 });
            for (const step of lesson.steps) {
              const ratio = step.checks.find((c) => c.kind === 'lab' && c.ratioTo !== undefined);
              for (const line of step.solution?.commands ?? []) {
                // A question on the learner's own race: its right letter follows the median this
                // machine measured, read from the screen, not the reference text's typical machine.
                if (!ratio || !/^answer\b/.test(line)) await type(line);
                else
                  for (const letter of bandsFromScreen(ratio, transcript.join('\n')))
                    if (!said(`✔ step passed: ${step.id}`)) await type(`answer ${letter}`);
              }
              // Quiz steps whose solution is an explanation: the reference answer.
              for (const check of step.checks) {
                if (check.kind === 'quiz' && !said(`✔ step passed: ${step.id}`) && !(await isPassed(step.id)))
                  await type(`answer ${check.answer[0]}`);
              }
              if (!said(`✔ step passed: ${step.id}`) && !(await isPassed(step.id))) await type('check');
              const why = () => `${lesson.id}/${step.id} did not pass; the terminal showed:\n${transcript.join('\n')}`;
              assert.ok(said(`✔ step passed: ${step.id}`), why());
              await stepItem(page, step.id)
                .and(page.locator('.passed'))
                .waitFor({ timeout: 5000 })
                .catch(() => assert.fail(why()));
            }
            assert.ok(said('★ lesson complete!'), `${lesson.id}: no "lesson complete":\n${transcript.join('\n')}`);
            await pane(page).getByRole('region', { name: 'Lesson complete' }).waitFor({ timeout: 5000 });
          },
          { viewport: VIEWPORT },
        ),
      ));
  }
});
