/**
 * The everyday commands in one chunk, loaded after the first prompt (see lazy-everyday.ts): one dynamic
 * import for all of them keeps what the page fetches before its prompt to one small table of help lines.
 */
import type { CommandDefinition } from '../../shell/types';
import { sleep } from './sleep';
import { seq } from './seq';
import { printfCommand } from './printf';
import { basename, dirname } from './paths';
import { whoami, id, uname } from './identity';
import { tee } from './tee';
import { sort } from './sort';
import { uniq } from './uniq';
import { cut } from './cut';
import { tr } from './tr';
import { chmod } from './chmod';
import { date } from './date';
import { find } from './find';
import { xargs } from './xargs';
import { sha256sum } from './sha256sum';
import { file } from './file';
import { xxd } from './xxd';
import { od } from './od';
import { ps } from './ps';
import { sed } from './sed';
import { awk } from './awk';

export const EVERYDAY: Readonly<Record<string, CommandDefinition>> = {
  sleep,
  seq,
  printf: printfCommand,
  basename,
  dirname,
  whoami,
  id,
  uname,
  tee,
  sort,
  uniq,
  cut,
  tr,
  chmod,
  date,
  find,
  xargs,
  sha256sum,
  file,
  xxd,
  od,
  ps,
  sed,
  awk,
};
