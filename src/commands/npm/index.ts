/**
 * `npm`, only where the primer and today's edge docs need it: `npm create cloudflare@latest` (C3,
 * create-cloudflare 2.74.0) writes the "Hello World example → Worker only → TypeScript" project from
 * the Dojo's offline copy (src/edge/templates.ts), printing C3's steps as its 2.74.0 run prints them
 * (the project's npm install and git steps are skipped and one dim line says so); `npm install -g
 * wrangler|@fastly/cli` answers that the tool is already installed. Everything else says plainly that
 * the Dojo has no npm registry and no Node.js.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import type { EdgeIO } from '../../edge/io';
import { dojoLine } from '../../lib/dojo-line';
import { createCloudflare } from '../../edge/c3';

/** The tools the Dojo has built in, as npm names them, and the version each reports. */
const INSTALLED: Record<string, string> = { wrangler: 'wrangler 4.164.0', '@fastly/cli': 'fastly (@fastly/cli) 16.1.0' };

/** npm 11's usage lines (lib/npm.js usage, lib/commands/{init,install}.js), with the Dojo's note. */
const NPM_HELP = `npm <command>

Usage:

npm install        install all the dependencies in your project
npm install <foo>  add the <foo> dependency to your project
npm test           run this project's tests
npm run <foo>      run the script named <foo>
npm <command> -h   quick help on <command>

dojo: the Dojo's npm knows two things: \`npm create cloudflare@latest\` (C3, from an offline copy) and
\`npm install -g wrangler|@fastly/cli\` (already installed). There is no Node.js and no npm registry here.
`;
const CREATE_HELP = `Create a package.json file

Usage:
npm init <package-spec> (same as \`npx create-<package-spec>\`)
npm init <@scope> (same as \`npx <@scope>/create\`)

aliases: create, innit

dojo: the Dojo carries one initializer, cloudflare (\`npm create cloudflare@latest NAME -- --type=hello-world --lang=ts\`).
`;
const INSTALL_HELP = `Install a package

Usage:
npm install [<package-spec> ...]

aliases: add, i, in, ins, inst, insta, instal, isnt, isnta, isntal, isntall

dojo: only \`npm install -g wrangler\` and \`npm install -g @fastly/cli\` answer here (already installed).
`;

function notSimulated(ctx: CommandContext, what: string): number {
  ctx.stderr.write(
    dojoLine(
      `\`npm ${what}\` is not simulated: the Dojo has no Node.js and no npm registry. It knows \`npm create cloudflare@latest\` and \`npm install -g wrangler|@fastly/cli\` (already installed).`,
      ctx.stderr.isTTY,
    ),
  );
  return 1;
}

/** The part of a command's context the edge engine's steps need. */
function edgeIO(ctx: CommandContext): EdgeIO {
  return { stdout: ctx.stdout, stderr: ctx.stderr, fs: ctx.fs, prompt: (q, d) => ctx.prompt(q, d), resolvePath: (p) => ctx.shell.resolvePath(p) };
}

function installGlobal(ctx: CommandContext, packages: string[]): number {
  if (packages.length === 0) return notSimulated(ctx, 'install -g');
  const unknown = packages.filter((p) => !(p.replace(/@[^@/]*$/, '') in INSTALLED) && !(p in INSTALLED));
  if (unknown.length) return notSimulated(ctx, `install -g ${unknown.join(' ')}`);
  const names = packages.map((p) => INSTALLED[p] ?? INSTALLED[p.replace(/@[^@/]*$/, '')]!);
  ctx.stderr.write(
    dojoLine(
      `${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} already installed in the Dojo (simulated); nothing was downloaded.`,
      ctx.stderr.isTTY,
    ),
  );
  return 0;
}

export const npmCommand: CommandDefinition = {
  name: 'npm',
  summary: 'npm: create cloudflare@latest and install -g wrangler|@fastly/cli (simulated: offline)',
  usage: 'npm <command>',
  subcommands: [
    { name: 'create', summary: 'create a package from a create-* initializer (cloudflare@latest)' },
    { name: 'install', summary: 'install -g wrangler | @fastly/cli (already installed)' },
  ],
  complete(args, partial) {
    const pick = (w: readonly string[]) => w.filter((x) => x.startsWith(partial));
    if (args.length === 0) return pick(['create', 'install']);
    if (args[0] === 'create') return pick(['cloudflare@latest']);
    if (args[0] === 'install' || args[0] === 'i') return pick(['-g', 'wrangler', '@fastly/cli']);
    return [];
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.argv.slice(1);
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      ctx.stdout.write(NPM_HELP);
      return 0;
    }
    if (rest.includes('--help')) {
      ctx.stdout.write(sub === 'create' || sub === 'init' ? CREATE_HELP : sub === 'install' || sub === 'i' ? INSTALL_HELP : NPM_HELP);
      return 0;
    }
    if (sub === 'create' || sub === 'init' || sub === 'innit') {
      const [pkg, ...args] = rest;
      const initializer = pkg?.replace(/@[^@/]*$/, '');
      if (initializer === 'cloudflare')
        return createCloudflare(
          edgeIO(ctx),
          args.filter((a) => a !== '--'),
        );
      return notSimulated(ctx, `${sub} ${rest.join(' ')}`.trim());
    }
    if (sub === 'install' || sub === 'i' || sub === 'add') {
      const global = rest.some((a) => a === '-g' || a === '--global' || a === '--location=global');
      if (global)
        return installGlobal(
          ctx,
          rest.filter((a) => !a.startsWith('-')),
        );
    }
    return notSimulated(ctx, [sub, ...rest].join(' '));
  },
};
