/**
 * `tinygo` (TinyGo 0.39.0), SIMULATED: there is no Go compiler in the browser. `version`, `targets`,
 * `help` and `build`'s checks follow TinyGo's main.go (tinygo-org/tinygo dev branch, read through the
 * code index: the flag set in main(), `usage`, the `build` case, `handleCompilerError`) and
 * compileopts/options.go (`Verify`); errors go to stderr and exit 1, flag errors are Go's flag
 * package's (exit 2). A build that gets past every check writes the shared stand-in build's module
 * (src/toolchain/stand-in-build.ts) at the `-o` path: the precompiled module when main.go is one of
 * the Go programs we committed (modules/go/), a module printing the same fixed text when main only
 * prints, and otherwise nothing, said plainly.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { type GoFlag, goflagParse, printDefaults } from '../cli/goflag';
import { dojoLine } from '../../lib/dojo-line';
import { childPath, dirname } from '../../fs/path';
import { STAND_INS, goFixedOutput, matchProgram, placeStandIn, precompiled, standInLine, type StandInChoice } from '../../toolchain/stand-in-build';
import { outputModule } from '../../toolchain/reply-module';

export const TINYGO_VERSION = '0.39.0';
/** What `tinygo version` prints in the tinygo/tinygo:0.39.0 image (a captured run). */
export const TINYGO_VERSION_LINE = `tinygo version ${TINYGO_VERSION} linux/amd64 (using go version go1.25.0 and LLVM version 19.1.2)`;
/** The .deb layout (TINYGOROOT); `LoadTarget` opens `<root>/targets/<name>.json`. */
const TINYGOROOT = '/usr/local/lib/tinygo';

/** Every flag main() declares (main.go), in declaration order; `-o`, `-wit-*` only for some commands. */
const COMMON_FLAGS: GoFlag[] = [
  { long: 'opt', type: 'string', default: 'z', help: 'optimization level: 0, 1, 2, s, z' },
  { long: 'gc', type: 'string', help: 'garbage collector to use (none, leaking, conservative, custom, precise, boehm)' },
  { long: 'panic', type: 'string', default: 'print', help: 'panic strategy (print, trap)' },
  { long: 'panic-unwind', type: 'string', help: 'panic unwind strategy (auto, explicit)' },
  { long: 'scheduler', type: 'string', help: 'which scheduler to use (none, tasks, cores, threads, asyncify)' },
  { long: 'serial', type: 'string', help: 'which serial output to use (none, uart, usb, rtt)' },
  { long: 'work', type: 'bool', help: 'print the name of the temporary build directory and do not delete this directory on exit' },
  { long: 'interp-timeout', type: 'duration', default: '3m0s', help: 'interp optimization pass timeout' },
  { long: 'interp-loop-limit', type: 'int', default: '1000000', help: 'maximum loop iterations during interp (0 to disable)' },
  { long: 'tags', type: 'string', help: 'a space-separated list of extra build tags' },
  { long: 'target', type: 'string', help: 'chip/board name or JSON target specification file' },
  { long: 'buildmode', type: 'string', help: 'build mode to use (default, c-shared, wasi-legacy)' },
  { long: 'buildvcs', type: 'string', default: 'auto', help: 'whether to stamp version control information (true, false, auto)' },
  { long: 'stack-size', type: 'string', help: 'goroutine stack size (if unknown at compile time)' },
  { long: 'size', type: 'string', help: 'print sizes (none, short, full, html)' },
  { long: 'print-stacks', type: 'bool', help: 'print stack sizes of goroutines' },
  { long: 'print-allocs', type: 'string', help: 'regular expression of functions for which heap allocations should be printed' },
  { long: 'print-allocs-cover', type: 'string', help: 'like -print-allocs, but in go coverage tool format' },
  { long: 'x', type: 'bool', help: 'Print commands' },
  { long: 'json', type: 'bool', help: 'print output in JSON format' },
  { long: 'p', type: 'int', default: '2', help: 'the number of build jobs that can run in parallel' },
  { long: 'no-debug', type: 'bool', help: 'strip debug information' },
  { long: 'nobounds', type: 'bool', help: 'do not emit bounds checks' },
  { long: 'ocd-commands', type: 'string', help: 'OpenOCD commands, overriding target spec (can specify multiple separated by commas)' },
  { long: 'ocd-output', type: 'bool', help: 'print OCD daemon output during debug' },
  { long: 'port', type: 'string', help: 'flash port (can specify multiple candidates separated by commas)' },
  { long: 'timeout', type: 'duration', default: '20s', help: 'the length of time to retry locating the MSD volume to be used for flashing' },
  { long: 'programmer', type: 'string', help: 'which hardware programmer to use' },
  { long: 'ldflags', type: 'string', help: 'Go link tool compatible ldflags' },
  { long: 'llvm-features', type: 'string', help: 'comma separated LLVM features to enable' },
  { long: 'cpuprofile', type: 'string', help: 'cpuprofile output' },
  { long: 'monitor', type: 'bool', help: 'enable serial monitor' },
  { long: 'baudrate', type: 'int', default: '115200', help: 'baudrate of serial monitor' },
  {
    long: 'go-compatibility',
    type: 'bool',
    default: 'true',
    help: 'enable to check for Go versions compatibility, you can also configure this by setting the TINYGO_GOCOMPATIBILITY environment variable',
  },
  { long: 'internal-printir', type: 'bool', help: 'print LLVM IR' },
  { long: 'internal-dumpssa', type: 'bool', help: 'dump internal Go SSA' },
  { long: 'internal-verifyir', type: 'bool', help: 'run extra verification steps on LLVM IR' },
  { long: 'internal-nodwarf', type: 'bool', help: 'internal flag, use -no-debug instead' },
];
const OUT_FLAG: GoFlag = { long: 'o', type: 'string', help: 'output filename' };
const WIT_FLAGS: GoFlag[] = [
  { long: 'wit-package', type: 'string', help: 'wit package for wasm component embedding' },
  { long: 'wit-world', type: 'string', help: 'wit world for wasm component embedding' },
];

function flagsFor(command: string): GoFlag[] {
  const flags = [...COMMON_FLAGS];
  if (command === 'help' || command === 'list')
    flags.push(
      { long: 'deps', type: 'bool', help: 'supply -deps flag to go list' },
      { long: 'test', type: 'bool', help: 'supply -test flag to go list' },
    );
  if (['help', 'build', 'test', 'flash'].includes(command)) flags.push(OUT_FLAG);
  if (['help', 'build', 'test', 'run'].includes(command)) flags.push(...WIT_FLAGS);
  return flags;
}

const USAGE_BUILD = `Build compiles the packages named by the import paths, along with their
dependencies, but it does not install the results. The output binary is
specified using the -o parameter. The generated file type depends on the
extension:

\t.o:
\t\t\tCreate a relocatable object file. You can use this option if you
\t\t\tdon't want to use the TinyGo build system or want to do other custom
\t\t\tthings.

\t.ll:
\t\t\tCreate textual LLVM IR, after optimization. This is mainly useful
\t\t\tfor debugging.

\t.bc:
\t\t\tCreate LLVM bitcode, after optimization. This may be useful for
\t\t\tdebugging or for linking into other programs using LTO.

\t.hex:
\t\t\tCreate an Intel HEX file to flash it to a microcontroller.

\t.bin:
\t\t\tSimilar, but create a binary file.

\t.wasm:
\t\t\tCompile and link a WebAssembly file.

(all other) Compile and link the program into a regular executable. For
microcontrollers, it is common to use the .elf file extension to indicate a
linked ELF file is generated. For Linux, it is common to build binaries with no
extension at all.
`;

const COMMAND_HELP: Record<string, string> = {
  build: USAGE_BUILD,
  version: 'Print the version of the command and the version of the used $GOROOT.\n',
  help: 'Print a short summary of the available commands, plus a list of command flags.\n',
  clean: 'Clean the cache directory, normally stored in $HOME/.cache/tinygo. This is not\nnormally needed.\n',
};

/** main.go `usage(command)`: a command's own text, else the summary (with the flags once they are parsed). */
function usage(command: string, home: string, flags?: GoFlag[]): string {
  const own = COMMAND_HELP[command];
  if (own) return own;
  const summary =
    `TinyGo is a Go compiler for small places.\nversion: ${TINYGO_VERSION}\nusage: tinygo <command> [arguments]\ncommands:\n` +
    `\t\tbuild:\t\tcompile packages and dependencies\n\t\trun:\t\tcompile and run immediately\n\t\ttest:\t\ttest packages\n` +
    `\t\tflash:\t\tcompile and flash to the device\n\t\tgdb:\t\trun/flash and immediately enter GDB\n\t\tlldb:\t\trun/flash and immediately enter LLDB\n` +
    `\t\tmonitor:\topen communication port\n\t\tports:\t\tlist available serial ports\n\t\tenv:\t\tlist environment variables used during build\n` +
    `\t\tlist:\t\trun go list using the TinyGo root\n\t\tclean:\t\tempty cache directory (${home}/.cache/tinygo)\n\t\ttargets:\tlist targets\n` +
    `\t\tinfo:\t\tshow info for specified target\n\t\tversion:\tshow version\n\t\thelp:\t\tprint this help text`;
  const flagText = flags ? `\nflags:\n${printDefaults(flags)}` : '';
  return `${summary}${flagText}\nfor more details, see https://tinygo.org/docs/reference/usage/\n`;
}

/** The WebAssembly targets (targets/*.json) and what the Dojo does with each. */
const WASM_TARGETS: Record<string, string> = {
  wasi: 'an alias: targets/wasi.json is {"inherits": ["wasip1"]}',
  wasip1: 'a core module (GOOS=wasip1 GOARCH=wasm) for WASI preview 1',
  wasip2: 'a component for the wasi:cli/command world',
  wasm: 'a browser module (GOOS=js) that needs wasm_exec.js',
  'wasm-unknown': 'a module with no WASI imports',
};
/**
 * `tinygo targets` prints every target file with a way to flash or emulate it, sorted; the Dojo's list
 * is the WebAssembly ones and a sample of the boards (real TinyGo lists over two hundred).
 */
const BOARD_TARGETS = [
  'arduino',
  'arduino-nano',
  'arduino-nano33',
  'arduino-uno-r4-wifi',
  'badger2040',
  'bluepill',
  'circuitplay-bluefruit',
  'circuitplay-express',
  'esp32-coreboard-v2',
  'esp32c3-supermini',
  'feather-rp2040',
  'itsybitsy-m4',
  'microbit',
  'microbit-v2',
  'nano-rp2040',
  'pico',
  'pico-w',
  'pico2',
  'pybadge',
  'pyportal',
  'wioterminal',
  'xiao',
  'xiao-rp2040',
];

const VALID: Record<string, { list: string[]; name: string }> = {
  gc: { name: 'gc', list: ['none', 'leaking', 'conservative', 'custom', 'precise', 'boehm'] },
  scheduler: { name: 'scheduler', list: ['none', 'tasks', 'cores', 'threads', 'asyncify'] },
  serial: { name: 'serial', list: ['none', 'uart', 'usb', 'rtt'] },
  size: { name: 'size', list: ['none', 'short', 'full', 'html'] },
  panic: { name: 'panic', list: ['print', 'trap'] },
};
/** compileopts/options.go validOptOptions. */
const VALID_OPT = ['none', '0', '1', '2', 's', 'z'];

function hasGoMod(ctx: CommandContext, dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (ctx.fs.stat(childPath(d, 'go.mod'))?.kind === 'file') return true;
    if (d === '/') return false;
  }
}

function fail(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\n`);
  return 1;
}

interface GoSources {
  /** The import path the diagnostics name (`command-line-arguments` for files). */
  importPath: string;
  files: Array<{ path: string; text: string }>;
  /** Base name of the default output (file name without .go, or the directory's name). */
  baseName: string;
}

/**
 * What `go list -json -deps -e <pkg>` would load (TinyGo's loader runs it): a `.go` file, or a
 * directory's Go files. Error texts: Go 1.19's `go list` run by hand for a missing file inside and
 * outside a module (the same words seen in public `go build` transcripts); "no Go files in <dir>" is
 * go/build's NoGoError.
 */
function loadPackage(ctx: CommandContext, pkg: string): GoSources | string {
  const fs = ctx.fs;
  const inModule = hasGoMod(ctx, ctx.cwd);
  if (pkg.endsWith('.go')) {
    const path = ctx.shell.resolvePath(pkg);
    if (fs.stat(path)?.kind !== 'file') {
      // A .go argument that does not exist is taken as an import path by `go list`.
      if (/^\.{0,2}\//.test(pkg) && inModule)
        return `stat ${dirname(path) === '/' ? '' : dirname(path)}/${pkg.split('/').pop()}: directory not found`;
      if (inModule) return `no required module provides package ${pkg}; to add it:\n\tgo get ${pkg}`;
      return `no required module provides package ${pkg}: go.mod file not found in current directory or any parent directory; see 'go help modules'`;
    }
    return { importPath: 'command-line-arguments', files: [{ path, text: fs.readText(path) }], baseName: pkg.split('/').pop()!.slice(0, -3) };
  }
  const dir = ctx.shell.resolvePath(pkg);
  if (fs.stat(dir)?.kind !== 'dir') {
    return inModule
      ? `no required module provides package ${pkg}; to add it:\n\tgo get ${pkg}`
      : `cannot find package "${pkg}" in any of:\n\t/usr/local/go/src/${pkg} (from $GOROOT)`;
  }
  if (!hasGoMod(ctx, dir)) return "go: go.mod file not found in current directory or any parent directory; see 'go help modules'";
  const names = fs
    .readdir(dir)
    .filter((n) => n.endsWith('.go') && !n.endsWith('_test.go') && fs.stat(childPath(dir, n))?.kind === 'file')
    .sort();
  if (names.length === 0) return `no Go files in ${dir}`;
  return {
    importPath: '.',
    files: names.map((n) => ({ path: childPath(dir, n), text: fs.readText(childPath(dir, n)) })),
    baseName: dir.split('/').pop() || 'main',
  };
}

/** The `package` clause of a Go file, if it has one. */
function packageName(text: string): string | undefined {
  return /^\s*package\s+([A-Za-z_]\w*)/m.exec(text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''))?.[1];
}

async function build(ctx: CommandContext, args: string[]): Promise<number> {
  const flags = flagsFor('build');
  const parsed = goflagParse('tinygo', flags, args);
  if (!parsed.ok) {
    ctx.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const p = parsed.parsed;
  // options.Verify(): the first invalid option, then usage("build"), exit 1.
  for (const [key, v] of Object.entries(VALID)) {
    const value = p.value(key) ?? '';
    if (value !== '' && !v.list.includes(value)) {
      ctx.stderr.write(`invalid ${v.name} option '${value}': valid values are ${v.list.join(', ')}\n${usage('build', ctx.shell.home)}`);
      return 1;
    }
  }
  const opt = p.value('opt') ?? 'z';
  if (!VALID_OPT.includes(opt)) {
    ctx.stderr.write(`invalid -opt=${opt}: valid values are ${VALID_OPT.join(', ')}\n${usage('build', ctx.shell.home)}`);
    return 1;
  }
  if (p.positionals.length > 1) {
    ctx.stderr.write(`build only accepts a single positional argument: package name, but multiple were specified\n${usage('build', ctx.shell.home)}`);
    return 1;
  }
  const pkg = p.positionals[0] ?? '.';
  const out = p.value('o') ?? '';
  let target = p.value('target') ?? '';
  const goarch = ctx.env.get('GOARCH');
  const goos = ctx.env.get('GOOS');
  if (out.endsWith('.wasm') && goarch !== 'wasm' && target === '') {
    // Newer than the reference's 0.33 (which silently picked -target=wasm): main.go's `build` case today.
    return fail(ctx, 'you appear to want to build a wasm file, but have not specified either a target flag, or the GOARCH/GOOS to use.');
  }
  if (target === '' && goarch === 'wasm') target = goos === 'wasip1' ? 'wasip1' : goos === 'wasip2' ? 'wasip2' : 'wasm';
  // builder.NewConfig -> LoadTarget: an unknown name is an os.Open error, printed bare by handleCompilerError.
  const name = target.toLowerCase();
  if (target.endsWith('.json')) {
    const path = ctx.shell.resolvePath(target);
    if (!ctx.fs.exists(path)) return fail(ctx, `open ${target}: no such file or directory`);
    ctx.stderr.write(dojoLine('custom target specification files are not simulated; use -target=wasip1, wasip2 or wasi.', ctx.stderr.isTTY));
    return 1;
  }
  if (target !== '' && !(name in WASM_TARGETS) && !BOARD_TARGETS.includes(name)) {
    return fail(ctx, `open ${TINYGOROOT}/targets/${name}.json: no such file or directory`);
  }
  const sources = loadPackage(ctx, pkg);
  if (typeof sources === 'string') return fail(ctx, sources);
  const names = new Set(sources.files.map((f) => packageName(f.text)));
  if (names.has(undefined)) {
    const bad = sources.files.find((f) => packageName(f.text) === undefined)!;
    return fail(ctx, `# ${sources.importPath}\n${displayPath(ctx, bad.path)}:1:1: expected 'package', found 'EOF'`);
  }
  if (!names.has('main') || names.size > 1) {
    // TinyGo's loader requires the main package to be `main` (loader/loader.go); the words are cmd/go's for the same case.
    return fail(ctx, `package ${sources.importPath} is not a main package`);
  }
  if (target === '' || BOARD_TARGETS.includes(name) || name === 'wasm' || name === 'wasm-unknown') {
    const what =
      target === '' ? 'a native linux/amd64 program' : name in WASM_TARGETS ? `-target=${name} (${WASM_TARGETS[name]})` : `the ${name} board`;
    ctx.stderr.write(
      dojoLine(
        `the Dojo simulates TinyGo builds for WASI only (-target=wasip1, wasip2 or wasi), not ${what}; nothing was written.`,
        ctx.stderr.isTTY,
      ),
    );
    return 1;
  }
  // Default output: the file's (or directory's) base name + the target's extension (Build in main.go).
  let outPath = out === '' ? `${sources.baseName}.wasm` : out;
  const resolved = ctx.shell.resolvePath(outPath);
  let outFile = resolved;
  if (ctx.fs.stat(resolved)?.kind === 'dir') {
    outFile = childPath(resolved, `${sources.baseName}.wasm`);
    outPath = `${outPath.replace(/\/$/, '')}/${sources.baseName}.wasm`;
  }
  if (ctx.fs.stat(dirname(outFile))?.kind !== 'dir') return fail(ctx, `open ${outPath}: no such file or directory`);

  const only = sources.files.length === 1 ? sources.files[0]!.text : undefined;
  const program = only !== undefined ? matchProgram(STAND_INS.go, only) : undefined;
  const printed = only !== undefined && !program ? goFixedOutput(only) : null;
  const file = displayPath(ctx, sources.files[0]!.path);
  let choice: StandInChoice;
  let what: string;
  if (program) {
    choice = { module: program.module };
    what = `${precompiled(program.module)} (your ${file} is ${program.sourcePath})`;
  } else if (printed !== null) {
    choice = { bytes: outputModule(printed) };
    what = `a module that prints the fixed text your main prints (${JSON.stringify(printed)}); only that text comes from your code`;
  } else {
    const known = STAND_INS.go.map((g) => `${g.module} (${g.sourcePath})`).join(', ');
    ctx.stderr.write(
      dojoLine(
        `simulated build: ${sources.files.length === 1 ? file : 'this package'} is none of the Go programs the Dojo has precompiled (${known}) and its main does more than print fixed text, so there is no honest stand-in; nothing was written.`,
        ctx.stderr.isTTY,
      ),
    );
    return 1;
  }
  if (!(await placeStandIn(ctx.fs, ctx.shell.home, outFile, choice))) {
    ctx.stderr.write(
      dojoLine(`the stand-in module ~/modules/${choice.module}.wasm is missing (run \`dojo reset\` to restore it).`, ctx.stderr.isTTY),
    );
    return 1;
  }
  const note =
    name === 'wasi'
      ? '; -target=wasi is an alias of wasip1 today'
      : name === 'wasip2'
        ? '; a core wasip1 module, not the component -target=wasip2 makes'
        : '';
  // A successful TinyGo build prints nothing; the Dojo's one line says what was placed.
  ctx.stderr.write(standInLine([{ path: outPath, what: `${what}${note}` }], ctx.stderr.isTTY));
  return 0;
}

function displayPath(ctx: CommandContext, path: string): string {
  return path.startsWith(`${ctx.cwd}/`) ? path.slice(ctx.cwd.length + 1) : path;
}

export const tinygoCommand: CommandDefinition = {
  name: 'tinygo',
  summary: 'TinyGo, a Go compiler for small places: tinygo build -target=wasip1 (simulated: no compiler)',
  usage: 'tinygo <command> [arguments]',
  subcommands: [
    { name: 'build', summary: 'compile packages and dependencies' },
    { name: 'targets', summary: 'list targets' },
    { name: 'version', summary: 'show version' },
    { name: 'help', summary: 'print this help text' },
  ],
  complete(args, partial) {
    const pick = (words: readonly string[]) => words.filter((w) => w.startsWith(partial));
    if (args.length === 0) return pick(['build', 'targets', 'version', 'help']);
    if (partial.startsWith('-target=')) return pick(Object.keys(WASM_TARGETS).map((t) => `-target=${t}`));
    return [];
  },
  async run(ctx) {
    const argv = ctx.argv.slice(1);
    const home = ctx.shell.home;
    if (argv.length === 0) {
      ctx.stderr.write(`No command-line arguments supplied.\n${usage('', home)}`);
      return 1;
    }
    const [command, ...rest] = argv as [string, ...string[]];
    if (command === 'build') return build(ctx, rest);
    const flags = flagsFor(command);
    const parsed = goflagParse('tinygo', flags, rest);
    if (!parsed.ok) {
      ctx.stderr.write(parsed.stderr);
      return parsed.status;
    }
    switch (command) {
      case 'version':
        ctx.stdout.write(`${TINYGO_VERSION_LINE}\n`);
        return 0;
      case 'targets':
        ctx.stdout.write(
          [...Object.keys(WASM_TARGETS), ...BOARD_TARGETS]
            .sort()
            .map((t) => `${t}\n`)
            .join(''),
        );
        ctx.stderr.write(
          dojoLine('the Dojo lists the WebAssembly targets and a sample of the boards; real TinyGo lists every board it supports.', ctx.stderr.isTTY),
        );
        return 0;
      case 'help':
        ctx.stderr.write(usage(parsed.parsed.positionals[0] ?? '', home, flags));
        return 0;
      case 'run':
      case 'test':
      case 'flash':
      case 'gdb':
      case 'lldb':
      case 'monitor':
      case 'ports':
      case 'env':
      case 'list':
      case 'clean':
      case 'info':
        ctx.stderr.write(
          dojoLine(`\`tinygo ${command}\` is not simulated; the Dojo knows tinygo build, targets, version and help.`, ctx.stderr.isTTY),
        );
        return 1;
      default:
        ctx.stderr.write(`Unknown command: ${command}\n${usage('', home, flags)}`);
        return 1;
    }
  },
};
