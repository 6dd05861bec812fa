/**
 * `npm`, only where the primer and today's edge docs need it: `npm create cloudflare@latest` (C3,
 * create-cloudflare 2.74.0) writes the "Hello World example → Worker only → TypeScript" project from
 * the Dojo's offline copy (src/edge/templates.ts), printing C3's steps as its 2.74.0 run prints them
 * (the project's npm install and git steps are skipped and one dim line says so); `npm install -g
 * wrangler|@fastly/cli` answers that the tool is already installed. Everything else says plainly that
 * the Dojo has no npm registry and no Node.js.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { childPath } from '../../fs/path';
import { dojoLine } from '../../lib/dojo-line';
import { c3WorkerTs } from '../../edge/templates';

/** The tools the Dojo has built in, as npm names them, and the version each reports. */
const INSTALLED: Record<string, string> = { wrangler: 'wrangler 4.164.0', '@fastly/cli': 'fastly (@fastly/cli) 16.1.0' };
const C3_VERSION = '2.74.0';

const CATEGORIES = ['Hello World example', 'Framework Starter', 'Application Starter', 'Template from a GitHub repo'];
const TEMPLATES = [
  'Worker only',
  'Static site',
  'SSR / full-stack app',
  'Worker + Durable Objects',
  'Worker + Durable Objects + Assets',
  'Workflow',
  'Scheduled Worker (Cron Trigger)',
  'Queue consumer & producer Worker',
  'API starter (OpenAPI compliant)',
];
const LANGUAGES = ['TypeScript', 'JavaScript', 'Python (beta)'];

function notSimulated(ctx: CommandContext, what: string): number {
  ctx.stderr.write(
    dojoLine(
      `\`npm ${what}\` is not simulated: the Dojo has no Node.js and no npm registry. It knows \`npm create cloudflare@latest\` and \`npm install -g wrangler|@fastly/cli\` (already installed).`,
      ctx.stderr.isTTY,
    ),
  );
  return 1;
}

/** A C3 menu question: the options as a numbered list in the question, the answer by number or text. */
async function choose(ctx: CommandContext, question: string, options: string[], preset: string | undefined): Promise<string | null> {
  if (preset !== undefined) return preset;
  const answer = await ctx.prompt(`${question} ${options.map((o, i) => `[${i + 1}] ${o}`).join(' ')}`, '1');
  if (answer === null) return null;
  const n = Number(answer.trim());
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!;
  return options.find((o) => o.toLowerCase() === answer.trim().toLowerCase()) ?? answer.trim();
}

async function createCloudflare(ctx: CommandContext, args: string[]): Promise<number> {
  const out = ctx.stdout;
  const positional = args.filter((a) => !a.startsWith('-'));
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const yes = args.includes('-y') || args.includes('--yes');
  out.write(
    `\n👋 Welcome to create-cloudflare v${C3_VERSION}!\n🧡 Let's get started.\n📊 Cloudflare collects telemetry about your usage of Create-Cloudflare.\n\nLearn more at: https://github.com/cloudflare/workers-sdk/blob/main/packages/create-cloudflare/telemetry.md\n\n\n`,
  );
  out.write('╭ Create an application with Cloudflare Step 1 of 3\n│\n');
  let dir = positional[0];
  if (dir === undefined) {
    const answer = yes
      ? './my-worker'
      : await ctx.prompt('├ In which directory do you want to create your application? also used as application name', './my-worker');
    if (answer === null) return 130;
    dir = answer.trim() || './my-worker';
  }
  out.write(
    `├ In which directory do you want to create your application?\n│ dir ${dir.startsWith('.') || dir.startsWith('/') ? dir : `./${dir}`}\n│\n`,
  );
  const path = ctx.shell.resolvePath(dir);
  const name = path.split('/').pop() || 'my-worker';
  if (ctx.fs.exists(path) && ctx.fs.readdir(path).length > 0) {
    out.write(`╰ \n`);
    ctx.stderr.write(`✘ [ERROR] Directory \`${dir}\` already exists and contains files that might conflict. Please choose a new name.\n`);
    return 1;
  }
  const typeFlag = flag('type');
  const category = await choose(ctx, '├ What would you like to start with?', CATEGORIES, yes || typeFlag ? CATEGORIES[0] : undefined);
  if (category === null) return 130;
  out.write(`├ What would you like to start with?\n│ category ${category}\n│\n`);
  const template = await choose(
    ctx,
    '├ Which template would you like to use?',
    TEMPLATES,
    typeFlag === 'hello-world' || yes ? 'Worker only' : typeFlag,
  );
  if (template === null) return 130;
  out.write(`├ Which template would you like to use?\n│ type ${template}\n│\n`);
  const langFlag = flag('lang');
  const language = await choose(ctx, '├ Which language do you want to use?', LANGUAGES, langFlag === 'ts' || yes ? 'TypeScript' : langFlag);
  if (language === null) return 130;
  out.write(`├ Which language do you want to use?\n│ lang ${language}\n│\n`);
  if (category !== CATEGORIES[0] || template !== 'Worker only' || language !== 'TypeScript') {
    out.write('╰ \n');
    ctx.stderr.write(
      dojoLine(
        `the Dojo's offline copy of C3 holds one starter: Hello World example, Worker only, TypeScript (not ${category} / ${template} / ${language}); nothing was written. For a Rust worker: cargo generate cloudflare/workers-rs`,
        ctx.stderr.isTTY,
      ),
    );
    return 1;
  }
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  for (const f of c3WorkerTs(name, today)) {
    const file = childPath(path, f.path);
    ctx.fs.mkdir(file.slice(0, file.lastIndexOf('/')), { recursive: true });
    ctx.fs.writeFile(file, f.text);
  }
  out.write(
    '├ Copying template files\n│ files copied to project directory\n│\n├ Updating name in `package.json`\n│ updated `package.json`\n│\n╰ Application created\n\n',
  );
  out.write(
    `╭ Configuring your application for Cloudflare Step 2 of 3\n│\n├ Selecting workerd compatibility date\n│ compatibility date ${today}\n│\n╰ Application configured\n\n`,
  );
  out.write('╭ Deploy with Cloudflare Step 3 of 3\n│\n├ Do you want to deploy your application?\n│ no deploy via `npm run deploy`\n│\n╰ Done\n\n');
  out.write(
    `\n🎉  SUCCESS  Application created successfully!\n\n💻 Continue Developing\nChange directories: cd ${name}\nDeploy: npm run deploy\n\n📖 Explore Documentation\nhttps://developers.cloudflare.com/workers\n\n🐛 Report an Issue\nhttps://github.com/cloudflare/workers-sdk/issues/new/choose\n\n💬 Join our Community\nhttps://discord.cloudflare.com\n\n`,
  );
  ctx.stderr.write(
    dojoLine(
      `written from the Dojo's offline copy of C3's Worker-only TypeScript starter; npm install and git init were skipped. Next: cd ${name} && wrangler dev`,
      ctx.stderr.isTTY,
    ),
  );
  return 0;
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
    if (sub === undefined) return notSimulated(ctx, '');
    if (sub === 'create' || sub === 'init' || sub === 'innit') {
      const [pkg, ...args] = rest;
      const initializer = pkg?.replace(/@[^@/]*$/, '');
      if (initializer === 'cloudflare')
        return createCloudflare(
          ctx,
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
