/**
 * `spin build` (crates/build v3.0.0). The Dojo has no cargo, tinygo or npm, so the build
 * is SIMULATED: each build command is checked the way the tool would fail first (no Cargo.toml, no
 * main.go...), Spin's lines are printed, and the component's `source` is filled with the precompiled
 * module that stands in for the compiled code. The module that then runs under `spin up` is real.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { renderTomlError, validateManifestText } from '../../spin/manifest';
import type { CommandContext } from '../../shell/types';
import { dirname, resolveFrom } from '../../fs/path';
import { formatWarning, step, writeError } from './output';
import { cargoBuild, type CargoBuildArgs } from '../../toolchain/cargo';
import { scanSources, standInModuleName } from '../../toolchain/stand-in';
import { replyModule, sourceReply } from '../../toolchain/reply-module';
import { STAND_INS, placeStandIn, standInLine, type Placement } from '../../toolchain/stand-in-build';

export interface BuildableComponent {
  id: string;
  source?: string;
  commands: string[];
  workdir?: string;
  /** `[component.<id>.tool.dojo] module = "..."`: which precompiled module stands in for this one. */
  dojoModule?: string;
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Spin's build reads only what it needs, so a manifest with unrelated errors still builds. */
export function buildableComponents(root: Table): BuildableComponent[] {
  const out: BuildableComponent[] = [];
  const comps = root.component;
  if (Array.isArray(comps)) {
    // v1: [[component]] with id
    for (const c of comps) {
      if (!isTable(c) || typeof c.id !== 'string') continue;
      out.push(fromTable(c.id, c));
    }
  } else if (isTable(comps)) {
    for (const [id, c] of Object.entries(comps)) if (isTable(c)) out.push(fromTable(id, c));
  }
  return out;
}

function fromTable(id: string, c: Table): BuildableComponent {
  const build = isTable(c.build) ? c.build : undefined;
  const cmd = build?.command;
  const commands = typeof cmd === 'string' ? [cmd] : Array.isArray(cmd) ? cmd.filter((x): x is string => typeof x === 'string') : [];
  const tool = isTable(c.tool) && isTable(c.tool.dojo) ? c.tool.dojo : undefined;
  return {
    id,
    source: typeof c.source === 'string' ? c.source : undefined,
    commands: build ? commands : [],
    workdir: typeof build?.workdir === 'string' ? build.workdir : undefined,
    dojoModule: typeof tool?.module === 'string' ? tool.module : undefined,
  };
}

/** What the simulated build writes for a component, and how its dojo: line describes it. */
interface StandIn {
  /** A precompiled module's name (~/modules/<name>.wasm), or a label for a generated one. */
  name: string;
  /** Set for a generated module (no precompiled file to read). */
  bytes?: Uint8Array;
  note: string;
}

/**
 * The stand-in for a component: the module its `tool.dojo.module` names; the outbound demo when the code
 * makes an HTTP call; a module answering the handler's one fixed reply when the source has one (so the
 * scaffold's `Hello, Fermyon` is what curl gets); else the hello handler, and the note says plainly
 * that the source does not shape it.
 */
function chooseStandIn(ctx: CommandContext, appDir: string, comp: BuildableComponent): StandIn {
  const name = standInModuleName(ctx.fs, appDir, comp);
  if (comp.dojoModule) return { name, note: `${name}.wasm` };
  if (name !== STAND_INS.spinHttp)
    return { name, note: `${name}.wasm, because your code makes an HTTP call; other edits to it do not change the module` };
  const dir = comp.workdir ? resolveFrom(appDir, comp.workdir) : appDir;
  const reply = sourceReply(scanSources(ctx.fs, dir));
  if (!reply) return { name, note: `${name}.wasm; edits to your source do not change the module` };
  const shown = reply.path.startsWith(`${dir}/`) ? reply.path.slice(dir.length + 1) : reply.path;
  return {
    name: 'reply',
    bytes: replyModule(reply.contentType, reply.body),
    note: `a module that answers ${JSON.stringify(reply.body)}, the reply in ${shown}; only that text comes from your code`,
  };
}

interface ToolOutcome {
  code: number;
  stderr?: string;
  stdout?: string;
}

/** `cargo build [--release] [--target T]` as written in a build command (other cargo flags are ignored). */
function cargoBuildArgs(args: string[]): CargoBuildArgs | null {
  if (args[0] !== 'build' && args[0] !== 'b') return null;
  const out: CargoBuildArgs = { release: false };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--release' || a === '-r') out.release = true;
    else if (a === '--target') out.target = args[++i];
    else if (a.startsWith('--target=')) out.target = a.slice('--target='.length);
  }
  return out;
}

/** What one shell word sequence of a build command would do, in the order a real toolchain checks. */
async function simulateTool(ctx: CommandContext, workdir: string, words: string[], standIn: StandIn): Promise<ToolOutcome> {
  const fs = ctx.fs;
  const [prog, ...args] = words;
  const has = (f: string) => fs.stat(resolveFrom(workdir, f))?.kind === 'file';
  switch (prog) {
    case undefined:
      return { code: 0 };
    case 'cargo': {
      // The same toolchain as the `cargo` command (src/toolchain/cargo.ts): same checks, same texts, same dojo: hints.
      const cargoArgs = cargoBuildArgs(args);
      if (!cargoArgs) return { code: 0 };
      const result = await cargoBuild({ fs, home: ctx.shell.home, cwd: workdir, stderr: ctx.stderr }, cargoArgs, {
        standIn: standIn.name,
        standInBytes: standIn.bytes,
        note: false,
      });
      return { code: result.status };
    }
    case 'tinygo':
    case 'go':
      if (!fs.readdir(workdir).some((f) => f.endsWith('.go'))) return { code: 1, stderr: 'no Go files in ' + workdir + '\n' };
      return { code: 0 };
    case 'npm':
    case 'npx':
      if (!has('package.json')) {
        return {
          code: 254,
          stderr: `npm error code ENOENT\nnpm error syscall open\nnpm error path ${workdir}/package.json\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${workdir}/package.json'\n`,
        };
      }
      return { code: 0 };
    case 'componentize-py': {
      const appIdx = args.indexOf('componentize');
      const moduleName = appIdx >= 0 ? args[appIdx + 1] : undefined;
      if (moduleName && !has(`${moduleName}.py`)) return { code: 1, stderr: `Error: ModuleNotFoundError: No module named '${moduleName}'\n` };
      return { code: 0, stdout: 'Component built successfully\n' };
    }
    case 'echo':
      return { code: 0, stdout: `${args.join(' ')}\n` };
    case 'true':
    case 'mkdir':
    case 'cp':
    case 'make':
    case 'zig':
      return { code: 0 };
    case 'false':
      return { code: 1 };
    default:
      return { code: 127, stderr: `sh: 1: ${prog}: not found\n` };
  }
}

/** Runs a `sh -c`-style command line: `&&`, `;` and `||` between simple commands. */
async function simulateShell(workdir: string, command: string, ctx: CommandContext, standIn: StandIn): Promise<number> {
  const parts = command.split(/\s*(&&|\|\||;)\s*/);
  let status = 0;
  let op = ';';
  for (let i = 0; i < parts.length; i += 2) {
    const words = (parts[i] ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/^['"]|['"]$/g, ''));
    const run = op === ';' || (op === '&&' && status === 0) || (op === '||' && status !== 0);
    if (run) {
      const r = await simulateTool(ctx, workdir, words, standIn);
      if (r.stdout) ctx.stdout.write(r.stdout);
      if (r.stderr) ctx.stderr.write(r.stderr);
      status = r.code;
    }
    op = parts[i + 1] ?? ';';
  }
  return status;
}

export const BUILD_HELP = `Build the Spin application

Usage: spin build [OPTIONS] [UP_ARGS]...

Arguments:
  [UP_ARGS]...

Options:
  -f, --from <APP_MANIFEST_FILE>   The application to build. This may be a manifest (spin.toml) file, or a directory containing a spin.toml file. If omitted, it defaults to "spin.toml"
  -c, --component-id <COMPONENT_ID>   Component ID to build. This can be specified multiple times. The default is all components
  -u, --up                         Run the application after building
  -h, --help                       Print help

dojo: builds are simulated in the Dojo (there is no cargo, tinygo or npm in the browser): Spin's output is
printed, the build command's first failure is reproduced, and the component's source path receives a
precompiled Wasm module that stands in for your compiled code. The module that \`spin up\` then runs is real.
`;

/** Builds the app whose manifest `locateApp` found (`manifestPath`). */
export async function runBuild(ctx: CommandContext, opts: { manifestPath: string; componentIds: string[] }): Promise<number> {
  const color = ctx.stdout.isTTY;
  const location = { path: opts.manifestPath };
  const text = ctx.fs.readText(location.path);
  let root: Table;
  try {
    root = parseToml(text) as Table;
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    const v = validateManifestText(text);
    const d = v.diagnostics[0]!;
    writeError(ctx.stderr, `Cannot read manifest file from ${JSON.stringify(location.path)}`, [renderTomlError(text, d)]);
    return 1;
  }
  const appDir = dirname(location.path);
  const all = buildableComponents(root);
  const unknown = opts.componentIds.filter((id) => !all.some((c) => c.id === id));
  let status: number;
  if (unknown.length) {
    writeError(ctx.stderr, `Unknown component(s) ${unknown.join(', ')}`);
    status = 1;
  } else {
    const selected = opts.componentIds.length ? all.filter((c) => opts.componentIds.includes(c.id)) : all;
    status = await buildComponents(ctx, appDir, selected, color);
  }

  // Spin still builds when the rest of the manifest does not deserialise, then says so. (Load-time
  // problems such as a malformed allowed_outbound_hosts only surface at `spin up`.)
  const validation = validateManifestText(text);
  const firstErr = validation.diagnostics.find((d) => d.severity === 'error' && d.stage === 'parse');
  if (firstErr) {
    ctx.stderr.write(
      formatWarning(
        [`The manifest has errors not related to the Wasm component build. Error details:\n${renderTomlError(text, firstErr)}`],
        ctx.stderr.isTTY,
      ),
    );
  }
  return status;
}

async function buildComponents(ctx: CommandContext, appDir: string, components: BuildableComponent[], color: boolean): Promise<number> {
  if (components.every((c) => c.commands.length === 0)) {
    ctx.stdout.write('None of the components have a build command.\n');
    ctx.stdout.write('For information on specifying a build command, see https://developer.fermyon.com/spin/build#setting-up-for-spin-build.\n');
    return 0;
  }
  const notes: Placement[] = [];
  for (const comp of components) {
    if (comp.commands.length === 0) continue;
    const standIn = chooseStandIn(ctx, appDir, comp);
    for (const command of comp.commands) {
      ctx.stdout.write(step('Building', `component ${comp.id} with \`${command}\``, color));
      if (comp.workdir?.startsWith('/')) {
        writeError(ctx.stderr, 'The workdir specified in the application file must be relative.');
        return 1;
      }
      const workdir = comp.workdir ? resolveFrom(appDir, comp.workdir) : appDir;
      if (comp.workdir) ctx.stdout.write(`Working directory: ${JSON.stringify(workdir)}\n`);
      if (ctx.fs.stat(workdir)?.kind !== 'dir') {
        writeError(
          ctx.stderr,
          `Cannot spawn build process '${JSON.stringify(comp.commands.length === 1 ? command : comp.commands)}' for component ${comp.id}: No such file or directory (os error 2)`,
        );
        return 1;
      }
      const code = await simulateShell(workdir, command, ctx, standIn);
      if (code !== 0) {
        writeError(ctx.stderr, `Build command for component ${comp.id} failed with status Exited(${code})`);
        return 1;
      }
    }
    if (!comp.source) continue;
    const target = resolveFrom(appDir, comp.source);
    const choice = standIn.bytes ? { bytes: standIn.bytes } : { module: standIn.name };
    if (!(await placeStandIn(ctx.fs, ctx.shell.home, target, choice))) {
      writeError(
        ctx.stderr,
        `dojo: the precompiled module '${standIn.name}.wasm' is not available (expected ${ctx.shell.home}/modules/${standIn.name}.wasm)`,
      );
      return 1;
    }
    notes.push({ path: comp.source, what: standIn.note });
  }
  ctx.stdout.write(step('Finished', 'building all Spin components', color));
  if (notes.length) ctx.stdout.write(standInLine(notes, color));
  return 0;
}
