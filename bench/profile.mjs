#!/usr/bin/env node
/**
 * `node bench/profile.mjs [warm|startup|both] [--no-build] [--runs N]`: where the main thread's time
 * goes, for the figures `npm run bench` reports over budget. Builds WITHOUT minification into
 * bench/.out/dist-profile (function names stay readable), serves it, records a V8 CPU profile of the
 * page (the runtime worker is not included: its share is RunResult.timings in the bench), and prints
 * JSON to stdout: the top functions by self time and by inclusive time, and the time per source file.
 *
 *   warm     N × `wasmtime hello.wasm` after the worker is ready (Enter → prompt each)
 *   startup  a first visit: navigation → first prompt (the profile starts before navigation)
 */
import { join, dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/lib/browser.mjs';
import { focusTerminal } from '../e2e/lib/terminal.mjs';
import { preview, viteBin } from './lib/server.mjs';
import { runMeasured, waitForMark } from './lib/dojo.mjs';
import { round, log } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const what = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'both';
const runs = Number(args[args.indexOf('--runs') + 1]) || 30;
const outDir = join(root, 'bench', '.out', 'dist-profile');

function shortUrl(url) {
  if (!url) return '(native)';
  const p = url.replace(/^https?:\/\/[^/]+\//, '');
  return p.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
}

/** Self and inclusive time per function, and self time per file, from a CPU profile. */
export function aggregate(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const incl = new Map();
  const files = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const n = byId.get(id);
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + dt);
    const f = shortUrl(n.callFrame.url);
    files.set(f, (files.get(f) ?? 0) + dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const ck = key(byId.get(cur));
      if (seen.has(ck)) continue;
      seen.add(ck);
      incl.set(ck, (incl.get(ck) ?? 0) + dt);
    }
  });
  const sorted = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ fn: k, ms: round(ms, 1) }));
  return { total_ms: round(total, 1), self: sorted(self), inclusive: sorted(incl), by_file: sorted(files) };
}

async function profiled(page, body) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await body();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return { result, profile: aggregate(profile) };
}

async function main() {
  if (!args.includes('--no-build') || !existsSync(join(outDir, 'index.html'))) {
    log('building without minification into bench/.out/dist-profile ...');
    const res = spawnSync(viteBin(root), ['build', '--outDir', outDir, '--emptyOutDir', '--minify', 'false'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (res.status !== 0) throw new Error('vite build failed');
  }
  const server = await preview(root, outDir);
  const browser = await launchBrowser();
  const report = {};
  try {
    if (what === 'startup' || what === 'both') {
      log('profiling a first visit until the first prompt ...');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto('about:blank');
      const { result, profile } = await profiled(page, async () => {
        await page.goto(server.url, { waitUntil: 'commit' });
        return waitForMark(page, 'dojo:prompt-ready');
      });
      report.startup = { prompt_ready_ms: round(result, 1), profile };
      await context.close();
    }
    if (what === 'warm' || what === 'both') {
      log(`profiling ${runs} warm runs ...`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await waitForMark(page, 'dojo:prompt-ready');
      await waitForMark(page, 'dojo:worker-ready');
      await focusTerminal(page);
      for (let i = 0; i < 5; i++) await runMeasured(page, 'wasmtime hello.wasm');
      const { result, profile } = await profiled(page, async () => {
        const r = [];
        for (let i = 0; i < runs; i++) r.push(await runMeasured(page, 'wasmtime hello.wasm'));
        return r;
      });
      const med = (xs) => round(xs.filter((x) => x !== null).sort((a, b) => a - b)[Math.floor(xs.length / 2)], 2);
      report.warm = {
        runs,
        enter_to_first_output_p50: med(result.map((r) => r.enterToFirstOutput)),
        enter_to_engine_request_p50: med(result.map((r) => r.enterToEngine)),
        engine_round_trip_p50: med(result.map((r) => r.run?.pageMs ?? null)),
        profile,
      };
      await context.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((err) => {
  console.error(`profile: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
