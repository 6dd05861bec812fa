/**
 * `spin build` (crates/build v3.0.0). The Dojo has no cargo, tinygo or npm, so the build
 * is SIMULATED: each build command is checked the way the tool would fail first (no Cargo.toml, no
 * main.go...), Spin's lines are printed, and the component's `source` is filled with the precompiled
 * module that stands in for the compiled code. The module that then runs under `spin up` is real.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { HostFs } from '../../fs/types';
import { renderTomlError, validateManifestText } from '../../spin/manifest';
import type { CommandContext } from '../../shell/types';
import { dirname, resolveFrom } from '../../fs/path';
import { formatWarning, step, writeError } from './output';
import { dojoLine } from '../dojo-line';
import { findPackageRoot, readCrate } from '../cargo/manifest';

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

/** Source text that makes an outbound HTTP call in any of the template languages (a method like `res.send(` is a reply, not a call). */
const OUTBOUND_CALL = /\bhttp::send\b|(?<!\.)\bsend\s*\(|\bfetch\s*\(|\bspinhttp\.(Get|Post|Send)\b|\boutgoing_request\b/;
const SOURCE_EXT = /\.(rs|go|js|ts|py|c|zig)$/;
const SKIP_DIRS = new Set(['target', 'node_modules', '.spin', '.git', 'dist']);

function scanSources(fs: HostFs, dir: string, budget = { files: 200 }): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (budget.files <= 0) break;
    const path = resolveFrom(dir, name);
    const st = fs.stat(path);
    if (st?.kind === 'dir' && !SKIP_DIRS.has(name)) out.push(...scanSources(fs, path, budget));
    else if (st?.kind === 'file' && SOURCE_EXT.test(name) && st.size < 256 * 1024) {
      budget.files--;
      out.push(fs.readText(path));
    }
  }
  return out;
}

/**
 * Which precompiled module the simulated build produces: an explicit `tool.dojo.module`, else the
 * outbound demo when the project's code makes an HTTP call, else the hello handler.
 */
export function standInModuleName(fs: HostFs, appDir: string, comp: BuildableComponent): string {
  if (comp.dojoModule) return comp.dojoModule;
  const dir = comp.workdir ? resolveFrom(appDir, comp.workdir) : appDir;
  return scanSources(fs, dir).some((text) => OUTBOUND_CALL.test(stripComments(text))) ? 'wagi-outbound' : 'wagi-hello';
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/^\s*#.*$/gm, '');
}

/** Bytes of a precompiled module: ~/modules/<name>.wasm, else the app's own copy over HTTP (browser). */
export async function readStandInModule(fs: HostFs, home: string, name: string): Promise<Uint8Array | null> {
  const local = `${home}/modules/${name}.wasm`;
  if (fs.stat(local)?.kind === 'file') return fs.readFile(local);
  const loc = (globalThis as { location?: { href: string } }).location;
  if (typeof fetch === 'function' && loc) {
    try {
      const res = await fetch(new URL(`modules/${name}.wasm`, loc.href));
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
    } catch {
      /* offline and not cached: reported below */
    }
  }
  return null;
}

interface ToolOutcome {
  code: number;
  stderr?: string;
  stdout?: string;
}

/** What one shell word sequence of a build command would do, in the order a real toolchain checks. */
function simulateTool(fs: HostFs, workdir: string, words: string[]): ToolOutcome {
  const [prog, ...args] = words;
  const has = (f: string) => fs.stat(resolveFrom(workdir, f))?.kind === 'file';
  switch (prog) {
    case undefined:
      return { code: 0 };
    case 'cargo': {
      // The same manifest reading as the `cargo` command: the package root searched upwards, its name and version.
      const root = findPackageRoot(fs, workdir);
      if (root === undefined) {
        return { code: 101, stderr: `error: could not find \`Cargo.toml\` in \`${workdir}\` or any parent directory\n` };
      }
      const manifest = readCrate(fs, root);
      if (!manifest.ok) return { code: 101, stderr: manifest.message };
      const profile = args.includes('--release') || args.includes('-r') ? 'release' : 'dev';
      const detail = profile === 'release' ? '[optimized]' : '[unoptimized + debuginfo]';
      return {
        code: 0,
        stderr: `   Compiling ${manifest.crate.name} v${manifest.crate.version} (${root})\n    Finished \`${profile}\` profile ${detail} target(s) in 0.84s\n`,
      };
    }
    case 'tinygo':
    case 'go':
      if (!fs.readdir(workdir).some((f) => f.endsWith('.go'))) return { code: 1, stderr: 'no Go files in ' + workdir + '\n' };
      return { code: 0 };
    case 'npm':
    case 'npx':
      if (!has('package.json')) {
        return { code: 254, stderr: `npm error code ENOENT\nnpm error syscall open\nnpm error path ${workdir}/package.json\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${workdir}/package.json'\n` };
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
function simulateShell(fs: HostFs, workdir: string, command: string, ctx: CommandContext): number {
  const parts = command.split(/\s*(&&|\|\||;)\s*/);
  let status = 0;
  let op = ';';
  for (let i = 0; i < parts.length; i += 2) {
    const words = (parts[i] ?? '').trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^['"]|['"]$/g, ''));
    const run = op === ';' || (op === '&&' && status === 0) || (op === '||' && status !== 0);
    if (run) {
      const r = simulateTool(fs, workdir, words);
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
      formatWarning([`The manifest has errors not related to the Wasm component build. Error details:\n${renderTomlError(text, firstErr)}`], ctx.stderr.isTTY),
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
  const notes: string[] = [];
  for (const comp of components) {
    if (comp.commands.length === 0) continue;
    for (const command of comp.commands) {
      ctx.stdout.write(step('Building', `component ${comp.id} with \`${command}\``, color));
      if (comp.workdir?.startsWith('/')) {
        writeError(ctx.stderr, 'The workdir specified in the application file must be relative.');
        return 1;
      }
      const workdir = comp.workdir ? resolveFrom(appDir, comp.workdir) : appDir;
      if (comp.workdir) ctx.stdout.write(`Working directory: ${JSON.stringify(workdir)}\n`);
      if (ctx.fs.stat(workdir)?.kind !== 'dir') {
        writeError(ctx.stderr, `Cannot spawn build process '${JSON.stringify(comp.commands.length === 1 ? command : comp.commands)}' for component ${comp.id}: No such file or directory (os error 2)`);
        return 1;
      }
      const code = simulateShell(ctx.fs, workdir, command, ctx);
      if (code !== 0) {
        writeError(ctx.stderr, `Build command for component ${comp.id} failed with status Exited(${code})`);
        return 1;
      }
    }
    if (!comp.source) continue;
    const name = standInModuleName(ctx.fs, appDir, comp);
    const bytes = await readStandInModule(ctx.fs, ctx.shell.home, name);
    if (!bytes) {
      writeError(ctx.stderr, `dojo: the precompiled module '${name}.wasm' is not available (expected ${ctx.shell.home}/modules/${name}.wasm)`);
      return 1;
    }
    const target = resolveFrom(appDir, comp.source);
    ctx.fs.mkdir(dirname(target), { recursive: true });
    ctx.fs.writeFile(target, bytes);
    notes.push(`${comp.source} <- ${name}.wasm`);
  }
  ctx.stdout.write(step('Finished', 'building all Spin components', color));
  if (notes.length) {
    ctx.stdout.write(dojoLine(`simulated build: the precompiled stand-in module was written (${notes.join(', ')})`, color));
  }
  return 0;
}
