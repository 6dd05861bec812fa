/**
 * `cargo build --target …` (cargo 1.95), SIMULATED: there is no compiler in the browser. The command
 * checks what real cargo checks, in its order (Cargo.toml, then rustc's target, then the target's
 * standard library installed by `rustup target add`), prints cargo's own lines, and for wasm32-wasip1
 * places the precompiled hello module where the real build would put the crate's .wasm, so the
 * primer's next step (`wasmtime target/wasm32-wasip1/release/<crate>.wasm`) runs a real module.
 */
import type { CommandContext, CommandDefinition, OutputSink } from '../../shell/types';
import { clapUsageError } from '../clap-error';
import { readStandInModule } from '../spin/build';
import { dojoLine } from '../dojo-line';
import { CARGO_VERSION_LINE, TOOLCHAIN, isTargetInstalled, rustcKnowsTarget } from '../rustup/toolchain';
import { findPackageRoot, readCrate, type CrateInfo } from './manifest';
import { childPath } from '../../fs/path';
import { paint, style } from '../../lib/ansi';

/** The only target the Dojo has a stand-in module for (a core wasip1 module). */
export const SIMULATED_TARGET = 'wasm32-wasip1';
/** The precompiled module that stands in for any crate's build output. */
export const STAND_IN_MODULE = 'hello';

export const CARGO_HELP = `Rust's package manager

Usage: cargo [+toolchain] [OPTIONS] [COMMAND]

Commands:
    build, b    Compile the current package

Options:
  -V, --version  Print version info and exit
  -h, --help     Print help

Build options (cargo build):
  -r, --release          Build artifacts in release mode, with optimizations
      --target <TRIPLE>  Build for the target triple

dojo: cargo is simulated in the Dojo (there is no compiler in the browser). \`cargo build --target wasm32-wasip1\`
checks Cargo.toml and the installed targets like the real one, then writes the precompiled hello module
(~/modules/hello.wasm) to target/wasm32-wasip1/<profile>/<crate>.wasm: it does not compile your source.
`;

const BUILD_USAGE = 'cargo build [OPTIONS]';

interface BuildArgs {
  release: boolean;
  target?: string;
}

/** cargo's status lines: the word right-aligned in 12 columns, bold green. */
function status(sink: OutputSink, word: string, rest: string): string {
  return `${paint(style('bold', 'green'), word.padStart(12), sink.isTTY)} ${rest}\n`;
}
function errorLabel(sink: OutputSink, code = ''): string {
  return `${paint(style('bold', 'red'), `error${code}`, sink.isTTY)}:`;
}

function parseBuildArgs(args: string[]): BuildArgs | { unexpected: string } | { missingValue: string } {
  const out: BuildArgs = { release: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--release' || a === '-r') out.release = true;
    else if (a === '--target') {
      const v = args[++i];
      if (v === undefined) return { missingValue: '--target' };
      out.target = v;
    } else if (a.startsWith('--target=')) out.target = a.slice('--target='.length);
    else if (a === '-q' || a === '--quiet' || a === '-v' || a === '--verbose') continue;
    else return { unexpected: a };
  }
  return out;
}

/** rustc itself does not know the triple (e.g. `wasm32-wasi` since Rust 1.84): cargo's probe of rustc fails (text from a real cargo 1.95 run). */
function unknownTargetError(ctx: CommandContext, target: string): number {
  const err = ctx.stderr;
  err.write(
    `${errorLabel(err)} failed to run \`rustc\` to learn about target-specific information\n\nCaused by:\n` +
      `  process didn't exit successfully: \`${ctx.shell.home}/.rustup/toolchains/${TOOLCHAIN}/bin/rustc - --crate-name ___ --print=file-names --target ${target} --crate-type bin --crate-type rlib --crate-type dylib --crate-type cdylib --crate-type staticlib --crate-type proc-macro --print=sysroot --print=split-debuginfo --print=crate-name --print=cfg -Wwarnings\` (exit status: 1)\n` +
      `  --- stderr\n` +
      `  error: error loading target specification: could not find specification for target "${target}"\n` +
      `    |\n` +
      `    = help: run \`rustc --print target-list\` for a list of built-in targets\n`,
  );
  if (target === 'wasm32-wasi')
    err.write(dojoLine('wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1, then cargo build --target wasm32-wasip1 --release.', err.isTTY));
  return 101;
}

/** rustc knows the target but its standard library was never added with rustup. */
function stdMissingError(ctx: CommandContext, crate: CrateInfo, target: string): number {
  const err = ctx.stderr;
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

async function build(ctx: CommandContext, args: string[]): Promise<number> {
  const parsed = parseBuildArgs(args);
  if ('unexpected' in parsed) {
    ctx.stderr.write(clapUsageError(`unexpected argument '${parsed.unexpected}' found`, BUILD_USAGE, ctx.stderr.isTTY));
    return 1;
  }
  if ('missingValue' in parsed) {
    ctx.stderr.write(`${errorLabel(ctx.stderr)} "--target" takes a target architecture as an argument.\n\nRun \`rustup target list\` to see possible targets.\n`);
    return 101;
  }
  const root = findPackageRoot(ctx.fs, ctx.cwd);
  if (root === undefined) {
    ctx.stderr.write(`${errorLabel(ctx.stderr)} could not find \`Cargo.toml\` in \`${ctx.cwd}\` or any parent directory\n`);
    return 101;
  }
  const manifest = readCrate(ctx.fs, root);
  if (!manifest.ok) {
    ctx.stderr.write(manifest.message.replace(/^error:/, errorLabel(ctx.stderr)));
    return 101;
  }
  const crate = manifest.crate;
  const target = parsed.target;
  if (target !== undefined && !rustcKnowsTarget(target)) return unknownTargetError(ctx, target);
  // A known target whose std is missing fails the same way whichever it is (real cargo: E0463 after `Compiling`).
  if (target !== undefined && !isTargetInstalled(ctx.fs, ctx.shell.home, target)) {
    ctx.stderr.write(status(ctx.stderr, 'Compiling', `${crate.name} v${crate.version} (${crate.root})`));
    return stdMissingError(ctx, crate, target);
  }
  if (target !== SIMULATED_TARGET) {
    ctx.stderr.write(
      dojoLine(`the Dojo simulates only \`cargo build --target ${SIMULATED_TARGET}\` (it has a precompiled stand-in for that target, none for ${target ?? 'the host'}).`, ctx.stderr.isTTY),
    );
    return 1;
  }
  const bytes = await readStandInModule(ctx.fs, ctx.shell.home, STAND_IN_MODULE);
  if (!bytes) {
    ctx.stderr.write(dojoLine(`the stand-in module ~/modules/${STAND_IN_MODULE}.wasm is missing (run \`dojo reset\` to restore it).`, ctx.stderr.isTTY));
    return 1;
  }
  ctx.stderr.write(status(ctx.stderr, 'Compiling', `${crate.name} v${crate.version} (${crate.root})`));
  const profileDir = parsed.release ? 'release' : 'debug';
  const outDir = childPath(crate.root, `target/${target}/${profileDir}`);
  ctx.fs.mkdir(outDir, { recursive: true });
  ctx.fs.writeFile(`${outDir}/${crate.artifact}`, bytes);
  const profile = parsed.release ? '`release` profile [optimized]' : '`dev` profile [unoptimized + debuginfo]';
  ctx.stderr.write(status(ctx.stderr, 'Finished', `${profile} target(s) in 0.84s`));
  ctx.stderr.write(
    dojoLine(`simulated build: target/${target}/${profileDir}/${crate.artifact} is the precompiled ${STAND_IN_MODULE} module, not your source.`, ctx.stderr.isTTY),
  );
  return 0;
}

export const cargoCommand: CommandDefinition = {
  name: 'cargo',
  summary: "Rust's package manager: cargo build --target wasm32-wasip1 (simulated: no compiler)",
  usage: 'cargo [OPTIONS] [COMMAND]',
  subcommands: [
    {
      name: 'build',
      summary: 'Compile the current package',
      flags: [
        { name: '--release', description: 'Build artifacts in release mode, with optimizations' },
        { name: '--target', value: 'TRIPLE', description: 'Build for the target triple' },
      ],
    },
  ],
  complete(args, partial) {
    if (args.length === 0) return ['build'].filter((w) => w.startsWith(partial));
    if (args.at(-1) === '--target') return ['wasm32-wasip1', 'wasm32-wasip2'].filter((w) => w.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.argv.slice(1);
    if (sub === '--version' || sub === '-V') {
      ctx.stdout.write(`${CARGO_VERSION_LINE}\n`);
      return 0;
    }
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help') || rest.includes('-h')) {
      ctx.stdout.write(CARGO_HELP);
      return 0;
    }
    if (sub === 'build' || sub === 'b') return build(ctx, rest);
    ctx.stderr.write(dojoLine(`\`cargo ${sub}\` is not simulated in the Dojo; it knows \`cargo build [--release] --target wasm32-wasip1\`.`, ctx.stderr.isTTY));
    return 1;
  },
};
