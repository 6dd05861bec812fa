/**
 * The layer rules, enforced by dependency-cruiser (`npm run lint:layers`; part of `npm run lint`).
 * Engines at the bottom, commands thin over them, the UI over both; each layer lists what it may
 * import from src/ and everything else of ours is forbidden. npm packages are not restricted here.
 *
 *   lib                      nothing of ours
 *   net                      lib
 *   fs                       lib, net
 *   runtime                  lib, net, fs
 *   registry, toolchain      lib, fs
 *   machine                  lib, net, fs, registry (the Machine bundles network, jobs and the OCI store)
 *   shell                    lib, fs, machine, the runtime's contract (runtime/types.ts, runtime/grants.ts)
 *   spin, cluster, edge, lab lib, net, fs, machine, runtime, registry, toolchain (cluster also spin; edge also
 *                            spin's HTTP host, spin/app-host.ts + spin/schema.ts, which serves its apps)
 *   lessons, trainer, team   the engines above and shell (trainer and team also lessons)
 *   terminal                 lib, shell's contract (types.ts, continuation.ts)
 *   commands                 anything but app, ui, editor, terminal, pwa; commands/<a> never imports
 *                            commands/<b> (commands/cli and the shared files directly in commands/ are fine)
 *   app, ui, editor, pwa     anything
 *
 * Tests (*.test.ts beside the code, everything under test/) may import anything, and no other file
 * under src/ may import a test or a test helper (testing.ts, testing/, test-context.ts, rig.ts, test/).
 * Test helpers that still sit in engine folders are held to their folder's rules: they belong in test/.
 * Folders that do not exist yet are named so the rules hold the day they appear.
 * scripts/check-rules.mjs proves that each rule fails on a deliberate violation.
 */

const TEST = '(^test/|\\.test\\.tsx?$)';
const HELPER = '(/testing\\.tsx?$|/testing/|/test-context\\.tsx?$|/rig\\.tsx?$)';

/** `src/<one of folders>/` (or a file `src/<folder>.ts`). */
const under = (folders) => `^src/(${folders.join('|')})(/|\\.tsx?$)`;

const ENGINES_LOW = ['lib', 'net', 'fs', 'machine', 'runtime', 'registry', 'toolchain'];
const ENGINES_MID = ['spin', 'cluster', 'edge', 'lab'];

/** A production file in `folders` may import, from src/, only its own folder and `allowed` (folders, or files like 'shell/types\\.ts'). */
function layer(name, folders, allowed, comment) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: under(folders), pathNot: TEST },
    to: { path: '^src/', pathNot: [`^src/$1(/|\\.tsx?$)`, ...allowed.map((a) => (a.includes('.') ? `^src/${a}$` : `^src/${a}(/|\\.tsx?$)`))] },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    layer('lib-imports-nothing', ['lib'], [], 'src/lib is the bottom layer: it imports nothing of ours.'),
    layer('net-layer', ['net'], ['lib'], 'src/net builds on lib only.'),
    layer('fs-layer', ['fs'], ['lib', 'net'], 'fs builds on lib and net only.'),
    layer(
      'machine-layer',
      ['machine'],
      ['lib', 'net', 'fs', 'registry'],
      'The machine (network, jobs, OCI store) builds on lib, net, fs and registry only.',
    ),
    layer('runtime-layer', ['runtime'], ['lib', 'net', 'fs'], 'The Wasm runtime builds on lib, net and fs only (no tool policy, no shell).'),
    layer('registry-toolchain-layer', ['registry', 'toolchain'], ['lib', 'fs'], 'registry and toolchain build on lib and fs only.'),
    layer(
      'shell-layer',
      ['shell'],
      ['lib', 'fs', 'machine', 'runtime/types\\.ts', 'runtime/grants\\.ts'],
      'The shell builds on lib, fs, machine and the runtime contract (runtime/types.ts, runtime/grants.ts) only; commands plug in through its registry.',
    ),
    layer('tool-engine-layer', ['spin', 'lab'], ENGINES_LOW, 'Tool engines (spin, lab) build on the low engines only.'),
    layer(
      'edge-layer',
      ['edge'],
      [...ENGINES_LOW, 'spin/app-host\\.ts', 'spin/schema\\.ts'],
      "The edge engine builds on the low engines and Spin's HTTP host only (wrangler dev and fastly compute serve serve through it).",
    ),
    layer('cluster-layer', ['cluster'], [...ENGINES_LOW, 'spin'], 'The cluster builds on the low engines and spin only.'),
    layer(
      'lessons-layer',
      ['lessons'],
      [...ENGINES_LOW, ...ENGINES_MID, 'shell'],
      'The lesson engine builds on the engines and the shell; never commands, app or ui.',
    ),
    layer(
      'trainer-team-layer',
      ['trainer', 'team'],
      [...ENGINES_LOW, ...ENGINES_MID, 'shell', 'lessons'],
      'trainer and team build on the engines, the shell and lessons; never commands, app or ui.',
    ),
    layer(
      'terminal-layer',
      ['terminal'],
      ['lib', 'shell/types\\.ts', 'shell/continuation\\.ts'],
      'The terminal knows the shell only by its contract (shell/types.ts, shell/continuation.ts) and lib.',
    ),
    {
      name: 'commands-not-ui',
      severity: 'error',
      comment: 'Commands are thin over the engines; they never reach up into app, ui, editor, terminal or pwa.',
      from: { path: '^src/commands/', pathNot: TEST },
      to: { path: '^src/(app|ui|editor|terminal|pwa)/' },
    },
    {
      name: 'command-imports-command',
      severity: 'error',
      comment: 'commands/<a> never imports commands/<b>: shared code goes down into an engine, commands/cli or a file directly in commands/.',
      from: { path: '^src/commands/([^/]+)/', pathNot: TEST },
      to: { path: '^src/commands/[^/]+/', pathNot: '^src/commands/($1|cli)/' },
    },
    {
      name: 'production-imports-test-helper',
      severity: 'error',
      comment: 'No production file imports a test or a test helper (testing.ts, testing/, test-context.ts, rig.ts, test/).',
      from: { path: '^src/', pathNot: [TEST, HELPER] },
      to: { path: [TEST, HELPER] },
    },
  ],
  options: {
    includeOnly: '^(src|test)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
};
