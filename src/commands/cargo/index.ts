/**
 * `cargo build --target …` (cargo 1.95), SIMULATED: there is no compiler in the browser. The build
 * itself is the shared toolchain's (src/toolchain/cargo.ts, also what `spin build` runs): it places the
 * precompiled hello module where the real build would put the crate's .wasm, so the primer's next step
 * (`wasmtime target/wasm32-wasip1/release/<crate>.wasm`) runs a real module.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { clapParse, clapValue } from '../cli/clap';
import { type CommandSpec, toSubcommandSpecs } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { CARGO_VERSION_LINE } from '../../toolchain/rust';
import { cargoBuild, errorLabel, type CargoBuildArgs } from '../../toolchain/cargo';

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
  subcommands: toSubcommandSpecs({ name: 'cargo', about: '', subcommands: [CARGO_BUILD] }, clapValue),
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
    ctx.stderr.write(
      dojoLine(`\`cargo ${sub}\` is not simulated in the Dojo; it knows \`cargo build [--release] --target wasm32-wasip1\`.`, ctx.stderr.isTTY),
    );
    return 1;
  },
};
