#!/usr/bin/env node
/**
 * `npm run test:e2e`: serves the production build with `vite preview` on a free localhost
 * port, runs every e2e/tests/*.e2e.mjs file with node:test against it in Debian Chromium,
 * prints a summary, and always stops the server. CI runs `npm run build` first; when dist/
 * is missing (a local run), it builds once.
 *
 * Options: any argument is a filter on test file names (e.g. `npm run test:e2e -- history`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './lib/browser.mjs';
import { ROOT as root, startPreview } from './lib/preview.mjs';

const vite = join(root, 'node_modules', '.bin', 'vite');
const started = Date.now();

async function main() {
  chromiumPath(); // fail fast with install advice
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    console.log('e2e: dist/ is missing, building it with `vite build`...');
    const build = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }

  const filters = process.argv.slice(2);
  // Test files run side by side, each with its own Chromium: most of a terminal test is waiting
  // for xterm's once-a-second accessibility refresh, not CPU. E2E_CONCURRENCY=1 runs them in turn.
  const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY) || 3);
  const testDir = join(root, 'e2e', 'tests');
  const files = readdirSync(testDir)
    .filter((f) => f.endsWith('.e2e.mjs'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    .map((f) => join(testDir, f));
  if (files.length === 0) throw new Error(`no e2e test files match ${filters.join(' ')}`);

  // Serve a snapshot of dist/: a rebuild during the run (another terminal, a watcher) must not
  // pull files from under the browser. startPreview also stops the server when this process exits.
  let server;
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  let status = 1;
  try {
    server = await startPreview();
    const { url } = server;
    console.log(`e2e: serving a snapshot of dist/ at ${url}; running ${files.length} file(s) in Chromium`);
    // Files named *.timing.e2e.mjs measure what a person waits for (Ctrl-C → prompt): they run
    // after the others, one at a time, so three Chromiums sharing two cores do not skew them.
    const timing = files.filter((f) => f.endsWith('.timing.e2e.mjs'));
    const rest = files.filter((f) => !timing.includes(f));
    status = 0;
    /** @type {Array<{ group: string[], n: number }>} */
    const passes = [
      { group: rest, n: concurrency },
      { group: timing, n: 1 },
    ];
    for (const { group, n } of passes) {
      if (group.length === 0) continue;
      const code = await runTests(group, n, url);
      if (code !== 0) status = code;
    }
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : err}`);
  } finally {
    await server?.stop().catch(() => undefined);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ne2e: ${status === 0 ? 'PASSED' : 'FAILED'} (${files.length} file(s), ${secs} s)`);
  process.exit(status);
}

/**
 * Runs test files with node:test, `concurrency` files at a time; resolves to the exit status.
 * @param {string[]} group @param {number} concurrency @param {string} url @returns {Promise<number>}
 */
function runTests(group, concurrency, url) {
  const tests = spawn(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...group], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: url },
  });
  return new Promise((res) => tests.on('exit', (code, signal) => res(code ?? (signal ? 1 : 0))));
}

main().catch((err) => {
  console.error(`e2e: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
