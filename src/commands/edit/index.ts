import type { CommandDefinition } from '../../shell/types';

/**
 * `edit FILE` opens the Monaco editor on a host file. A missing file opens empty and is created on
 * save, as with nano or vi; a directory or a missing parent directory is refused up front.
 */
export const editCommand: CommandDefinition = {
  name: 'edit',
  summary: 'Open a file in the editor (Ctrl-S saves)',
  usage: 'edit FILE',
  async run(ctx) {
    const operands = ctx.argv.slice(1);
    if (operands.some((a) => a === '--help' || a === '-h')) {
      ctx.stdout.write(`Usage: edit FILE\n${editCommand.summary}: a missing FILE opens empty and is created on save.\n`);
      return 0;
    }
    if (operands.length !== 1 || operands[0]!.startsWith('-')) {
      ctx.stderr.write('usage: edit FILE\n');
      return 2;
    }
    const arg = operands[0]!;
    const path = ctx.shell.resolvePath(arg);
    const stat = ctx.fs.stat(path);
    if (stat?.kind === 'dir') {
      ctx.stderr.write(`edit: ${arg}: Is a directory\n`);
      return 1;
    }
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!stat && ctx.fs.stat(parent)?.kind !== 'dir') {
      ctx.stderr.write(`edit: ${arg}: No such file or directory\n`);
      return 1;
    }
    if (!ctx.services.openEditor) {
      ctx.stderr.write('edit: the editor needs the browser app; it is not available here\n');
      return 1;
    }
    ctx.services.openEditor(path);
    return 0;
  },
};
