/**
 * `cargo build --target …` (cargo 1.95), SIMULATED: there is no compiler in the browser. The build
 * itself is the shared toolchain's (src/toolchain/cargo.ts, also what `spin build` runs): it places the
 * precompiled hello module where the real build would put the crate's .wasm, so the primer's next step
 * (`wasmtime target/wasm32-wasip1/release/<crate>.wasm`) runs a real module.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { clapUsageError } from '../clap-error';
import { dojoLine } from '../dojo-line';
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

const BUILD_USAGE = 'cargo build [OPTIONS]';

function parseBuildArgs(args: string[]): CargoBuildArgs | { unexpected: string } | { missingValue: string } {
  const out: CargoBuildArgs = { release: false };
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
  const result = await cargoBuild({ fs: ctx.fs, home: ctx.shell.home, cwd: ctx.cwd, stderr: ctx.stderr }, parsed);
  return result.status;
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
