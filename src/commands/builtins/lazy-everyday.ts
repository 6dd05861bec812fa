/**
 * The everyday GNU commands (coreutils, sed, findutils, and awk, file, xxd, ps, man, less): each
 * loads after the first prompt, with its `help` line repeated here (a test checks it matches).
 */
import { lazyCommand, type LazyCommand } from '../lazy-command';

export const EVERYDAY_COMMANDS: readonly LazyCommand[] = [
  lazyCommand({ name: 'sleep', summary: 'delay for a specified amount of time', usage: 'sleep NUMBER[SUFFIX]...' }, () =>
    import('./sleep').then((m) => m.sleep),
  ),
  lazyCommand(
    {
      name: 'seq',
      summary: 'print a sequence of numbers',
      usage: 'seq [OPTION]... LAST\nseq [OPTION]... FIRST LAST\nseq [OPTION]... FIRST INCREMENT LAST',
    },
    () => import('./seq').then((m) => m.seq),
  ),
  lazyCommand(
    { name: 'printf', summary: 'Formats and prints ARGUMENTS under control of the FORMAT.', usage: 'printf [-v var] format [arguments]' },
    () => import('./printf').then((m) => m.printfCommand),
  ),
  lazyCommand(
    { name: 'basename', summary: 'strip directory and suffix from filenames', usage: 'basename NAME [SUFFIX]\nbasename OPTION... NAME...' },
    () => import('./paths').then((m) => m.basename),
  ),
  lazyCommand({ name: 'dirname', summary: 'strip last component from file name', usage: 'dirname [OPTION] NAME...' }, () =>
    import('./paths').then((m) => m.dirname),
  ),
  lazyCommand({ name: 'whoami', summary: 'print effective user name', usage: 'whoami [OPTION]...' }, () =>
    import('./identity').then((m) => m.whoami),
  ),
  lazyCommand({ name: 'id', summary: 'print real and effective user and group IDs', usage: 'id [OPTION]... [USER]...' }, () =>
    import('./identity').then((m) => m.id),
  ),
  lazyCommand({ name: 'uname', summary: 'print system information', usage: 'uname [OPTION]...' }, () => import('./identity').then((m) => m.uname)),
  lazyCommand({ name: 'tee', summary: 'read from standard input and write to standard output and files', usage: 'tee [OPTION]... [FILE]...' }, () =>
    import('./tee').then((m) => m.tee),
  ),
  lazyCommand({ name: 'sort', summary: 'sort lines of text files', usage: 'sort [OPTION]... [FILE]...\nsort [OPTION]... --files0-from=F' }, () =>
    import('./sort').then((m) => m.sort),
  ),
  lazyCommand({ name: 'uniq', summary: 'report or omit repeated lines', usage: 'uniq [OPTION]... [INPUT [OUTPUT]]' }, () =>
    import('./uniq').then((m) => m.uniq),
  ),
  lazyCommand({ name: 'cut', summary: 'remove sections from each line of files', usage: 'cut OPTION... [FILE]...' }, () =>
    import('./cut').then((m) => m.cut),
  ),
  lazyCommand({ name: 'tr', summary: 'translate or delete characters', usage: 'tr [OPTION]... STRING1 [STRING2]' }, () =>
    import('./tr').then((m) => m.tr),
  ),
  lazyCommand(
    {
      name: 'chmod',
      summary: 'change file mode bits',
      usage: 'chmod [OPTION]... MODE[,MODE]... FILE...\nchmod [OPTION]... OCTAL-MODE FILE...\nchmod [OPTION]... --reference=RFILE FILE...',
    },
    () => import('./chmod').then((m) => m.chmod),
  ),
  lazyCommand(
    {
      name: 'date',
      summary: 'print or set the system date and time',
      usage: 'date [OPTION]... [+FORMAT]\ndate [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]',
    },
    () => import('./date').then((m) => m.date),
  ),
  lazyCommand(
    {
      name: 'find',
      summary: 'search for files in a directory hierarchy',
      usage: 'find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]',
    },
    () => import('./find').then((m) => m.find),
  ),
  lazyCommand(
    { name: 'xargs', summary: 'build and execute command lines from standard input', usage: 'xargs [OPTION]... COMMAND [INITIAL-ARGS]...' },
    () => import('./xargs').then((m) => m.xargs),
  ),
  lazyCommand({ name: 'sha256sum', summary: 'compute and check SHA256 message digest', usage: 'sha256sum [OPTION]... [FILE]...' }, () =>
    import('./sha256sum').then((m) => m.sha256sum),
  ),
  lazyCommand({ name: 'file', summary: 'determine file type', usage: 'file [-bLi] [--mime-type] FILE...' }, () =>
    import('./file').then((m) => m.file),
  ),
  lazyCommand({ name: 'xxd', summary: 'make a hex dump or do the reverse', usage: 'xxd [options] [infile [outfile]]' }, () =>
    import('./xxd').then((m) => m.xxd),
  ),
  lazyCommand(
    {
      name: 'od',
      summary: 'dump files in octal and other formats',
      usage:
        'od [OPTION]... [FILE]...\nod [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]\nod --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]',
    },
    () => import('./od').then((m) => m.od),
  ),
  lazyCommand({ name: 'ps', summary: 'report a snapshot of the current processes', usage: 'ps [options]' }, () => import('./ps').then((m) => m.ps)),
  lazyCommand(
    {
      name: 'sed',
      summary: 'stream editor for filtering and transforming text',
      usage: 'sed [OPTION]... {script-only-if-no-other-script} [input-file]...',
    },
    () => import('./sed').then((m) => m.sed),
  ),
  lazyCommand(
    {
      name: 'awk',
      summary: 'pattern scanning and text processing language',
      usage: "awk [-F fs] [-v var=value] ['program' | -f progfile] [file ...]",
    },
    () => import('./awk').then((m) => m.awk),
  ),
];
