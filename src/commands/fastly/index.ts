/**
 * `fastly` (the Fastly CLI 16.1.0): `version`, `compute init|build|serve|deploy|publish`. Texts followed
 * from real 16.1.0 runs and fastly/cli (pkg/commands/version/root.go; pkg/commands/compute/init.go,
 * build.go, serve.go, deploy.go, publish.go; pkg/text: `✓ <step>` spinner lines, `SUCCESS: …`,
 * `WARNING: …`, `ERROR: …` and `INFO: …` blocks) and fastly/Viceroy v0.20.1 (src/service.rs,
 * src/execute.rs: `INFO Listening on http://127.0.0.1:7676`, per request `INFO request{id=N}: handling
 * request GET <url>`, `response status: 200`, `request completed in 4ms`).
 *
 * What runs and what is simulated: `compute serve` really serves the package's Wasm through the same
 * HTTP host as `spin up` (src/edge/serve.ts), as a background job; `compute build` is a simulated
 * build that places the shared stand-in build's module at bin/main.wasm and writes a REAL
 * pkg/<name>.tar.gz; `compute init` writes offline starter kits; `deploy`/`publish` are simulated.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { dojoLine } from '../../lib/dojo-line';
import { childPath, dirname } from '../../fs/path';
import { AddressInUseError } from '../../machine/network';
import { FASTLY_SPEC_URL, readFastlyManifest } from '../../edge/fastly-manifest';
import { packageArchive } from '../../edge/fastly-package';
import { STARTER_KITS, findStarterKit } from '../../edge/templates';
import { createEdgeHandler, edgeStandIn } from '../../edge/serve';
import { standInLine } from '../../toolchain/stand-in-build';
import { cargoBuild } from '../../toolchain/cargo';

export const FASTLY_VERSION = '16.1.0';
const VICEROY_VERSION = '0.20.1';
const BUG_REPORT =
  'If you believe this error is the result of a bug, please file an issue: https://github.com/fastly/cli/issues/new?labels=bug&template=bug_report.md';

const ok = (ctx: CommandContext, step: string) => ctx.stdout.write(`✓ ${step}\n`);

/** pkg/text's error block: `ERROR: <err>.`, a blank line and the remediation (stderr), exit 1. */
function fail(ctx: CommandContext, err: string, remediation = BUG_REPORT): number {
  ctx.stderr.write(`\nERROR: ${err}${/[.!?]$/.test(err) ? '' : '.'}\n\n${remediation}\n`);
  return 1;
}

interface Flags {
  values: Map<string, string>;
  bools: Set<string>;
  positionals: string[];
}

/** kingpin-style: `--flag value`, `--flag=value`, `-f value`, booleans by name. */
function parseFlags(argv: string[], valued: Record<string, string>, bools: Record<string, string>): Flags | string {
  const out: Flags = { values: new Map(), bools: new Set(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-') {
      out.positionals.push(a);
      continue;
    }
    const [rawName, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const name = rawName.replace(/^--?/, '');
    const longV = valued[name] ?? Object.entries(valued).find(([, s]) => s === name)?.[0];
    const longB = bools[name] !== undefined ? name : Object.entries(bools).find(([, s]) => s === name)?.[0];
    if (longV) {
      const v = inline ?? argv[++i];
      if (v === undefined) return `expected argument for flag '${rawName}'`;
      out.values.set(valued[name] !== undefined ? name : longV, v);
    } else if (longB) out.bools.add(longB);
    else return `unknown long flag '${rawName}'`;
  }
  return out;
}

const GLOBAL_BOOLS = { 'accept-defaults': 'd', 'auto-yes': 'y', 'non-interactive': 'i', quiet: 'q', verbose: 'v', 'debug-mode': '' };

function version(ctx: CommandContext): number {
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  ctx.stdout.write(
    `Fastly CLI version v${FASTLY_VERSION} (4d64ad67)\nBuilt with go version go1.26.8 linux/amd64 (${today})\nViceroy version: viceroy ${VICEROY_VERSION}\n`,
  );
  return 0;
}

async function ask(ctx: CommandContext, flags: Flags, question: string, def: string): Promise<string | null> {
  if (flags.bools.has('accept-defaults') || flags.bools.has('non-interactive')) {
    ctx.stdout.write(`${question}${def ? `[${def}] ` : ''}\n`);
    return def;
  }
  const a = await ctx.prompt(`${question}${def ? `[${def}] ` : ''}`, def || undefined);
  return a === null ? null : a.trim() || def;
}

async function init(ctx: CommandContext, argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { author: 'a', directory: 'p', from: 'f', language: 'l', token: 't' }, GLOBAL_BOOLS);
  if (typeof flags === 'string') return fail(ctx, `error parsing arguments: ${flags}`);
  const from = flags.values.get('from');
  const out = ctx.stdout;
  out.write(from ? 'Creating a new Compute project (using --from to locate package template).\n\n' : 'Creating a new Compute project.\n\n');
  out.write('Press ^C at any time to quit.\n\n');
  if (from && !flags.values.has('language'))
    out.write(
      "WARNING: When using the --from flag, the project language cannot be inferred. Please either use the\n--language flag to explicitly set the language or ensure the project's fastly.toml sets a valid language.\n\n",
    );
  const dirArg = flags.values.get('directory');
  const dir = dirArg ? ctx.shell.resolvePath(dirArg) : ctx.cwd;
  if (ctx.fs.exists(dir) && ctx.fs.readdir(dir).filter((f) => !f.startsWith('.')).length > 0) {
    const go = flags.bools.has('auto-yes')
      ? 'y'
      : await ctx.prompt(`The current directory isn't empty. Are you sure you want to initialize a Compute project in ${dir}? [y/N] `, 'N');
    if (!go || !/^y(es)?$/i.test(go.trim())) {
      out.write('\n');
      return fail(ctx, 'project initialization aborted', 'Use --directory to initialize the project in an empty directory.');
    }
  }
  ok(ctx, 'Validating directory permissions');
  const base = dir.split('/').pop() || 'app';
  const name = await ask(ctx, flags, 'Name: ', base);
  if (name === null) return 130;
  const description = await ask(ctx, flags, 'Description: ', '');
  if (description === null) return 130;
  const author = flags.values.get('author') ?? (await ask(ctx, flags, 'Author (email): ', ''));
  if (author === null) return 130;
  let kit = from ? findStarterKit(from) : undefined;
  if (!from) {
    let language = flags.values.get('language');
    if (!language) {
      const list = ['Rust', 'JavaScript', 'Go', 'C++', 'Python', "Other ('bring your own' Wasm binary)"];
      const q = `Language:\n(Find out more about language support at https://www.fastly.com/documentation/guides/compute)\n${list.map((l, i) => `[${i + 1}] ${l}`).join('\n')}\nChoose option: [1] `;
      const a = flags.bools.has('accept-defaults') ? '1' : await ctx.prompt(q, '1');
      if (a === null) return 130;
      language = ['rust', 'javascript', 'go', 'cpp', 'python', 'other'][Number(a.trim() || '1') - 1] ?? a.trim().toLowerCase();
    }
    const kits = STARTER_KITS.filter((k) => k.language === language);
    if (kits.length === 0) {
      ctx.stderr.write(
        dojoLine(`the Dojo carries offline starter kits for rust and javascript only (not ${language}); nothing was written.`, ctx.stderr.isTTY),
      );
      return 1;
    }
    const q = `Starter kit:\n${kits.map((k, i) => `[${i + 1}] ${k.title}\n    ${k.description}\n    ${k.url}`).join('\n')}\nFor a complete list of Starter Kits:\n\thttps://www.fastly.com/documentation/solutions/starters\nChoose option or paste git URL: [1] `;
    const a = flags.bools.has('accept-defaults') ? '1' : await ctx.prompt(q, '1');
    if (a === null) return 130;
    kit = /^\d+$/.test(a.trim() || '1') ? kits[Number(a.trim() || '1') - 1] : findStarterKit(a.trim());
    if (!kit) {
      out.write('✗ Fetching package template\n');
      return fail(ctx, `failed to get package '${a.trim()}': Get "${a.trim()}": dial tcp: lookup github.com: no such host`);
    }
  }
  if (!kit) {
    out.write('✗ Fetching package template\n');
    const status = fail(ctx, `failed to get package '${from}': Get "${from}": dial tcp: lookup github.com: no such host`);
    ctx.stderr.write(
      dojoLine(
        `the Dojo is offline; its starter kits: ${STARTER_KITS.map((k) => k.url).join(', ')} (or --from starter-kit/rust/default).`,
        ctx.stderr.isTTY,
      ),
    );
    return status;
  }
  ok(ctx, 'Fetching package template');
  ok(ctx, 'Reading fastly.toml');
  ok(ctx, `Setting package name in manifest to "${name}"`);
  if (description) ok(ctx, `Setting description in manifest to '${description}'`);
  if (author) ok(ctx, `Setting authors in manifest to '${author}'`);
  ok(ctx, 'Saving manifest changes');
  for (const f of kit.files(name, description, author ? [author] : [])) {
    const path = childPath(dir, f.path);
    ctx.fs.mkdir(dirname(path), { recursive: true });
    ctx.fs.writeFile(path, f.text);
  }
  ok(ctx, 'Initializing package');
  if (kit.language === 'javascript') {
    out.write('INFO: This project has a custom post_init script defined in the fastly.toml manifest:\n    npm install\n');
    const run = flags.bools.has('auto-yes') ? 'y' : await ctx.prompt('Do you want to run this now? [y/N] ', 'N');
    if (run && /^y(es)?$/i.test(run.trim()))
      ctx.stderr.write(dojoLine('npm install is not run in the Dojo (offline); the build is simulated anyway.', ctx.stderr.isTTY));
  }
  out.write(
    `Initialized package ${name} to:\n\t${dir}\nTo publish the package (build and deploy), run:\n\tfastly compute publish\nTo learn about deploying Compute projects using third-party orchestration tools, visit:\n\thttps://www.fastly.com/documentation/guides/integrations/orchestration\nSUCCESS: Initialized package ${name}\n`,
  );
  ctx.stderr.write(dojoLine(`written from the Dojo's offline copy of ${kit.url} (nothing was fetched).`, ctx.stderr.isTTY));
  return 0;
}

interface Built {
  dir: string;
  name: string;
  wasm: Uint8Array;
  pkg: string;
  manifestPath: string;
  hasBackends: boolean;
  serviceId?: string;
}

/** `compute build`: verify the manifest, run (simulate) [scripts.build], write bin/main.wasm and the package. */
async function build(ctx: CommandContext, opts: { verbose: boolean }): Promise<Built | number> {
  const dir = ctx.cwd;
  const manifestPath = childPath(dir, 'fastly.toml');
  const out = ctx.stdout;
  const marker = `${ctx.shell.home}/.config/fastly/dojo-build-notice`;
  if (!ctx.fs.exists(marker)) {
    out.write(
      'IMPORTANT: The Fastly CLI is configured to collect data related to Wasm builds (e.g. compilation times,\nresource usage, and other non-identifying data). To learn more about what data is being collected, why, and how to\ndisable it: https://www.fastly.com/documentation/reference/cli\n',
    );
    ctx.fs.mkdir(dirname(marker), { recursive: true });
    ctx.fs.writeFile(marker, 'shown\n');
  }
  if (!ctx.fs.exists(manifestPath)) {
    out.write('✗ Verifying fastly.toml\n');
    return fail(
      ctx,
      'error reading fastly.toml',
      'Ensure the Fastly CLI is being run within a directory containing a fastly.toml file. If you need to create one, run `fastly compute init`.',
    );
  }
  const read = readFastlyManifest(ctx.fs.readText(manifestPath));
  if (read.errors.length) {
    out.write('✗ Verifying fastly.toml\n');
    return fail(ctx, read.errors[0]!.message, `Run \`fastly compute init\` to create a fresh fastly.toml, or see ${FASTLY_SPEC_URL}`);
  }
  if (read.missingVersion) {
    out.write(
      `WARNING: The fastly.toml was missing a \`manifest_version\` field. A default schema version of \`3\` will be used.\n\nRefer to the fastly.toml package manifest format: ${FASTLY_SPEC_URL}\n\n`,
    );
    const text = ctx.fs.readText(manifestPath);
    ctx.fs.writeFile(manifestPath, `manifest_version = 3\n${text}`);
  }
  ok(ctx, 'Verifying fastly.toml');
  ok(ctx, 'Fetching latest wasm-tools release');
  const m = read.manifest;
  if (!m.name) {
    out.write('✗ Identifying package name\n');
    return fail(ctx, 'package name is missing', 'Add a name to the fastly.toml manifest.');
  }
  ok(ctx, 'Identifying package name');
  ok(ctx, 'Identifying toolchain');
  const standIn = await edgeStandIn(ctx.fs, ctx.shell.home, dir);
  if (!standIn)
    return fail(ctx, 'dojo: the precompiled module ~/modules/wagi-hello.wasm is missing', 'Run `dojo reset` to restore the precompiled modules.');
  const script = m.build ?? (m.language === 'rust' ? `cargo build --bin ${m.name} --release --target wasm32-wasip1 --color always` : '');
  if (/^cargo\s/.test(script)) {
    // The Rust kit builds with cargo for wasm32-wasip1 (its .cargo/config.toml): the same simulated cargo as everywhere.
    const lines: string[] = [];
    const sink = { isTTY: false, write: (t: string) => lines.push(t) };
    const r = await cargoBuild(
      { fs: ctx.fs, home: ctx.shell.home, cwd: dir, stderr: sink },
      { release: true, target: 'wasm32-wasip1' },
      { standInBytes: standIn.wasm, note: false },
    );
    if (r.status !== 0) {
      out.write('✗ Running [scripts.build]\n');
      ctx.stderr.write(`\n${lines.join('')}`);
      return fail(
        ctx,
        `error during execution process (see 'Build output' above)`,
        'Ensure your build script is correct (rustup target add wasm32-wasip1).',
      );
    }
    if (opts.verbose) out.write(lines.join(''));
  }
  ok(ctx, 'Running [scripts.build]');
  const wasmPath = childPath(dir, 'bin/main.wasm');
  ctx.fs.mkdir(childPath(dir, 'bin'), { recursive: true });
  ctx.fs.writeFile(wasmPath, standIn.wasm);
  const files = [
    { path: 'fastly.toml', data: ctx.fs.readFile(manifestPath) },
    { path: 'bin/main.wasm', data: standIn.wasm },
  ];
  for (const src of ['Cargo.toml', 'package.json', 'src/main.rs', 'src/index.js']) {
    const p = childPath(dir, src);
    if (ctx.fs.stat(p)?.kind === 'file') files.push({ path: src, data: ctx.fs.readFile(p) });
  }
  const pkg = childPath(dir, `pkg/${m.name}.tar.gz`);
  ctx.fs.mkdir(childPath(dir, 'pkg'), { recursive: true });
  ctx.fs.writeFile(pkg, packageArchive(m.name, files, Date.now()));
  ok(ctx, 'Creating package archive');
  out.write(`SUCCESS: Built package (pkg/${m.name}.tar.gz)\n`);
  ctx.stderr.write(standInLine([{ path: 'bin/main.wasm', what: standIn.what }], ctx.stderr.isTTY));
  return { dir, name: m.name, wasm: standIn.wasm, pkg, manifestPath, hasBackends: m.hasBackends, serviceId: m.serviceId };
}

/** Viceroy's tracing fmt timestamp: RFC 3339 with microseconds. */
function stamp(): string {
  return new Date(Date.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

async function serve(ctx: CommandContext, argv: string[], commandLine: string): Promise<number> {
  const flags = parseFlags(argv, { addr: '', dir: 'C', env: '', file: '', 'viceroy-args': '' }, { ...GLOBAL_BOOLS, 'skip-build': '', watch: '' });
  if (typeof flags === 'string') return fail(ctx, `error parsing arguments: ${flags}`);
  const addr = flags.values.get('addr') ?? '127.0.0.1:7676';
  const m = /^([^:]+):(\d{1,5})$/.exec(addr);
  if (!m) return fail(ctx, `error parsing --addr '${addr}': expected host:port`);
  const engine = ctx.services.engine;
  if (!engine) return fail(ctx, 'dojo: no Wasm engine is available in this session');
  let wasm: Uint8Array;
  let name = 'app';
  let manifestPath = childPath(ctx.cwd, 'fastly.toml');
  let hasBackends = false;
  const file = flags.values.get('file');
  if (file || flags.bools.has('skip-build')) {
    const path = ctx.shell.resolvePath(file ?? 'bin/main.wasm');
    if (!ctx.fs.exists(path))
      return fail(ctx, `error reading the Wasm binary: open ${path}: no such file or directory`, 'Run `fastly compute build` first, or pass --file.');
    wasm = ctx.fs.readFile(path);
    if (ctx.fs.exists(manifestPath)) {
      const r = readFastlyManifest(ctx.fs.readText(manifestPath));
      name = r.manifest.name ?? name;
      hasBackends = r.manifest.hasBackends;
    }
  } else {
    const built = await build(ctx, { verbose: flags.bools.has('verbose') });
    if (typeof built === 'number') return built;
    ({ wasm, name, manifestPath, hasBackends } = built);
  }
  const out = ctx.stdout;
  out.write('\n');
  ok(ctx, 'Checking latest Viceroy release');
  ok(ctx, 'Running local server');
  out.write('\n');
  const host = m[1]!;
  const port = Number(m[2]);
  const controller = new AbortController();
  let nextId = 0;
  const services = ctx.services;
  const handler = createEdgeHandler({
    name,
    wasm,
    engine,
    signal: controller.signal,
    onRequest: (r) => {
      const id = nextId++;
      out.write(
        `${stamp()}  INFO request{id=${id}}: handling request ${r.method} http://${addr}${r.path}\n${stamp()}  INFO request{id=${id}}: response status: ${r.status}\n${stamp()}  INFO request{id=${id}}: request completed in ${r.ms}ms\n`,
      );
    },
    onOutput: (text) => out.write(text),
    onRun: (label, result) => services.recordRun?.(`${commandLine}: ${label}`, result),
  });
  const network = ctx.services.machine.network;
  let listener;
  try {
    listener = network.listen(host, port, handler, commandLine);
  } catch (err) {
    if (err instanceof AddressInUseError) {
      out.write(`${stamp()} ERROR Address already in use (os error 98)\n`);
      return fail(
        ctx,
        `error running the local server: Viceroy exited: Address already in use`,
        'Stop the other server (jobs; kill %N) or pass --addr.',
      );
    }
    throw err;
  }
  if (!hasBackends) out.write(`${stamp()}  WARN no backend definitions found in ${manifestPath}\n`);
  out.write(`${stamp()}  INFO Listening on http://${addr}\n`);
  const job = ctx.services.machine.jobs.add(commandLine, () => {
    controller.abort();
    network.close(listener);
  });
  out.write(
    dojoLine(
      `serving in the background as job [${job.id}] (like \`${commandLine} &\`): curl http://${addr}/ ; \`jobs\` lists it, \`kill %${job.id}\` stops it`,
      out.isTTY,
    ),
  );
  return 0;
}

/** Simulated services, as the CLI would find them on the account (kept with the learner's files). */
const servicesFile = (ctx: CommandContext) => `${ctx.shell.home}/.config/fastly/dojo-services.json`;

async function deploy(ctx: CommandContext, argv: string[], publish: boolean): Promise<number> {
  const flags = parseFlags(argv, { package: '', 'service-id': 's', domain: '', token: 't', comment: '' }, GLOBAL_BOOLS);
  if (typeof flags === 'string') return fail(ctx, `error parsing arguments: ${flags}`);
  const out = ctx.stdout;
  let pkgPath: string;
  let name: string;
  let serviceId: string | undefined;
  const manifestPath = childPath(ctx.cwd, 'fastly.toml');
  if (publish) {
    const built = await build(ctx, { verbose: flags.bools.has('verbose') });
    if (typeof built === 'number') return built;
    out.write('\n');
    ({ pkg: pkgPath, name, serviceId } = built);
  } else {
    if (!ctx.fs.exists(manifestPath))
      return fail(
        ctx,
        'error reading fastly.toml',
        'Ensure the Fastly CLI is being run within a directory containing a fastly.toml file. If you need to create one, run `fastly compute init`.',
      );
    const r = readFastlyManifest(ctx.fs.readText(manifestPath));
    name = r.manifest.name ?? 'app';
    serviceId = r.manifest.serviceId || undefined;
    pkgPath = ctx.shell.resolvePath(flags.values.get('package') ?? `pkg/${name}.tar.gz`);
    if (!ctx.fs.exists(pkgPath))
      return fail(
        ctx,
        `failed to read package: open ${pkgPath}: no such file or directory`,
        'Run `fastly compute build` to produce a Compute package, or pass --package.',
      );
  }
  serviceId = flags.values.get('service-id') ?? serviceId;
  const bytes = ctx.fs.readFile(pkgPath);
  const hash = await crypto.subtle
    .digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
    .then((d) => [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  const known: Record<string, { version: number; hash: string; domain: string }> = ctx.fs.exists(servicesFile(ctx))
    ? safeJson(ctx.fs.readText(servicesFile(ctx)))
    : {};
  const yes = flags.bools.has('auto-yes') || flags.bools.has('accept-defaults') || flags.bools.has('non-interactive');
  let domain: string;
  if (!serviceId || !known[serviceId]) {
    out.write(
      'There is no Fastly service associated with this package. To connect to an existing service add the Service ID to the fastly.toml file, otherwise follow the prompts to create a service now.\n\nPress ^C at any time to quit.\n\n',
    );
    const create = yes ? 'y' : await ctx.prompt('Create new service: [y/N] ', 'N');
    if (create === null) return 130;
    if (!/^y(es)?$/i.test(create.trim()))
      return fail(ctx, 'service creation aborted', 'To deploy, add the ID of an existing service to fastly.toml (service_id), or answer y.');
    if (!yes && (await ctx.prompt(`\nService name: [${name}] `, name)) === null) return 130;
    const defaultDomain = `${['quietly', 'briskly', 'gently'][hash.charCodeAt(0) % 3]}-${['hopeful', 'sincere', 'curious'][hash.charCodeAt(1) % 3]}-${['otter', 'heron', 'lynx'][hash.charCodeAt(2) % 3]}.edgecompute.app`;
    domain =
      flags.values.get('domain') ??
      (yes ? defaultDomain : (await ctx.prompt(`\nDomain: [${defaultDomain}] `, defaultDomain))?.trim() || defaultDomain);
    if (!yes) {
      const backend = await ctx.prompt('\nBackend (hostname or IP address, or leave blank to stop adding backends): ', '');
      if (backend === null) return 130;
    }
    out.write('\n');
    serviceId = [...hash.slice(0, 22)]
      .map((c, i) => (i % 3 === 0 ? c.toUpperCase() : c))
      .join('')
      .replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]!);
    ok(ctx, `Creating service`);
    ok(ctx, `Creating domain '${domain}'`);
    known[serviceId] = { version: 0, hash: '', domain };
    // The CLI records the new service in the manifest.
    if (ctx.fs.exists(manifestPath))
      ctx.fs.writeFile(manifestPath, ctx.fs.readText(manifestPath).replace(/^service_id = ".*"$/m, `service_id = "${serviceId}"`));
  } else domain = known[serviceId]!.domain;
  const svc = known[serviceId]!;
  if (svc.hash === hash) {
    out.write(`INFO: Skipping package deployment, local and service version are identical. (service ${serviceId}, version ${svc.version}) \n`);
    return 0;
  }
  svc.version += 1;
  svc.hash = hash;
  ok(ctx, 'Uploading package');
  ok(ctx, `Activating service (version ${svc.version})`);
  ok(ctx, 'Checking service availability (status: 200)');
  out.write(
    `\nManage this service at:\n\thttps://manage.fastly.com/configure/services/${serviceId}\n\nView this service at:\n\thttps://${domain}\n\nSUCCESS: Deployed package (service ${serviceId}, version ${svc.version})\n`,
  );
  ctx.fs.mkdir(dirname(servicesFile(ctx)), { recursive: true });
  ctx.fs.writeFile(servicesFile(ctx), `${JSON.stringify(known, null, 2)}\n`);
  ctx.stderr.write(
    dojoLine(
      `simulated deploy: no account, nothing uploaded, https://${domain} does not exist. For real, the CLI uploads pkg/${name}.tar.gz to Fastly's API, which compiles the Wasm ahead of time and runs a fresh instance per request on every POP.`,
      ctx.stderr.isTTY,
    ),
  );
  return 0;
}

function safeJson(text: string): Record<string, { version: number; hash: string; domain: string }> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, { version: number; hash: string; domain: string }>) : {};
  } catch {
    return {};
  }
}

const COMPUTE_SUBCOMMANDS = ['init', 'build', 'serve', 'deploy', 'publish'];

/** The CLI's help layout (USAGE, description, flags), for the parts the Dojo simulates (flags from `--help` of 16.1.0). */
function helpFor(what: string): string {
  const note = '\ndojo: the Dojo simulates fastly version and fastly compute init|build|serve|deploy|publish.\n';
  const HELP: Record<string, string> = {
    fastly:
      'USAGE\n  fastly [<flags>] <command> [<args> ...]\n\nA tool to interact with the Fastly API\n\nCOMMANDS\n  compute  Manage Compute packages\n  version  Display version information for the Fastly CLI\n\nSEE ALSO\n  https://www.fastly.com/documentation/reference/tools/cli\n',
    compute:
      'USAGE\n  fastly compute <command> [<args> ...]\n\nManage Compute packages\n\nCOMMANDS\n  build    Build a Compute package locally\n  deploy   Deploy a package to a Fastly Compute service\n  init     Initialize a new Compute package locally\n  publish  Build and deploy a Compute package to a Fastly service\n  serve    Build and run a Compute package locally\n',
    init: 'USAGE\n  fastly compute init [<flags>]\n\nInitialize a new Compute package locally\n\nOPTIONAL FLAGS\n  -a, --author=AUTHOR ...  Author(s) of the package\n  -p, --directory=DIRECTORY\n                           Destination to write the new package, defaulting to the current directory\n  -f, --from=FROM          Local project directory, or Git repository URL, or URL referencing a .zip/.tar.gz file, containing a package template\n  -l, --language=LANGUAGE  Language of the package\n',
    build:
      "USAGE\n  fastly compute build [<flags>]\n\nBuild a Compute package locally\n\nOPTIONAL FLAGS\n  -C, --dir=DIR      Project directory to build (default: current directory)\n      --env=ENV      The manifest environment config to use (e.g. 'stage' will attempt to read 'fastly.stage.toml')\n      --timeout=TIMEOUT\n                     Timeout, in seconds, for the build compilation step\n",
    serve:
      'USAGE\n  fastly compute serve [<flags>]\n\nBuild and run a Compute package locally\n\nOPTIONAL FLAGS\n      --addr="127.0.0.1:7676"\n                    The IPv4 address and port to listen on\n  -C, --dir=DIR     Project directory to build (default: current directory)\n      --file="bin/main.wasm"\n                    The Wasm file to run (causes validation checks to be skipped)\n      --skip-build  Skip the build step\n      --watch       Watch for file changes, then rebuild project and restart local server\n',
    deploy:
      'USAGE\n  fastly compute deploy [<flags>]\n\nDeploy a package to a Fastly Compute service\n\nOPTIONAL FLAGS\n      --comment=COMMENT  Human-readable comment\n      --domain=DOMAIN    The name of the domain associated to the package\n      --package=PACKAGE  Path to a package tar.gz\n  -s, --service-id=SERVICE-ID\n                         Service ID (falls back to FASTLY_SERVICE_ID, then fastly.toml)\n',
    publish:
      'USAGE\n  fastly compute publish [<flags>]\n\nBuild and deploy a Compute package to a Fastly service\n\nOPTIONAL FLAGS\n      --comment=COMMENT  Human-readable comment\n      --domain=DOMAIN    The name of the domain associated to the package\n  -s, --service-id=SERVICE-ID\n                         Service ID (falls back to FASTLY_SERVICE_ID, then fastly.toml)\n',
  };
  return `${HELP[what] ?? HELP.fastly!}${note}`;
}

export const fastlyCommand: CommandDefinition = {
  name: 'fastly',
  summary: 'Fastly CLI: compute init/build/serve (serves for real on :7676); deploy/publish simulated',
  usage: 'fastly <command> [<args> ...]',
  subcommands: [
    { name: 'version', summary: 'Display version information for the Fastly CLI' },
    {
      name: 'compute',
      summary: 'Manage Compute packages',
      subcommands: [
        { name: 'init', summary: 'Initialize a new Compute package locally' },
        { name: 'build', summary: 'Build a Compute package locally' },
        { name: 'serve', summary: 'Build and run a Compute package locally' },
        { name: 'deploy', summary: 'Deploy a package to a Fastly Compute service' },
        { name: 'publish', summary: 'Build and deploy a Compute package to a Fastly service' },
      ],
    },
  ],
  complete(args, partial) {
    const pick = (w: readonly string[]) => w.filter((x) => x.startsWith(partial));
    if (args.length === 0) return pick(['compute', 'version']);
    if (args.length === 1 && args[0] === 'compute') return pick(COMPUTE_SUBCOMMANDS);
    return [];
  },
  async run(ctx) {
    const [sub, action, ...rest] = ctx.argv.slice(1);
    const commandLine = ctx.argv.join(' ');
    if (ctx.argv.includes('--help')) {
      ctx.stdout.write(helpFor(sub === 'compute' ? (action === '--help' ? 'compute' : (action ?? 'compute')) : 'fastly'));
      return 0;
    }
    if (sub === 'version' || sub === '--version' || (sub === '-v' && action === undefined)) return version(ctx);
    if (sub === 'compute') {
      switch (action) {
        case 'init':
          return init(ctx, rest);
        case 'build': {
          const flags = parseFlags(rest, { dir: 'C', env: '', timeout: '' }, GLOBAL_BOOLS);
          if (typeof flags === 'string') return fail(ctx, `error parsing arguments: ${flags}`);
          const r = await build(ctx, { verbose: flags.bools.has('verbose') });
          return typeof r === 'number' ? r : 0;
        }
        case 'serve':
          return serve(ctx, rest, commandLine);
        case 'deploy':
          return deploy(ctx, rest, false);
        case 'publish':
          return deploy(ctx, rest, true);
        default:
          ctx.stderr.write(`ERROR: ${action === undefined ? 'command not specified' : `expected command but got "${action}"`}.\n`);
          ctx.stderr.write(dojoLine(`the Dojo knows fastly compute ${COMPUTE_SUBCOMMANDS.join('|')}.`, ctx.stderr.isTTY));
          return 1;
      }
    }
    if (sub === undefined || sub === '--help' || sub === 'help') {
      ctx.stdout.write(helpFor('fastly'));
      return 0;
    }
    ctx.stderr.write(`ERROR: expected command but got "${sub}".\n`);
    ctx.stderr.write(
      dojoLine(
        `\`fastly ${sub}\` is not simulated; the Dojo knows fastly version and fastly compute ${COMPUTE_SUBCOMMANDS.join('|')}.`,
        ctx.stderr.isTTY,
      ),
    );
    return 1;
  },
};
