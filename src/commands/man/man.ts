/**
 * man-db's `man` for the commands of this machine: `man CMD` (a section number before it is
 * accepted), `man -k WORD` (apropos), `man -f CMD` (whatis). A page is made of the command's own
 * help: NAME from its summary, SYNOPSIS from its usage, DESCRIPTION from our words (pages.ts) and
 * from what `CMD --help` prints (GNU's text for the GNU tools). The page goes through the pager.
 */
import type { CommandContext, CommandDefinition, OutputSink } from '../../shell/types';
import type { LazyCommand } from '../lazy-command';
import { DOJO_PAGES } from './pages';
import { page } from './pager';

const INDENT = '       ';

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** What `NAME --help` prints (stdout and stderr, as some tools use stderr), without running anything else. */
async function helpOf(ctx: CommandContext, def: CommandDefinition): Promise<string> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const sink: OutputSink = { isTTY: false, write: (d) => chunks.push(typeof d === 'string' ? d : decoder.decode(d)) };
  try {
    await def.run({
      ...ctx,
      argv: [def.name, '--help'],
      stdout: sink,
      stderr: sink,
      stdin: { isTTY: false, readAll: () => Promise.resolve(new Uint8Array(0)) },
      prompt: () => Promise.resolve(null),
    });
  } catch {
    // A command that cannot print help still gets a page from its summary and usage.
  }
  return chunks.join('');
}

export async function renderPage(ctx: CommandContext, def: CommandDefinition): Promise<string> {
  const width = Math.max(40, Math.min(ctx.stdout.columns || 80, 100));
  const upper = `${def.name.toUpperCase()}(1)`;
  const centre = 'User Commands';
  const gap = Math.max(1, width - 2 * upper.length - centre.length);
  const head = upper + ' '.repeat(Math.floor(gap / 2)) + centre + ' '.repeat(Math.ceil(gap / 2)) + upper;
  const lines: string[] = [head, '', 'NAME', `${INDENT}${def.name} - ${def.summary.replace(/\.$/, '')}`, '', 'SYNOPSIS'];
  for (const u of def.usage.split('\n')) lines.push(`${INDENT}${u}`);
  lines.push('', 'DESCRIPTION');
  const data = DOJO_PAGES[def.name];
  for (const para of data?.description ?? []) lines.push(...wrap(para, width - INDENT.length).map((l) => INDENT + l), '');
  const help = (await helpOf(ctx, def)).replace(/\r/g, '');
  // The help's own usage lines are the SYNOPSIS already.
  const body = help
    .split('\n')
    .filter((l, i, all) => !(i < 3 && /^\s*Usage:/.test(l)) && !(i > 0 && i < 4 && /^\s+or:\s/.test(l) && /^\s*Usage:/.test(all[0] ?? '')))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  if (body) for (const l of body.split('\n')) lines.push(l ? INDENT + l : '');
  else if (!data) lines.push(INDENT + def.summary);
  if (def.flags?.length && !body) {
    lines.push('', 'OPTIONS');
    for (const f of def.flags) lines.push(`${INDENT}${f.name}${f.value ? ` ${f.value}` : ''}`, `${INDENT}       ${f.description}`);
  }
  if (data?.seeAlso?.length) lines.push('', 'SEE ALSO', INDENT + data.seeAlso.join(', '));
  const foot = 'Wasm Dojo';
  lines.push('', foot + ' '.repeat(Math.max(1, width - foot.length - upper.length)) + upper);
  return lines.join('\n') + '\n';
}

export const man: CommandDefinition = {
  name: 'man',
  summary: 'an interface to the system reference manuals',
  usage: 'man [-k|-f] [SECTION] PAGE...',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--help' || args[0] === '-h') {
      ctx.stdout.write(
        'Usage: man [OPTION...] [SECTION] PAGE...\n\n  -f, --whatis               equivalent to whatis\n  -k, --apropos              equivalent to apropos\n  -?, --help                 give this help list\n',
      );
      return 0;
    }
    const registry = ctx.shell.registry;
    if (args[0] === '-k' || args[0] === '--apropos' || args[0] === '-f' || args[0] === '--whatis') {
      const exact = args[0] === '-f' || args[0] === '--whatis';
      const words = args.slice(1);
      if (!words.length) {
        ctx.stderr.write(`${exact ? 'whatis' : 'apropos'} what?\n`);
        return 1;
      }
      let status = 0;
      for (const w of words) {
        const hits = registry
          .list()
          .filter((d) => (exact ? d.name === w : d.name.includes(w) || d.summary.toLowerCase().includes(w.toLowerCase())))
          .sort((a, b) => a.name.localeCompare(b.name));
        if (!hits.length) {
          ctx.stderr.write(`${w}: nothing appropriate.\n`);
          status = 16;
          continue;
        }
        ctx.stdout.write(hits.map((d) => `${`${d.name} (1)`.padEnd(20)} - ${d.summary}\n`).join(''));
      }
      return status;
    }
    const names = args.filter((a) => !/^\d[a-z]*$/.test(a) && !a.startsWith('-'));
    if (!names.length) {
      ctx.stderr.write("What manual page do you want?\nFor example, try 'man man'.\n");
      return 1;
    }
    let status = 0;
    let text = '';
    for (const name of names) {
      const found = registry.get(name);
      // A command still loading (a lazy stub) is loaded first: its page needs its real usage and help.
      const def = found && 'preload' in found ? await (found as LazyCommand).preload().catch(() => found) : found;
      if (!def) {
        ctx.stderr.write(`No manual entry for ${name}\n`);
        status = 16;
        continue;
      }
      text += await renderPage(ctx, def);
    }
    if (!text) return status;
    const r = await page(ctx, text, { title: names.length === 1 ? `Manual page ${names[0]}(1)` : undefined });
    return r || status;
  },
};
