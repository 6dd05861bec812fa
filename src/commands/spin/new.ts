/**
 * `spin new` and `spin templates` (src/commands/new.rs + crates/templates v3.0.0).
 * Files come from src/spin/template-data.ts (Spin's manifests, our own stand-in sources); prompts go through ctx.prompt, which
 * the terminal draws as `HTTP path: /...` with the default pre-filled (what Spin shows once answered).
 */
import { checkParameterValue, findTemplate, listTemplates, scaffoldFiles, templatesTable, type TemplateData } from '../../spin/templates';
import type { CommandContext } from '../../shell/types';
import { dirname, resolveFrom } from '../../fs/path';
import { clapHelp, clapInvalidValue, clapParse, clapUsageError } from '../cli/clap';
import { writeError } from './output';
import { SPIN_NEW, SPIN_TEMPLATES_LIST } from './flags';
import { dojoLine } from '../../lib/dojo-line';
import { parse as parseToml } from 'smol-toml';

export const NEW_USAGE = 'spin new [OPTIONS] [NAME] [TEMPLATE_ID]';

export const NEW_HELP = `Scaffold a new application based on a template

Usage: spin new [OPTIONS] [NAME] [TEMPLATE_ID]

Arguments:
  [NAME]  The name of the new application or component

Options:
  -t, --template <TEMPLATE_ID>   The template from which to create the new application or component. Run \`spin templates list\` to see available options
      --tag <TAGS>               Filter templates to select by tags
  -o, --output <OUTPUT_PATH>     The directory in which to create the new application or component. The default is the name argument
      --init                     Create the new application or component in the current directory
  -v, --value <VALUES>           Parameter values to be passed to the template, in the form name=value
      --values-file <VALUES_FILE>   A TOML file which contains parameter values in name = "value" format
  -a, --accept-defaults          An optional argument that allows to skip prompts for the manifest file by accepting the defaults if available on the template
      --no-vcs                   An optional argument that allows to skip creating .gitignore
      --allow-overwrite          If the output directory already contains files, generate the new files into it without confirming, overwriting any existing files with the same names
  -h, --help                     Print help
`;

const kebabUnsafe = /[^A-Za-z0-9_.-]/g;

async function ask(ctx: CommandContext, question: string, defaultValue?: string): Promise<string | null> {
  const answer = await ctx.prompt(`${question}: `, defaultValue || undefined);
  if (answer === null) return null;
  return answer.trim() === '' ? (defaultValue ?? '') : answer.trim();
}

export async function runNew(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = clapParse(ctx, { spec: SPIN_NEW, bin: 'spin new', help: () => NEW_HELP }, argv);
  if (typeof args === 'number') return args;
  // Spin prompts only when stderr is a terminal; otherwise it runs "silently" with defaults.
  const interactive = ctx.stderr.isTTY && !args.has('accept-defaults');

  let name = args.positionals[0];
  let templateId = args.value('template');
  if (args.positionals.length > 2) {
    ctx.stderr.write(clapUsageError(`unexpected argument '${args.positionals[2]}' found`, NEW_USAGE, ctx.stderr.isTTY));
    return 2;
  }
  if (args.positionals.length === 2) {
    if (templateId) {
      writeError(ctx.stderr, 'Cannot supply both positional and named template id');
      return 1;
    }
    // Spin 1 muscle memory: `spin new http-rust myapp`.
    templateId = args.positionals[0];
    name = args.positionals[1];
    ctx.stderr.write(`Using Spin 1 command syntax. The recommended syntax in Spin 2 is 'spin new ${name} -t ${templateId}'\n`);
  } else if (name && !templateId && findTemplate(name)) {
    ctx.stderr.write(`This will create an application called ${name}. If you meant to use the ${name} template, write '-t ${name}'.\n`);
  }

  let template: TemplateData | undefined;
  if (templateId) {
    template = findTemplate(templateId);
    if (!template) {
      writeError(ctx.stderr, `No templates matched '${templateId}'`);
      return 1;
    }
  } else {
    const tag = args.value('tag');
    const candidates = listTemplates(tag);
    if (candidates.length === 0) {
      writeError(ctx.stderr, tag ? `No templates matched '${tag}'` : 'No templates matched all tags');
      return 1;
    }
    if (!interactive) {
      ctx.stderr.write(dojoLine('no template given; use `spin new -t <TEMPLATE> <NAME>` (see `spin templates list`)', ctx.stderr.isTTY));
      return 1;
    }
    ctx.stdout.write('Pick a template to start your application with:\n');
    for (const t of candidates) ctx.stdout.write(`  ${t.id} (${t.description})\n`);
    for (;;) {
      const pick = await ask(ctx, 'Template', candidates[0]?.id);
      if (pick === null) return 130;
      template = candidates.find((t) => t.id === pick);
      if (template) break;
      ctx.stdout.write(`Invalid value: '${pick}' is not one of the templates listed above\n`);
    }
  }

  if (!name) {
    if (!interactive) {
      ctx.stderr.write(dojoLine('no application name given; use `spin new -t <TEMPLATE> <NAME>`', ctx.stderr.isTTY));
      return 1;
    }
    let question = 'Enter a name for your new application';
    for (;;) {
      const answer = await ask(ctx, question);
      if (answer === null) return 130;
      if (answer) {
        name = answer;
        break;
      }
      question = 'Name is required. Try another application name (or Crl+C to exit)';
    }
  }

  // Values from -v name=value and --values-file.
  const values: Record<string, string> = {};
  const valuesFile = args.value('values-file');
  if (valuesFile) {
    const path = ctx.shell.resolvePath(valuesFile);
    try {
      const table = parseToml(ctx.fs.readText(path)) as Record<string, unknown>;
      for (const [k, v] of Object.entries(table)) values[k] = String(v);
    } catch (err) {
      writeError(ctx.stderr, `Failed to read values file ${JSON.stringify(valuesFile)}`, [
        err instanceof Error ? err.message.split('\n')[0]! : String(err),
      ]);
      return 1;
    }
  }
  for (const pair of args.all('value')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      ctx.stderr.write(clapInvalidValue('--value <VALUES>', pair, `'${pair}' should be in the form name=value`, ctx.stderr.isTTY));
      return 2;
    }
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }

  const outputArg = args.has('init') ? '.' : (args.value('output') ?? name.replace(kebabUnsafe, '_'));
  const outDir = ctx.shell.resolvePath(outputArg);

  // Existing, non-empty target directory.
  const st = ctx.fs.stat(outDir);
  if (st?.kind === 'file') {
    writeError(ctx.stderr, `Can't generate into ${outputArg} as it already contains other files`);
    return 1;
  }
  if (st?.kind === 'dir' && ctx.fs.readdir(outDir).length > 0 && !args.has('allow-overwrite')) {
    if (!interactive) {
      writeError(ctx.stderr, `Can't generate into ${outputArg} as it already contains other files`);
      return 1;
    }
    const answer = await ask(ctx, `Directory '${outputArg}' already contains other files. Generate into it anyway? [y/n]`);
    if (answer === null) return 130;
    if (!/^y(es)?$/i.test(answer)) return 0;
  }

  // Parameters: given values first, then prompts (or defaults when silent).
  const answers: Record<string, string> = {};
  for (const param of template.parameters) {
    const given = values[param.id];
    if (given !== undefined) {
      const problem = checkParameterValue(param, given);
      if (problem) {
        writeError(ctx.stderr, problem);
        return 1;
      }
      answers[param.id] = given;
      continue;
    }
    if (!interactive) {
      if (param.default === undefined) {
        writeError(ctx.stderr, `Parameter '${param.id}' not provided`);
        return 1;
      }
      answers[param.id] = param.default;
      continue;
    }
    for (;;) {
      const answer = await ask(ctx, param.prompt, param.default);
      if (answer === null) return 130;
      const problem = checkParameterValue(param, answer);
      if (!problem) {
        answers[param.id] = answer;
        break;
      }
      ctx.stdout.write(`${problem}\n`);
    }
  }

  const files = scaffoldFiles(template, name, answers, { noVcs: args.has('no-vcs') });
  try {
    ctx.fs.mkdir(outDir, { recursive: true });
    for (const f of files) {
      const target = resolveFrom(outDir, f.path);
      ctx.fs.mkdir(dirname(target), { recursive: true });
      ctx.fs.writeFile(target, f.content);
    }
  } catch (err) {
    writeError(ctx.stderr, `Failed to generate application`, [err instanceof Error ? err.message : String(err)]);
    return 1;
  }
  // Spin prints nothing on success.
  return 0;
}

export const TEMPLATES_HELP = `Commands for working with WebAssembly component templates

Usage: spin templates <COMMAND>

Commands:
  install    Install templates from a Git repository or local directory
  uninstall  Remove a template from your installation
  list       List the installed templates
  upgrade    Upgrade templates to match your current version of Spin
  help       Print this message or the help of the given subcommand(s)

Options:
  -h, --help  Print help
`;

export async function runTemplates(ctx: CommandContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    (sub === undefined ? ctx.stderr : ctx.stdout).write(TEMPLATES_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'list' || sub === 'ls') {
    const parsed = clapParse(
      ctx,
      { spec: SPIN_TEMPLATES_LIST, bin: 'spin templates list', help: () => clapHelp({ spec: SPIN_TEMPLATES_LIST, bin: 'spin templates list' }) },
      rest,
    );
    if (typeof parsed === 'number') return parsed;
    const templates = listTemplates(parsed.value('tag'));
    if (parsed.value('format') === 'json') {
      ctx.stdout.write(`${JSON.stringify(templates.map((t) => ({ id: t.id, description: t.description })))}\n`);
      return 0;
    }
    if (templates.length === 0) {
      ctx.stdout.write(`No templates matched tags (${listTemplates().length} templates skipped)\n`);
      return 0;
    }
    ctx.stdout.write(`${templatesTable(templates, parsed.has('verbose'))}\n`);
    return 0;
  }
  if (sub === 'install' || sub === 'upgrade') {
    ctx.stdout.write('Copying remote template source\n');
    const existing = listTemplates();
    ctx.stdout.write(`Skipped ${existing.length} template(s)\n`);
    const w = Math.max(...existing.map((t) => t.id.length), 4);
    const reason = 'Already exists';
    const inner = w + 3 + reason.length + 2;
    ctx.stdout.write(`+${'-'.repeat(inner)}+\n| ${'Name'.padEnd(w)}   ${'Reason skipped'.padEnd(reason.length)} |\n+${'='.repeat(inner)}+\n`);
    for (const t of existing) ctx.stdout.write(`| ${t.id.padEnd(w)}   ${reason} |\n`);
    ctx.stdout.write(`+${'-'.repeat(inner)}+\n`);
    ctx.stdout.write(dojoLine('simulated: the Dojo is offline; the default templates are already installed', ctx.stdout.isTTY));
    return 0;
  }
  if (sub === 'uninstall') {
    writeError(ctx.stderr, 'dojo: the Dojo keeps its built-in templates installed');
    return 1;
  }
  ctx.stderr.write(clapUsageError(`unrecognized subcommand '${sub}'`, 'spin templates <COMMAND>', ctx.stderr.isTTY));
  return 2;
}
