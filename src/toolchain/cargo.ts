/**
 * `cargo build` of the Dojo's one Rust toolchain (cargo/rustc 1.95), SIMULATED: there is no compiler in
 * the browser. It checks what real cargo checks, in its order (Cargo.toml, then rustc's target, then the
 * target's standard library installed by `rustup target add`), prints cargo's own lines, and for
 * wasm32-wasip1 places a precompiled stand-in module where the real build puts the crate's .wasm.
 *
 * Both the `cargo` command and `spin build` (which runs a component's `cargo build …` command) call this,
 * so the same command gets the same answer wherever it is typed.
 */
import type { HostFs } from '../fs/types';
import { childPath } from '../fs/path';
import { paint, style } from '../lib/ansi';
import { dojoLine } from '../lib/dojo-line';
import { findPackageRoot, readCrate, type CrateInfo } from './cargo-manifest';
import { STAND_INS, missingModuleLine, placeStandIn, precompiled, standInLine } from './stand-in-build';
import { HOST_TRIPLE, TOOLCHAIN, isTargetInstalled, rustcKnowsTarget } from './rust';
import { MAIN_RS, rustFixedOutput } from './cargo-new';
import { outputModule } from './reply-module';

/**
 * What stands in for a binary crate: cargo new's hello world is exactly the precompiled hello module;
 * a main that only prints other fixed text gets a module printing that text; anything else gets the
 * hello module, and the line says the source did not shape it.
 */
function binStandIn(fs: HostFs, root: string): { bytes?: Uint8Array; what: string } {
  const path = childPath(root, 'src/main.rs');
  const text = fs.stat(path)?.kind === 'file' ? fs.readText(path) : '';
  const printed = rustFixedOutput(text);
  if (printed === rustFixedOutput(MAIN_RS)) return { what: `${precompiled(STAND_INS.cargoBin)} (your src/main.rs is cargo new's hello world)` };
  if (printed !== null) {
    return {
      bytes: outputModule(printed),
      what: `a module that prints the fixed text your main prints (${JSON.stringify(printed)}); only that text comes from your code`,
    };
  }
  return { what: `${precompiled(STAND_INS.cargoBin)}; your src/main.rs does not shape it` };
}

/** The only target the Dojo has stand-in modules for (core wasip1 modules). */
const SIMULATED_TARGET = 'wasm32-wasip1';

export interface CargoSink {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface CargoEnv {
  fs: HostFs;
  home: string;
  cwd: string;
  /** cargo writes its status lines and errors to stderr. */
  stderr: CargoSink;
}

export interface CargoBuildArgs {
  release: boolean;
  target?: string;
}

export interface CargoBuildOptions {
  /** Which precompiled module to place (default `hello`); `spin build` passes the component's. */
  standIn?: string;
  /** The stand-in's bytes when they are not a precompiled module (a reply module made from the source). */
  standInBytes?: Uint8Array;
  /** Print the `dojo:` line saying the artifact is a stand-in (off when `spin build` says it itself). */
  note?: boolean;
  /** `cargo run` on the host: a Wasm module stands in for the native program (it is run by the engine, never exec'd). */
  allowHost?: boolean;
}

export interface CargoBuildResult {
  status: number;
  /** The .wasm written, on success. */
  artifact?: string;
}

/** cargo's status lines: the word right-aligned in 12 columns, bold green. */
function status(sink: CargoSink, word: string, rest: string): string {
  return `${paint(style('bold', 'green'), word.padStart(12), sink.isTTY)} ${rest}\n`;
}
export function errorLabel(sink: CargoSink, code = ''): string {
  return `${paint(style('bold', 'red'), `error${code}`, sink.isTTY)}:`;
}
/** The Dojo's own voice: one dim `dojo:` line on a terminal, plain otherwise. */
function dojoNote(sink: CargoSink, text: string): string {
  return dojoLine(text, sink.isTTY);
}

/** rustc itself does not know the triple (e.g. `wasm32-wasi` since Rust 1.84): cargo's probe of rustc fails (text from a real cargo 1.95 run). */
function unknownTargetError(env: CargoEnv, target: string): number {
  const err = env.stderr;
  err.write(
    `${errorLabel(err)} failed to run \`rustc\` to learn about target-specific information\n\nCaused by:\n` +
      `  process didn't exit successfully: \`${env.home}/.rustup/toolchains/${TOOLCHAIN}/bin/rustc - --crate-name ___ --print=file-names --target ${target} --crate-type bin --crate-type rlib --crate-type dylib --crate-type cdylib --crate-type staticlib --crate-type proc-macro --print=sysroot --print=split-debuginfo --print=crate-name --print=cfg -Wwarnings\` (exit status: 1)\n` +
      `  --- stderr\n` +
      `  error: error loading target specification: could not find specification for target "${target}"\n` +
      `    |\n` +
      `    = help: run \`rustc --print target-list\` for a list of built-in targets\n`,
  );
  if (target === 'wasm32-wasi')
    err.write(
      dojoNote(
        err,
        'wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1, then cargo build --target wasm32-wasip1 --release.',
      ),
    );
  return 101;
}

/** rustc knows the target but its standard library was never added with rustup. */
function stdMissingError(env: CargoEnv, crate: CrateInfo, target: string): number {
  const err = env.stderr;
  err.write(
    `${errorLabel(err, '[E0463]')} can't find crate for \`std\`\n` +
      `  |\n` +
      `  = note: the \`${target}\` target may not be installed\n` +
      `  = help: consider downloading the target with \`rustup target add ${target}\`\n\n` +
      `For more information about this error, try \`rustc --explain E0463\`.\n` +
      `${errorLabel(err)} could not compile \`${crate.name}\` (${crate.kind === 'bin' ? `bin "${crate.artifact.replace(/\.wasm$/, '')}"` : 'lib'}) due to 1 previous error\n`,
  );
  return 101;
}

/** `cargo build [--release] [--target T]` in `env.cwd`, after its arguments were parsed. */
export async function cargoBuild(env: CargoEnv, args: CargoBuildArgs, opts: CargoBuildOptions = {}): Promise<CargoBuildResult> {
  const err = env.stderr;
  const root = findPackageRoot(env.fs, env.cwd);
  if (root === undefined) {
    err.write(`${errorLabel(err)} could not find \`Cargo.toml\` in \`${env.cwd}\` or any parent directory\n`);
    return { status: 101 };
  }
  const manifest = readCrate(env.fs, root);
  if (!manifest.ok) {
    err.write(manifest.message.replace(/^error:/, errorLabel(err)));
    return { status: 101 };
  }
  const crate = manifest.crate;
  const target = args.target;
  if (target !== undefined && !rustcKnowsTarget(target)) return { status: unknownTargetError(env, target) };
  // A known target whose std is missing fails the same way whichever it is (real cargo: E0463 after `Compiling`).
  if (target !== undefined && !isTargetInstalled(env.fs, env.home, target)) {
    err.write(status(err, 'Compiling', `${crate.name} v${crate.version} (${crate.root})`));
    return { status: stdMissingError(env, crate, target) };
  }
  const host = target === undefined || target === HOST_TRIPLE;
  if (target !== SIMULATED_TARGET && !(host && opts.allowHost)) {
    err.write(
      dojoNote(
        err,
        `the Dojo simulates only \`cargo build --target ${SIMULATED_TARGET}\` (it has a precompiled stand-in for that target, none for ${target ?? 'the host'}).`,
      ),
    );
    return { status: 1 };
  }
  const moduleName = opts.standIn ?? STAND_INS.cargoBin;
  const profileDir = args.release ? 'release' : 'debug';
  // The host build has no .wasm extension and no triple directory (target/debug/<bin>).
  const file = host ? crate.artifact.replace(/\.wasm$/, '') : crate.artifact;
  const relative = target === undefined ? `target/${profileDir}/${file}` : `target/${target}/${profileDir}/${file}`;
  const artifact = childPath(crate.root, relative);
  const fromSource = opts.standIn || opts.standInBytes || crate.kind !== 'bin' ? null : binStandIn(env.fs, crate.root);
  const choice = opts.standInBytes ? { bytes: opts.standInBytes } : fromSource?.bytes ? { bytes: fromSource.bytes } : { module: moduleName };
  const what = fromSource?.what ?? precompiled(moduleName);
  // Written before the `Compiling` line so a missing module fails before cargo claims anything.
  if (!(await placeStandIn(env.fs, env.home, artifact, choice))) {
    err.write(missingModuleLine(moduleName, err.isTTY));
    return { status: 1 };
  }
  err.write(status(err, 'Compiling', `${crate.name} v${crate.version} (${crate.root})`));
  const profile = args.release ? '`release` profile [optimized]' : '`dev` profile [unoptimized + debuginfo]';
  err.write(status(err, 'Finished', `${profile} target(s) in 0.84s`));
  if (opts.note ?? true) {
    err.write(standInLine([{ path: relative, what }], err.isTTY));
  }
  return { status: 0, artifact };
}
