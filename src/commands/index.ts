/**
 * Every command the learner can type, registered in one place at start-up. (Lesson commands
 * are registered by the lessons feature when its chunk loads, see app/features/lessons.ts.)
 */
import { loadEngine } from '../shell/engine-loader';
import type { CommandRegistry } from '../shell/types';
import { LAZY_BUILTINS, registerBuiltins } from './builtins';
import { registerDojoCommands } from './dojo';
import { editCommand } from './edit';
import { lazyCommand, type LazyCommand } from './lazy-command';

/**
 * The emulated tools are the largest commands (Spin alone brings TOML and YAML parsers); they load
 * right after the first prompt. Their help lines are repeated here so `help` works before that
 * (a test checks they match the real ones).
 */
export const LAZY_COMMANDS: readonly LazyCommand[] = [
  lazyCommand(
    {
      name: 'wasmtime',
      summary: 'Run a WebAssembly module with Wasmtime (grants: --dir, --env, -S)',
      usage: 'wasmtime [OPTIONS] <WASM> [ARGS]...\nwasmtime <COMMAND>',
    },
    () => import('./wasmtime').then((m) => m.wasmtimeCommand),
  ),
  lazyCommand(
    {
      name: 'wasmedge',
      summary: 'Run a WebAssembly module with WasmEdge (grants: --dir GUEST:HOST, --env)',
      usage: 'wasmedge [OPTIONS] [--] WASM_OR_SO [ARG ...]',
    },
    () => import('./wasmedge').then((m) => m.wasmedgeCommand),
  ),
  lazyCommand(
    {
      name: 'spin',
      summary: 'Spin: build and run serverless WebAssembly apps (builds and deploys simulated)',
      usage: 'spin <COMMAND>',
    },
    () => import('./spin').then((m) => m.spinCommand),
  ),
  lazyCommand(
    {
      name: 'curl',
      summary: 'transfer a URL (talks to apps served in the Dojo)',
      usage: 'curl [options...] <url>',
    },
    () => import('./curl').then((m) => m.curlCommand),
  ),
  // The primer's "Compile to Wasm from Rust" steps; cargo brings smol-toml, so both load late too.
  lazyCommand(
    {
      name: 'rustup',
      summary: 'The Rust toolchain installer: add Wasm targets (simulated: nothing is downloaded)',
      usage: 'rustup [OPTIONS] [+toolchain] [COMMAND]',
    },
    () => import('./rustup').then((m) => m.rustupCommand),
  ),
  lazyCommand(
    {
      name: 'cargo',
      summary: "Rust's package manager: cargo build --target wasm32-wasip1 (simulated: no compiler)",
      usage: 'cargo [OPTIONS] [COMMAND]',
    },
    () => import('./cargo').then((m) => m.cargoCommand),
  ),
  // Primer §8: the OCI clients, over the machine's registry (src/registry; the network is simulated).
  lazyCommand(
    {
      name: 'wasm-to-oci',
      summary: 'Push and pull Wasm modules as OCI artifacts (engineerd, 2021; the network is simulated)',
      usage: 'wasm-to-oci <subcommand> [options]',
    },
    () => import('./wasm-to-oci').then((m) => m.wasmToOciCommand),
  ),
  lazyCommand(
    {
      name: 'oras',
      summary: 'OCI registry as storage: push and pull artifacts (the network is simulated)',
      usage: 'oras [command]',
    },
    () => import('./oras').then((m) => m.orasCommand),
  ),
  lazyCommand(
    {
      name: 'wkg',
      summary: 'WebAssembly package tool: wkg oci push|pull components (the network is simulated)',
      usage: 'wkg <COMMAND>',
    },
    () => import('./wkg').then((m) => m.wkgCommand),
  ),
  lazyCommand(
    {
      name: 'dojo-registry',
      summary: "The Dojo's simulated registry: storage used (df), stage a tampered layer (tamper)",
      usage: 'dojo-registry df | tamper <reference> [--layer N]',
    },
    () => import('./dojo-registry').then((m) => m.dojoRegistryCommand),
  ),
  // Kubernetes (the cluster feature registers these): kubectl and helm over the Dojo's cluster.
  lazyCommand(
    {
      name: 'kubectl',
      summary: 'kubectl controls the Kubernetes cluster manager (the Dojo cluster: Wasm pods really run)',
      usage: 'kubectl [flags] [options]',
    },
    () => import('./kubectl').then((m) => m.kubectlCommand),
  ),
  lazyCommand(
    {
      name: 'helm',
      summary: 'The Kubernetes package manager (charts ship offline with the Dojo)',
      usage: 'helm [command]',
    },
    () => import('./helm').then((m) => m.helmCommand),
  ),
  // Edge and build tools (issue 15): simulated builds that place precompiled modules, edge dev servers.
  lazyCommand(
    {
      name: 'tinygo',
      summary: 'TinyGo, a Go compiler for small places: tinygo build -target=wasip1 (simulated: no compiler)',
      usage: 'tinygo <command> [arguments]',
    },
    () => import('./tinygo').then((m) => m.tinygoCommand),
  ),
  lazyCommand(
    {
      name: 'npm',
      summary: 'npm: create cloudflare@latest and install -g wrangler|@fastly/cli (simulated: offline)',
      usage: 'npm <command>',
    },
    () => import('./npm').then((m) => m.npmCommand),
  ),
  lazyCommand(
    {
      name: 'wrangler',
      summary: 'Cloudflare Workers CLI: init, dev (serves for real on :8787), deploy/login (simulated)',
      usage: 'wrangler <command>',
    },
    () => import('./wrangler').then((m) => m.wranglerCommand),
  ),
  lazyCommand(
    {
      name: 'fastly',
      summary: 'Fastly CLI: compute init/build/serve (serves for real on :7676); deploy/publish simulated',
      usage: 'fastly <command> [<args> ...]',
    },
    () => import('./fastly').then((m) => m.fastlyCommand),
  ),
  // man and the pager (coreutils helper): manual pages built from each command's help, less/more.
  lazyCommand({ name: 'man', summary: 'an interface to the system reference manuals', usage: 'man [-k|-f] [SECTION] PAGE...' }, () =>
    import('./man').then((m) => m.man),
  ),
  lazyCommand({ name: 'less', summary: 'opposite of more: page through text, forward and backward', usage: 'less [options] [FILE]...' }, () =>
    import('./man').then((m) => m.less),
  ),
  lazyCommand({ name: 'more', summary: 'display the contents of a file in a terminal', usage: 'more [options] <file>...' }, () =>
    import('./man').then((m) => m.more),
  ),
];

/** Commands a feature registers itself (app/features/): not part of the core set. */
const FEATURE_COMMANDS = new Set(['spin']);
/** The cluster feature's commands (app/features/cluster.ts). */
const CLUSTER_COMMANDS = new Set(['kubectl', 'helm']);

/** Every command but those a feature brings (`spin`, see app/features/spin.ts). */
export function registerCoreCommands(registry: CommandRegistry): void {
  registerBuiltins(registry);
  registerDojoCommands(registry);
  registry.register(editCommand);
  for (const cmd of LAZY_COMMANDS) if (!FEATURE_COMMANDS.has(cmd.name) && !CLUSTER_COMMANDS.has(cmd.name)) registry.register(cmd);
}

/** `kubectl` and `helm` (lazy stubs until their chunks load). */
export function registerClusterCommands(registry: CommandRegistry): void {
  for (const cmd of LAZY_COMMANDS) if (CLUSTER_COMMANDS.has(cmd.name)) registry.register(cmd);
}

/** The `spin` command (a lazy stub until its chunk loads). */
export function registerSpinCommands(registry: CommandRegistry): void {
  for (const cmd of LAZY_COMMANDS) if (FEATURE_COMMANDS.has(cmd.name)) registry.register(cmd);
}

/** The core commands and every feature's: the whole product's command set. */
export function registerAllCommands(registry: CommandRegistry): void {
  registerCoreCommands(registry);
  registerSpinCommands(registry);
  registerClusterCommands(registry);
}

/** Loads the deferred commands (call once the first prompt is up). */
export async function preloadCommands(): Promise<void> {
  // The shell's interpreter chunk too: the next typed line needs it.
  await Promise.all([loadEngine(), ...[...LAZY_COMMANDS, ...LAZY_BUILTINS].map((c) => c.preload())]);
}
