#!/usr/bin/env node
/**
 * `node bench/trace-warm.mjs [DIST]`: a Chrome trace of ONE warm `wasmtime hello.wasm`, printed as a
 * timeline of the tasks (>0.3 ms) on the page's main thread and the runtime worker around Enter,
 * with the bench marks. Shows what the first output waits for (a frame, a timer, the worker).
 * DIST defaults to bench/.out/dist (run `npm run bench` once first).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/lib/browser.mjs';
import { focusTerminal } from '../e2e/lib/terminal.mjs';
import { preview } from './lib/server.mjs';
import { runMeasured, waitForMark } from './lib/dojo.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(root, 'bench', '.out', 'dist'));
const traceFile = join(root, 'bench', '.out', 'trace-warm.json');
const server = await preview(root, dist);
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url);
  await waitForMark(page, 'dojo:prompt-ready');
  await waitForMark(page, 'dojo:worker-ready');
  await focusTerminal(page);
  for (let i = 0; i < 5; i++) await runMeasured(page, 'wasmtime hello.wasm');
  await page.keyboard.type('wasmtime hello.wasm');
  await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel'] });
  await page.evaluate(() => performance.clearMarks('dojo:prompt'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => performance.getEntriesByName('dojo:prompt').length > 0, undefined, { polling: 2 });
  await page.waitForTimeout(50);
  await browser.stopTracing();
  const ev = JSON.parse(readFileSync(traceFile, 'utf8')).traceEvents;
  rmSync(traceFile, { force: true });
  const names = ev.filter((e) => e.name === 'thread_name');
  const thread = (pid, tid) => names.find((e) => e.pid === pid && e.tid === tid)?.args.name ?? `${pid}/${tid}`;
  const marks = ev.filter((e) => e.cat?.includes('user_timing') && e.name.startsWith('dojo:'));
  const t0 = Math.min(...marks.filter((m) => m.name === 'dojo:enter').map((m) => m.ts));
  const ms = (ts) => ((ts - t0) / 1000).toFixed(2);
  console.log(
    `marks (ms after Enter): ${marks.map((m) => `${m.name}${m.ph === 'b' ? ' begin' : m.ph === 'e' ? ' end' : ''} @${ms(m.ts)}`).join(', ')}`,
  );
  console.log('  start    dur  thread                 task');
  const tasks = ev
    .filter((e) => e.ph === 'X' && e.dur > 300 && e.ts >= t0 - 5000 && e.ts < t0 + 40000)
    .filter((e) => /CrRendererMain|DedicatedWorker/.test(thread(e.pid, e.tid)))
    .filter((e) => !/^ThreadControllerImpl::RunTask$/.test(e.name))
    .sort((a, b) => a.ts - b.ts);
  for (const e of tasks) {
    const detail = e.args?.data?.functionName || e.args?.data?.type || '';
    console.log(
      `${ms(e.ts).padStart(7)} ${(e.dur / 1000).toFixed(2).padStart(6)}  ${thread(e.pid, e.tid).padEnd(22)} ${e.name}${detail ? ` (${detail})` : ''}`,
    );
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.stop().catch(() => undefined);
}
