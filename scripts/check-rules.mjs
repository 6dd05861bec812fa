#!/usr/bin/env node
/**
 * `npm run lint:prove`: proves that each rule `npm run lint` enforces really bites. It writes small
 * deliberate violations into the tree (files named __rule_probe__*, in folders that are created if
 * missing), runs the checker each one targets, asserts that the checker FAILS on that file with the
 * expected rule, asserts that the allowed imports beside them do NOT fail, and always removes what
 * it wrote (finally, and on Ctrl-C). Nothing is copied: the checkers run on the real configs.
 *
 *   a type error in src/fs                        → tsc (tsconfig.json) TS2322
 *   a DOM use (document.title) in src/shell       → tsc without the DOM lib (tsconfig.engines.json) TS2304;
 *                                                   the same file passes the app config, which has the DOM
 *   an upward import, one per layer rule          → dependency-cruiser, that rule
 *   commands/a importing commands/b               → dependency-cruiser command-imports-command
 *   a production file importing a test helper     → dependency-cruiser production-imports-test-helper
 *   a floating promise                            → ESLint @typescript-eslint/no-floating-promises
 *   a badly formatted file                        → Prettier --check
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TSC } from './lint.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const P = '__rule_probe__';

/** Paths (relative to root) this run created: files, then folders that did not exist before. */
const createdFiles = [];
const createdDirs = [];

function write(rel, text) {
  const dir = dirname(rel);
  const missing = [];
  for (let d = dir; d !== '.' && !existsSync(join(root, d)); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    mkdirSync(join(root, d));
    createdDirs.push(d);
  }
  writeFileSync(join(root, rel), text);
  createdFiles.push(rel);
}

function cleanUp() {
  for (const f of createdFiles.splice(0)) rmSync(join(root, f), { force: true });
  for (const d of createdDirs.splice(0).reverse()) rmSync(join(root, d), { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanUp();
    process.exit(130);
  });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const results = [];
function check(what, ok, detail) {
  results.push({ what, ok });
  console.log(`${ok ? 'bites ' : 'MISSED'} ${what}${ok ? '' : `\n       ${detail}`}`);
}

/** A module that exports one value, for probes to import. */
const target = 'export const probe = 1;\n';
const importing = (spec) => `import { probe } from '${spec}';\nexport const used = probe;\n`;

/**
 * Layer probes: [rule, from file, its import, the target file it needs]. Targets are written too, so the
 * probes do not depend on which files other work has moved.
 */
const FORBIDDEN = [
  ['lib-imports-nothing', `src/lib/${P}.ts`, `../fs/${P}target`, `src/fs/${P}target.ts`],
  ['net-layer', `src/net/${P}.ts`, `../fs/${P}target`, `src/fs/${P}target.ts`],
  ['fs-layer', `src/fs/${P}.ts`, `../runtime/${P}target`, `src/runtime/${P}target.ts`],
  ['machine-layer', `src/machine/${P}.ts`, `../shell/${P}target`, `src/shell/${P}target.ts`],
  ['runtime-layer', `src/runtime/${P}.ts`, `../spin/${P}target`, `src/spin/${P}target.ts`],
  ['registry-toolchain-layer', `src/registry/${P}.ts`, `../runtime/${P}target`, `src/runtime/${P}target.ts`],
  ['shell-layer', `src/shell/${P}.ts`, `../commands/${P}target`, `src/commands/${P}target.ts`],
  ['shell-layer', `src/shell/${P}2.ts`, `../runtime/${P}target`, `src/runtime/${P}target.ts`],
  ['tool-engine-layer', `src/spin/${P}.ts`, `../editor/${P}target`, `src/editor/${P}target.ts`],
  ['cluster-layer', `src/cluster/${P}.ts`, `../shell/${P}target`, `src/shell/${P}target.ts`],
  ['lessons-layer', `src/lessons/${P}.ts`, `../commands/${P}target`, `src/commands/${P}target.ts`],
  ['trainer-team-layer', `src/trainer/${P}.ts`, `../app/${P}target`, `src/app/${P}target.ts`],
  ['terminal-layer', `src/terminal/${P}.ts`, `../fs/${P}target`, `src/fs/${P}target.ts`],
  ['commands-not-ui', `src/commands/${P}a/index.ts`, `../../ui/${P}target`, `src/ui/${P}target.ts`],
  ['command-imports-command', `src/commands/${P}a/other.ts`, `../${P}b/index`, `src/commands/${P}b/index.ts`],
  ['production-imports-test-helper', `src/app/${P}.ts`, `./${P}dir/testing`, `src/app/${P}dir/testing.ts`],
  ['production-imports-test-helper', `src/app/${P}2.ts`, `../../test/${P}helper`, `test/${P}helper.ts`],
];
/** Allowed edges beside them: [from file, its import, target]. Each must pass. */
const ALLOWED = [
  [`src/net/${P}ok.ts`, `../lib/${P}target`, `src/lib/${P}target.ts`],
  [`src/shell/${P}ok.ts`, `../fs/${P}target`, `src/fs/${P}target.ts`],
  [`src/shell/${P}ok2.ts`, '../runtime/types', null],
  [`src/machine/${P}ok.ts`, `../registry/${P}target`, `src/registry/${P}target.ts`],
  [`src/cluster/${P}ok.ts`, `../spin/${P}target`, `src/spin/${P}target.ts`],
  [`src/lessons/${P}ok.ts`, `../shell/${P}target`, `src/shell/${P}target.ts`],
  [`src/commands/${P}a/ok.ts`, `../${P}shared`, `src/commands/${P}shared.ts`],
  [`src/commands/${P}b/ok.ts`, `../cli/${P}target`, `src/commands/cli/${P}target.ts`],
  [`src/app/${P}ok.ts`, `../commands/${P}target`, `src/commands/${P}target.ts`],
  [`src/app/${P}ok.test.ts`, `./${P}dir/testing`, `src/app/${P}dir/testing.ts`],
];

function proveLayers() {
  const written = new Set();
  const put = (rel, text) => {
    if (!written.has(rel)) write(rel, text);
    written.add(rel);
  };
  for (const [, from, spec, to] of FORBIDDEN) {
    if (to) put(to, target);
    put(from, importing(spec));
  }
  for (const [from, spec, to] of ALLOWED) {
    if (to) put(to, target);
    put(from, spec === '../runtime/types' ? `import type { RunResult } from '${spec}';\nexport type Used = RunResult;\n` : importing(spec));
  }
  const probes = [...written].filter((f) => f.startsWith('src/') && !f.includes(`${P}target`));
  // The same reporter `npm run lint:layers` uses: one line per violation, `error <rule>: <from> → <to>`.
  const r = run(bin('depcruise'), [...probes, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', '--max-depth', '1']);
  const violations = [...r.out.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => ({ rule, from, to }));
  const hit = (from, rule) => violations.some((v) => v.from === from && v.rule === rule);
  check('dependency-cruiser exits non-zero on the forbidden imports', r.status !== 0, `exit ${r.status}\n${r.out.slice(0, 2000)}`);
  for (const [rule, from, spec] of FORBIDDEN)
    check(`${rule}: ${from} → ${spec}`, hit(from, rule), `not reported; violations: ${JSON.stringify(violations)}`);
  for (const [from, spec] of ALLOWED) {
    const against = violations.filter((v) => v.from === from);
    check(`allowed: ${from} → ${spec}`, against.length === 0, `wrongly reported: ${against.map((v) => v.rule).join(', ')}`);
  }
}

function proveTypes() {
  const typeError = `src/fs/${P}type.ts`;
  const domUse = `src/shell/${P}dom.ts`;
  write(typeError, 'export const typeProbe: number = "not a number";\n');
  write(domUse, 'export const titleProbe = (): string => document.title;\n');
  const app = run(process.execPath, [TSC, '-p', 'tsconfig.json']);
  check(
    `tsc (tsconfig.json): a type error in ${typeError}`,
    app.status !== 0 && app.out.includes(`${typeError}(1,14): error TS2322`),
    app.out.slice(0, 2000),
  );
  check(`tsc (tsconfig.json): document.title in ${domUse} compiles where the DOM is allowed`, !app.out.includes(domUse), app.out.slice(0, 2000));
  const engines = run(process.execPath, [TSC, '-p', 'tsconfig.engines.json']);
  const domError = new RegExp(`^${domUse.replace(/[.]/g, '\\.')}\\(1,\\d+\\): error TS\\d+: Cannot find name 'document'`, 'm');
  check(
    `tsc without DOM (tsconfig.engines.json): document.title in ${domUse}`,
    engines.status !== 0 && domError.test(engines.out),
    engines.out.slice(0, 2000),
  );
  check(
    `tsc without DOM (tsconfig.engines.json): the type error in ${typeError} too`,
    engines.out.includes(`${typeError}(1,14): error TS2322`),
    engines.out.slice(0, 2000),
  );
}

function proveEslintAndFormat() {
  // In a folder with its own small tsconfig.json, so ESLint's project service (which takes the nearest
  // one) builds a program of this file alone instead of the whole app: the same rules, seconds faster.
  const floating = `src/lib/${P}eslint/promise.ts`;
  write(
    `src/lib/${P}eslint/tsconfig.json`,
    JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { lib: ['ES2023'], types: [] }, include: ['.'] }),
  );
  write(floating, 'export async function later(): Promise<number> {\n  return 1;\n}\nexport function forget(): void {\n  later();\n}\n');
  const lint = run(bin('eslint'), ['--no-warn-ignored', floating]);
  check(
    `eslint: a floating promise in ${floating}`,
    lint.status !== 0 && lint.out.includes('@typescript-eslint/no-floating-promises'),
    lint.out.slice(0, 2000),
  );
  const ugly = `src/lib/${P}format.ts`;
  write(ugly, 'export const  x = {a:1,\n  b : "two"}\n');
  const fmt = run(bin('prettier'), ['--check', ugly]);
  check(`prettier --check: a badly formatted ${ugly}`, fmt.status !== 0 && fmt.out.includes(ugly), fmt.out.slice(0, 2000));
}

const started = Date.now();
try {
  for (const [name, prove] of /** @type {[string, () => void][]} */ ([
    ['type checks', proveTypes],
    ['layer rules', proveLayers],
    ['eslint and prettier', proveEslintAndFormat],
  ])) {
    const t0 = Date.now();
    console.log(`── ${name}`);
    try {
      prove();
    } finally {
      cleanUp();
    }
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  cleanUp();
}
const missed = results.filter((r) => !r.ok);
const s = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  missed.length
    ? `\ncheck-rules: ${missed.length} of ${results.length} rules did NOT bite (${s} s)`
    : `\ncheck-rules: all ${results.length} rules bite (${s} s)`,
);
process.exit(missed.length ? 1 : 0);
