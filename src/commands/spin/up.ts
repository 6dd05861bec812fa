/**
 * `spin up` (v3.0.0 src/commands/up.rs, crates/trigger-http): validate and load the app, print Spin's startup lines, then serve on the
 * Dojo's loopback network. Real `spin up` holds the terminal until Ctrl-C; the Dojo's shell has no `&`, so
 * the server goes to the background by itself (as `spin up &` would), is listed by `jobs`, comes back with
 * `fg` (then Ctrl-C stops it) and stops with `kill %N`.
 */
import { createSpinAppHandler, type SpinLog } from '../../spin/app-host';
import { dojoJobs, spinJobsOf } from '../../spin/jobs';
import { AddressInUseError, spinNetworkOf } from '../../spin/network';
import { describeRoute } from '../../spin/router';
import type { CommandContext } from '../../shell/types';
import { resolveFrom } from '../../fs/path';
import { loadSpinApp } from '../../spin/app-loader';
import { locateApp } from './locate-app';
import { runBuild } from './build';
import { clapUsageError } from '../clap-error';
import { formatWarning, lastValue, parseArgs, step, writeError } from './output';
import { dojoLine } from '../dojo-line';

export const UP_USAGE = 'spin up [OPTIONS]';

export const UP_HELP = `Start the Spin application

Usage: spin up [OPTIONS]

Options:
  -f, --from <APPLICATION>          The application to run. This may be a manifest (spin.toml) file, a directory containing a spin.toml file, a remote registry reference, or a Wasm module (a .wasm file). If omitted, it defaults to "spin.toml"
  -k, --insecure                    Ignore server certificate errors from a registry
  -e, --env <ENV>                   Pass an environment variable (key=value) to all components of the application
      --build                       For local apps, specifies to perform \`spin build\` before running the application
  -L, --log-dir <APP_LOG_DIR>       Log directory for the stdout and stderr of components. Setting to the empty string disables logging to disk
      --follow <FOLLOW_ID>          Print output to stdout/stderr only for given component(s)
  -q, --quiet                       Silence all component output to stdout/stderr
      --listen <ADDRESS>            IP address and port to listen on [default: 127.0.0.1:3000]
  -h, --help                        Print help

dojo: in the Dojo the server keeps running in the background (like \`spin up &\`) so you can curl it from the
same terminal: \`jobs\` lists it, \`fg\` brings it back (then Ctrl-C stops it), \`kill %1\` stops it.
`;

const VALUE_FLAGS = [
  ['-f', '--from', '--file'],
  ['-e', '--env'],
  ['-L', '--log-dir'],
  ['--follow'],
  ['--listen'],
  ['--temp'],
  ['--cache-dir'],
  ['-c', '--component-id'],
  ['--runtime-config-file'],
  ['--state-dir'],
  ['--cache'],
  ['--key-value'],
  ['--sqlite'],
  ['--tls-cert'],
  ['--tls-key'],
];
const BOOL_FLAGS = [
  ['-k', '--insecure'],
  ['--build'],
  ['-q', '--quiet', '--sh', '--shush'],
  ['--direct-mounts'],
  ['--disable-cache'],
  ['--disable-pooling'],
  ['--allow-transient-write'],
  ['-h', '--help'],
];

function parseListen(addr: string): { host: string; port: number } | null {
  // clap parses a SocketAddr: an IP literal and a port; host names such as localhost are refused.
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(addr);
  if (!m) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  return { host: m[1]!, port };
}

function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

export async function runUp(ctx: CommandContext, argv: string[], commandLine: string): Promise<number> {
  const parsed = parseArgs(argv, { values: VALUE_FLAGS, booleans: BOOL_FLAGS });
  if (!parsed.ok) {
    ctx.stderr.write(clapUsageError(parsed.error, UP_USAGE, ctx.stderr.isTTY));
    return 2;
  }
  const args = parsed.args;
  if (args.booleans.has('-h')) {
    ctx.stdout.write(UP_HELP);
    return 0;
  }
  const color = ctx.stdout.isTTY;
  const listenText = lastValue(args, '--listen') ?? ctx.env.get('SPIN_HTTP_LISTEN_ADDR') ?? '127.0.0.1:3000';
  const listen = parseListen(listenText);
  if (!listen) {
    ctx.stderr.write(clapUsageError(`invalid value '${listenText}' for '--listen <ADDRESS>': invalid socket address syntax`, UP_USAGE, ctx.stderr.isTTY));
    return 2;
  }
  if (args.values.has('--tls-cert') !== args.values.has('--tls-key')) {
    const missing = args.values.has('--tls-cert') ? '--tls-key <TLS_KEY>' : '--tls-cert <TLS_CERT>';
    ctx.stderr.write(clapUsageError(`the following required arguments were not provided:\n  ${missing}`, UP_USAGE, ctx.stderr.isTTY));
    return 2;
  }
  const engine = ctx.services.engine;
  if (!engine) {
    writeError(ctx.stderr, 'dojo: no Wasm engine is available in this session');
    return 1;
  }

  const manifestPath = locateApp(
    ctx,
    lastValue(args, '-f'),
    "Default file 'spin.toml' not found. Run `spin up --from <APPLICATION>`, or `spin up --help` for usage.",
  );
  if (!manifestPath) return 1;
  const location = { path: manifestPath };

  if (args.booleans.has('--build') || ctx.env.get('SPIN_ALWAYS_BUILD')) {
    const built = await runBuild(ctx, { manifestPath, componentIds: [] });
    if (built !== 0) return built;
  }

  const app = loadSpinApp(ctx.fs, location.path);
  if (!app.ok) {
    writeError(ctx.stderr, app.top, app.causes);
    return 1;
  }
  const { manifest, loaded } = app;
  for (const d of loaded.validation.diagnostics) {
    if (d.severity !== 'warning') continue;
    if (d.message.startsWith('The following component routes are duplicates')) {
      for (const line of d.message.split('\n')) ctx.stderr.write(`${timestamp()} ERROR spin_trigger_http::server: ${line}\n`);
    } else if (!d.message.startsWith('This is a version 1 manifest')) {
      ctx.stderr.write(formatWarning([d.message], ctx.stderr.isTTY));
    }
  }

  if (manifest.httpTriggers.length === 0 && manifest.otherTriggerTypes.length === 0) {
    writeError(ctx.stderr, 'No triggers in app');
    return 1;
  }
  if (manifest.httpTriggers.length === 0) {
    writeError(ctx.stderr, `dojo: only HTTP triggers run in the Dojo; this app has: ${manifest.otherTriggerTypes.join(', ')}`);
    return 1;
  }

  // `-e KEY=VALUE` reaches every component's environment.
  for (const pair of args.values.get('-e') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      ctx.stderr.write(clapUsageError(`invalid value '${pair}' for '--env <ENV>': Environment variable must be of the form \`key=value\``, UP_USAGE, ctx.stderr.isTTY));
      return 2;
    }
    for (const c of manifest.components) c.environment[pair.slice(0, eq)] = pair.slice(eq + 1);
  }

  const follow = args.values.get('--follow') ?? [];
  const unknownFollow = follow.filter((id) => !manifest.components.some((c) => c.id === id));
  if (unknownFollow.length) {
    writeError(ctx.stderr, `The following component(s) specified in --follow do not exist in the application:\n  ${unknownFollow.join('\n  ')}`);
    return 1;
  }

  // Log directory: default <app>/.spin/logs, `-L ""` turns file logging off.
  const logDirArg = lastValue(args, '-L') ?? ctx.env.get('SPIN_LOG_DIR');
  const logDir = logDirArg === '' ? null : logDirArg !== undefined ? ctx.shell.resolvePath(logDirArg) : resolveFrom(loaded.appDir, '.spin/logs');
  if (logDir) {
    ctx.fs.mkdir(logDir, { recursive: true });
    // A given directory is printed absolute (std::path::absolute); the default as docs transcripts show it.
    const shown = logDirArg === undefined ? '.spin/logs/' : `${logDir.replace(/\/$/, '')}/`;
    ctx.stdout.write(`Logging component stdio to ${JSON.stringify(shown)}\n`);
  }

  const quiet = args.booleans.has('-q');
  const stdout = ctx.stdout;
  const stderr = ctx.stderr;
  const fs = ctx.fs;
  const log: SpinLog = {
    componentOutput(componentId, stream, text) {
      if (logDir) {
        try {
          fs.writeFile(resolveFrom(logDir, `${componentId}_${stream}.txt`), text, { append: true });
        } catch {
          /* the learner removed the log directory: keep serving */
        }
      }
      if (quiet || (follow.length > 0 && !follow.includes(componentId))) return;
      (stream === 'stdout' ? stdout : stderr).write(text);
    },
    logLine: (line) => stderr.write(`${line}\n`),
    warning: (lines) => stderr.write(formatWarning(lines, stderr.isTTY)),
  };

  const controller = new AbortController();
  const services = ctx.services;
  const handler = createSpinAppHandler({
    manifest,
    modules: app.modules,
    engine,
    log,
    signal: controller.signal,
    stderrIsTerminal: stderr.isTTY,
    onRun: (label, result) => services.recordRun?.(`${commandLine}: ${label}`, result),
  });
  const network = spinNetworkOf(ctx.services);
  let listener;
  try {
    listener = network.listen(listen.host, listen.port, handler, commandLine);
  } catch (err) {
    if (err instanceof AddressInUseError) {
      writeError(ctx.stderr, `Unable to listen on ${listenText}`, [err.message]);
      return 1;
    }
    throw err;
  }

  const baseUrl = `http://${listenText}`;
  ctx.stdout.write(`\n${step('Serving', baseUrl, color)}`);
  ctx.stdout.write('Available Routes:\n');
  for (const t of manifest.httpTriggers) {
    if (t.private) continue;
    ctx.stdout.write(`  ${t.component}: ${describeRoute(baseUrl, t.route)}\n`);
    const description = manifest.components.find((c) => c.id === t.component)?.description;
    if (description) ctx.stdout.write(`    ${description}\n`);
  }
  if (manifest.otherTriggerTypes.length) {
    ctx.stdout.write(dojoLine(`only HTTP triggers run in the Dojo; not started: ${manifest.otherTriggerTypes.join(', ')}`, color));
  }

  const job = spinJobsOf(ctx.services).add(commandLine, () => {
    controller.abort();
    network.close(listener);
  });
  ctx.stdout.write(
    dojoLine(`serving in the background as job [${job.id}] (like \`${commandLine} &\`): \`jobs\` lists it, \`fg\` brings it back (then Ctrl-C stops it), \`kill %${job.id}\` stops it`, color),
  );
  return 0;
}

/** Stops every running `spin up` (tests, `dojo reset`, the grader between attempts). */
export function stopAllSpinApps(jobs = dojoJobs): void {
  for (const job of jobs.list()) if (job.command.startsWith('spin ')) job.stop();
}
