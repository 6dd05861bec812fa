/**
 * The everyday GNU commands (coreutils, sed, findutils, and awk, file, xxd, ps): lazy stubs whose name and
 * summary are repeated here so `help` lists them before their chunk has loaded (a test checks they match). Their
 * code, usage lines and GNU --help texts load in one chunk after the first prompt (everyday.ts); until then a stub
 * shows the generic `NAME [OPTION]...` usage, to keep the bytes before the first prompt to this table.
 */
import { lazyCommand, type LazyCommand } from '../lazy-command';

/** name and summary (what `help` lists); the usage line comes with the code. */
const HELP_LINES: ReadonlyArray<readonly [name: string, summary: string]> = [
  ['sleep', 'delay for a specified amount of time'],
  ['seq', 'print a sequence of numbers'],
  ['printf', 'Formats and prints ARGUMENTS under control of the FORMAT.'],
  ['basename', 'strip directory and suffix from filenames'],
  ['dirname', 'strip last component from file name'],
  ['whoami', 'print effective user name'],
  ['id', 'print real and effective user and group IDs'],
  ['uname', 'print system information'],
  ['tee', 'read from standard input and write to standard output and files'],
  ['sort', 'sort lines of text files'],
  ['uniq', 'report or omit repeated lines'],
  ['cut', 'remove sections from each line of files'],
  ['tr', 'translate or delete characters'],
  ['chmod', 'change file mode bits'],
  ['date', 'print or set the system date and time'],
  ['find', 'search for files in a directory hierarchy'],
  ['xargs', 'build and execute command lines from standard input'],
  ['sha256sum', 'compute and check SHA256 message digest'],
  ['file', 'determine file type'],
  ['xxd', 'make a hex dump or do the reverse'],
  ['od', 'dump files in octal and other formats'],
  ['ps', 'report a snapshot of the current processes'],
  ['sed', 'stream editor for filtering and transforming text'],
  ['awk', 'pattern scanning and text processing language'],
];

const load = () => import('./everyday').then((m) => m.EVERYDAY);

export const EVERYDAY_COMMANDS: readonly LazyCommand[] = HELP_LINES.map(([name, summary]) =>
  lazyCommand({ name, summary, usage: `${name} [OPTION]...` }, () => load().then((all) => all[name]!)),
);
