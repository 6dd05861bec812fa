/**
 * create-cloudflare (C3 2.74.0), as `npm create cloudflare@latest` and `wrangler init` run it: the
 * steps and questions of a real 2.74.0 run ("Hello World example" → "Worker only" → TypeScript), the
 * starter written from the Dojo's offline copy (templates.ts). The project's npm install and git steps
 * are skipped, and one dim line says so.
 */
import { childPath } from '../fs/path';
import { dojoLine } from '../lib/dojo-line';
import type { EdgeIO } from './io';
import { c3WorkerTs } from './templates';

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

/** A C3 menu question: the options as a numbered list in the question, the answer by number or text. */
async function choose(io: EdgeIO, question: string, options: string[], preset: string | undefined): Promise<string | null> {
  if (preset !== undefined) return preset;
  const answer = await io.prompt(`${question} ${options.map((o, i) => `[${i + 1}] ${o}`).join(' ')}`, '1');
  if (answer === null) return null;
  const n = Number(answer.trim());
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!;
  return options.find((o) => o.toLowerCase() === answer.trim().toLowerCase()) ?? answer.trim();
}

export async function createCloudflare(io: EdgeIO, args: string[]): Promise<number> {
  const out = io.stdout;
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
      : await io.prompt('├ In which directory do you want to create your application? also used as application name', './my-worker');
    if (answer === null) return 130;
    dir = answer.trim() || './my-worker';
  }
  out.write(
    `├ In which directory do you want to create your application?\n│ dir ${dir.startsWith('.') || dir.startsWith('/') ? dir : `./${dir}`}\n│\n`,
  );
  const path = io.resolvePath(dir);
  const name = path.split('/').pop() || 'my-worker';
  if (io.fs.exists(path) && io.fs.readdir(path).length > 0) {
    out.write(`╰ \n`);
    io.stderr.write(`✘ [ERROR] Directory \`${dir}\` already exists and contains files that might conflict. Please choose a new name.\n`);
    return 1;
  }
  const typeFlag = flag('type');
  const category = await choose(io, '├ What would you like to start with?', CATEGORIES, yes || typeFlag ? CATEGORIES[0] : undefined);
  if (category === null) return 130;
  out.write(`├ What would you like to start with?\n│ category ${category}\n│\n`);
  const template = await choose(
    io,
    '├ Which template would you like to use?',
    TEMPLATES,
    typeFlag === 'hello-world' || yes ? 'Worker only' : typeFlag,
  );
  if (template === null) return 130;
  out.write(`├ Which template would you like to use?\n│ type ${template}\n│\n`);
  const langFlag = flag('lang');
  const language = await choose(io, '├ Which language do you want to use?', LANGUAGES, langFlag === 'ts' || yes ? 'TypeScript' : langFlag);
  if (language === null) return 130;
  out.write(`├ Which language do you want to use?\n│ lang ${language}\n│\n`);
  if (category !== CATEGORIES[0] || template !== 'Worker only' || language !== 'TypeScript') {
    out.write('╰ \n');
    io.stderr.write(
      dojoLine(
        `the Dojo's offline copy of C3 holds one starter: Hello World example, Worker only, TypeScript (not ${category} / ${template} / ${language}); nothing was written. For a Rust worker: cargo generate cloudflare/workers-rs`,
        io.stderr.isTTY,
      ),
    );
    return 1;
  }
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  for (const f of c3WorkerTs(name, today)) {
    const file = childPath(path, f.path);
    io.fs.mkdir(file.slice(0, file.lastIndexOf('/')), { recursive: true });
    io.fs.writeFile(file, f.text);
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
  io.stderr.write(
    dojoLine(
      `written from the Dojo's offline copy of C3's Worker-only TypeScript starter; npm install and git init were skipped. Next: cd ${name} && wrangler dev`,
      io.stderr.isTTY,
    ),
  );
  return 0;
}
