/**
 * `spin deploy`, `spin login`, `spin registry push|pull|login` (Spin 3.x, src/commands/registry.rs). The Dojo is offline, so
 * these are SIMULATED: deploy prints what Spin 3.x's cloud plugin prints on success and says nothing was
 * uploaded; registry push stores the app as an OCI artifact in the machine's local registry
 * (src/registry/store.ts, laid out by src/registry/artifacts/spin-app.ts).
 */
import { isValidReference, parseReference } from '../../registry/reference';
import { RegistryError } from '../../registry/store';
import { loginHint, mayPush, unauthorizedMessage } from '../../registry/auth';
import { verifySpinArtifact } from './registry-pull';
import { pullSpinApp, pushSpinApp } from '../../registry/artifacts/spin-app';
import { describeRoute } from '../../spin/router';
import { kebabCase } from '../../spin/templates';
import type { CommandContext } from '../../shell/types';
import { loadSpinApp } from '../../spin/app-loader';
import { locateApp } from './locate-app';
import { runBuild } from './build';
import { type ClapCommand, clapHelp, clapInvalidValue, clapParse, clapUsageError } from '../cli/clap';
import type { CommandSpec, Parsed } from '../cli/spec';
import { registryMissNote, unreachableRegistry, writeError } from './output';
import { SPIN_DEPLOY, SPIN_REGISTRY_LOGIN, SPIN_REGISTRY_PULL, SPIN_REGISTRY_PUSH } from './flags';
import { dojoLine } from '../../lib/dojo-line';

/**
 * The app push/deploy publish, as Spin finds it: `-f/--from` names it, `--build` builds it first
 * (same loader as `spin up`). Prints Spin's error and returns a status when it cannot be had.
 */
async function appToPublish(ctx: CommandContext, args: Parsed) {
  const manifestPath = locateApp(ctx, args.value('from'));
  if (!manifestPath) return 1;
  if (args.has('build')) {
    const status = await runBuild(ctx, { manifestPath, componentIds: [] });
    if (status !== 0) return status;
  }
  const app = loadSpinApp(ctx.fs, manifestPath);
  if (!app.ok) {
    writeError(ctx.stderr, app.top, app.causes);
    return 1;
  }
  return app;
}

/** The 8-character deployment suffix Fermyon Cloud shows (`0.1.0+XXXXXXXX`), stable for the same app text. */
function deploySuffix(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const DEPLOY_HELP = `Package and upload an application to the Fermyon Cloud

Usage: spin deploy [OPTIONS]

Options:
  -f, --from <APPLICATION>  The application to deploy. This may be a manifest (spin.toml) file, or a directory containing a spin.toml file. If omitted, it defaults to "spin.toml"
      --build               For local apps, specifies to perform \`spin build\` before deploying the application
  -h, --help                Print help

dojo: simulated. \`spin deploy\` runs the \`cloud\` plugin and uploads to Fermyon Cloud (never to Kubernetes);
the Dojo is offline, so nothing is uploaded. For Kubernetes: \`spin registry push\`, then a SpinApp.
`;

export async function runDeploy(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = clapParse(ctx, { spec: SPIN_DEPLOY, bin: 'spin deploy', help: () => DEPLOY_HELP }, argv);
  if (typeof args === 'number') return args;
  const app = await appToPublish(ctx, args);
  if (typeof app === 'number') return app;
  const color = ctx.stdout.isTTY;
  const { name, version } = app.manifest.application;
  const suffix = deploySuffix(`${name}${app.loaded.text}`);
  ctx.stdout.write(`Uploading ${name} version ${version ?? '0.1.0'}+${suffix} to Fermyon Cloud...\n`);
  ctx.stdout.write('Deploying...\n');
  ctx.stdout.write('Waiting for application to become ready... ready\n');
  ctx.stdout.write('Available Routes:\n');
  // The host name is the app name kebab-cased (`hello_typescript` → `hello-typescript-…`): DNS has no `_`.
  const base = `https://${kebabCase(name)}-${suffix}.fermyon.app`;
  for (const t of app.manifest.httpTriggers) if (!t.private) ctx.stdout.write(`  ${t.component}: ${describeRoute(base, t.route)}\n`);
  ctx.stdout.write(dojoLine('simulated: the Dojo is offline, nothing was uploaded and the URL above does not exist', color));
  return 0;
}

export const REGISTRY_HELP = `Commands for working with OCI registries to distribute applications

Usage: spin registry <COMMAND>

Commands:
  push   Push a Spin application to a registry
  pull   Pull a Spin application from a registry
  login  Log in to a registry
  help   Print this message or the help of the given subcommand(s)

Options:
  -h, --help  Print help

dojo: simulated. Pushes go to the Dojo's local registry, kept in this browser (\`dojo reset\` empties it); nothing
leaves the browser. \`spin up --from REF\` runs what was pushed.
`;

/** `spin registry push|pull|login`: clap's help from the declaration, with the Dojo's note. */
function registryCommand(spec: CommandSpec): ClapCommand {
  const cmd: ClapCommand = { spec, bin: `spin registry ${spec.name}`, help: () => clapHelp(cmd, { afterHelp: REGISTRY_NOTE }) };
  return cmd;
}

const REGISTRY_NOTE = "dojo: simulated network. Pushes go to the Dojo's registry, kept in this browser; nothing leaves it.\n";

export async function runRegistry(ctx: CommandContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const color = ctx.stdout.isTTY;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    (sub === undefined ? ctx.stderr : ctx.stdout).write(REGISTRY_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'push') {
    const parsed = clapParse(ctx, registryCommand(SPIN_REGISTRY_PUSH), rest);
    if (typeof parsed === 'number') return parsed;
    const ref = parsed.positionals[0];
    if (!ref) {
      ctx.stderr.write(
        clapUsageError(
          'the following required arguments were not provided:\n  <REFERENCE>',
          'spin registry push [OPTIONS] <REFERENCE>',
          ctx.stderr.isTTY,
        ),
      );
      return 2;
    }
    const app = await appToPublish(ctx, parsed);
    if (typeof app === 'number') return app;
    if (!isValidReference(ref)) {
      writeError(ctx.stderr, `Failed to parse reference ${ref}`, ['invalid reference format']);
      return 1;
    }
    const annotations: Record<string, string> = {};
    for (const kv of parsed.all('annotation')) {
      const eq = kv.indexOf('=');
      if (eq < 0) {
        ctx.stderr.write(clapInvalidValue('--annotation <ANNOTATIONS>', kv, `no \`=\` found in \`${kv}\``, ctx.stderr.isTTY));
        return 2;
      }
      annotations[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    ctx.stdout.write('Pushing app to the Registry...\n');
    const { name, version } = app.manifest.application;
    const store = ctx.services.machine.registry;
    const parsedRef = parseReference(ref)!;
    if (!mayPush(store, parsedRef.registry)) {
      // Spin's client.rs: `.context("cannot push Spin application")` over oci-client's ServerError, whose
      // Display real Spin users report as `Server error: url …, code: …, message: <body>`; the body is the
      // registry's error envelope for an anonymous upload. [V*]
      const [code, ...msg] = unauthorizedMessage(parsedRef.registry).split(': ');
      const body = JSON.stringify({ errors: [{ code: code!.toUpperCase(), message: msg.join(': ') }] });
      writeError(ctx.stderr, 'cannot push Spin application', [
        `Server error: url https://${parsedRef.registry}/v2/${parsedRef.path}/blobs/uploads/, code: 401, message: ${body}`,
      ]);
      ctx.stderr.write(dojoLine(loginHint(parsedRef.registry, `spin registry login ${parsedRef.registry}`), ctx.stderr.isTTY));
      return 1;
    }
    const { description, authors } = app.manifest.application;
    let digest: string;
    try {
      digest = await pushSpinApp(
        store,
        ref,
        { manifestText: app.loaded.text, modules: app.modules },
        { name, version, created: new Date(), ...(description ? { description } : {}), authors, annotations },
      );
    } catch (err) {
      if (err instanceof RegistryError) {
        writeError(ctx.stderr, 'cannot push Spin application', [err.message]);
        return 1;
      }
      throw err;
    }
    ctx.stdout.write(`Pushed with digest ${digest}\n`);
    ctx.stdout.write(dojoLine(`simulated network: stored in the Dojo's registry as ${ref}; nothing left the browser`, color));
    return 0;
  }
  if (sub === 'pull') {
    const parsed = clapParse(ctx, registryCommand(SPIN_REGISTRY_PULL), rest);
    if (typeof parsed === 'number') return parsed;
    const ref = parsed.positionals[0];
    if (!ref) {
      ctx.stderr.write(
        clapUsageError(
          'the following required arguments were not provided:\n  <REFERENCE>',
          'spin registry pull [OPTIONS] <REFERENCE>',
          ctx.stderr.isTTY,
        ),
      );
      return 2;
    }
    const verified = await verifySpinArtifact(ctx, ref);
    if (verified !== undefined) return verified;
    const pulled = pullSpinApp(ctx.services.machine.registry, ref);
    if (!pulled.ok) {
      // Spin v3.0.0 src/commands/registry.rs: `client.pull(&reference).await?` with no context of its own.
      const [top, ...causes] = unreachableRegistry(ref);
      writeError(ctx.stderr, top!, causes);
      ctx.stderr.write(dojoLine(registryMissNote(ref, pulled.reason, 'spin registry pull'), ctx.stderr.isTTY));
      return 1;
    }
    ctx.stdout.write('Successfully pulled the app from the registry\n');
    return 0;
  }
  if (sub === 'login') {
    const parsed = clapParse(ctx, registryCommand(SPIN_REGISTRY_LOGIN), rest);
    if (typeof parsed === 'number') return parsed;
    const server = parsed.positionals[0];
    if (!server) {
      ctx.stderr.write(
        clapUsageError('the following required arguments were not provided:\n  <SERVER>', 'spin registry login [OPTIONS] <SERVER>', ctx.stderr.isTTY),
      );
      return 2;
    }
    let user = parsed.value('username');
    let password = parsed.value('password');
    if (parsed.has('password-stdin')) password = new TextDecoder().decode(await ctx.stdin.readAll()).trim();
    if (user === undefined) {
      const answer = await ctx.prompt('Username: ');
      if (answer === null) {
        writeError(ctx.stderr, 'cannot log in to the registry', ['dojo: no username given (use -u)']);
        return 1;
      }
      user = answer.trim();
    }
    if (password === undefined) {
      const answer = await ctx.prompt('Password: ');
      if (answer === null) {
        writeError(ctx.stderr, 'cannot log in to the registry', ['dojo: no password given (use -p or --password-stdin)']);
        return 1;
      }
      password = answer;
    }
    if (!user || !password) {
      writeError(ctx.stderr, 'cannot log in to the registry', ['dojo: username and password must not be empty']);
      return 1;
    }
    ctx.services.machine.registry.login(server, user);
    ctx.stdout.write(`Successfully logged in as ${user} to registry ${server}\n`);
    ctx.stdout.write(dojoLine('simulated: no server checked the credentials; the Dojo keeps only the user name, in this browser', color));
    return 0;
  }
  ctx.stderr.write(clapUsageError(`unrecognized subcommand '${sub}'`, 'spin registry <COMMAND>', ctx.stderr.isTTY));
  return 2;
}
