/** coreutils basename.c and dirname.c. */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { q, tryHelp } from './gnu-text';

/** POSIX basename: trailing slashes go, then everything up to the last slash; "/" stays "/". */
export function baseName(name: string): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirName(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const dir = trimmed.slice(0, slash).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

export const basename: CommandDefinition = {
  name: 'basename',
  summary: 'strip directory and suffix from filenames',
  usage: 'basename NAME [SUFFIX]\nbasename OPTION... NAME...',
  async run(ctx) {
    const opts = parseOptions(ctx, basename, {
      letters: 'az',
      withValue: 's',
      long: { multiple: 'a', suffix: 's', zero: 'z' },
      help: GNU_HELP.basename,
    });
    if (typeof opts === 'number') return opts;
    const suffix = opts.values.get('s');
    const multiple = opts.flags.has('a') || suffix !== undefined;
    const ops = opts.operands;
    if (!ops.length) return tryHelp(ctx, 'basename', 'missing operand');
    if (!multiple && ops.length > 2) return tryHelp(ctx, 'basename', `extra operand ${q(ops[2]!)}`);
    const names = multiple ? ops : [ops[0]!];
    const strip = multiple ? suffix : ops[1];
    const end = opts.flags.has('z') ? '\0' : '\n';
    let out = '';
    for (const n of names) {
      let b = baseName(n);
      if (strip && b !== strip && b.endsWith(strip) && b !== '/') b = b.slice(0, -strip.length);
      out += b + end;
    }
    ctx.stdout.write(out);
    return 0;
  },
};

export const dirname: CommandDefinition = {
  name: 'dirname',
  summary: 'strip last component from file name',
  usage: 'dirname [OPTION] NAME...',
  async run(ctx) {
    const opts = parseOptions(ctx, dirname, { letters: 'z', long: { zero: 'z' }, help: GNU_HELP.dirname });
    if (typeof opts === 'number') return opts;
    if (!opts.operands.length) return tryHelp(ctx, 'dirname', 'missing operand');
    const end = opts.flags.has('z') ? '\0' : '\n';
    ctx.stdout.write(opts.operands.map((n) => dirName(n) + end).join(''));
    return 0;
  },
};
