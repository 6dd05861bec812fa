import type { CommandDefinition } from '../../shell/types';
import { errorText } from './fs-errors';
import { hideControlChars } from './display-name';
import { printsHelp } from '../cli/getopt';

export const cd: CommandDefinition = {
  name: 'cd',
  summary: 'Change the current directory',
  usage: 'cd [DIR | -]',
  async run(ctx) {
    if (printsHelp(ctx, cd)) return 0;
    const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
    if (args.length > 1) {
      ctx.stderr.write('dojo: cd: too many arguments\n');
      return 1;
    }
    let target = args[0] ?? ctx.env.get('HOME') ?? ctx.shell.home;
    const back = target === '-';
    if (back) {
      const old = ctx.env.get('OLDPWD');
      if (!old) {
        ctx.stderr.write('dojo: cd: OLDPWD not set\n');
        return 1;
      }
      target = old;
    }
    if (target === '') return 0;
    try {
      ctx.shell.chdir(ctx.shell.resolvePath(target));
    } catch (err) {
      ctx.stderr.write(`dojo: cd: ${hideControlChars(target)}: ${errorText(err)}\n`);
      return 1;
    }
    if (back) ctx.stdout.write(ctx.shell.cwd + '\n');
    return 0;
  },
};
