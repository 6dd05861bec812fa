/**
 * `cargo` (cargo 1.95): `new`, `init`, `build`, `run`, `--version`, and `cargo generate` (the
 * cargo-generate subcommand, for `cargo generate cloudflare/workers-rs`). Builds are SIMULATED: there
 * is no compiler in the browser. The build itself is the shared toolchain's (src/toolchain/cargo.ts,
 * also what `spin build` runs): it places a stand-in module where the real build would put the
 * crate's output, so the primer's next step (`wasmtime target/wasm32-wasip1/release/<crate>.wasm`)
 * runs a real module.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { clapParse, clapUsageError, clapValue } from '../cli/clap';
import { type CommandSpec, toSubcommandSpecs } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { CARGO_VERSION_LINE } from '../../toolchain/rust';
import { cargoBuild, errorLabel, type CargoBuildArgs } from '../../toolchain/cargo';
import { scaffoldCrate } from '../../toolchain/cargo-new';
import { paint, style } from '../../lib/ansi';
import { cargoGenerate } from './generate';

export const CARGO_HELP = `Rust's package manager

Usage: cargo [+toolchain] [OPTIONS] [COMMAND]

Commands:
    build, b    Compile the current package
    new         Create a new cargo package
    init        Create a new cargo package in an existing directory
    run, r      Run a binary or example of the local package
    generate    Generate a new project from a template (cargo-generate)

Options:
  -V, --version  Print version info and exit
  -h, --help     Print help

Build options (cargo build):
  -r, --release          Build artifacts in release mode, with optimizations
      --target <TRIPLE>  Build for the target triple

dojo: cargo is simulated in the Dojo (there is no compiler in the browser). \`cargo build --target wasm32-wasip1\`
checks Cargo.toml and the installed targets like the real one, then writes a stand-in module to
target/wasm32-wasip1/<profile>/<crate>.wasm (the precompiled hello module for cargo new's hello world): it
does not compile your source. \`cargo run\` runs the same stand-in in place of the native program.
`;

/** `cargo build`'s arguments the Dojo reads (cargo's src/bin/cargo/commands/build.rs), declared once. */
const CARGO_BUILD: CommandSpec = {
  name: 'build',
  aliases: ['b'],
  about: 'Compile the current package',
  usage: 'cargo build [OPTIONS]',
  flags: [
    { short: 'r', long: 'release', help: 'Build artifacts in release mode, with optimizations' },
    { long: 'target', value: 'TRIPLE', repeatable: true, help: 'Build for the target triple' },
    { short: 'q', long: 'quiet', help: 'Do not print cargo log messages' },
    { short: 'v', long: 'verbose', repeatable: true, help: 'Use verbose output (-vv very verbose/build.rs output)' },
  ],
};

/** `cargo new` / `cargo init` (src/bin/cargo/commands/new.rs, init.rs). */
const NEW_FLAGS = [
  { long: 'bin', help: 'Use a binary (application) template [default]' },
  { long: 'lib', help: 'Use a library template' },
  { long: 'name', value: 'NAME', help: 'Set the resulting package name, defaults to the directory name' },
  { long: 'edition', value: 'YEAR', help: 'Edition to set for the crate generated' },
  { long: 'vcs', value: 'VCS', help: 'Initialize a new repository for the given version control system' },
  { short: 'q', long: 'quiet', help: 'Do not print cargo log messages' },
];
const CARGO_NEW: CommandSpec = {
  name: 'new',
  about: 'Create a new cargo package at <path>',
  usage: 'cargo new [OPTIONS] <PATH>',
  positionals: [{ name: '<PATH>', required: true }],
  flags: NEW_FLAGS,
};
const CARGO_INIT: CommandSpec = {
  name: 'init',
  about: 'Create a new cargo package in an existing directory',
  usage: 'cargo init [OPTIONS] [PATH]',
  positionals: [{ name: '[PATH]' }],
  flags: NEW_FLAGS,
};
const CARGO_RUN: CommandSpec = {
  name: 'run',
  aliases: ['r'],
  about: 'Run a binary or example of the local package',
  usage: 'cargo run [OPTIONS] [ARGS]...',
  trailingAfterFirstPositional: true,
  positionals: [{ name: '[ARGS]...', variadic: true }],
  flags: CARGO_BUILD.flags,
};

function cargoStatus(ctx: CommandContext, word: string, rest: string): void {
  ctx.stderr.write(`${paint(style('bold', 'green'), word.padStart(12), ctx.stderr.isTTY)} ${rest}\n`);
}

function newOrInit(ctx: CommandContext, argv: string[], init: boolean): number {
  const spec = init ? CARGO_INIT : CARGO_NEW;
  const parsed = clapParse(ctx, { spec, bin: `cargo ${spec.name}`, help: () => CARGO_HELP, usageStatus: 1 }, argv);
  if (typeof parsed === 'number') return parsed;
  if (parsed.has('bin') && parsed.has('lib')) {
    ctx.stderr.write(`${errorLabel(ctx.stderr)} can't specify both lib and binary outputs\n`);
    return 101;
  }
  if (!init && parsed.positionals.length === 0) {
    // clap's missing-argument error with its smart usage (only the missing argument), exit 1.
    ctx.stderr.write(clapUsageError('the following required arguments were not provided:\n  <PATH>', 'cargo new <PATH>', ctx.stderr.isTTY));
    return 1;
  }
  const pathArg = parsed.positionals[0] ?? '.';
  const dir = ctx.shell.resolvePath(pathArg);
  const name = parsed.value('name') ?? (dir.split('/').pop() || 'root');
  const outcome = scaffoldCrate(ctx.fs, dir, name, { lib: parsed.has('lib'), init });
  if (!outcome.ok) {
    ctx.stderr.write(`${errorLabel(ctx.stderr)} ${outcome.error}${outcome.help ? `\n\n${outcome.help}` : ''}\n`);
    return 101;
  }
  if (parsed.has('quiet')) return 0;
  cargoStatus(ctx, 'Creating', outcome.status);
  const note = paint(style('bold', 'green'), 'note', ctx.stderr.isTTY);
  ctx.stderr.write(`${note}: see more \`Cargo.toml\` keys and their definitions at https://doc.rust-lang.org/cargo/reference/manifest.html\n`);
  return 0;
}

async function run(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = clapParse(ctx, { spec: CARGO_RUN, bin: 'cargo run', help: () => CARGO_HELP, usageStatus: 1 }, argv);
  if (typeof parsed === 'number') return parsed;
  const target = parsed.value('target');
  const args: CargoBuildArgs = { release: parsed.has('release'), target };
  const env = { fs: ctx.fs, home: ctx.shell.home, cwd: ctx.cwd, stderr: ctx.stderr };
  const built = await cargoBuild(env, args, { allowHost: true });
  if (built.status !== 0 || !built.artifact) return built.status;
  const root = built.artifact.slice(0, built.artifact.indexOf('/target/'));
  const shown = built.artifact.slice(root.length + 1);
  const runner = target ? ctx.env.get(`CARGO_TARGET_${target.toUpperCase().replace(/-/g, '_')}_RUNNER`) : undefined;
  if (target && target !== 'x86_64-unknown-linux-gnu' && !runner) {
    // No runner for a Wasm target: cargo tries to exec the .wasm, and the kernel refuses it (ENOEXEC).
    ctx.stderr.write(`${paint(style('bold', 'green'), 'Running'.padStart(12), ctx.stderr.isTTY)} \`${shown}\`\n`);
    ctx.stderr.write(
      `${errorLabel(ctx.stderr)} could not execute process \`${shown}\` (never executed)\n\nCaused by:\n  Exec format error (os error 8)\n`,
    );
    ctx.stderr.write(
      dojoLine(
        `a .wasm is not a native program: run it with \`wasmtime ${shown}\`, or set CARGO_TARGET_${target.toUpperCase().replace(/-/g, '_')}_RUNNER=wasmtime.`,
        ctx.stderr.isTTY,
      ),
    );
    return 101;
  }
  cargoStatus(ctx, 'Running', `\`${runner ? `${runner} ` : ''}${shown}${parsed.rest.length ? ` ${parsed.rest.join(' ')}` : ''}\``);
  const engine = ctx.services.engine;
  if (!engine) {
    ctx.stderr.write(dojoLine('no Wasm engine is available in this session.', ctx.stderr.isTTY));
    return 1;
  }
  const result = await engine.run(
    {
      wasm: ctx.fs.readFile(built.artifact),
      args: [shown, ...parsed.rest],
      env: [],
      preopens: [],
      image: { dirs: [], files: [] },
      stdin: await ctx.stdin.readAll(),
    },
    { onStdout: (b) => ctx.stdout.write(b), onStderr: (b) => ctx.stderr.write(b) },
    ctx.signal,
  );
  ctx.services.recordRun?.(ctx.argv.join(' '), result);
  const o = result.outcome;
  if (o.kind === 'exit') {
    if (o.code !== 0) ctx.stderr.write(`${errorLabel(ctx.stderr)} process didn't exit successfully: \`${shown}\` (exit status: ${o.code})\n`);
    return o.code;
  }
  if (o.kind === 'killed') return 130;
  ctx.stderr.write(
    `${errorLabel(ctx.stderr)} process didn't exit successfully: \`${shown}\` (${o.kind === 'trap' ? 'signal: 4, SIGILL: illegal instruction' : o.message})\n`,
  );
  return 101;
}

async function build(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = clapParse(
    ctx,
    {
      spec: CARGO_BUILD,
      bin: 'cargo build',
      help: () => CARGO_HELP,
      usageStatus: 1,
      // `--target` takes 0 or 1 values in cargo: without one, cargo (not clap) answers, with status 101.
      onError: (error) => {
        if (error.kind !== 'missing-value' || error.flag.long !== 'target') return undefined;
        ctx.stderr.write(
          `${errorLabel(ctx.stderr)} "--target" takes a target architecture as an argument.\n\nRun \`rustup target list\` to see possible targets.\n`,
        );
        return 101;
      },
    },
    argv,
  );
  if (typeof parsed === 'number') return parsed;
  const args: CargoBuildArgs = { release: parsed.has('release'), target: parsed.value('target') };
  const result = await cargoBuild({ fs: ctx.fs, home: ctx.shell.home, cwd: ctx.cwd, stderr: ctx.stderr }, args);
  return result.status;
}

export const cargoCommand: CommandDefinition = {
  name: 'cargo',
  summary: "Rust's package manager: cargo build --target wasm32-wasip1 (simulated: no compiler)",
  usage: 'cargo [OPTIONS] [COMMAND]',
  subcommands: toSubcommandSpecs({ name: 'cargo', about: '', subcommands: [CARGO_BUILD, CARGO_NEW, CARGO_INIT, CARGO_RUN] }, clapValue),
  complete(args, partial) {
    if (args.length === 0) return ['build', 'generate', 'init', 'new', 'run'].filter((w) => w.startsWith(partial));
    if (args.at(-1) === '--target') return ['wasm32-wasip1', 'wasm32-wasip2'].filter((w) => w.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.argv.slice(1);
    if (sub === '--version' || sub === '-V') {
      ctx.stdout.write(`${CARGO_VERSION_LINE}\n`);
      return 0;
    }
    if (
      sub === undefined ||
      sub === '--help' ||
      sub === '-h' ||
      sub === 'help' ||
      (sub !== 'generate' && (rest.includes('--help') || rest.includes('-h')))
    ) {
      ctx.stdout.write(CARGO_HELP);
      return 0;
    }
    if (sub === 'build' || sub === 'b') return build(ctx, rest);
    if (sub === 'new') return newOrInit(ctx, rest, false);
    if (sub === 'init') return newOrInit(ctx, rest, true);
    if (sub === 'run' || sub === 'r') return run(ctx, rest);
    if (sub === 'generate') return cargoGenerate(ctx, rest);
    ctx.stderr.write(dojoLine(`\`cargo ${sub}\` is not simulated in the Dojo; it knows cargo new, init, build, run and generate.`, ctx.stderr.isTTY));
    return 1;
  },
};
