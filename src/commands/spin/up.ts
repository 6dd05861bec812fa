/**
 * `spin up` (v3.0.0 src/commands/up.rs, crates/trigger-http): validate and load the app, print Spin's startup lines, then serve on the
 * Dojo's loopback network. Real `spin up` holds the terminal until Ctrl-C; the Dojo's shell has no `&`, so
 * the server goes to the background by itself (as `spin up &` would), is listed by `jobs`, comes back with
 * `fg` (then Ctrl-C stops it) and stops with `kill %N`.
 */
import { createSpinAppHandler, type SpinLog } from '../../spin/app-host';
import { AddressInUseError } from '../../machine/network';
import { describeRoute } from '../../spin/router';
import type { CommandContext } from '../../shell/types';
import { resolveFrom } from '../../fs/path';
import { loadSpinApp, loadSpinAppFromArtifact, type LoadedApp } from '../../spin/app-loader';
import { isProbablyOciReference } from '../../registry/reference';
import { pullSpinApp } from '../../registry/artifacts/spin-app';
import { locateApp } from './locate-app';
import { verifySpinArtifact } from './registry-pull';
import { runBuild } from './build';
import { clapInvalidValue, clapParse, clapUsageError } from '../cli/clap';
import { SPIN_UP } from './flags';
import { formatWarning, registryMissNote, step, unreachableRegistry, writeError } from './output';
import { dojoLine } from '../../lib/dojo-line';

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

function parseListen(addr: string): { host: string; port: number } | null {
  // clap parses a SocketAddr: an IP literal and a port; host names such as localhost are refused.
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(addr);
  if (!m) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  return { host: m[1]!, port };
}

/**
 * The app a registry reference names, from the machine's local registry (what `spin registry push`
 * stored). Anything else would need the network: the Dojo is offline, so it fails as Spin fails for an
 * unreachable registry. Spin v3.0.0: crates/oci/src/loader.rs adds the context line; the chain below it is
 * the oci-distribution client's first request (`GET https://<registry>/v2/`) failing in reqwest 0.12 /
 * hyper-util 0.1 on a machine whose resolver answers nothing.
 */
async function pullFromRegistry(ctx: CommandContext, reference: string): Promise<LoadedApp | null> {
  const refused = await verifySpinArtifact(ctx, reference, `cannot pull Spin application from registry reference ${JSON.stringify(reference)}`);
  if (refused !== undefined) return null;
  const pulled = pullSpinApp(ctx.services.machine.registry, reference);
  if (pulled.ok) return loadSpinAppFromArtifact(pulled.app.manifestText, pulled.app.modules, reference);
  writeError(ctx.stderr, `cannot pull Spin application from registry reference ${JSON.stringify(reference)}`, unreachableRegistry(reference));
  ctx.stderr.write(dojoLine(registryMissNote(reference, pulled.reason, 'spin up --from'), ctx.stderr.isTTY));
  return null;
}

function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

export async function runUp(ctx: CommandContext, argv: string[], commandLine: string): Promise<number> {
  const args = clapParse(ctx, { spec: SPIN_UP, bin: 'spin up', help: () => UP_HELP }, argv);
  if (typeof args === 'number') return args;
  const color = ctx.stdout.isTTY;
  const listenText = args.all('listen').at(-1) ?? ctx.env.get('SPIN_HTTP_LISTEN_ADDR') ?? args.value('listen')!;
  const listen = parseListen(listenText);
  if (!listen) {
    ctx.stderr.write(clapInvalidValue('--listen <ADDRESS>', listenText, 'invalid socket address syntax', ctx.stderr.isTTY));
    return 2;
  }
  if (args.has('tls-cert') !== args.has('tls-key')) {
    const missing = args.has('tls-cert') ? '--tls-key <TLS_KEY>' : '--tls-cert <TLS_CERT>';
    ctx.stderr.write(clapUsageError(`the following required arguments were not provided:\n  ${missing}`, UP_USAGE, ctx.stderr.isTTY));
    return 2;
  }
  const engine = ctx.services.engine;
  if (!engine) {
    writeError(ctx.stderr, 'dojo: no Wasm engine is available in this session');
    return 1;
  }

  const from = args.value('from');
  const fromRegistry = args.value('from-registry');
  if (from !== undefined && fromRegistry !== undefined) {
    ctx.stderr.write(
      clapUsageError("the argument '--from <APPLICATION>' cannot be used with '--from-registry <REGISTRY_SOURCE>'", UP_USAGE, ctx.stderr.isTTY),
    );
    return 2;
  }
  let app: LoadedApp;
  if (fromRegistry !== undefined) {
    const pulled = await pullFromRegistry(ctx, fromRegistry);
    if (!pulled) return 1;
    app = pulled;
  } else if (from !== undefined && !ctx.fs.exists(ctx.shell.resolvePath(from))) {
    // Not a path: a registry reference, as Spin's AppSource::infer_source decides (src/commands/up/app_source.rs).
    if (!isProbablyOciReference(from)) {
      writeError(ctx.stderr, `File or directory '${from}' not found. If you meant to load from a registry, use the \`--from-registry\` option.`);
      return 1;
    }
    const pulled = await pullFromRegistry(ctx, from);
    if (!pulled) return 1;
    app = pulled;
  } else {
    const manifestPath = locateApp(
      ctx,
      from,
      "Default file 'spin.toml' not found. Run `spin up --from <APPLICATION>`, or `spin up --help` for usage.",
    );
    if (!manifestPath) return 1;
    if (args.has('build') || ctx.env.get('SPIN_ALWAYS_BUILD')) {
      const built = await runBuild(ctx, { manifestPath, componentIds: [] });
      if (built !== 0) return built;
    }
    app = loadSpinApp(ctx.fs, manifestPath);
  }
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
  for (const pair of args.all('env')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      ctx.stderr.write(clapInvalidValue('--env <ENV>', pair, 'Environment variable must be of the form `key=value`', ctx.stderr.isTTY));
      return 2;
    }
    for (const c of manifest.components) c.environment[pair.slice(0, eq)] = pair.slice(eq + 1);
  }

  const follow = args.all('follow');
  const unknownFollow = follow.filter((id) => !manifest.components.some((c) => c.id === id));
  if (unknownFollow.length) {
    // Spin 3.0 validate_follows (crates/trigger/src/cli/stdio.rs): both lists as `  - item` bullets.
    const bullets = (items: string[]) => items.map((i) => `  - ${i}`).join('\n');
    writeError(
      ctx.stderr,
      `The following component(s) specified in --follow do not exist in the application:\n${bullets(unknownFollow)}\nThe following components exist:\n${bullets(manifest.components.map((c) => c.id))}`,
    );
    return 1;
  }

  // Log directory: default <app>/.spin/logs (none for an app from a registry: it has no local directory),
  // `-L ""` turns file logging off.
  const logDirArg = args.value('log-dir') ?? ctx.env.get('SPIN_LOG_DIR');
  const defaultLogDir = loaded.appDir ? resolveFrom(loaded.appDir, '.spin/logs') : null;
  const logDir = logDirArg === '' ? null : logDirArg !== undefined ? ctx.shell.resolvePath(logDirArg) : defaultLogDir;
  if (logDir) {
    ctx.fs.mkdir(logDir, { recursive: true });
    // A given directory is printed absolute (std::path::absolute); the default as docs transcripts show it.
    const shown = logDirArg === undefined ? '.spin/logs/' : `${logDir.replace(/\/$/, '')}/`;
    ctx.stdout.write(`Logging component stdio to ${JSON.stringify(shown)}\n`);
  }

  const quiet = args.has('quiet');
  const stdout = ctx.stdout;
  const stderr = ctx.stderr;
  const fs = ctx.fs;
  // Spin 3.0 (crates/trigger/src/cli/stdio.rs, StdioLoggingExecutorHooks): per component instance it opens
  // `<log dir>/<component id>_stdout.txt` and `_stderr.txt` with create + append, and appends what the
  // component writes. (Spin passes the id through sanitize_filename; manifest ids are already [a-z0-9-].)
  const appendLog = (componentId: string, stream: 'stdout' | 'stderr', text: string) => {
    if (!logDir) return;
    try {
      fs.writeFile(resolveFrom(logDir, `${componentId}_${stream}.txt`), text, { append: true });
    } catch {
      /* the learner removed the log directory: keep serving */
    }
  };
  const log: SpinLog = {
    instanceStarting(componentId) {
      appendLog(componentId, 'stdout', '');
      appendLog(componentId, 'stderr', '');
    },
    componentOutput(componentId, stream, text) {
      appendLog(componentId, stream, text);
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
  const network = ctx.services.machine.network;
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

  const job = ctx.services.machine.jobs.add(commandLine, () => {
    controller.abort();
    network.close(listener);
  });
  ctx.stdout.write(
    dojoLine(
      `serving in the background as job [${job.id}] (like \`${commandLine} &\`): \`jobs\` lists it, \`fg\` brings it back (then Ctrl-C stops it), \`kill %${job.id}\` stops it`,
      color,
    ),
  );
  return 0;
}
