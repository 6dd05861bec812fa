/**
 * The screen-level figures of issue 16, measured Enter keydown → output row painted (screen.mjs):
 *  - `echo` (a builtin) and a warm module run with a fresh argument and env value every time
 *    (`wasmtime --env A=vN probe.wasm vN`), interleaved run by run so machine load hits both alike;
 *    also the byte-identical repeat (`wasmtime probe.wasm same`) the spare guest was built for;
 *  - a 1 MiB module: the first run after a page reload against its warm runs.
 * probe.wasm is uploaded through the app's "Load .wasm" input, as a learner's own module would be.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { focusTerminal } from '../../e2e/lib/terminal.mjs';
import { probeModule } from './probe-module.mjs';
import { enterToPainted, installScreenProbe } from './screen.mjs';
import { waitForMark } from './dojo.mjs';
import { summary, round, log } from './stats.mjs';

async function upload(page, path) {
  await page.setInputFiles('[data-testid="load-wasm-input"]', path);
}

async function ready(page) {
  await waitForMark(page, 'dojo:prompt-ready', 30000);
  await waitForMark(page, 'dojo:worker-ready', 30000);
  await focusTerminal(page);
  await installScreenProbe(page);
}

export async function screenFigures(page, url, { runs = 60, reloads = 3 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-bench-probe-'));
  const small = join(dir, 'probe.wasm');
  const big = join(dir, 'big.wasm');
  writeFileSync(small, await probeModule());
  const bigBytes = await probeModule({ fillerKiB: 1024 });
  writeFileSync(big, bigBytes);

  await ready(page);
  await upload(page, small);
  await upload(page, big);
  await page.waitForTimeout(300);
  // Warm up: lazy commands loaded, the module compiled.
  for (let i = 0; i < 5; i++) await enterToPainted(page, `wasmtime probe.wasm w${i}`, `got:w${i}`);
  for (let i = 0; i < 3; i++) await enterToPainted(page, `echo got"":w${i}`, `got:w${i}`);

  log(`screen: ${runs} × (echo, wasmtime with fresh args/env, byte-identical repeat) interleaved ...`);
  const echo = [];
  const fresh = [];
  const same = [];
  const freshRun = [];
  for (let i = 0; i < runs; i++) {
    if (i % 20 === 0) await page.keyboard.press('Control+L');
    echo.push(await enterToPainted(page, `echo got"":e${i}`, `got:e${i}`));
    await page.evaluate(() => performance.clearMeasures('dojo:run'));
    fresh.push(await enterToPainted(page, `wasmtime --env A=v${i} probe.wasm v${i}`, `got:v${i}`));
    freshRun.push(await page.evaluate(() => /** @type {any} */ (performance.getEntriesByName('dojo:run', 'measure')[0])?.detail ?? null));
    // The same line twice in a row: the second one may start from the spare guest.
    await enterToPainted(page, `wasmtime probe.wasm s${i}`, `got:s${i}`);
    same.push(await enterToPainted(page, `wasmtime probe.wasm s${i}`, `got:s${i}`));
  }
  const s = (xs, k) =>
    summary(
      xs.filter(Boolean).map((x) => x[k]),
      2,
    );
  const echoP = s(echo, 'painted');
  const freshP = s(fresh, 'painted');
  const ratio = (a, b) => (a !== null && b ? round(a / b, 2) : null);

  // The Lab's own instantiate figure for probe.wasm against the terminal's (the engine's timings of
  // the byte-identical repeats above, read from the dojo:run measure): the same engine, two callers.
  log('screen: the Lab races probe.wasm 50 times ...');
  const terminalInstantiate = [];
  for (let i = 0; i < 30; i++) {
    await enterToPainted(page, `wasmtime probe.wasm t${i % 2}`, `got:t${i % 2}`);
    terminalInstantiate.push(
      await page.evaluate(() => /** @type {any} */ (performance.getEntriesByName('dojo:run', 'measure').at(-1))?.detail?.instantiateMs ?? null),
    );
  }
  await page.evaluate(() => (location.hash = '#/lab'));
  const panel = page.locator('#panel-lab');
  await panel.getByRole('heading', { name: 'Cold-start lab' }).waitFor({ timeout: 30000 });
  await panel.getByRole('combobox', { name: 'Module' }).selectOption({ label: 'probe.wasm' });
  await panel.getByRole('textbox', { name: 'Arguments' }).fill('lab');
  await panel.getByRole('spinbutton', { name: 'Runs' }).fill('50');
  await panel.getByRole('spinbutton', { name: 'Warm-up' }).fill('3');
  await panel.getByRole('button', { name: 'Run race' }).click();
  await panel.getByRole('status').filter({ hasText: 'Done: 50 runs' }).waitFor({ timeout: 120000 });
  const labRow = (await panel.locator('.lab-summary tr[data-phase="instantiate"] td').allTextContents()).map(Number);
  const labInstantiateMean = labRow[1];
  const termMean = summary(terminalInstantiate, 4).mean;
  await focusTerminal(page);

  log(`screen: 1 MiB module, first run after each of ${reloads} reloads vs warm runs ...`);
  await page.keyboard.press('Control+L');
  const bigFirst = await enterToPainted(page, 'wasmtime big.wasm b0', 'got:b0', { timeout: 60000 });
  const bigWarm = [];
  for (let i = 1; i <= 10; i++) bigWarm.push(await enterToPainted(page, `wasmtime big.wasm b${i}`, `got:b${i}`));
  const afterReload = [];
  for (let r = 0; r < reloads; r++) {
    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    // Give the worker the moment a person takes to type the line.
    await page.waitForTimeout(500);
    afterReload.push(await enterToPainted(page, `wasmtime big.wasm r${r}`, `got:r${r}`, { timeout: 60000 }));
  }
  const warmBig = summary(
    bigWarm.map((x) => x.painted),
    2,
  );
  const reloadBig = summary(
    afterReload.map((x) => x.painted),
    2,
  );
  return {
    what: 'Enter keydown → the output row painted (the frame holding it produced), in Chromium; module runs on probe.wasm uploaded by the bench',
    echo_ms: echoP,
    module_fresh_args_ms: freshP,
    breakdown_ms: Object.fromEntries(
      ['shell', 'engine', 'firstOutput', 'mutated', 'painted'].map((k) => [
        k,
        { echo: s(echo, k).p50, module: s(fresh, k).p50, same_line: s(same, k).p50 },
      ]),
    ),
    module_fresh_args_engine: {
      from_spare_share: round(freshRun.filter((d) => d?.fromSpare).length / Math.max(1, freshRun.filter(Boolean).length), 2),
      instantiate_ms: summary(
        freshRun.map((d) => d?.instantiateMs ?? null),
        3,
      ),
      run_ms: summary(
        freshRun.map((d) => d?.runMs ?? null),
        3,
      ),
    },
    module_same_line_ms: s(same, 'painted'),
    lab_vs_terminal_instantiate: {
      what: 'mean instantiate of probe.wasm (ms): the Lab panel race (50 runs) against 30 terminal runs, the engine timings of each; means, as performance.now() is coarsened to 0.1 ms on a page that is not cross-origin isolated',
      lab_mean_ms: labInstantiateMean ?? null,
      terminal_mean_ms: termMean,
      ratio: termMean ? round((labInstantiateMean ?? NaN) / termMean, 2) : null,
      abs_difference_ms: termMean !== null && labInstantiateMean !== undefined ? round(Math.abs(labInstantiateMean - termMean), 3) : null,
    },
    ratio_p50_module_vs_echo: ratio(freshP.p50, echoP.p50),
    ratio_p95_module_vs_echo: ratio(freshP.p95, echoP.p95),
    big_module: {
      bytes: bigBytes.byteLength,
      first_run_ever_ms: round(bigFirst.painted),
      warm_ms: warmBig,
      first_after_reload_ms: reloadBig,
      ratio_first_after_reload_vs_warm: ratio(reloadBig.p50, warmBig.p50),
      first_after_reload_breakdown: afterReload.map(({ shell, engine, firstOutput, painted, run }) => ({ shell, engine, firstOutput, painted, run })),
      warm_breakdown_p50: Object.fromEntries(
        ['shell', 'engine', 'firstOutput', 'painted'].map((k) => [
          k,
          summary(
            bigWarm.map((x) => x[k]),
            2,
          ).p50,
        ]),
      ),
    },
  };
}
