/** The shell's own commands. Emulated tools (wasmtime, spin, ...) register themselves elsewhere. */
import type { CommandDefinition, CommandRegistry } from '../../shell/types';
import { cat } from './cat';
import { cd } from './cd';
import { clear } from './clear';
import { cp } from './cp';
import { echo } from './echo';
import { env } from './env';
import { exportCommand } from './export';
import { falseCommand } from './false';
import { head, tail } from './head-tail';
import { help } from './help';
import { history } from './history';
import { fgCommand, jobsCommand, killCommand } from './jobs';
import { ls } from './ls';
import { mkdir } from './mkdir';
import { mv } from './mv';
import { pwd } from './pwd';
import { rm } from './rm';
import { touch } from './touch';
import { tree } from './tree';
import { trueCommand } from './true';
import { unset } from './unset';
import { wc } from './wc';
import { which } from './which';
import { yes } from './yes';
import { lazyCommand, type LazyCommand } from '../lazy-command';
import { EVERYDAY_COMMANDS } from './lazy-everyday';

/**
 * grep brings its BRE/ERE translator and the RE2 engine: it loads right after the first prompt,
 * like the emulated tools, so its bytes are not part of what the page fetches before it. Its help
 * lines are repeated here (a test checks they match the real ones).
 */
export const LAZY_BUILTINS: readonly LazyCommand[] = [
  lazyCommand({ name: 'grep', summary: 'Print lines that match a pattern', usage: 'grep [-ivncEF] PATTERN [FILE]...' }, () =>
    import('./grep').then((m) => m.grep),
  ),
  ...EVERYDAY_COMMANDS,
];

export const BUILTINS: readonly CommandDefinition[] = [
  cat,
  cd,
  clear,
  cp,
  echo,
  env,
  exportCommand,
  falseCommand,
  fgCommand,
  ...LAZY_BUILTINS,
  head,
  help,
  history,
  jobsCommand,
  killCommand,
  ls,
  mkdir,
  mv,
  pwd,
  rm,
  tail,
  touch,
  tree,
  trueCommand,
  unset,
  wc,
  which,
  yes,
];

export function registerBuiltins(registry: CommandRegistry): void {
  for (const def of BUILTINS) registry.register(def);
}
