#!/usr/bin/env node
/**
 * `npm run lint`: every check a reviewer makes, one after another, each reported on its own, then a
 * summary; exits 1 if any failed. A failing step does not stop the others, so one run shows all.
 *
 *   types:app      tsc over src/, test/ and the vite/vitest configs (tsconfig.json)
 *   types:engines  tsc over the engine folders WITHOUT the DOM lib (tsconfig.engines.json)
 *   types:scripts  tsc over e2e/, bench/, scripts/ .mjs with checkJs (tsconfig.scripts.json)
 *   eslint         ESLint with typescript-eslint (eslint.config.js)
 *   format         Prettier --check (.prettierrc.json; `npm run format` writes)
 *   layers         dependency-cruiser's layer rules (.dependency-cruiser.cjs)
 *   unused         knip: unused files, exports and dependencies (knip.json)
 *
 * `node scripts/lint.mjs types eslint` runs only the steps whose names start with those words.
 * tsc is TypeScript 7's (the `typescript-7` package); the root `typescript` is 6.0 for typescript-eslint.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
export const TSC = join(root, 'node_modules', 'typescript-7', 'bin', 'tsc');

/** @type {{ name: string, what: string, cmd: [string, ...string[]] }[]} */
export const STEPS = [
  { name: 'types:app', what: 'type check of src/, test/ and the configs', cmd: [process.execPath, TSC, '-p', 'tsconfig.json'] },
  { name: 'types:engines', what: 'engine folders compile without the DOM lib', cmd: [process.execPath, TSC, '-p', 'tsconfig.engines.json'] },
  { name: 'types:scripts', what: 'type check of e2e/, bench/ and scripts/ (checkJs)', cmd: [process.execPath, TSC, '-p', 'tsconfig.scripts.json'] },
  { name: 'eslint', what: 'ESLint with typescript-eslint', cmd: [bin('eslint'), '.'] },
  { name: 'format', what: 'Prettier: formatted as `npm run format` would', cmd: [bin('prettier'), '--check', '--log-level', 'warn', '.'] },
  {
    name: 'layers',
    what: 'layer rules (dependency-cruiser)',
    cmd: [bin('depcruise'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  },
  { name: 'unused', what: 'unused files, exports and dependencies (knip)', cmd: [bin('knip')] },
];

function main() {
  const only = process.argv.slice(2);
  const steps = only.length ? STEPS.filter((s) => only.some((o) => s.name.startsWith(o))) : STEPS;
  if (!steps.length) {
    console.error(`lint: no step matches ${only.join(' ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const results = [];
  for (const step of steps) {
    console.log(`\n── lint ${step.name}: ${step.what}`);
    const t0 = Date.now();
    const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit' });
    const s = ((Date.now() - t0) / 1000).toFixed(1);
    const ok = r.status === 0;
    console.log(ok ? `── ${step.name}: ok (${s} s)` : `── ${step.name}: FAILED (${r.error?.message ?? `exit ${r.status ?? r.signal}`}, ${s} s)`);
    results.push({ name: step.name, ok, s });
  }
  const failed = results.filter((r) => !r.ok);
  // Worded so that no CI reader takes it for a test runner's 'N passed, N failed' line.
  console.log(
    failed.length
      ? `\nlint: ${failed.length} of ${results.length} checks FAILED (${failed.map((r) => r.name).join(', ')})`
      : `\nlint: all ${results.length} checks ok`,
  );
  for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(14)} ${r.s} s`);
  process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
