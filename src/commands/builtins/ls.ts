import type { FsStat } from '../../fs/types';
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { parseOptions, quoteName } from './options';
import { errorText } from './fs-errors';
import { hideControlChars, shellEscapeName } from './display-name';
import { childPath } from '../../fs/path';
import { stringWidth } from '../../lib/char-width';
import { paint as paintAnsi, sgr } from '../../lib/ansi';

/** GNU's default LS_COLORS (dircolors): di=01;34 (directories), ln=01;36 (links), cd=40;33;01 (character devices). */
const COLOURS: Partial<Record<FsStat['kind'], string>> = { dir: sgr('01', 34), symlink: sgr('01', 36), chardev: sgr(40, 33, '01') };
const TYPE_LETTER: Record<FsStat['kind'], string> = { dir: 'd', file: '-', symlink: 'l', chardev: 'c' };
const DEFAULT_MODES: Record<FsStat['kind'], number> = { dir: 0o755, file: 0o644, symlink: 0o777, chardev: 0o666 };

/** `-rwxr-xr-x`, as ls.c's filemodestring: setuid/setgid/sticky show as s/S and t/T. */
export function modeString(st: FsStat): string {
  const m = st.kind === 'file' || st.kind === 'dir' ? (st.mode ?? DEFAULT_MODES[st.kind]) : DEFAULT_MODES[st.kind];
  const rwx = (bits: number, special: boolean, on: string) => {
    const x = bits & 1 ? (special ? on : 'x') : special ? on.toUpperCase() : '-';
    return (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + x;
  };
  return TYPE_LETTER[st.kind] + rwx(m >> 6, (m & 0o4000) !== 0, 's') + rwx(m >> 3, (m & 0o2000) !== 0, 's') + rwx(m, (m & 0o1000) !== 0, 't');
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const ls: CommandDefinition = {
  name: 'ls',
  summary: 'List directory contents',
  usage: 'ls [-alA1Rd] [FILE]...',
  flags: [
    { name: '-a', description: 'do not ignore entries starting with .' },
    { name: '-A', description: 'like -a, but without . and ..' },
    { name: '-l', description: 'use a long listing format' },
    { name: '-1', description: 'list one file per line' },
    { name: '-R', description: 'list subdirectories recursively' },
    { name: '-d', description: 'list directories themselves, not their contents' },
  ],
  async run(ctx) {
    const opts = parseOptions(ctx, ls, { letters: 'aAl1Rd', long: { all: 'a', 'almost-all': 'A', recursive: 'R', directory: 'd' }, usageStatus: 2 });
    if (typeof opts === 'number') return opts;
    const operands = opts.operands.length ? opts.operands : ['.'];
    let status = 0;
    const files: Entry[] = [];
    const dirs: string[] = [];
    for (const op of operands) {
      // GNU ls: with -l a symlink named on the command line is shown itself; without, it is followed.
      const abs = ctx.shell.resolvePath(op);
      const st = opts.flags.has('l') && !op.endsWith('/') ? ctx.fs.lstat(abs) : (ctx.fs.stat(abs) ?? ctx.fs.lstat(abs));
      if (!st) {
        ctx.stderr.write(`ls: cannot access ${quoteName(op)}: No such file or directory\n`);
        status = 2;
      } else if (st.kind === 'dir' && !opts.flags.has('d')) dirs.push(op);
      else files.push({ name: op, stat: st });
    }
    const out: string[] = [];
    if (files.length) out.push(format(ctx, files, opts.flags));
    const recursive = opts.flags.has('R');
    // -R: each directory's listing is followed by its subdirectories' (depth first, in name order),
    // every one under a `DIR:` header, as ls.c queues them.
    const queue = [...dirs];
    let listed = 0;
    while (queue.length) {
      if (ctx.signal.aborted) return 130;
      const dir = queue.shift()!;
      let entries: Entry[];
      try {
        entries = readEntries(ctx, dir, opts.flags);
      } catch (err) {
        ctx.stderr.write(`ls: cannot open directory ${quoteName(dir)}: ${errorText(err)}\n`);
        status = 2;
        continue;
      }
      const header = operands.length > 1 || recursive ? `${hideControlChars(dir)}:\n` : '';
      const total = opts.flags.has('l') ? `total ${entries.reduce((n, e) => n + blocks(e.stat), 0)}\n` : '';
      out.push(header + total + format(ctx, entries, opts.flags));
      if (recursive) {
        const subs = entries
          .filter((e) => e.stat.kind === 'dir' && e.name !== '.' && e.name !== '..')
          .map((e) => (dir.endsWith('/') ? dir + e.name : `${dir}/${e.name}`));
        queue.unshift(...subs);
      }
      if (++listed > 100_000) break;
    }
    const text = out.filter((s, i) => s !== '' || (recursive && i > 0)).join('\n');
    if (text) ctx.stdout.write(text);
    return status;
  },
};

interface Entry {
  name: string;
  stat: FsStat;
}

function readEntries(ctx: CommandContext, dir: string, flags: Set<string>): Entry[] {
  const abs = ctx.shell.resolvePath(dir);
  const names = ctx.fs.readdir(abs).filter((n) => flags.has('a') || flags.has('A') || !n.startsWith('.'));
  const entries = names.map((name) => ({ name, stat: ctx.fs.lstat(childPath(abs, name))! }));
  if (flags.has('a')) {
    const parent = ctx.fs.stat(ctx.shell.resolvePath(`${dir}/..`))!;
    entries.unshift({ name: '.', stat: ctx.fs.stat(abs)! }, { name: '..', stat: parent });
  }
  return entries;
}

function blocks(st: FsStat): number {
  if (st.kind === 'symlink' || st.kind === 'chardev') return 0;
  return st.kind === 'dir' ? 4 : Math.ceil(st.size / 4096) * 4;
}

/** Joined text for a group of entries, ending in a newline (or '' for none). */
function format(ctx: CommandContext, entries: Entry[], flags: Set<string>): string {
  if (entries.length === 0) return '';
  const tty = ctx.stdout.isTTY;
  // On a terminal GNU ls quotes names that need it (control characters as $'\033'); into a pipe
  // it writes them raw, where we write `?` instead (ls -q) so `ls | cat` cannot inject either.
  let shown = entries.map((e) => (tty ? shellEscapeName(e.name, false) : hideControlChars(e.name)));
  const paint = (e: Entry, i: number) => paintAnsi(COLOURS[e.stat.kind] ?? '', shown[i]!, tty);
  if (flags.has('l')) {
    // GNU ls: a device shows "major, minor" where the size goes, each part aligned over the listing.
    const majorW = Math.max(0, ...entries.map((e) => (e.stat.rdev ? String(e.stat.rdev.major).length : 0)));
    const minorW = Math.max(0, ...entries.map((e) => (e.stat.rdev ? String(e.stat.rdev.minor).length : 0)));
    const sizes = entries.map((e) =>
      e.stat.rdev
        ? `${String(e.stat.rdev.major).padStart(majorW)}, ${String(e.stat.rdev.minor).padStart(minorW)}`
        : String(e.stat.kind === 'dir' ? 4096 : e.stat.size),
    );
    const width = Math.max(...sizes.map((s) => s.length));
    const owners = entries.map((e) => e.stat.owner ?? 'learner');
    const ownerW = Math.max(...owners.map((o) => o.length));
    return entries
      .map((e, i) => {
        const links = e.stat.kind === 'dir' ? 2 : 1;
        const owner = owners[i]!.padEnd(ownerW);
        const arrow =
          e.stat.kind === 'symlink' ? ` -> ${tty ? shellEscapeName(e.stat.target ?? '', false) : hideControlChars(e.stat.target ?? '')}` : '';
        return `${modeString(e.stat)} ${links} ${owner} ${owner} ${sizes[i]!.padStart(width)} ${formatDate(e.stat.mtimeMs)} ${paint(e, i)}${arrow}\n`;
      })
      .join('');
  }
  if (!tty || flags.has('1')) return entries.map((e, i) => paint(e, i) + '\n').join('');
  // In columns GNU shifts unquoted names one space right when some name is quoted, to align them.
  if (shown.some((s, i) => s !== entries[i]!.name)) shown = shown.map((s, i) => (s === entries[i]!.name ? ` ${s}` : s));
  // GNU ls: the terminal's own width (TIOCGWINSZ) wins, then $COLUMNS, then 80.
  const width = ctx.stdout.columns || Number(ctx.env.get('COLUMNS')) || 80;
  return columns(shown, width, (i) => paint(entries[i]!, i));
}

/** GNU ls' vertical column layout for a terminal `width` wide (names measured in cells, as wide characters take two). */
function columns(names: string[], width: number, paint: (i: number) => string): string {
  const cells = names.map(stringWidth);
  for (let cols = Math.min(names.length, Math.floor(width / 3)); cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const colWidths = Array.from({ length: cols }, (_, c) => Math.max(0, ...cells.slice(c * rows, (c + 1) * rows)));
    if (colWidths.reduce((a, b) => a + b + 2, -2) > width) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < cols; c++) {
        const i = c * rows + r;
        if (i >= names.length) break;
        const last = c === cols - 1 || (c + 1) * rows + r >= names.length;
        line += paint(i) + (last ? '' : ' '.repeat(colWidths[c]! - cells[i]! + 2));
      }
      lines.push(line);
    }
    return lines.join('\n') + '\n';
  }
  return names.map((_, i) => paint(i) + '\n').join('');
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  const recent = Math.abs(Date.now() - ms) < 182 * 24 * 3600 * 1000;
  const tail = recent ? `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` : ` ${d.getFullYear()}`;
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${tail}`;
}
