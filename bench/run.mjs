#!/usr/bin/env node
/**
 * `npm run bench`: builds the app (into bench/.out/dist, so it never swaps dist/ under someone's e2e
 * run), serves it with `vite preview`, drives it in headless Debian Chromium and prints ONE JSON
 * object to stdout with each figure next to its budget. Progress goes to stderr. It reports; it never
 * asserts (the exit status is 0 unless the bench itself could not run).
 *
 * Options:
 *   --no-build        serve the existing build (bench/.out/dist, else dist/)
 *   --dist DIR        serve DIR (implies --no-build)
 *   --warm-runs N     warm `wasmtime hello.wasm` runs (default 200)
 *   --cpu-runs N      timed cpu-bench runs per engine (default 15, after one warm-up each: five were
 *                     too few on two shared cores, the ratio moved 1.02-1.19 between bench runs)
 *   --cpu-mib N       cpu-bench workload in MiB (default 8, the module's default)
 *   --grade-runs N    graded four-grant runs (default 10, after one warm-up)
 *   --visits N        fresh first visits, repeat visits and offline visits (default 3 / 5 / 5)
 *   --only warm       only the warm `wasmtime hello.wasm` runs (prints their figures; ~20 s)
 *   --only screen     only the screen-level figures (bench/lib/screen-figures.mjs; ~1-2 min)
 *   --screen-runs N   interleaved echo / fresh-argument module runs for them (default 60)
 *   --only team       only the class view: 500 results files merged and rendered (~30 s)
 *   --only cluster    only the Kubernetes figures (2,000 objects, a three-replica SpinApp; ~60 s)
 *   --baseline DIR    also measure this build against the build in DIR, both at once: the prompt and
 *                     a warm module run, with a verdict (bench/lib/baseline.mjs)
 *   --only baseline   only that comparison (needs --baseline; ~2-3 min)
 *   --baseline-runs N warm runs of each build for it (default 300); --baseline-visits N first visits (10)
 */
import { existsSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, chromiumPath } from '../e2e/lib/browser.mjs';
import { focusTerminal, waitForText, screenText } from '../e2e/lib/terminal.mjs';
import { build, preview } from './lib/server.mjs';
import { bundleSizes, precacheSize, distPathOf, fileSizes } from './lib/sizes.mjs';
import { nodeWasiRunner, shimRunner } from './lib/cpu-compare.mjs';
import { loadAndTime, runMeasured, waitForMark, markTime } from './lib/dojo.mjs';
import { summary, median, round, log } from './lib/stats.mjs';
import { screenFigures } from './lib/screen-figures.mjs';
import { classViewBench } from './lib/team.mjs';
import { versusBaseline } from './lib/baseline.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const BUDGETS = {
  warm_p50_ms: 2,
  first_run_ms: 30,
  cpu_bench_vs_node_wasi: 1.1,
  pre_prompt_js_gzip_bytes: 200 * 1024,
  startup_repeat_ms: 400,
  startup_offline_ms: 400,
  grading_ms: 50,
  // Issue 16: Enter keydown → output row painted; a warm module run with a fresh argument and env
  // value against `echo` measured the same way in the same run.
  screen_fresh_args_p50_vs_echo: 1.5,
  screen_fresh_args_p95_vs_echo: 2,
  big_module_first_after_reload_vs_warm: 2,
  lab_vs_terminal_instantiate_tolerance: 0.2,
  class_view_500_ms: 1000,
};

function parseArgs(argv) {
  const opts = {
    build: true,
    dist: /** @type {string | null} */ (null),
    warmRuns: 200,
    cpuRuns: 15,
    cpuMib: 8,
    gradeRuns: 10,
    firstVisits: 3,
    visits: 5,
    screenRuns: 60,
    baseline: /** @type {string | null} */ (null),
    baselineRuns: 300,
    baselineVisits: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--no-build') opts.build = false;
    else if (a === '--dist') ((opts.dist = resolve(argv[++i] ?? '')), (opts.build = false));
    else if (a === '--warm-runs') opts.warmRuns = num();
    else if (a === '--cpu-runs') opts.cpuRuns = num();
    else if (a === '--cpu-mib') opts.cpuMib = num();
    else if (a === '--grade-runs') opts.gradeRuns = num();
    else if (a === '--visits') opts.visits = num();
    else if (a === '--screen-runs') opts.screenRuns = num();
    else if (a === '--baseline') opts.baseline = resolve(argv[++i] ?? '');
    else if (a === '--baseline-runs') opts.baselineRuns = num();
    else if (a === '--baseline-visits') opts.baselineVisits = num();
    else if (a === '--only') {
      opts.only = argv[++i];
      if (!['warm', 'screen', 'team', 'cluster', 'baseline'].includes(opts.only))
        throw new Error('--only takes `warm`, `screen`, `team`, `cluster` or `baseline`');
      opts.firstVisits = 0;
    } else throw new Error(`unknown option ${a} (see the header of bench/run.mjs)`);
  }
  if (opts.only === 'baseline' && !opts.baseline) throw new Error('--only baseline needs --baseline DIR (a build to compare with)');
  if (opts.baseline && !existsSync(join(opts.baseline, 'index.html'))) throw new Error(`--baseline ${opts.baseline}: no build there (no index.html)`);
  return opts;
}

/** Share of runs whose guest the worker had built ahead of time (src/runtime/spare.ts). */
function spareShare(runs) {
  const known = runs.filter((r) => r.run);
  return known.length ? round(known.filter((r) => r.run.fromSpare).length / known.length, 2) : null;
}

/** The screen figures with their budget verdicts (see BUDGETS). */
function withScreenBudgets(screen) {
  const lab = screen.lab_vs_terminal_instantiate;
  const within = (v, b) => (v === null || v === undefined ? null : v <= b);
  return {
    ...screen,
    within_budget: {
      p50: within(screen.ratio_p50_module_vs_echo, BUDGETS.screen_fresh_args_p50_vs_echo),
      p95: within(screen.ratio_p95_module_vs_echo, BUDGETS.screen_fresh_args_p95_vs_echo),
      big_module_after_reload: within(screen.big_module.ratio_first_after_reload_vs_warm, BUDGETS.big_module_first_after_reload_vs_warm),
      // Within 20 %, or within the 0.1 ms the page's clock can tell apart.
      lab_vs_terminal_instantiate:
        lab.ratio === null ? null : Math.abs(lab.ratio - 1) <= BUDGETS.lab_vs_terminal_instantiate_tolerance || (lab.abs_difference_ms ?? 1) <= 0.1,
    },
  };
}

function withBudget(value, budget, { lowerIsBetter = true } = {}) {
  const within = value === null || value === undefined ? null : lowerIsBetter ? value <= budget : value >= budget;
  return { value, budget, within_budget: within };
}

/** Everything the page fetched, with browser-clock end times, to count what arrived before the prompt. */
function recordRequests(context) {
  const list = [];
  context.on('requestfinished', async (req) => {
    const t = req.timing();
    const response = await req.response().catch(() => null);
    list.push({
      url: req.url(),
      type: req.resourceType(),
      status: response?.status() ?? null,
      fromServiceWorker: response?.fromServiceWorker() ?? false,
      end: t.startTime + (t.responseEnd >= 0 ? t.responseEnd : 0),
    });
  });
  return list;
}

/** Who fetched a script: the page, a Web Worker (runtime, editor) or the service worker. */
function jsContext(url) {
  const path = new URL(url).pathname;
  if (/\/(sw|workbox-[\w-]+)\.js$/.test(path)) return 'service-worker';
  if (/\.worker-[\w-]+\.js$/.test(path)) return 'worker';
  return 'page';
}

const isJs = (r) => /\.m?js(\?|$)/.test(new URL(r.url).pathname) || r.type === 'script';

async function firstVisit(browser, url, distDir, { withRequests }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const requests = withRequests ? recordRequests(context) : null;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const t = await loadAndTime(page, url);
  const workerReady = await waitForMark(page, 'dojo:worker-ready', 30000).catch(() => null);
  /** @type {Record<string, any> | null} */
  let preprompt = null;
  if (requests) {
    const { promptEpoch, writtenEpoch } = await page.evaluate(() => ({
      promptEpoch: performance.timeOrigin + (performance.getEntriesByName('dojo:prompt-ready', 'mark')[0]?.startTime ?? NaN),
      writtenEpoch: performance.timeOrigin + (performance.getEntriesByName('dojo:prompt-written', 'mark')[0]?.startTime ?? NaN),
    }));
    await page.waitForTimeout(200); // let late requestfinished events arrive
    const before = requests.filter((r) => r.end <= promptEpoch && isJs(r));
    const files = before.map((r) => {
      const rel = distPathOf(r.url, url);
      const s = rel ? fileSizes(distDir, rel) : null;
      return { file: rel ?? r.url, raw: s?.raw ?? null, gzip: s?.gzip ?? null, context: jsContext(r.url) };
    });
    const sum = (xs, k) => xs.reduce((a, x) => a + (x[k] ?? 0), 0);
    // The lenient reading: only what arrived before the prompt was even handed to xterm.
    const beforeWritten = before
      .filter((r) => r.end <= writtenEpoch)
      .map((r) => distPathOf(r.url, url))
      .map((rel) => (rel ? (fileSizes(distDir, rel)?.gzip ?? 0) : 0));
    const after = requests.filter((r) => r.end > promptEpoch && isJs(r)).map((r) => distPathOf(r.url, url) ?? r.url);
    preprompt = {
      gzip_bytes: sum(files, 'gzip'),
      raw_bytes: sum(files, 'raw'),
      page_gzip_bytes: sum(
        files.filter((f) => f.context.startsWith('page')),
        'gzip',
      ),
      worker_gzip_bytes: sum(
        files.filter((f) => f.context === 'worker'),
        'gzip',
      ),
      service_worker_gzip_bytes: sum(
        files.filter((f) => f.context === 'service-worker'),
        'gzip',
      ),
      gzip_bytes_before_prompt_handed_to_xterm: beforeWritten.reduce((a, b) => a + b, 0),
      files: files.sort((a, b) => (b.gzip ?? 0) - (a.gzip ?? 0)),
      js_after_prompt: after,
    };
  }
  return { context, page, startup: t, workerReady, preprompt, errors };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  chromiumPath();
  const started = Date.now();
  const outDist = join(root, 'bench', '.out', 'dist');
  let distDir = opts.dist ?? outDist;
  if (opts.build) {
    log('building with `vite build` into bench/.out/dist ...');
    build(root, outDist);
  } else if (!opts.dist && !existsSync(join(outDist, 'index.html'))) {
    distDir = join(root, 'dist');
  }
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`no build at ${distDir}: run without --no-build`);

  const report = {
    bench: 'wasm-dojo',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? null, loadavg_at_start: loadavg().map((x) => round(x, 2)), node: process.version },
    build: distDir.replace(root + '/', ''),
  };

  const sizes = bundleSizes(distDir);
  const precache = precacheSize(distDir);

  const cpuWasm = join(distDir, 'modules', 'cpu-bench.wasm');
  const server = await preview(root, distDir);
  let browser;
  const cleanups = [];
  // The preview helper kills its server when this process exits, signals included.
  const cleanup = () => server.stop().catch(() => undefined);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  try {
    browser = await launchBrowser();
    report.machine.chromium = browser.version();
    const url = server.url;
    process.env.E2E_BASE_URL = url; // e2e/lib helpers read it

    // ── this build against a baseline build (--baseline DIR), measured together ─────────────────
    /** @type {Record<string, any> | null} */
    let baselineFigure = null;
    const compareWithBaseline = async () => {
      if (!opts.baseline) return null;
      const base = await preview(root, opts.baseline);
      try {
        const figures = await versusBaseline(browser, { current: url, baseline: base.url, runs: opts.baselineRuns, visits: opts.baselineVisits });
        return { baseline_build: opts.baseline, ...figures };
      } finally {
        await base.stop().catch(() => undefined);
      }
    };
    if (opts.only === 'baseline') {
      report.figures = { versus_baseline: await compareWithBaseline() };
      report.machine.loadavg_at_end = loadavg().map((x) => round(x, 2));
      console.log(JSON.stringify(report, null, 2));
      return;
    }

    // ── team training: the class view with 500 results files (issue 18) ───────────────────────
    /** @type {Record<string, any> | null} */
    let teamFigure = null;
    if (opts.only !== 'warm' && opts.only !== 'screen' && opts.only !== 'cluster') {
      log('class view: 500 results files merged and rendered ...');
      const classView = await classViewBench(browser);
      teamFigure = {
        what: 'Class tab: 500 results files chosen at once → every row on screen (read, SHA-256 checked, validated, merged, rendered; median of 3 after a warm-up)',
        ...classView,
        ...withBudget(classView.ms.p50, BUDGETS.class_view_500_ms),
      };
    }
    if (opts.only === 'team') {
      report.figures = { class_view_500: teamFigure };
      console.log(JSON.stringify(report, null, 2));
      return;
    }

    // ── first visits (fresh profile each) + first run after load ───────────────────────────────
    const firstVisits = [];
    const firstRuns = [];
    /** @type {Record<string, any> | null} */
    let preprompt = null;
    for (let i = 0; i < opts.firstVisits; i++) {
      log(`first visit ${i + 1}/${opts.firstVisits} ...`);
      const v = await firstVisit(browser, url, distDir, { withRequests: i === 0 });
      if (i === 0) preprompt = v.preprompt;
      await focusTerminal(v.page);
      const r = await runMeasured(v.page, 'wasmtime hello.wasm');
      if (i === 0) await waitForText(v.page, 'Hello, world!', { timeout: 5000 });
      firstVisits.push({
        promptWritten: v.startup.promptWritten,
        promptReady: v.startup.promptReady,
        domContentLoaded: v.startup.nav?.domContentLoaded ?? null,
        workerReady: v.workerReady,
      });
      firstRuns.push(r);
      if (v.errors.length) report.page_errors = [...(report.page_errors ?? []), ...v.errors];
      await v.context.close();
    }

    // ── the main session: typed right at the prompt, then warm runs, cpu, grading, SW, offline ─
    log('main session: first run typed as soon as the prompt is ready ...');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    page.on('pageerror', (e) => (report.page_errors = [...(report.page_errors ?? []), String(e)]));
    const s0 = await loadAndTime(page, url);
    await focusTerminal(page);
    if (opts.only === 'screen') {
      report.figures = { screen: withScreenBudgets(await screenFigures(page, url, { runs: opts.screenRuns })) };
      report.budgets = BUDGETS;
      report.machine.loadavg_at_end = loadavg().map((x) => round(x, 2));
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    if (opts.only === 'cluster') {
      report.figures = { cluster: await clusterFigures(page) };
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const immediate = await runMeasured(page, 'wasmtime hello.wasm');
    const workerReadyMain = await markTime(page, 'dojo:worker-ready');

    log(`warm: ${opts.warmRuns} × wasmtime hello.wasm ...`);
    const warm = [];
    for (let i = 0; i < opts.warmRuns; i++) {
      if (i % 50 === 0) await page.keyboard.press('Control+L');
      warm.push(await runMeasured(page, 'wasmtime hello.wasm'));
    }
    await page.keyboard.press('Control+L');
    if (opts.only === 'warm') {
      const s = (f) => summary(warm.map(f), 3);
      report.figures = {
        warm_hello: {
          enter_to_first_output_ms: s((r) => r.enterToFirstOutput),
          enter_to_engine_request_ms: s((r) => r.enterToEngine),
          engine_request_to_first_output_ms: s((r) => r.engineToFirstOutput),
          engine_round_trip_ms: s((r) => r.run?.pageMs ?? null),
          engine_run_ms: s((r) => r.run?.runMs ?? null),
          runs_from_spare: spareShare(warm),
        },
      };
      console.log(JSON.stringify(report, null, 2));
      return;
    }

    // cpu-bench: Dojo, node:wasi and the shim interleaved run by run, so machine load hits all three alike.
    log(`cpu-bench ${opts.cpuMib} MiB: Dojo, node:wasi, browser_wasi_shim × ${opts.cpuRuns} (+1 warm-up each) ...`);
    const node = await nodeWasiRunner(cpuWasm, opts.cpuMib);
    const shim = await shimRunner(browser, root, cpuWasm, opts.cpuMib);
    cleanups.push(
      () => shim.close(),
      () => node.close(),
    );
    /** @type {{ dojo: (number | null)[], dojoEnterToPrompt: (number | null)[], node: number[], shim: number[], outputs: Record<string, string | null> }} */
    const cpu = { dojo: [], dojoEnterToPrompt: [], node: [], shim: [], outputs: {} };
    const line = `wasmtime modules/cpu-bench.wasm ${opts.cpuMib}`;
    for (let i = 0; i <= opts.cpuRuns; i++) {
      const d = await runMeasured(page, line, { timeout: 120000 });
      const n = await node.run();
      const s = await shim.run();
      cpu.outputs = { node: n.output, shim: s.output };
      if (i === 0) continue;
      cpu.dojo.push(d.run?.runMs ?? null);
      cpu.dojoEnterToPrompt.push(d.enterToPrompt);
      cpu.node.push(n.ms);
      cpu.shim.push(s.ms);
    }
    const echo = await shim.workerEcho(100);
    const dojoCpuScreen = await waitForText(page, /sha256\(\d+ MiB\) = [0-9a-f]{64}/, { timeout: 5000 }).then(
      () => screenText(page),
      () => '',
    );
    cpu.outputs.dojo = /sha256\(\d+ MiB\) = [0-9a-f]{64}/.exec(dojoCpuScreen)?.[0] ?? null;

    // grading: the file-access-pattern lesson, step 2 graded with four grants (one needed, three not).
    log(`grading: four-grant least-privilege line × ${opts.gradeRuns} (+1 warm-up) ...`);
    await page.keyboard.press('Control+L');
    const gradeLine = 'wasmtime run --dir app::/data --env A=1 --env B=2 --dir /tmp modules/config-reader.wasm';
    await runMeasured(page, 'lesson file-access-pattern');
    await runMeasured(page, `echo '{"service": "orders", "log_level": "debug", "max_batch": 50}' > app/config.json`);
    const grades = [];
    for (let i = 0; i <= opts.gradeRuns; i++) {
      const g = await runMeasured(page, gradeLine, { timeout: 60000 });
      if (i > 0) grades.push(g);
    }
    const gradeScreen = await screenText(page).catch(() => '');
    const gradeFindings = (gradeScreen.match(/^ *- .*$/gm) ?? []).slice(-3).map((l) => l.trim());

    // screen-level figures (issue 16): Enter keydown → output row painted.
    log('screen-level figures ...');
    await page.keyboard.press('Control+L');
    const screen = withScreenBudgets(await screenFigures(page, url, { runs: opts.screenRuns }));

    // repeat visits: wait for the service worker, then open the app again (a new document each time).
    log('service worker: waiting for it to finish precaching ...');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true), undefined, { timeout: 60000 }).catch(() => false);
    const repeat = [];
    let controlled = false;
    for (let i = 0; i <= opts.visits; i++) {
      const v = await loadAndTime(page, url);
      controlled ||= v.controlled;
      if (i > 0) repeat.push(v); // the first reload installs control; later ones are the repeat visits
    }
    log('offline visits ...');
    await context.setOffline(true);
    const offline = [];
    for (let i = 0; i < opts.visits; i++) offline.push(await loadAndTime(page, url));
    await focusTerminal(page);
    await waitForMark(page, 'dojo:worker-ready', 30000).catch(() => null);
    const offlineRun = await runMeasured(page, 'wasmtime hello.wasm').catch((e) => ({ error: String(e) }));
    const offlineOk = await waitForText(page, 'Hello, world!', { timeout: 5000 }).then(
      () => true,
      () => false,
    );
    await context.setOffline(false);
    baselineFigure = await compareWithBaseline();

    // ── the report ────────────────────────────────────────────────────────────────────────────
    const warmFirst = summary(
      warm.map((r) => r.enterToFirstOutput),
      3,
    );
    const firstRun = summary(firstRuns.map((r) => r.enterToFirstOutput));
    const cpuDojo = median(cpu.dojo);
    const cpuNode = median(cpu.node);
    const cpuShim = median(cpu.shim);
    const ratio = (a, b) => (a && b ? round(a / b, 3) : null);
    const digests = new Set(Object.values(cpu.outputs).map((o) => /= ([0-9a-f]{64})/.exec(o ?? '')?.[1] ?? 'missing'));
    const gradeMs = summary(
      grades.map((g) => g.grade?.ms ?? null),
      1,
    );

    report.figures = {
      warm_hello: {
        what: 'Enter → first output chunk handed to the terminal, `wasmtime hello.wasm`, worker warm',
        enter_to_first_output_ms: warmFirst,
        enter_to_prompt_ms: summary(
          warm.map((r) => r.enterToPrompt),
          3,
        ),
        enter_to_engine_request_ms: summary(
          warm.map((r) => r.enterToEngine),
          3,
        ),
        engine_request_to_first_output_ms: summary(
          warm.map((r) => r.engineToFirstOutput),
          3,
        ),
        engine_round_trip_ms: summary(
          warm.map((r) => r.run?.pageMs ?? null),
          3,
        ),
        engine_run_ms: summary(
          warm.map((r) => r.run?.runMs ?? null),
          3,
        ),
        runs_from_spare: spareShare(warm),
        ...withBudget(warmFirst.p50, BUDGETS.warm_p50_ms),
      },
      first_run_after_load: {
        what: 'first `wasmtime hello.wasm` of a fresh page, typed once the worker is ready (median of fresh visits)',
        enter_to_first_output_ms: firstRun,
        enter_to_engine_request_ms: summary(firstRuns.map((r) => r.enterToEngine)),
        engine_request_to_first_output_ms: summary(firstRuns.map((r) => r.engineToFirstOutput)),
        engine_compile_ms: summary(firstRuns.map((r) => r.run?.compileMs ?? null)),
        engine_run_ms: summary(firstRuns.map((r) => r.run?.runMs ?? null)),
        runs_from_spare: spareShare(firstRuns),
        typed_at_first_prompt_ms: round(immediate.enterToFirstOutput),
        ...withBudget(firstRun.p50, BUDGETS.first_run_ms),
      },
      worker_ready_ms: {
        what: 'navigation start → WorkerEngine ready (wasmer init done in the worker)',
        first_visits: summary(firstVisits.map((v) => v.workerReady)),
        main_session: round(workerReadyMain),
      },
      cpu_bench: {
        what: `cpu-bench.wasm ${opts.cpuMib} MiB, compiled module → exit, median of ${opts.cpuRuns} interleaved runs after a warm-up`,
        dojo_run_ms: summary(cpu.dojo),
        dojo_enter_to_prompt_ms: summary(cpu.dojoEnterToPrompt),
        node_wasi_ms: summary(cpu.node),
        browser_wasi_shim_ms: summary(cpu.shim),
        browser_wasi_shim: { version: shim.version, where: 'Chromium, about:blank page, main thread' },
        ratio_dojo_vs_node_wasi: ratio(cpuDojo, cpuNode),
        // Noise on a shared machine only ever adds time, so the fastest runs compare the engines too.
        ratio_dojo_vs_node_wasi_fastest: ratio(Math.min(.../** @type {number[]} */ (cpu.dojo.filter(Number.isFinite))), Math.min(...cpu.node)),
        ratio_dojo_vs_browser_wasi_shim: ratio(cpuDojo, cpuShim),
        ratio_browser_wasi_shim_vs_node_wasi: ratio(cpuShim, cpuNode),
        same_digest_everywhere: digests.size === 1 && !digests.has('missing'),
        outputs: cpu.outputs,
        ...withBudget(ratio(cpuDojo, cpuNode), BUDGETS.cpu_bench_vs_node_wasi),
      },
      startup: {
        what: 'navigation start → first prompt parsed by xterm with input attached',
        first_visit_ms: summary(firstVisits.map((v) => v.promptReady)),
        first_visit_prompt_handed_to_xterm_ms: summary(firstVisits.map((v) => v.promptWritten)),
        repeat_visit_prompt_handed_to_xterm_ms: summary(repeat.map((v) => v.promptWritten)),
        offline_prompt_handed_to_xterm_ms: summary(offline.map((v) => v.promptWritten)),
        first_visit_dom_content_loaded_ms: summary(firstVisits.map((v) => v.domContentLoaded)),
        main_session_first_visit_ms: round(s0.promptReady),
        repeat_visit_ms: { ...summary(repeat.map((v) => v.promptReady)), service_worker_controlled: repeat.every((v) => v.controlled) },
        offline_ms: { ...summary(offline.map((v) => v.promptReady)), service_worker_controlled: offline.every((v) => v.controlled) },
        offline_module_run: { ran: offlineOk, enter_to_first_output_ms: round(offlineRun.enterToFirstOutput ?? null) },
        repeat_within_budget: withBudget(median(repeat.map((v) => v.promptReady)), BUDGETS.startup_repeat_ms),
        offline_within_budget: withBudget(median(offline.map((v) => v.promptReady)), BUDGETS.startup_offline_ms),
        service_worker_ever_controlled: controlled,
      },
      pre_prompt_js: {
        what: 'JS responses received before the first prompt on a first visit (any context: page, Web Worker, service worker), each gzip -9 from the build',
        ...preprompt,
        ...withBudget(preprompt?.gzip_bytes ?? null, BUDGETS.pre_prompt_js_gzip_bytes),
      },
      bundle: sizes,
      precache,
      screen,
      grading: {
        what: 'least-privilege ablation of a four-grant line in the file-access-pattern lesson, in Chromium through the terminal',
        line: gradeLine,
        grade_ms: gradeMs,
        replays: grades[0]?.grade?.replays ?? null,
        grants: grades[0]?.grade?.grants ?? null,
        line_enter_to_prompt_ms: summary(
          grades.map((g) => g.enterToPrompt),
          1,
        ),
        findings_seen: gradeFindings,
        ...withBudget(gradeMs.p50, BUDGETS.grading_ms),
      },
    };
    report.figures.class_view_500 = teamFigure;
    if (baselineFigure) report.figures.versus_baseline = baselineFigure;
    report.budgets = BUDGETS;
    report.within_budget = {
      warm_p50: report.figures.warm_hello.within_budget,
      first_run: report.figures.first_run_after_load.within_budget,
      cpu_bench: report.figures.cpu_bench.within_budget,
      pre_prompt_js: report.figures.pre_prompt_js.within_budget,
      startup_repeat: report.figures.startup.repeat_within_budget.within_budget,
      startup_offline: report.figures.startup.offline_within_budget.within_budget,
      grading: report.figures.grading.within_budget,
      screen_fresh_args_p50: report.figures.screen.within_budget.p50,
      screen_fresh_args_p95: report.figures.screen.within_budget.p95,
      big_module_after_reload: report.figures.screen.within_budget.big_module_after_reload,
      lab_vs_terminal_instantiate: report.figures.screen.within_budget.lab_vs_terminal_instantiate,
      class_view_500: teamFigure?.within_budget ?? null,
    };
    if (baselineFigure)
      report.not_slower_than_baseline = {
        prompt_painted: baselineFigure.prompt_painted_first_visit_ms.verdict,
        prompt: baselineFigure.prompt_first_visit_ms.verdict,
        warm_hello: baselineFigure.warm_hello_enter_to_first_output_ms.verdict,
      };
    report.machine.bare_worker_echo_round_trip_ms = summary(echo, 3);
    report.machine.note =
      'Times are wall-clock on this machine under whatever else runs on it: compare loadavg with cpus, and the bare worker echo (the floor of any worker round trip) with the warm figures.';
    report.machine.loadavg_at_end = loadavg().map((x) => round(x, 2));
    report.duration_s = round((Date.now() - started) / 1000, 1);
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await cleanup();
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

// ── the Kubernetes cluster (issue 14) ─────────────────────────────────────────────────────────────
// Budgets from the issue: `kubectl get pods -A` prints in <= 50 ms with 2,000 objects in the store;
// a three-replica SpinApp goes from apply to 3 ready replicas "within a second or two".
const CLUSTER_BUDGETS = { get_pods_all_ms: 50, spinapp_apply_to_ready_ms: 2000 };

/** Polls a kubectl line until its output matches; returns the wall time it took. */
async function pollUntil(page, line, re, timeout = 60000) {
  const start = Date.now();
  for (;;) {
    const out = await runLine(page, line);
    if (re.test(out)) return Date.now() - start;
    if (Date.now() - start > timeout) throw new Error(`bench: "${line}" never matched ${re}: ${out.slice(-300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runLine(page, line) {
  await page.keyboard.press('Control+L');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page
    .waitForFunction(() => performance.getEntriesByName('dojo:prompt', 'mark').length > 0, undefined, { timeout: 60000, polling: 5 })
    .catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  return screenText(page);
}

async function clusterFigures(page) {
  log('cluster: two Deployments of 200 replicas (the store grows past 2,000 objects) ...');
  await runMeasured(page, 'kubectl create deployment big-a --image=docker.io/library/nginx:latest --replicas=200', { timeout: 60000 });
  await runMeasured(page, 'kubectl create deployment big-b --image=docker.io/library/nginx:latest --replicas=200', { timeout: 60000 });
  const settle = await pollUntil(page, 'kubectl get deploy big-a big-b', /big-a\s+200\/200[\s\S]*big-b\s+200\/200/, 120000);

  log('cluster: kubectl get pods -A × 5 ...');
  const gets = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Control+L');
    gets.push(await runMeasured(page, 'kubectl get pods -A', { timeout: 60000 }));
  }
  // Deleted (and waited for) first, so the SpinApp figure is not measured beside 400 terminating pods.
  await runMeasured(page, 'kubectl delete deployment big-a big-b', { timeout: 120000 });
  await pollUntil(page, 'kubectl get pods', /No resources found in default namespace/, 120000);
  log('cluster: SpinKube, then a three-replica SpinApp ...');
  const SO = 'https://github.com/spinkube/spin-operator/releases/download/v0.4.0';
  for (const line of [
    'kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.14.3/cert-manager.yaml',
    'kubectl wait --for=condition=available --timeout=300s deployment/cert-manager-webhook -n cert-manager',
    `kubectl apply -f ${SO}/spin-operator.runtime-class.yaml`,
    `kubectl apply -f ${SO}/spin-operator.crds.yaml`,
    'helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 --wait oci://ghcr.io/spinkube/charts/spin-operator',
    `kubectl apply -f ${SO}/spin-operator.shim-executor.yaml`,
    "echo -e 'apiVersion: core.spinkube.dev/v1alpha1\\nkind: SpinApp\\nmetadata:\\n  name: my-api\\nspec:\\n  image: ghcr.io/example/my-api:latest\\n  replicas: 3\\n  executor: containerd-shim-spin' > my-api.yaml",
  ]) {
    await runMeasured(page, line, { timeout: 120000 });
  }
  const pollStart = Date.now();
  await runLine(page, 'kubectl get spinapps');
  const onePoll = Date.now() - pollStart;
  const t0 = Date.now();
  await runMeasured(page, 'kubectl apply -f my-api.yaml');
  await pollUntil(page, 'kubectl get spinapps', /my-api\s+3\s+3\s+containerd-shim-spin/);
  const applyToReady = Date.now() - t0;
  const getMs = summary(
    gets.map((g) => g.enterToPrompt),
    1,
  );
  return {
    objects_note:
      '400 pods, 2 ReplicaSets, 2 Deployments, their ~2,000 events (Scheduled, Pulled, Created, Started, SuccessfulCreate) and the system objects',
    deployments_settled_ms: settle,
    get_pods_all_enter_to_prompt_ms: withBudget(getMs.p50 ?? getMs.median ?? null, CLUSTER_BUDGETS.get_pods_all_ms),
    get_pods_all_runs: getMs,
    spinapp_apply_to_three_ready_ms: withBudget(applyToReady, CLUSTER_BUDGETS.spinapp_apply_to_ready_ms),
    one_poll_ms: onePoll,
    note: 'apply→ready is measured by polling `kubectl get spinapps` from the terminal every ~100 ms, so it includes up to one poll (one_poll_ms) of typing and printing.',
  };
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
