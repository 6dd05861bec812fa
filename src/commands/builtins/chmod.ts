/**
 * coreutils chmod.c over the Dojo's file modes: octal (755) and symbolic (u+x, go-w, a=r,+X, u+s)
 * modes, -R, -v, -c, -f. The learner's umask is 022, which a symbolic mode without "who" respects
 * (`chmod +w` gives only u+w), as gnulib's modechange.c does.
 */
import type { CommandDefinition } from '../../shell/types';
import type { FsStat } from '../../fs/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions, quoteName } from './options';
import { errorText } from './fs-errors';
import { q, tryHelp } from './gnu-text';
import { modeString } from './ls';

const UMASK = 0o022;

type Change = (mode: number, isDir: boolean) => number;

/** Compiles MODE into a function of the old mode; null when MODE is not a valid mode. */
export function compileMode(text: string): Change | null {
  if (/^[0-7]{1,4}$/.test(text)) {
    const m = parseInt(text, 8);
    // chmod.c keeps a directory's setuid/setgid bits unless the octal mode names them (5+ digits).
    return (old, isDir) => (isDir && text.length < 5 ? m | (old & 0o6000) : m);
  }
  const clauses = text.split(',');
  const steps: Array<{ who: number; whoGiven: boolean; op: string; perms: string }> = [];
  for (const clause of clauses) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    let who = 0;
    for (const w of m[1]!) who |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    for (const action of m[2]!.match(/[-+=][^-+=]*/g)!) steps.push({ who, whoGiven: m[1] !== '', op: action[0]!, perms: action.slice(1) });
  }
  return (old, isDir) => {
    let mode = old;
    for (const s of steps) {
      const who = s.whoGiven ? s.who : 0o7777;
      let bits = 0;
      if (/^[ugo]$/.test(s.perms)) {
        const shift = s.perms === 'u' ? 6 : s.perms === 'g' ? 3 : 0;
        const p = (mode >> shift) & 7;
        bits = (p << 6) | (p << 3) | p;
      } else
        for (const p of s.perms) {
          if (p === 'r') bits |= 0o444;
          if (p === 'w') bits |= 0o222;
          if (p === 'x') bits |= 0o111;
          if (p === 'X' && (isDir || (mode & 0o111) !== 0)) bits |= 0o111;
          if (p === 's') bits |= 0o6000;
          if (p === 't') bits |= 0o1000;
        }
      bits &= who;
      if (!s.whoGiven) bits &= ~UMASK;
      if (s.op === '+') mode |= bits;
      else if (s.op === '-') mode &= ~bits;
      else {
        const cleared = s.whoGiven ? who : 0o7777 & ~UMASK;
        mode = (mode & ~cleared) | bits;
      }
    }
    return mode & 0o7777;
  };
}

function describe(mode: number, st: FsStat): string {
  return `${mode.toString(8).padStart(4, '0')} (${modeString({ ...st, mode }).slice(1)})`;
}

export const chmod: CommandDefinition = {
  name: 'chmod',
  summary: 'change file mode bits',
  usage: 'chmod [OPTION]... MODE[,MODE]... FILE...\nchmod [OPTION]... OCTAL-MODE FILE...\nchmod [OPTION]... --reference=RFILE FILE...',
  async run(ctx) {
    // chmod.c: a mode such as -w or -x is an operand, not an option.
    const argv = ctx.argv.map((a, i) => (i > 0 && /^-[rwxXstugoa]+$/.test(a) && !/^-[Rvcf]+$/.test(a) ? `\u0000${a}` : a));
    const opts = parseOptions({ ...ctx, argv }, chmod, {
      letters: 'Rvcf',
      long: { recursive: 'R', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f' },
      longOnly: ['preserve-root', 'no-preserve-root'],
      longOnlyValue: ['reference'],
      help: GNU_HELP.chmod,
    });
    if (typeof opts === 'number') return opts;
    const ops = opts.operands.map((o) => o.replace(/^\u0000/, ''));
    if (!ops.length) return tryHelp(ctx, 'chmod', 'missing operand');
    const ref = opts.values.get('reference');
    let change: Change | null;
    let files: string[];
    if (ref !== undefined) {
      const st = ctx.fs.stat(ctx.shell.resolvePath(ref));
      if (!st) {
        ctx.stderr.write(`chmod: failed to get attributes of ${quoteName(ref)}: No such file or directory\n`);
        return 1;
      }
      change = () => st.mode ?? 0o644;
      files = ops;
    } else {
      change = compileMode(ops[0]!);
      files = ops.slice(1);
      if (!change) return tryHelp(ctx, 'chmod', `invalid mode: ${q(ops[0]!)}`);
      if (!files.length) return tryHelp(ctx, 'chmod', `missing operand after ${q(ops[0]!)}`);
    }
    const f = opts.flags;
    let status = 0;
    const apply = (name: string, path: string, top: boolean): void => {
      const st = top ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      if (!st) {
        if (!f.has('f')) ctx.stderr.write(`chmod: cannot access ${quoteName(name)}: No such file or directory\n`);
        status = 1;
        return;
      }
      // chmod -R does not follow symlinks it meets on the way; it neither changes them.
      if (st.kind === 'symlink') return;
      const old = st.mode ?? (st.kind === 'dir' ? 0o755 : 0o644);
      const next = change!(old, st.kind === 'dir');
      try {
        if (next !== old) ctx.fs.chmod?.(path, next);
      } catch (err) {
        if (!f.has('f')) ctx.stderr.write(`chmod: changing permissions of ${quoteName(name)}: ${errorText(err)}\n`);
        status = 1;
        return;
      }
      if (f.has('v') || (f.has('c') && next !== old)) {
        ctx.stdout.write(
          next === old
            ? `mode of ${quoteName(name)} retained as ${describe(old, st)}\n`
            : `mode of ${quoteName(name)} changed from ${describe(old, st)} to ${describe(next, st)}\n`,
        );
      }
      if (f.has('R') && st.kind === 'dir') {
        for (const child of ctx.fs.readdir(path))
          apply(name.endsWith('/') ? name + child : `${name}/${child}`, `${path === '/' ? '' : path}/${child}`, false);
      }
    };
    for (const name of files) apply(name, ctx.shell.resolvePath(name), true);
    return status;
  },
};
