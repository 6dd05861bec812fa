/**
 * `cargo generate cloudflare/workers-rs` (cargo-generate 0.2x), written from cargo-generate's
 * src/lib.rs (`internal_generate`: the `Destination: … ...`, `Generating template ...`, `Moving generated
 * files into: \`…\`...` and `Done! New project created …` lines, each after an emoji; the sub-template
 * prompt "Which sub-template should be expanded?" from `resolve_configured_sub_templates`; `--silent`
 * without `--name` fails with "Option `--silent` provided, but project name was not set. Please use
 * `--name`."). The template comes from the Dojo's offline copy (src/edge/templates.ts): nothing is
 * cloned, and one dim line says so. workers-rs's cargo-generate.toml asks one question, whether to
 * enable panic=unwind.
 */
import type { CommandContext } from '../../shell/types';
import { childPath } from '../../fs/path';
import { dojoLine } from '../../lib/dojo-line';
import { workersRsHelloWorld } from '../../edge/templates';
import { checkCrateName } from '../../toolchain/cargo-new';

/** cloudflare/workers-rs templates/ (HEAD bb14171); the Dojo carries hello-world only. */
const SUB_TEMPLATES = ['templates/hello-world', 'templates/hello-world-http', 'templates/axum', 'templates/leptos'];
const KNOWN = new Set([
  'cloudflare/workers-rs',
  'https://github.com/cloudflare/workers-rs',
  'https://github.com/cloudflare/workers-rs.git',
  'gh:cloudflare/workers-rs',
]);

export async function cargoGenerate(ctx: CommandContext, argv: string[]): Promise<number> {
  const err = ctx.stderr;
  let name: string | undefined;
  let silent = false;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--name' || a === '-n') name = argv[++i];
    else if (a.startsWith('--name=')) name = a.slice(7);
    else if (a === '--silent' || a === '-s') silent = true;
    else if (a === '--git') positionals.unshift(argv[++i] ?? '');
    else if (a === '-h' || a === '--help') {
      ctx.stdout.write(
        'Generate a new Cargo project from a template\n\nUsage: cargo generate [OPTIONS] [TEMPLATE] [SUBFOLDER]\n\nOptions:\n  -n, --name <NAME>  Directory to create / project name\n  -s, --silent       Populate template variables from the defaults; ask nothing\n  -h, --help         Print help\n',
      );
      return 0;
    } else if (a.startsWith('-')) {
      err.write(
        `error: unexpected argument '${a}' found\n\nUsage: cargo generate [OPTIONS] [TEMPLATE] [SUBFOLDER]\n\nFor more information, try '--help'.\n`,
      );
      return 2;
    } else positionals.push(a);
  }
  const [template, subfolderArg] = positionals;
  if (template === undefined) {
    err.write(dojoLine('cargo generate needs a template; the Dojo carries an offline copy of one: cargo generate cloudflare/workers-rs', err.isTTY));
    return 1;
  }
  if (!KNOWN.has(template)) {
    err.write(`Error: ⛔   Git Error: failed to resolve address for github.com: Temporary failure in name resolution; class=Net (12)\n`);
    err.write(dojoLine('the Dojo is offline; it carries one template: cargo generate cloudflare/workers-rs', err.isTTY));
    return 1;
  }
  ctx.stdout.write(`⚠️   Favorite \`${template}\` not found in config, using it as a git repository: https://github.com/cloudflare/workers-rs.git\n`);
  let sub = subfolderArg;
  if (sub === undefined) {
    sub = silent
      ? SUB_TEMPLATES[0]!
      : ((await ctx.prompt(`🤷   Which sub-template should be expanded? (${SUB_TEMPLATES.join(', ')})`, SUB_TEMPLATES[0])) ?? '');
    if (sub === '') return 130;
  }
  if (!SUB_TEMPLATES.includes(sub)) {
    err.write(`Error: not able to find subfolder '${sub}' in source template\n`);
    return 1;
  }
  if (sub !== 'templates/hello-world') {
    err.write(dojoLine(`the Dojo's offline copy of workers-rs holds templates/hello-world only (not ${sub}).`, err.isTTY));
    return 1;
  }
  if (name === undefined) {
    if (silent) {
      err.write('Error: ⛔   Project Name Error: Option `--silent` provided, but project name was not set. Please use `--name`.\n');
      return 1;
    }
    const answer = await ctx.prompt('🤷   Project Name:', undefined);
    if (answer === null) return 130;
    name = answer.trim();
  }
  const problem = checkCrateName(name);
  if (problem) {
    err.write(`Error: ⛔   ${problem}\n`);
    return 1;
  }
  const dir = ctx.shell.resolvePath(name);
  if (ctx.fs.exists(dir)) {
    err.write(`Error: ⛔   Target directory \`${name}\` already exists, aborting.\n`);
    return 1;
  }
  ctx.stdout.write(`🔧   Destination: ${dir} ...\n🔧   project-name: ${name} ...\n🔧   Generating template ...\n`);
  let unwind = false;
  if (!silent) {
    const answer = await ctx.prompt('🤷   Enable panic=unwind and abort recovery? [true/false]', 'false');
    if (answer === null) return 130;
    unwind = /^(true|yes|y)$/i.test(answer.trim());
  }
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  const files = workersRsHelloWorld(name, today, unwind);
  files.forEach((f, i) => ctx.stdout.write(`[${i + 1}/${files.length}]   Done: ${f.path}\n`));
  ctx.stdout.write(`🔧   Moving generated files into: \`${dir}\`...\n`);
  for (const f of files) {
    const path = childPath(dir, f.path);
    ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    ctx.fs.writeFile(path, f.text);
  }
  ctx.stdout.write(`🔧   Initializing a fresh Git repository\n✨   Done! New project created ${dir}\n`);
  err.write(
    dojoLine(
      "written from the Dojo's offline copy of workers-rs templates/hello-world (nothing was cloned); next: cd " + name + ' && wrangler dev',
      err.isTTY,
    ),
  );
  return 0;
}
