/** less and more over the Dojo's pager: files (or standard input) shown a screen at a time. */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { page } from './pager';

async function readAllInputs(ctx: CommandContext, name: string, operands: string[]): Promise<{ text: string; status: number }> {
  let text = '';
  let status = 0;
  const decoder = new TextDecoder();
  for (const op of operands.length ? operands : ['-']) {
    if (op === '-') {
      text += decoder.decode(await ctx.stdin.readAll());
      continue;
    }
    const path = ctx.shell.resolvePath(op);
    const st = ctx.fs.stat(path);
    if (!st) {
      ctx.stderr.write(`${op}: No such file or directory\n`);
      status = 1;
    } else if (st.kind === 'dir') {
      ctx.stderr.write(`${op} is a directory\n`);
      status = 1;
    } else text += decoder.decode(ctx.fs.readFile(path));
  }
  return { text, status };
}

function pagerCommand(name: 'less' | 'more', summary: string, usage: string, help: string): CommandDefinition {
  const def: CommandDefinition = {
    name,
    summary,
    usage,
    async run(ctx) {
      const args = ctx.argv.slice(1);
      if (args.includes('--help') || (name === 'less' && args.includes('-?'))) {
        ctx.stdout.write(help);
        return 0;
      }
      // Display options (-N, -S, -R, -F, -X, -i…) are accepted and change nothing here.
      const operands = args.filter((a) => !/^-[A-Za-z?#~]+$/.test(a) && !/^\+/.test(a));
      if (!operands.length && ctx.stdin.isTTY) {
        ctx.stderr.write(
          name === 'less' ? 'Missing filename ("less --help" for help)\n' : "more: bad usage\nTry 'more --help' for more information.\n",
        );
        return 1;
      }
      const { text, status } = await readAllInputs(ctx, name, operands);
      if (!text && status) return status;
      const r = await page(ctx, text, { title: operands.length === 1 ? operands[0] : undefined });
      return r || status;
    },
  };
  return def;
}

export const less = pagerCommand(
  'less',
  'opposite of more: page through text, forward and backward',
  'less [options] [FILE]...',
  `
                   SUMMARY OF LESS COMMANDS (the Dojo's pager)

      Commands marked with * may be preceded by a number, N.

  h  H                 Display this help.
  q  :q  Q  :Q  ZZ     Exit.
 ---------------------------------------------------------------------------

                           MOVING

  e  ^E  j  ^N  CR  *  Forward  one line   (or N lines).
  y  ^Y  k  ^K  ^P  *  Backward one line   (or N lines).
  f  ^F  ^V  SPACE  *  Forward  one window (or N lines).
  b  ^B  ESC-v      *  Backward one window (or N lines).
  d  ^D             *  Forward  one half-window (and set half-window to N).
  u  ^U             *  Backward one half-window (and set half-window to N).
 ---------------------------------------------------------------------------

                          SEARCHING

  /pattern          *  Search forward for (N-th) matching line.
  ?pattern          *  Search backward for (N-th) matching line.
  n                 *  Repeat previous search (for N-th occurrence).
  N                 *  Repeat previous search in reverse direction.
 ---------------------------------------------------------------------------

                           JUMPING

  g  <  ESC-<       *  Go to first line in file (or line N).
  G  >  ESC->       *  Go to last line in file (or line N).
`,
);

export const more = pagerCommand(
  'more',
  'display the contents of a file in a terminal',
  'more [options] <file>...',
  `
Usage:
 more [options] <file>...

A file perusal filter for CRT viewing.

Options:
 -d, --silent          display help instead of ringing bell
 -f, --logical         count logical rather than screen lines
 -l, --no-pause        suppress pause after form feed
 -c, --print-over      do not scroll, display text and clean line ends
 -p, --clean-print     do not scroll, clean screen and display text
 -e, --exit-on-eof     exit on end-of-file
 -s, --squeeze         squeeze multiple blank lines into one
 -u, --plain           suppress underlining and bold
 -n, --lines <number>  the number of lines per screenful
 -<number>             same as --lines
 +<number>             display file beginning from line number
 +/<pattern>           display file beginning from pattern match

 -h, --help            display this help
 -V, --version         display version

For more details see more(1).
`,
);
