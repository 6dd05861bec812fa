/**
 * `rustup` (1.29), just the part the primer's "Compile to Wasm from Rust" needs: `target add`, `target list`
 * and `--version`. SIMULATED: nothing is downloaded; an added target is recorded where rustup keeps it, and
 * `cargo build --target` then finds it. The primer's `rustup target add wasm32-wasi` fails exactly as
 * today's rustup fails (wasm32-wasi was removed in Rust 1.84), followed by one dim `dojo:` line with today's name.
 */
import type { CommandContext, CommandDefinition, OutputSink } from '../../shell/types';
import { clapHelp, clapParse, clapUsageError, clapValue } from '../cli/clap';
import { type CommandSpec, type FlagDecl, toSubcommandSpecs } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { paint, SGR, style } from '../../lib/ansi';
import {
  HOST_TRIPLE,
  RUSTC_VERSION,
  RUSTC_VERSION_LINE,
  RUSTUP_TARGETS,
  RUSTUP_VERSION_LINE,
  TOOLCHAIN,
  installedTargets,
  isTargetInstalled,
  markInstalled,
} from '../../toolchain/rust';
import { suggestTarget } from './toolchain';

/** rustup labels its log lines `error:` (bold red) and `info:` (bold); colour only on a terminal. */
function label(sink: OutputSink, word: 'error' | 'info'): string {
  return paint(word === 'error' ? style('bold', 'red') : SGR.bold, `${word}:`, sink.isTTY);
}

export const RUSTUP_HELP = `${RUSTUP_VERSION_LINE}

The Rust toolchain installer

Usage: rustup[EXE] [OPTIONS] [+toolchain] [COMMAND]

Commands:
  target  Modify a toolchain's supported targets
  help    Print this message or the help of the given subcommand(s)

Options:
  -h, --help     Print help
  -V, --version  Print version

dojo: rustup is simulated in the Dojo (nothing is downloaded; there is one toolchain, ${TOOLCHAIN}, rustc ${RUSTC_VERSION}).
It knows \`rustup target add|list\`; \`target list\` shows the host and the Wasm targets only.
`;

const TARGET_HELP = `Modify a toolchain's supported targets

Usage: rustup[EXE] target <COMMAND>

Commands:
  list    List installed and available targets
  add     Add a target to a Rust toolchain
  remove  Remove a target from a Rust toolchain
  help    Print this message or the help of the given subcommand(s)

Options:
  -h, --help  Print help
`;

/** Today's rustup refusal of a target it does not ship (texts from rustup 1.29.0's errors.rs and a real run). */
function unsupportedTarget(ctx: CommandContext, target: string): number {
  const err = ctx.stderr;
  const close = suggestTarget(target);
  const suggestion = close ? `; did you mean '${close}'?` : '';
  err.write(`${label(err, 'error')} toolchain '${TOOLCHAIN}' does not support target '${target}'${suggestion}\n`);
  err.write(`note: you can see a list of supported targets with \`rustc --print=target-list\`\n`);
  err.write(`note: if you are adding support for a new target to rustc itself, see https://rustc-dev-guide.rust-lang.org/building/new-target.html\n`);
  if (target === 'wasm32-wasi')
    err.write(
      dojoLine(
        'wasm32-wasi was renamed wasm32-wasip1 in Rust 1.78 and removed in 1.84: rustup target add wasm32-wasip1 (or wasm32-wasip2 for a component).',
        err.isTTY,
      ),
    );
  return 1;
}

const TOOLCHAIN_FLAG: FlagDecl = {
  long: 'toolchain',
  value: 'TOOLCHAIN',
  help: "Toolchain name, such as 'stable', 'nightly', or '1.8.0'. For more information see `rustup help toolchain`",
};

/** rustup 1.29's `target add` and `target list` (src/cli/rustup_mode.rs), declared once. */
const TARGET_ADD: CommandSpec = {
  name: 'add',
  aliases: ['install'],
  about: 'Add a target to a Rust toolchain',
  positionals: [{ name: '<TARGET>', required: true, variadic: true, help: 'List of targets to install; "all" installs all available targets' }],
  flags: [TOOLCHAIN_FLAG],
};
const TARGET_LIST: CommandSpec = {
  name: 'list',
  about: 'List installed and available targets',
  flags: [
    TOOLCHAIN_FLAG,
    { long: 'installed', help: 'List only installed targets' },
    { short: 'q', long: 'quiet', help: 'Force the output to be a single column' },
  ],
};

/** A rustup subcommand through the clap dialect: help from the declaration, usage errors exit 1. */
function rustupParse(ctx: CommandContext, spec: CommandSpec, argv: string[]) {
  const cmd = { spec, bin: `rustup[EXE] target ${spec.name}`, usageStatus: 1, help: () => clapHelp(cmd) };
  return clapParse(ctx, cmd, argv);
}

function targetAdd(ctx: CommandContext, argv: string[]): number {
  const parsed = rustupParse(ctx, TARGET_ADD, argv);
  if (typeof parsed === 'number') return parsed;
  const targets = [...parsed.positionals, ...parsed.rest];
  if (targets.length === 0) {
    ctx.stderr.write(
      clapUsageError('the following required arguments were not provided:\n  <TARGET>...', 'rustup[EXE] target add <TARGET>...', ctx.stderr.isTTY),
    );
    return 1;
  }
  // rustup checks every name before it downloads anything.
  const unknown = targets.find((t) => !RUSTUP_TARGETS.includes(t));
  if (unknown !== undefined) return unsupportedTarget(ctx, unknown);
  const home = ctx.shell.home;
  for (const target of targets) {
    const info = label(ctx.stderr, 'info');
    // rustup 1.29 logs one line per download; the progress bars it draws on a terminal are left out.
    if (isTargetInstalled(ctx.fs, home, target)) {
      const forTarget = target === HOST_TRIPLE ? '' : ` for target ${target}`;
      ctx.stderr.write(`${info} component rust-std${forTarget} is up to date\n`);
      continue;
    }
    ctx.stderr.write(`${info} downloading component rust-std\n`);
    markInstalled(ctx.fs, home, target);
  }
  return 0;
}

function targetList(ctx: CommandContext, argv: string[]): number {
  const parsed = rustupParse(ctx, TARGET_LIST, argv);
  if (typeof parsed === 'number') return parsed;
  const installed = installedTargets(ctx.fs, ctx.shell.home);
  if (parsed.has('installed')) {
    ctx.stdout.write(installed.map((t) => `${t}\n`).join(''));
    return 0;
  }
  const bold = (s: string) => paint(SGR.bold, s, ctx.stdout.isTTY);
  ctx.stdout.write(
    [...RUSTUP_TARGETS]
      .sort()
      .map((t) => (installed.includes(t) ? `${bold(`${t} (installed)`)}\n` : `${t}\n`))
      .join(''),
  );
  return 0;
}

function notSimulated(ctx: CommandContext, what: string): number {
  ctx.stderr.write(
    dojoLine(
      `\`rustup ${what}\` is not simulated in the Dojo; it knows \`rustup target add TARGET\`, \`rustup target list [--installed]\` and \`rustup --version\`.`,
      ctx.stderr.isTTY,
    ),
  );
  return 1;
}

export const rustupCommand: CommandDefinition = {
  name: 'rustup',
  summary: 'The Rust toolchain installer: add Wasm targets (simulated: nothing is downloaded)',
  usage: 'rustup [OPTIONS] [+toolchain] [COMMAND]',
  subcommands: [
    {
      name: 'target',
      summary: "Modify a toolchain's supported targets",
      subcommands: toSubcommandSpecs({ name: 'target', about: '', subcommands: [TARGET_ADD, TARGET_LIST] }, clapValue),
    },
  ],
  complete(args, partial) {
    const pick = (words: readonly string[]) => words.filter((w) => w.startsWith(partial));
    if (args.length === 0) return pick(['target', 'help']);
    if (args.length === 1 && args[0] === 'target') return pick(['add', 'list']);
    if (args[0] === 'target' && args[1] === 'add') return pick(RUSTUP_TARGETS.filter((t) => t !== HOST_TRIPLE));
    return [];
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.argv.slice(1);
    if (sub === '--version' || sub === '-V') {
      ctx.stdout.write(`${RUSTUP_VERSION_LINE}\n`);
      const info = label(ctx.stderr, 'info');
      ctx.stderr.write(`${info} This is the version for the rustup toolchain manager, not the rustc compiler.\n`);
      ctx.stderr.write(`${info} the currently active \`rustc\` version is \`${RUSTC_VERSION_LINE}\`\n`);
      return 0;
    }
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      ctx.stdout.write(RUSTUP_HELP);
      return 0;
    }
    if (sub !== 'target') return notSimulated(ctx, sub);
    const [action, ...targets] = rest;
    if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
      ctx.stdout.write(TARGET_HELP);
      return 0;
    }
    if (action === 'add' || action === 'install') return targetAdd(ctx, targets);
    if (action === 'list') return targetList(ctx, targets);
    return notSimulated(ctx, `target ${action}`);
  },
};
