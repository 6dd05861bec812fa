#!/usr/bin/env node
/**
 * Where a warm `wasmtime hello.wasm` spends the time between the engine request and its first
 * output. Serves a build (--dist DIR, default bench/.out/dist else dist/), types the line N times
 * under a Chromium trace, and prints, per thread (the page's main thread, the runtime worker), the
 * median time each kind of trace event takes inside that window, plus the median window itself.
 * Progress goes to stderr; stdout is one JSON object. It reports; it never asserts.
 *
 *   node bench/profile-warm.mjs [--dist DIR] [--runs N] [--top K]
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/lib/browser.mjs';
import { focusTerminal, waitForText } from '../e2e/lib/terminal.mjs';
import { preview } from './lib/server.mjs';
import { loadAndTime, runMeasured } from './lib/dojo.mjs';
import { median, round, log } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '60'));
const top = Number(opt('--top', '25'));
const distDir = resolve(opt('--dist', existsSync(join(root, 'bench/.out/dist')) ? join(root, 'bench/.out/dist') : join(root, 'dist')));

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'blink', 'loading'];

const server = await preview(root, distDir);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await loadAndTime(page, server.url);
  await focusTerminal(page);
  await runMeasured(page, 'wasmtime hello.wasm');
  await waitForText(page, 'Hello, world!', { timeout: 10000 });
  for (let i = 0; i < 10; i++) await runMeasured(page, 'wasmtime hello.wasm');
  await page.keyboard.press('Control+L');
  log(`tracing ${runs} × wasmtime hello.wasm ...`);
  await browser.startTracing(page, { categories: CATEGORIES });
  const measured = [];
  for (let i = 0; i < runs; i++) {
    if (i % 40 === 0) await page.keyboard.press('Control+L');
    measured.push(await runMeasured(page, 'wasmtime hello.wasm'));
  }
  const buf = await browser.stopTracing();
  const trace = JSON.parse(buf.toString('utf8'));
  const events = Array.isArray(trace) ? trace : trace.traceEvents;

  const threadNames = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  // User timing marks in trace time (µs).
  const marks = (name) =>
    events
      .filter((e) => e.cat?.includes('blink.user_timing') && e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'))
      .map((e) => e.ts)
      .sort((a, b) => a - b);
  const runStarts = marks('dojo:run');
  const firsts = marks('dojo:first-output');
  const enters = marks('dojo:enter');
  // Pair: each first-output with the latest run start before it, and the latest enter before that.
  const windows = [];
  for (const f of firsts) {
    const r = runStarts.filter((t) => t <= f).at(-1);
    const en = enters.filter((t) => t <= f).at(-1);
    if (r !== undefined && en !== undefined && r >= en) windows.push({ enter: en, run: r, first: f });
  }
  log(`${windows.length} windows paired (marks: enter ${enters.length}, run ${runStarts.length}, first ${firsts.length})`);

  /** Per thread and event name: the time inside each window (overlap), median across windows. */
  const label = (e) => {
    const d = e.args?.data ?? {};
    if (e.name === 'FunctionCall')
      return `FunctionCall ${d.functionName || '?'} ${String(d.url || '')
        .split('/')
        .pop()}:${d.lineNumber ?? ''}`;
    if (e.name === 'EventDispatch') return `EventDispatch ${d.type}`;
    return e.name;
  };
  const byThread = new Map();
  const complete = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  for (const [wi, w] of windows.entries()) {
    for (const e of complete) {
      const a = Math.max(e.ts, w.run);
      const b = Math.min(e.ts + e.dur, w.first);
      if (b <= a) continue;
      const t = threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      if (!/CrRendererMain|DedicatedWorker/.test(t)) continue;
      const per = byThread.get(t) ?? new Map();
      byThread.set(t, per);
      const k = label(e);
      const arr = per.get(k) ?? new Array(windows.length).fill(0);
      arr[wi] += (b - a) / 1000;
      per.set(k, arr);
    }
  }
  const threads = {};
  for (const [t, per] of byThread) {
    threads[t] = [...per.entries()]
      .map(([k, arr]) => ({
        event: k,
        median_ms: round(median(arr), 3),
        mean_ms: round(arr.reduce((x, y) => x + y, 0) / arr.length, 3),
        in_runs: arr.filter((x) => x > 0).length,
      }))
      .sort((x, y) => (y.mean_ms ?? 0) - (x.mean_ms ?? 0))
      .slice(0, top);
  }
  console.log(
    JSON.stringify(
      {
        dist: distDir,
        runs: windows.length,
        enter_to_engine_ms: round(median(windows.map((w) => (w.run - w.enter) / 1000)), 3),
        engine_to_first_output_ms: round(median(windows.map((w) => (w.first - w.run) / 1000)), 3),
        page_enter_to_first_output_ms: round(median(measured.map((m) => m.enterToFirstOutput)), 3),
        threads,
      },
      null,
      2,
    ),
  );
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
