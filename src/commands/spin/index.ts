/**
 * `spin`: the Spin CLI as of v3.0.0 (src/bin/spin.rs), dispatching to one file per subcommand.
 * Builds, deploys and registry pushes are simulated (the Dojo is offline and has no toolchains) and say so;
 * the components that `spin up` serves are real Wasm modules running in the engine.
 */
import type { CommandContext, CommandDefinition, CommandRegistry } from '../../shell/types';
import { locateApp } from './locate-app';
import { BUILD_HELP, runBuild } from './build';
import { DEPLOY_HELP, REGISTRY_HELP, runDeploy, runRegistry } from './cloud';
import { NEW_HELP, runNew, runTemplates, TEMPLATES_HELP } from './new';
import { writeError } from './output';
import { clapParse, clapValue } from '../cli/clap';
import { toFlagSpecs, toSubcommandSpecs } from '../cli/spec';
import { SPIN_BUILD, SPIN_SPEC } from './flags';
import { dojoLine } from '../../lib/dojo-line';
import { runUp, UP_HELP } from './up';
import { listTemplates } from '../../spin/templates';

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

/** `spin n` = `spin new`, … (each subcommand's clap aliases). */
const ALIASES: Record<string, string> = Object.fromEntries((SPIN_SPEC.subcommands ?? []).flatMap((s) => (s.aliases ?? []).map((a) => [a, s.name])));

async function runBuildCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = clapParse(ctx, { spec: SPIN_BUILD, bin: 'spin build', help: () => BUILD_HELP }, argv);
  if (typeof args === 'number') return args;
  const manifestPath = locateApp(ctx, args.value('from'));
  if (!manifestPath) return 1;
  const status = await runBuild(ctx, { manifestPath, componentIds: args.all('component-id') });
  if (status !== 0 || !args.has('up')) return status;
  const upArgs = [...args.positionals, ...args.rest, '--from', manifestPath];
  return runUp(ctx, upArgs, `spin up ${upArgs.join(' ')}`.trim());
}

function unavailable(ctx: CommandContext, what: string, rest: string[] = []): number {
  const helpAt = rest.findIndex((a) => a === '-h' || a === '--help');
  if (helpAt >= 0 && !rest.slice(0, helpAt).includes('--')) {
    // Asking for help changes nothing, even for a subcommand the Dojo does not run.
    const spec = SPIN_SPEC.subcommands?.find((s) => s.name === what.split(' ')[0]);
    ctx.stdout.write(`${spec?.about ?? ''}\n\nUsage: spin ${what} [OPTIONS]\n\n`);
    ctx.stdout.write(dojoLine(`\`spin ${what}\` is not available in the Dojo, so its options are not listed here`, ctx.stdout.isTTY));
    return 0;
  }
  writeError(ctx.stderr, `dojo: \`spin ${what}\` is not available in the Dojo`);
  return 1;
}

export const spinCommand: CommandDefinition = {
  name: 'spin',
  summary: 'Spin: build and run serverless WebAssembly apps (builds and deploys simulated)',
  usage: 'spin <COMMAND>',
  flags: [{ name: '--help', description: 'Print help' }, { name: '-h', description: 'Print help' }, ...toFlagSpecs(SPIN_SPEC)],
  subcommands: toSubcommandSpecs(SPIN_SPEC, clapValue),
  complete(args, partial) {
    const prev = args[args.length - 1];
    if (prev === '-t' || prev === '--template')
      return listTemplates()
        .map((t) => t.id)
        .filter((id) => id.startsWith(partial));
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
          const helps: Record<string, string> = {
            new: NEW_HELP,
            build: BUILD_HELP,
            up: UP_HELP,
            deploy: DEPLOY_HELP,
            registry: REGISTRY_HELP,
            templates: TEMPLATES_HELP,
          };
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
          ctx.stdout.write(
            dojoLine(
              'simulated: `spin login` runs `spin cloud login` (Fermyon Cloud); the Dojo is offline, so there is nothing to log in to',
              ctx.stdout.isTTY,
            ),
          );
          return 0;
        case 'registry':
          return await runRegistry(ctx, rest);
        case 'plugins':
          if (rest[0] === 'list') {
            ctx.stdout.write('cloud 0.10.0 [installed]\n');
            return 0;
          }
          return unavailable(ctx, rest[0]?.startsWith('-') ? 'plugins' : `plugins ${rest[0] ?? ''}`.trim(), rest);
        case 'add':
        case 'watch':
        case 'doctor':
          return unavailable(ctx, sub, rest);
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

/** Registers `spin` (tests use this; bash's `jobs`/`fg`/`kill` for its background servers are builtins). */
export function registerSpin(registry: CommandRegistry): void {
  if (!registry.get(spinCommand.name)) registry.register(spinCommand);
}
