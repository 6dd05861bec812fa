import type { CommandContext, CommandDefinition } from '../../shell/types';
import { parseOptions, usageError } from './options';
import { octalControlChars } from './display-name';
import { childPath } from '../../fs/path';
import { paint as paintAnsi, sgr } from '../../lib/ansi';

/** tree colours directories with dircolors' default `di=01;34`, as ls does. */
const DIR_STYLE = sgr('01', 34);

export const tree: CommandDefinition = {
  name: 'tree',
  summary: 'Show a directory and everything below it as a tree',
  usage: 'tree [-ad] [-L LEVEL] [DIRECTORY]...',
  flags: [
    { name: '-a', description: 'show hidden files too' },
    { name: '-d', description: 'list directories only' },
    { name: '-L', value: 'LEVEL', description: 'descend at most LEVEL directories deep' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, tree, { letters: 'ad', withValue: 'L', usageStatus: 2 });
    if (typeof opts === 'number') return opts;
    let maxDepth = Infinity;
    const level = opts.values.get('L');
    if (level !== undefined) {
      maxDepth = Number(level);
      if (!Number.isInteger(maxDepth) || maxDepth < 1) return usageError(ctx, 'tree', 'Invalid level, must be greater than 0.');
    }
    const counts = { dirs: 0, files: 0 };
    let status = 0;
    const lines: string[] = [];
    for (const root of opts.operands.length ? opts.operands : ['.']) {
      const abs = ctx.shell.resolvePath(root);
      if (ctx.fs.stat(abs)?.kind !== 'dir') {
        lines.push(`${octalControlChars(root)}  [error opening dir]`);
        status = 2;
        continue;
      }
      lines.push(paint(ctx, root, true));
      walk(ctx, abs, '', 1, { ...opts, maxDepth }, counts, lines);
    }
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const summary = opts.flags.has('d')
      ? plural(counts.dirs, 'directory', 'directories')
      : `${plural(counts.dirs, 'directory', 'directories')}, ${plural(counts.files, 'file', 'files')}`;
    ctx.stdout.write(`${lines.join('\n')}\n\n${summary}\n`);
    return status;
  },
};

function walk(
  ctx: CommandContext,
  dir: string,
  prefix: string,
  depth: number,
  opts: { flags: Set<string>; maxDepth: number },
  counts: { dirs: number; files: number },
  lines: string[],
): void {
  if (depth > opts.maxDepth) return;
  const entries = ctx.fs
    .readdir(dir)
    .filter((n) => opts.flags.has('a') || !n.startsWith('.'))
    .map((name) => ({ name, path: childPath(dir, name) }))
    .map((e) => ({ ...e, isDir: ctx.fs.stat(e.path)?.kind === 'dir' }))
    .filter((e) => e.isDir || !opts.flags.has('d'));
  entries.forEach((e, i) => {
    const last = i === entries.length - 1;
    lines.push(`${prefix}${last ? '└── ' : '├── '}${paint(ctx, e.name, e.isDir)}`);
    if (e.isDir) {
      counts.dirs++;
      walk(ctx, e.path, prefix + (last ? '    ' : '│   '), depth + 1, opts, counts, lines);
    } else counts.files++;
  });
}

/** Names with control characters print them as `\033`, tree's default, never raw. */
function paint(ctx: CommandContext, name: string, isDir: boolean): string {
  const shown = octalControlChars(name);
  return paintAnsi(DIR_STYLE, shown, ctx.stdout.isTTY && isDir);
}
