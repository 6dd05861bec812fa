/**
 * `wrangler` (Cloudflare's Workers CLI, 4.164.0), in the yargs dialect of the CLI kit. Texts followed
 * from real 4.164.0 runs and cloudflare/workers-sdk packages/wrangler: the banner (` ⛅️ wrangler X` and a
 * rule as wide), `✘ [ERROR]`/`▲ [WARNING]` then two blank lines and the `🪵  Logs were written to …` line;
 * `init`'s help and `Unknown argument: type` for the primer's `--type rust`; `dev`'s hotkey box,
 * `⎔ Starting local server...`, `[wrangler:info] Ready on http://localhost:8787` and request lines
 * `[wrangler:info] GET / 200 OK (13ms)`; `[custom build]` prefixed build output (src/deployment-bundle/
 * run-custom-build.ts); `deploy`'s Total Upload / Uploaded / Deployed / Current Version ID lines.
 *
 * What runs and what is simulated: `dev` really serves (a real module per request, through Spin's
 * HTTP host, src/edge/serve.ts) as a background job; the build in front of it, `login`, `whoami` and
 * `deploy` are simulated, and each says so in one dim `dojo:` line. Nothing leaves the browser.
 */
import { gzipSync } from 'fflate';
import type { CommandContext, CommandDefinition, OutputSink } from '../../shell/types';
import { type CommandSpec, type FlagDecl, toSubcommandSpecs } from '../cli/spec';
import { unknownArgumentsMessage, yargsParse } from '../cli/yargs';
import { dojoLine } from '../../lib/dojo-line';
import { paint, sgr, SGR } from '../../lib/ansi';
import { childPath, dirname } from '../../fs/path';
import { AddressInUseError } from '../../machine/network';
import { CONFIG_FILES, readWorkerConfig, renderDiagnostics, renderSyntaxError } from '../../edge/worker-config';
import { REASONS, createEdgeHandler, edgeStandIn } from '../../edge/serve';
import { createCloudflare } from '../../edge/c3';
import type { EdgeIO } from '../../edge/io';
import { standInLine } from '../../toolchain/stand-in-build';
import { TOOLCHAIN, isTargetInstalled } from '../../toolchain/rust';

export const WRANGLER_VERSION = '4.164.0';

const GLOBAL_FLAGS: FlagDecl[] = [
  { short: 'c', long: 'config', value: 'string', help: 'Path to Wrangler configuration file' },
  { long: 'cwd', value: 'string', help: 'Run as if Wrangler was started in the specified directory instead of the current working directory' },
  { short: 'e', long: 'env', value: 'string', help: 'Environment to use for operations, and for selecting .env and .dev.vars files' },
  {
    long: 'env-file',
    value: 'array',
    repeatable: true,
    help: 'Path to an .env file to load - can be specified multiple times - values from earlier files are overridden by values in later files',
  },
  { short: 'h', long: 'help', help: 'Show help' },
  { short: 'v', long: 'version', help: 'Show version number' },
];

const GLOBAL_HELP = `GLOBAL FLAGS
  -c, --config    Path to Wrangler configuration file  [string]
      --cwd       Run as if Wrangler was started in the specified directory instead of the current working directory  [string]
  -e, --env       Environment to use for operations, and for selecting .env and .dev.vars files  [string]
      --env-file  Path to an .env file to load - can be specified multiple times - values from earlier files are overridden by values in later files  [array]
  -h, --help      Show help  [boolean]
  -v, --version   Show version number  [boolean]`;

/** `wrangler init --help` (4.164.0, captured). */
const INIT_HELP = `
wrangler init [name]

📥 Initialize a basic Worker

POSITIONALS
  name  The name of your worker  [string]

${GLOBAL_HELP}

OPTIONS
  -y, --yes        Answer "yes" to any prompts for new projects  [boolean]
      --from-dash  The name of the Worker you wish to download from the Cloudflare dashboard for local development.  [string]
`;

const DEV_HELP = `
wrangler dev [script]

👂 Start a local server for developing your Worker

POSITIONALS
  script  The path to an entry point for your Worker  [string]

${GLOBAL_HELP}

OPTIONS
      --name    Name of the Worker  [string]
      --port    Port to listen on  [number]
      --ip      IP address to listen on  [string]
      --remote  Run on the global Cloudflare network with access to production resources  [boolean] [default: false]
`;

const DEPLOY_HELP = `
wrangler deploy [script]

🆙 Deploy a Worker to Cloudflare

POSITIONALS
  script  The path to an entry point for your Worker  [string]

${GLOBAL_HELP}

OPTIONS
      --name     Name of the Worker  [string]
      --dry-run  Don't actually deploy  [boolean]
`;

const TOP_HELP = `wrangler

COMMANDS
  wrangler init [name]      📥 Initialize a basic Worker
  wrangler dev [script]     👂 Start a local server for developing your Worker
  wrangler deploy [script]  🆙 Deploy a Worker to Cloudflare
  wrangler login            🔓 Login to Cloudflare
  wrangler logout           🚪 Logout from Cloudflare
  wrangler whoami           🕵️  Retrieve your user information

${GLOBAL_HELP}

Please report any issues to https://github.com/cloudflare/workers-sdk/issues/new/choose
`;

const INIT: CommandSpec = {
  name: 'init',
  about: '📥 Initialize a basic Worker',
  positionals: [{ name: 'name' }],
  flags: [
    ...GLOBAL_FLAGS,
    { short: 'y', long: 'yes', help: 'Answer "yes" to any prompts for new projects' },
    { long: 'from-dash', value: 'string', help: 'The name of the Worker' },
  ],
};
const DEV: CommandSpec = {
  name: 'dev',
  about: '👂 Start a local server for developing your Worker',
  positionals: [{ name: 'script' }],
  flags: [
    ...GLOBAL_FLAGS,
    { long: 'name', value: 'string', help: 'Name of the Worker' },
    { long: 'port', value: 'number', help: 'Port to listen on' },
    { long: 'ip', value: 'string', help: 'IP address to listen on' },
    { long: 'remote', help: 'Run on the global Cloudflare network with access to production resources' },
    { long: 'local', help: 'Run on your local machine' },
  ],
};
const DEPLOY: CommandSpec = {
  name: 'deploy',
  about: '🆙 Deploy a Worker to Cloudflare',
  positionals: [{ name: 'script' }],
  flags: [...GLOBAL_FLAGS, { long: 'name', value: 'string', help: 'Name of the Worker' }, { long: 'dry-run', help: "Don't actually deploy" }],
};
const LOGIN: CommandSpec = {
  name: 'login',
  about: '🔓 Login to Cloudflare',
  flags: [...GLOBAL_FLAGS, { long: 'browser', help: 'Automatically open the OAuth link in a browser' }],
};
const LOGOUT: CommandSpec = { name: 'logout', about: '🚪 Logout from Cloudflare', flags: GLOBAL_FLAGS };
const WHOAMI: CommandSpec = { name: 'whoami', about: '🕵️  Retrieve your user information', flags: GLOBAL_FLAGS };
const COMMANDS = [INIT, DEV, DEPLOY, LOGIN, LOGOUT, WHOAMI];
const HELPS: Record<string, string> = { init: INIT_HELP, dev: DEV_HELP, deploy: DEPLOY_HELP };

function banner(out: OutputSink): void {
  out.write(` ⛅️ wrangler ${WRANGLER_VERSION}\n${'─'.repeat(13 + WRANGLER_VERSION.length)}\n`);
}

/** `wrangler-YYYY-MM-DD_HH-MM-SS_mmm.log`, the time the command started (wrangler's logger). */
function logFileName(): string {
  const d = new Date(Date.now());
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `wrangler-${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}_${p(d.getUTCHours())}-${p(d.getUTCMinutes())}-${p(d.getUTCSeconds())}_${p(d.getUTCMilliseconds(), 3)}.log`;
}

/** `✘ [ERROR] …`, two blank lines and the logs line; the log file really gets the message. */
function fail(ctx: CommandContext, message: string): number {
  const err = ctx.stderr;
  const tty = err.isTTY;
  const mark = `${paint(SGR.red, '✘', tty)} ${paint(`${sgr(41)}${sgr(97)}`, '[ERROR]', tty)}`;
  err.write(`${mark} ${message.replace(/\n+$/, '')}\n\n\n`);
  const dir = `${ctx.shell.home}/.config/.wrangler/logs`;
  const file = logFileName();
  try {
    ctx.fs.mkdir(dir, { recursive: true });
    ctx.fs.writeFile(`${dir}/${file}`, `--- ${new Date(Date.now()).toISOString()} error\n${message}\n`, { append: true });
  } catch {
    /* the log is a courtesy */
  }
  err.write(`🪵  Logs were written to "~/.config/.wrangler/logs/${file}"\n`);
  return 1;
}

function warn(ctx: CommandContext, message: string): void {
  const tty = ctx.stderr.isTTY;
  ctx.stderr.write(`${paint(SGR.yellow, '▲', tty)} ${paint(`${sgr(43)}${sgr(30)}`, '[WARNING]', tty)} ${message.replace(/\n+$/, '')}\n\n\n`);
}

/** yargs strict parsing; on failure wrangler prints the command's help on stdout and its error. */
function parse(ctx: CommandContext, spec: CommandSpec, argv: string[]) {
  const help = HELPS[spec.name] ?? TOP_HELP;
  const r = yargsParse(spec, argv, () => help);
  if (!r.ok) {
    ctx.stdout.write(help);
    const message = r.stderr.trimEnd().split('\n').pop()!;
    return fail(ctx, message);
  }
  if (r.parsed.has('help')) {
    ctx.stdout.write(help);
    return 0;
  }
  return r.parsed;
}

interface LoadedProject {
  dir: string;
  file: string;
  name: string;
  main: string;
  buildCommand?: string;
}

/** Finds and validates the config (or fails as wrangler fails). */
function loadProject(
  ctx: CommandContext,
  configArg: string | undefined,
  scriptArg: string | undefined,
  nameArg: string | undefined,
): LoadedProject | number {
  let path: string | undefined;
  if (configArg) {
    path = ctx.shell.resolvePath(configArg);
    if (!ctx.fs.exists(path)) return fail(ctx, `Could not read file: ${configArg}\n\n  ENOENT: no such file or directory, open '${path}'`);
  } else {
    path = CONFIG_FILES.map((f) => childPath(ctx.cwd, f)).find((p) => ctx.fs.stat(p)?.kind === 'file');
  }
  const dir = path ? dirname(path) : ctx.cwd;
  const file = path ? path.slice(dir.length + 1) : 'wrangler.toml';
  let name = nameArg;
  let main = scriptArg;
  let buildCommand: string | undefined;
  if (path) {
    const r = readWorkerConfig(file, ctx.fs.readText(path));
    if (r.syntax) return fail(ctx, renderSyntaxError(file, r.syntax));
    if (r.warnings.length) warn(ctx, renderDiagnostics(file, r.warnings));
    if (r.errors.length) return fail(ctx, renderDiagnostics(file, r.errors));
    name ??= r.config.name;
    main ??= r.config.main;
    buildCommand = r.config.buildCommand;
  }
  if (!main) {
    return fail(
      ctx,
      `Missing entry-point to Worker script or to assets directory\n\n\nIf there is code to deploy, you can either:\n- Specify an entry-point to your Worker script via the command line (ex: \`npx wrangler deploy src/index.ts\`)\n- Or create a "wrangler.jsonc" file containing:\n\n\`\`\`\n{\n  "name": "worker-name",\n  "compatibility_date": "${new Date(Date.now()).toISOString().slice(0, 10)}",\n  "main": "src/index.ts"\n}\n\`\`\``,
    );
  }
  if (!name)
    return fail(
      ctx,
      'You need to provide a name of your worker. Either pass it as a cli arg with `--name <name>` or in your configuration file as `name = "<name>"`',
    );
  return { dir, file, name, main, buildCommand };
}

/**
 * `[build] command`, SIMULATED: wrangler runs it in a shell and prefixes its output. worker-build (the
 * workers-rs template's command) needs rustup's wasm32-unknown-unknown standard library first, as it checks;
 * its lines are worker-build's own (worker-build/src/build/*.rs). Other commands are not run.
 */
function customBuild(ctx: CommandContext, project: LoadedProject): boolean | number {
  const cmd = project.buildCommand;
  if (!cmd) return true;
  const out = ctx.stdout;
  const line = (text: string) => out.write(`[custom build] ${text}\n`);
  line(`Running: ${cmd}`);
  if (/\bworker-build\b/.test(cmd)) {
    const home = ctx.shell.home;
    if (!isTargetInstalled(ctx.fs, home, 'wasm32-unknown-unknown')) {
      line(`Error: wasm32-unknown-unknown target not found in sysroot: "${home}/.rustup/toolchains/${TOOLCHAIN}"`);
      line('');
      line(`Used rustc from the following path: "${home}/.rustup/toolchains/${TOOLCHAIN}/bin/rustc"`);
      line('It looks like Rustup is being used.');
      line('');
      const status = fail(ctx, `Running custom build \`${cmd}\` failed. There are likely more logs from your build command above.`);
      ctx.stderr.write(
        dojoLine('Rust Workers build for wasm32-unknown-unknown: rustup target add wasm32-unknown-unknown, then run this again.', ctx.stderr.isTTY),
      );
      return status;
    }
    line('[INFO]: 🎯  Checking for the Wasm target...');
    line('[INFO]: 🌀  Compiling to Wasm...');
    line(`   Compiling ${project.name} v0.1.0 (${project.dir})`);
    line('    Finished `release` profile [optimized] target(s) in 0.84s');
    line('[INFO]: ✨  Done in 1.02s');
    line(`[INFO]: 📦   Your wasm pkg is ready to publish at ${project.dir}/build.`);
    line('');
    const shim = childPath(project.dir, project.main);
    if (!ctx.fs.exists(shim)) {
      ctx.fs.mkdir(dirname(shim), { recursive: true });
      ctx.fs.writeFile(
        shim,
        '// The JavaScript shim worker-build writes around the crate\'s Wasm (simulated in the Dojo).\nimport * as imports from "./index_bg.js";\nexport default imports;\n',
      );
    }
    return true;
  }
  line('');
  ctx.stderr.write(dojoLine(`the Dojo does not run \`${cmd}\`; it serves the project's source as it is.`, ctx.stderr.isTTY));
  return true;
}

function edgeIO(ctx: CommandContext): EdgeIO {
  return { stdout: ctx.stdout, stderr: ctx.stderr, fs: ctx.fs, prompt: (q, d) => ctx.prompt(q, d), resolvePath: (p) => ctx.shell.resolvePath(p) };
}

async function init(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = parse(ctx, INIT, argv);
  if (typeof parsed === 'number') {
    if (parsed !== 0 && argv.some((a) => a === '--type' || a.startsWith('--type='))) {
      ctx.stderr.write(
        dojoLine(
          'wrangler 2+ has no --type (that was Wrangler 1, `wrangler generate --type rust`): for a Rust worker, cargo generate cloudflare/workers-rs; for JS/TS, npm create cloudflare@latest.',
          ctx.stderr.isTTY,
        ),
      );
    }
    return parsed;
  }
  banner(ctx.stdout);
  const name = parsed.positionals[0];
  const yes = parsed.has('yes');
  ctx.stdout.write(`🌀 Running \`npm create cloudflare@^2.5.0 ${name ?? ''}${yes ? ' -y' : ''} -- --wrangler-defaults\`...\n`.replace('  ', ' '));
  return createCloudflare(edgeIO(ctx), [...(name ? [name] : []), ...(yes ? ['-y'] : []), '--type=hello-world', '--lang=ts']);
}

async function dev(ctx: CommandContext, argv: string[], commandLine: string): Promise<number> {
  const parsed = parse(ctx, DEV, argv);
  if (typeof parsed === 'number') return parsed;
  banner(ctx.stdout);
  if (parsed.has('remote')) {
    ctx.stderr.write(dojoLine("--remote runs on Cloudflare's network; the Dojo is offline, so it serves locally.", ctx.stderr.isTTY));
  }
  const project = loadProject(ctx, parsed.value('config'), parsed.positionals[0], parsed.value('name'));
  if (typeof project === 'number') return project;
  const built = customBuild(ctx, project);
  if (typeof built === 'number') return built;
  const mainPath = childPath(project.dir, project.main);
  if (!ctx.fs.exists(mainPath)) return fail(ctx, `The entry-point file at "${project.main}" was not found.`);
  const engine = ctx.services.engine;
  if (!engine) return fail(ctx, 'dojo: no Wasm engine is available in this session');
  const standIn = await edgeStandIn(ctx.fs, ctx.shell.home, project.dir);
  if (!standIn) return fail(ctx, 'dojo: the precompiled module ~/modules/wagi-hello.wasm is missing (run `dojo reset`)');
  const portText = parsed.value('port') ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(ctx, `Invalid port: ${portText}`);
  const ip = parsed.value('ip') ?? 'localhost';
  const out = ctx.stdout;
  const controller = new AbortController();
  const services = ctx.services;
  const handler = createEdgeHandler({
    name: project.name,
    wasm: standIn.wasm,
    engine,
    signal: controller.signal,
    onRequest: (r) => out.write(`[wrangler:info] ${r.method} ${r.path} ${r.status} ${REASONS[r.status] ?? ''} (${r.ms}ms)\n`.replace('  (', ' (')),
    onOutput: (text) => out.write(text),
    onRun: (label, result) => services.recordRun?.(`${commandLine}: ${label}`, result),
  });
  const network = ctx.services.machine.network;
  let listener;
  try {
    listener = network.listen(ip, port, handler, commandLine);
  } catch (err) {
    if (err instanceof AddressInUseError)
      return fail(
        ctx,
        `Address already in use (${ip === 'localhost' ? '127.0.0.1' : ip}:${port}). Please check that you are not already running a server on this address or specify a different port with --port.`,
      );
    throw err;
  }
  out.write(
    '╭───────────────────────────╮\n│  [b] open a browser       │\n│  [d] open devtools        │\n│  [e] open local explorer  │\n│  [t] start tunnel         │\n│  [c] clear console        │\n│  [x] to exit              │\n╰───────────────────────────╯\n',
  );
  out.write(`⎔ Starting local server...\n[wrangler:info] Ready on http://${ip}:${port}\n`);
  out.write(standInLine([{ path: project.main, what: standIn.what }], out.isTTY));
  const job = ctx.services.machine.jobs.add(commandLine, () => {
    controller.abort();
    network.close(listener);
  });
  out.write(
    dojoLine(
      `serving in the background as job [${job.id}] (like \`${commandLine} &\`): curl http://${ip}:${port}/ ; \`jobs\` lists it, \`kill %${job.id}\` stops it (the hotkeys do nothing here)`,
      out.isTTY,
    ),
  );
  return 0;
}

/** wrangler's OAuth state (wrangler keeps it in ~/.config/.wrangler/config/default.toml). */
const authFile = (ctx: CommandContext) => `${ctx.shell.home}/.config/.wrangler/config/default.toml`;
const loggedIn = (ctx: CommandContext) => ctx.fs.exists(authFile(ctx)) || (ctx.env.get('CLOUDFLARE_API_TOKEN') ?? '') !== '';

function doLogin(ctx: CommandContext): void {
  const out = ctx.stdout;
  out.write('Attempting to login via OAuth...\n');
  out.write(
    'Opening a link in your default browser: https://dash.cloudflare.com/oauth2/auth?response_type=code&client_id=54d11594-84e4-41aa-b438-e81b8fa78ee7&redirect_uri=http%3A%2F%2Flocalhost%3A8976%2Foauth%2Fcallback&scope=account%3Aread%20user%3Aread%20workers%3Awrite%20offline_access&state=dojo&code_challenge=dojo&code_challenge_method=S256\n',
  );
  out.write('Successfully logged in.\n');
  ctx.fs.mkdir(dirname(authFile(ctx)), { recursive: true });
  ctx.fs.writeFile(
    authFile(ctx),
    `oauth_token = "dojo-simulated-token"\nexpiration_time = "${new Date(Date.now() + 3600_000).toISOString()}"\nrefresh_token = "dojo-simulated"\nscopes = [ "account:read", "user:read", "workers:write", "offline_access" ]\n`,
  );
  ctx.stderr.write(
    dojoLine(
      'simulated login: no browser opened and no token exists; the Dojo only remembers that you logged in (wrangler logout forgets it).',
      ctx.stderr.isTTY,
    ),
  );
}

async function deploy(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = parse(ctx, DEPLOY, argv);
  if (typeof parsed === 'number') return parsed;
  banner(ctx.stdout);
  const project = loadProject(ctx, parsed.value('config'), parsed.positionals[0], parsed.value('name'));
  if (typeof project === 'number') return project;
  const built = customBuild(ctx, project);
  if (typeof built === 'number') return built;
  if (!ctx.fs.exists(childPath(project.dir, project.main))) return fail(ctx, `The entry-point file at "${project.main}" was not found.`);
  const standIn = await edgeStandIn(ctx.fs, ctx.shell.home, project.dir);
  if (!standIn) return fail(ctx, 'dojo: the precompiled module ~/modules/wagi-hello.wasm is missing (run `dojo reset`)');
  // The upload is the entry point plus the Wasm it imports: sizes really measured, gzip really computed.
  const main = ctx.fs.readFile(childPath(project.dir, project.main));
  const total = main.length + standIn.wasm.length;
  const gzip = gzipSync(main).length + gzipSync(standIn.wasm).length;
  const kib = (n: number) => (n / 1024).toFixed(2);
  const out = ctx.stdout;
  out.write(`Total Upload: ${kib(total)} KiB / gzip: ${kib(gzip)} KiB\n`);
  if (parsed.has('dry-run')) {
    out.write('No bindings found.\n--dry-run: exiting now.\n');
    return 0;
  }
  if (!loggedIn(ctx)) {
    if (!ctx.stdout.isTTY) {
      return fail(
        ctx,
        "In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work. Please go to https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ for instructions on how to create an api token, and assign its value to CLOUDFLARE_API_TOKEN.\n\nTo continue without logging in, rerun this command with `--temporary`. Wrangler will use a temporary account and print a claim URL.",
      );
    }
    doLogin(ctx);
  }
  const version = crypto.randomUUID();
  out.write(
    `Uploaded ${project.name} (1.02 sec)\nDeployed ${project.name} triggers (0.33 sec)\n  https://${project.name}.learner.workers.dev\nCurrent Version ID: ${version}\n`,
  );
  ctx.stderr.write(
    dojoLine(
      `simulated deploy: nothing left the browser and https://${project.name}.learner.workers.dev does not exist. For real, wrangler uploads the bundle to Cloudflare's API and every data center can start it in a V8 isolate on the first request.`,
      ctx.stderr.isTTY,
    ),
  );
  return 0;
}

function whoami(ctx: CommandContext): number {
  banner(ctx.stdout);
  const out = ctx.stdout;
  out.write('Getting User settings...\n');
  if (!loggedIn(ctx)) {
    out.write('You are not authenticated. Please run `wrangler login`.\n');
    return 0;
  }
  const token = ctx.env.get('CLOUDFLARE_API_TOKEN') ? 'an User API Token' : 'an OAuth Token';
  out.write(`👋 You are logged in with ${token}, associated with the email learner@example.com.\n`);
  out.write(
    "┌─────────────────────────┬──────────────────────────────────┐\n│ Account Name            │ Account ID                       │\n├─────────────────────────┼──────────────────────────────────┤\n│ learner@example.com's Account │ 0123456789abcdef0123456789abcdef │\n└─────────────────────────┴──────────────────────────────────┘\n",
  );
  ctx.stderr.write(dojoLine('simulated account: the Dojo has no Cloudflare account behind this.', ctx.stderr.isTTY));
  return 0;
}

export const wranglerCommand: CommandDefinition = {
  name: 'wrangler',
  summary: 'Cloudflare Workers CLI: init, dev (serves for real on :8787), deploy/login (simulated)',
  usage: 'wrangler <command>',
  subcommands: toSubcommandSpecs({ name: 'wrangler', about: '', subcommands: COMMANDS }),
  complete(args, partial) {
    if (args.length === 0) return COMMANDS.map((c) => c.name).filter((n) => n.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const argv = ctx.argv.slice(1);
    const [sub, ...rest] = argv;
    const commandLine = ctx.argv.join(' ');
    if (sub === '--version' || sub === '-v') {
      ctx.stdout.write(`${WRANGLER_VERSION}\n`);
      return 0;
    }
    if (sub === undefined || sub === '--help' || sub === '-h') {
      ctx.stdout.write(TOP_HELP);
      return 0;
    }
    switch (sub) {
      case 'init':
        return init(ctx, rest);
      case 'dev':
        return dev(ctx, rest, commandLine);
      case 'deploy':
        return deploy(ctx, rest);
      case 'login': {
        const p = parse(ctx, LOGIN, rest);
        if (typeof p === 'number') return p;
        banner(ctx.stdout);
        doLogin(ctx);
        return 0;
      }
      case 'logout': {
        const p = parse(ctx, LOGOUT, rest);
        if (typeof p === 'number') return p;
        banner(ctx.stdout);
        if (!ctx.fs.exists(authFile(ctx))) {
          ctx.stdout.write('Not logged in, exiting...\n');
          return 0;
        }
        ctx.fs.remove(authFile(ctx));
        ctx.stdout.write('Successfully logged out.\n');
        return 0;
      }
      case 'whoami': {
        const p = parse(ctx, WHOAMI, rest);
        if (typeof p === 'number') return p;
        return whoami(ctx);
      }
      default: {
        // yargs strict mode: the unknown command is an unknown argument, after the full help.
        ctx.stdout.write(TOP_HELP);
        const status = fail(ctx, unknownArgumentsMessage([sub]));
        if (sub === 'publish' || sub === 'generate' || sub === 'build')
          ctx.stderr.write(
            dojoLine(
              sub === 'publish'
                ? 'wrangler publish was renamed wrangler deploy in v3 and removed in v4.'
                : `wrangler ${sub} belonged to Wrangler 1; today: wrangler dev / deploy (Rust: cargo generate cloudflare/workers-rs).`,
              ctx.stderr.isTTY,
            ),
          );
        return status;
      }
    }
  },
};
