/** The shell's own commands. Emulated tools (wasmtime, spin, ...) register themselves elsewhere. */
import type { CommandDefinition, CommandRegistry } from '../../shell/types';
import { cat } from './cat';
import { cd } from './cd';
import { clear } from './clear';
import { echo } from './echo';
import { env } from './env';
import { exportCommand } from './export';
import { falseCommand } from './false';
import { help } from './help';
import { history } from './history';
import { mkdir } from './mkdir';
import { pwd } from './pwd';
import { touch } from './touch';
import { trueCommand } from './true';
import { unset } from './unset';
import { yes } from './yes';
import { lazyCommand, type LazyCommand } from '../lazy-command';
import { EVERYDAY_COMMANDS } from './lazy-everyday';

/**
 * grep brings its BRE/ERE translator and the RE2 engine: it loads right after the first prompt,
 * like the emulated tools, so its bytes are not part of what the page fetches before it. Its help
 * lines are repeated here (a test checks they match the real ones).
 */
const files = () => import('./file-commands');
const FILE_COMMANDS: readonly LazyCommand[] = [
  lazyCommand({ name: 'cp', summary: 'Copy files and directories', usage: 'cp [-r] SOURCE... DEST' }, () => files().then((m) => m.cp)),
  lazyCommand({ name: 'mv', summary: 'Move or rename files and directories', usage: 'mv SOURCE... DEST' }, () => files().then((m) => m.mv)),
  lazyCommand({ name: 'rm', summary: 'Remove files or directories', usage: 'rm [-rfv] FILE...' }, () => files().then((m) => m.rm)),
  lazyCommand(
    { name: 'head', summary: 'Print the first lines (or bytes) of files (default 10 lines)', usage: 'head [-n [-]NUM | -c [-]NUM] [-qv] [FILE]...' },
    () => files().then((m) => m.head),
  ),
  lazyCommand(
    { name: 'tail', summary: 'Print the last lines (or bytes) of files (default 10 lines)', usage: 'tail [-n [+]NUM | -c [+]NUM] [-qv] [FILE]...' },
    () => files().then((m) => m.tail),
  ),
  lazyCommand({ name: 'tree', summary: 'Show a directory and everything below it as a tree', usage: 'tree [-ad] [-L LEVEL] [DIRECTORY]...' }, () =>
    files().then((m) => m.tree),
  ),
  lazyCommand({ name: 'wc', summary: 'Count lines, words and bytes', usage: 'wc [-lwc] [FILE]...' }, () => files().then((m) => m.wc)),
  lazyCommand({ name: 'ls', summary: 'List directory contents', usage: 'ls [-alA1Rd] [FILE]...' }, () => files().then((m) => m.ls)),
  lazyCommand({ name: 'which', summary: 'Show where a command lives', usage: 'which COMMAND...' }, () => files().then((m) => m.which)),
];

export const LAZY_BUILTINS: readonly LazyCommand[] = [
  lazyCommand({ name: 'grep', summary: 'Print lines that match a pattern', usage: 'grep [-ivncEF] PATTERN [FILE]...' }, () =>
    import('./grep').then((m) => m.grep),
  ),
  ...EVERYDAY_COMMANDS,
  // The file commands a first line rarely needs (ls, cat, cd stay eager): one chunk after the prompt,
  // which keeps the JS before the first prompt within its budget.
  ...FILE_COMMANDS,
];

export const BUILTINS: readonly CommandDefinition[] = [
  cat,
  cd,
  clear,
  echo,
  env,
  exportCommand,
  falseCommand,
  ...LAZY_BUILTINS,
  help,
  history,
  mkdir,
  pwd,
  touch,
  trueCommand,
  unset,
  yes,
];

export function registerBuiltins(registry: CommandRegistry): void {
  for (const def of BUILTINS) registry.register(def);
}
