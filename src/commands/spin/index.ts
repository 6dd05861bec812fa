/**
 * `spin`: the Spin CLI as of v3.0.0 (src/bin/spin.rs), dispatching to one file per subcommand.
 * Builds, deploys and registry pushes are simulated (the Dojo is offline and has no toolchains) and say so;
 * the components that `spin up` serves are real Wasm modules running in the engine.
 */
import type { CommandContext, CommandDefinition, CommandRegistry, SubcommandSpec } from '../../shell/types';
import { registerJobCommands } from './jobs';
import { locateApp } from './locate-app';
import { BUILD_HELP, runBuild } from './build';
import { DEPLOY_HELP, REGISTRY_HELP, runDeploy, runRegistry } from './cloud';
import { NEW_HELP, runNew, runTemplates, TEMPLATES_HELP } from './new';
import { clapUsageError } from '../clap-error';
import { lastValue, parseArgs, writeError } from './output';
import { dojoLine } from '../dojo-line';
import { runUp, UP_HELP } from './up';
import { listTemplates } from '../../spin/templates';

export { fgCommand, jobsCommand, killCommand } from './jobs';
export { stopAllSpinApps } from './up';

/** `spin --version` of Spin v3.0.0 (tag commit 737778e9, 2024-11-07). */
export const SPIN_VERSION_LINE = 'spin 3.0.0 (737778e9 2024-11-07)';

export const SPIN_HELP = `${SPIN_VERSION_LINE}
The Spin CLI

Usage: spin <COMMAND>

Commands:
  add        Scaffold a new component into an existing application
  build      Build the Spin application
  cloud      Package and upload an application to the Fermyon Cloud.
  deploy     Package and upload an application to the Fermyon Cloud.
  doctor     Detect and fix problems with Spin applications
  help       Print this message or the help of the given subcommand(s)
  login      Log into the Fermyon Cloud.
  new        Scaffold a new application based on a template
  plugins    Install/uninstall Spin plugins
  registry   Commands for working with OCI registries to distribute applications
  templates  Commands for working with WebAssembly component templates
  up         Start the Spin application
  watch      Build and run the Spin application, rebuilding and restarting it when files change

Options:
  -h, --help     Print help
  -V, --version  Print version

dojo: \`spin build\`, \`spin deploy\` and \`spin registry\` are simulated (offline, no toolchains); the
components \`spin up\` serves are real Wasm modules.
`;

const ALIASES: Record<string, string> = {
  template: 'templates',
  n: 'new',
  a: 'add',
  u: 'up',
  d: 'deploy',
  oci: 'registry',
  b: 'build',
  plugin: 'plugins',
  w: 'watch',
};

const SUBCOMMANDS: SubcommandSpec[] = [
  {
    name: 'new',
    summary: 'Scaffold a new application based on a template',
    flags: [
      { name: '-t', value: '<TEMPLATE_ID>', description: 'The template from which to create the new application' },
      { name: '--template', value: '<TEMPLATE_ID>', description: 'The template from which to create the new application' },
      { name: '--accept-defaults', description: 'Accept the defaults instead of prompting' },
      { name: '-a', description: 'Accept the defaults instead of prompting' },
      { name: '-o', value: '<OUTPUT_PATH>', description: 'The directory in which to create the new application' },
      { name: '--init', description: 'Create the new application in the current directory' },
      { name: '-v', value: '<name=value>', description: 'Parameter values to be passed to the template' },
      { name: '--no-vcs', description: 'Skip creating .gitignore' },
      { name: '--allow-overwrite', description: 'Generate into a non-empty directory' },
    ],
  },
  { name: 'templates', summary: 'Commands for working with WebAssembly component templates', subcommands: [{ name: 'list', summary: 'List the installed templates' }, { name: 'install', summary: 'Install templates' }] },
  {
    name: 'build',
    summary: 'Build the Spin application (simulated in the Dojo)',
    flags: [
      { name: '-f', value: '<APP_MANIFEST_FILE>', description: 'The application to build' },
      { name: '-c', value: '<COMPONENT_ID>', description: 'Component ID to build' },
      { name: '--up', description: 'Run the application after building' },
    ],
  },
  {
    name: 'up',
    summary: 'Start the Spin application',
    flags: [
      { name: '--listen', value: '<ADDRESS>', description: 'IP address and port to listen on' },
      { name: '--build', description: 'Run spin build first' },
      { name: '-f', value: '<APPLICATION>', description: 'The application to run' },
      { name: '-e', value: '<ENV>', description: 'Pass an environment variable (key=value) to all components' },
      { name: '--quiet', description: 'Silence all component output to stdout/stderr' },
      { name: '--follow', value: '<FOLLOW_ID>', description: 'Print output only for given component(s)' },
    ],
  },
  { name: 'deploy', summary: 'Package and upload an application to the Fermyon Cloud (simulated)' },
  { name: 'registry', summary: 'Commands for working with OCI registries (simulated)', subcommands: [{ name: 'push', summary: 'Push a Spin application to a registry' }, { name: 'pull', summary: 'Pull a Spin application' }, { name: 'login', summary: 'Log in to a registry' }] },
  { name: 'login', summary: 'Log into the Fermyon Cloud (simulated)' },
  { name: 'plugins', summary: 'Install/uninstall Spin plugins' },
  { name: 'doctor', summary: 'Detect and fix problems with Spin applications' },
];

async function runBuildCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: [['-f', '--from', '--file'], ['-c', '--component-id']], booleans: [['-u', '--up'], ['-h', '--help']] });
  if (!parsed.ok) {
    ctx.stderr.write(clapUsageError(parsed.error, 'spin build [OPTIONS] [UP_ARGS]...', ctx.stderr.isTTY));
    return 2;
  }
  if (parsed.args.booleans.has('-h')) {
    ctx.stdout.write(BUILD_HELP);
    return 0;
  }
  const manifestPath = locateApp(ctx, lastValue(parsed.args, '-f'));
  if (!manifestPath) return 1;
  const status = await runBuild(ctx, { manifestPath, componentIds: parsed.args.values.get('-c') ?? [] });
  if (status !== 0 || !parsed.args.booleans.has('-u')) return status;
  const upArgs = [...parsed.args.positionals, ...parsed.args.rest, '--from', manifestPath];
  return runUp(ctx, upArgs, `spin up ${upArgs.join(' ')}`.trim());
}

function unavailable(ctx: CommandContext, what: string): number {
  writeError(ctx.stderr, `dojo: \`spin ${what}\` is not available in the Dojo`);
  return 1;
}

export const spinCommand: CommandDefinition = {
  name: 'spin',
  summary: 'Spin: build and run serverless WebAssembly apps (builds and deploys simulated)',
  usage: 'spin <COMMAND>',
  flags: [
    { name: '--help', description: 'Print help' },
    { name: '-h', description: 'Print help' },
    { name: '--version', description: 'Print version' },
    { name: '-V', description: 'Print version' },
  ],
  subcommands: SUBCOMMANDS,
  complete(args, partial) {
    const prev = args[args.length - 1];
    if (prev === '-t' || prev === '--template') return listTemplates().map((t) => t.id).filter((id) => id.startsWith(partial));
    if (prev === '--listen') return ['127.0.0.1:3000', '0.0.0.0:3000'].filter((a) => a.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const [, first, ...rest] = ctx.argv;
    if (first === undefined) {
      ctx.stderr.write(SPIN_HELP);
      return 2;
    }
    if (first === '--version' || first === '-V') {
      ctx.stdout.write(`${SPIN_VERSION_LINE}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h') {
      ctx.stdout.write(SPIN_HELP);
      return 0;
    }
    const sub = ALIASES[first] ?? first;
    const commandLine = ctx.argv.join(' ');
    try {
      switch (sub) {
        case 'help': {
          const topic = rest[0] ? (ALIASES[rest[0]] ?? rest[0]) : undefined;
          const helps: Record<string, string> = { new: NEW_HELP, build: BUILD_HELP, up: UP_HELP, deploy: DEPLOY_HELP, registry: REGISTRY_HELP, templates: TEMPLATES_HELP };
          ctx.stdout.write((topic && helps[topic]) || SPIN_HELP);
          return 0;
        }
        case 'new':
          return await runNew(ctx, rest);
        case 'templates':
          return await runTemplates(ctx, rest);
        case 'build':
          return await runBuildCommand(ctx, rest);
        case 'up':
          return await runUp(ctx, rest, commandLine);
        case 'deploy':
        case 'cloud':
          return await runDeploy(ctx, sub === 'cloud' && rest[0] === 'deploy' ? rest.slice(1) : rest);
        case 'login':
          ctx.stdout.write(dojoLine('simulated: `spin login` runs `spin cloud login` (Fermyon Cloud); the Dojo is offline, so there is nothing to log in to', ctx.stdout.isTTY));
          return 0;
        case 'registry':
          return await runRegistry(ctx, rest);
        case 'plugins':
          if (rest[0] === 'list') {
            ctx.stdout.write('cloud 0.10.0 [installed]\n');
            return 0;
          }
          return unavailable(ctx, `plugins ${rest[0] ?? ''}`.trim());
        case 'add':
        case 'watch':
        case 'doctor':
          return unavailable(ctx, sub);
        default:
          writeError(ctx.stderr, `'${first}' is not a known Spin command. See spin --help.`);
          return 2;
      }
    } catch (err) {
      // Bad input must never escape as a throw: report it Spin-style.
      writeError(ctx.stderr, err instanceof Error ? err.message : String(err));
      return 1;
    }
  },
};

/** Registers `spin` and, as the app does, `jobs`/`fg`/`kill` for its background servers (tests use this). */
export function registerSpin(registry: CommandRegistry): void {
  if (!registry.get(spinCommand.name)) registry.register(spinCommand);
  registerJobCommands(registry);
}
