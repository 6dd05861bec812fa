/**
 * GNU findutils 4.9 find: starting points, then an expression of tests (-name -iname -path
 * -ipath -type -empty -size -newer -perm -regex), actions (-print -print0 -delete -exec … ; and
 * -exec … {} + -prune -quit), operators (! -not -a -and -o -or, parentheses) and the global
 * options -maxdepth/-mindepth. Entries are visited in name order (a real disk gives its own order:
 * pipe through sort to compare).
 */
import type { CommandDefinition } from '../../shell/types';
import type { FsStat } from '../../fs/types';
import { GNU_HELP } from './gnu-help';
import { matchGlob } from '../../shell/glob';
import { q } from './gnu-text';
import { runChild } from './run-child';
import { errorText } from './fs-errors';

type Node =
  | { kind: 'and' | 'or'; a: Node; b: Node }
  | { kind: 'not'; a: Node }
  | { kind: 'test'; name: string; eval: (e: Visit) => boolean | Promise<boolean> };

interface Visit {
  path: string;
  abs: string;
  name: string;
  st: FsStat;
  depth: number;
  prune: boolean;
}

class FindError extends Error {}

const ACTIONS = new Set(['-print', '-print0', '-delete', '-exec', '-ok', '-execdir', '-okdir', '-printf', '-ls', '-fprint', '-quit']);

export const find: CommandDefinition = {
  name: 'find',
  summary: 'search for files in a directory hierarchy',
  usage: 'find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('--help') && args.indexOf('--help') <= firstExpr(args)) {
      ctx.stdout.write(GNU_HELP.find!);
      return 0;
    }
    while (args[0] === '-P' || args[0] === '-L' || args[0] === '-H') args.shift();
    const split = firstExpr(args);
    const starts = args.slice(0, split);
    const expr = args.slice(split);
    let maxDepth = Infinity;
    let minDepth = 0;
    let hasAction = false;
    let status = 0;
    const deletes: Visit[] = [];
    const batches: Array<{ argv: string[]; files: string[] }> = [];
    let quit = false;
    let out = '';
    const flush = () => {
      if (out) ctx.stdout.write(out);
      out = '';
    };

    let i = 0;
    const need = (opt: string): string => {
      if (i >= expr.length) throw new FindError(`missing argument to \`${opt}'`);
      return expr[i++]!;
    };
    const primary = (): Node => {
      const tok = expr[i++]!;
      const test = (evalFn: (e: Visit) => boolean | Promise<boolean>): Node => ({ kind: 'test', name: tok, eval: evalFn });
      if (ACTIONS.has(tok)) hasAction = true;
      switch (tok) {
        case '(': {
          const inner = parseOr();
          if (expr[i] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
          i++;
          return inner;
        }
        case '!':
        case '-not':
          return { kind: 'not', a: primary() };
        case '-name':
        case '-iname': {
          const pat = need(tok);
          const fold = tok === '-iname';
          return test((e) => (fold ? matchGlob(pat.toLowerCase(), e.name.toLowerCase()) : matchGlob(pat, e.name)));
        }
        case '-path':
        case '-wholename':
        case '-ipath':
        case '-iwholename': {
          const pat = need(tok);
          const fold = tok.startsWith('-i');
          return test((e) => (fold ? matchGlob(pat.toLowerCase(), e.path.toLowerCase()) : matchGlob(pat, e.path)));
        }
        case '-regex':
        case '-iregex': {
          const pat = need(tok);
          let re: RegExp;
          try {
            re = new RegExp(`^(?:${pat})$`, tok === '-iregex' ? 'i' : '');
          } catch {
            throw new FindError(`Invalid regular expression ${q(pat)}`);
          }
          return test((e) => re.test(e.path));
        }
        case '-type': {
          const t = need(tok);
          const kinds: Record<string, FsStat['kind']> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev' };
          const letters = t.split(',');
          for (const l of letters) if (!/^[bcdpflsD]$/.test(l)) throw new FindError(`Unknown argument to -type: ${l}`);
          return test((e) => letters.some((l) => kinds[l] === e.st.kind));
        }
        case '-empty':
          return test((e) => (e.st.kind === 'dir' ? ctx.fs.readdir(e.abs).length === 0 : e.st.kind === 'file' && e.st.size === 0));
        case '-size': {
          const v = need(tok);
          const m = /^([-+]?)(\d+)([bcwkMG]?)$/.exec(v);
          if (!m) throw new FindError(`Invalid argument \`${v}' to -size`);
          const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30, '': 512 }[m[3]!]!;
          const n = Number(m[2]);
          return test((e) => {
            const size = Math.ceil((e.st.kind === 'dir' ? 4096 : e.st.size) / unit);
            return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
          });
        }
        case '-newer': {
          const ref = need(tok);
          const st = ctx.fs.stat(ctx.shell.resolvePath(ref));
          if (!st) throw new FindError(`${q(ref)}: No such file or directory`);
          return test((e) => e.st.mtimeMs > st.mtimeMs);
        }
        case '-perm': {
          const v = need(tok);
          const m = /^([-/]?)([0-7]{1,4})$/.exec(v);
          if (!m) throw new FindError(`invalid mode ${q(v)}`);
          const want = parseInt(m[2]!, 8);
          return test((e) => {
            const mode = e.st.mode ?? 0;
            return m[1] === '-' ? (mode & want) === want : m[1] === '/' ? want === 0 || (mode & want) !== 0 : (mode & 0o7777) === want;
          });
        }
        case '-maxdepth':
        case '-mindepth': {
          const v = need(tok);
          if (!/^\d+$/.test(v)) throw new FindError(`Expected a positive decimal integer argument to ${tok}, but got ${q(v)}`);
          if (tok === '-maxdepth') maxDepth = Number(v);
          else minDepth = Number(v);
          return test(() => true);
        }
        case '-true':
          return test(() => true);
        case '-false':
          return test(() => false);
        case '-print':
          return test((e) => {
            out += `${e.path}\n`;
            return true;
          });
        case '-print0':
          return test((e) => {
            out += `${e.path}\0`;
            return true;
          });
        case '-prune':
          return test((e) => {
            e.prune = true;
            return true;
          });
        case '-quit':
          return test(() => {
            quit = true;
            return true;
          });
        case '-delete':
          return test((e) => {
            deletes.push(e);
            return true;
          });
        case '-exec':
        case '-execdir':
        case '-ok':
        case '-okdir': {
          const cmd: string[] = [];
          while (i < expr.length && expr[i] !== ';' && !(expr[i] === '+' && cmd[cmd.length - 1] === '{}')) cmd.push(expr[i++]!);
          if (i >= expr.length || cmd.length === 0) throw new FindError(`missing argument to \`${tok}'`);
          const plus = expr[i++] === '+';
          if (plus) {
            const batch = { argv: cmd.slice(0, -1), files: [] as string[] };
            batches.push(batch);
            return test((e) => {
              batch.files.push(e.path);
              return true;
            });
          }
          return test(async (e) => {
            flush();
            const argv = cmd.map((w) => w.split('{}').join(e.path));
            const r = await runChild(ctx, argv);
            if (r === null) {
              // The child's exec failed: the test is false; find's own status stays (findutils 4.9).
              ctx.stderr.write(`find: ${q(argv[0]!)}: No such file or directory\n`);
              return false;
            }
            return r === 0;
          });
        }
        default:
          if (tok.startsWith('-')) throw new FindError(`unknown predicate \`${tok}'`);
          throw new FindError(`paths must precede expression: \`${tok}'`);
      }
    };
    const parseAnd = (): Node => {
      let left = primary();
      while (i < expr.length && expr[i] !== ')' && expr[i] !== '-o' && expr[i] !== '-or' && expr[i] !== ',') {
        if (expr[i] === '-a' || expr[i] === '-and') {
          i++;
          if (i >= expr.length) throw new FindError("invalid expression; you have used a binary operator '-a' with nothing after it.");
        }
        left = { kind: 'and', a: left, b: primary() };
      }
      return left;
    };
    const parseOr = (): Node => {
      let left = parseAnd();
      while (expr[i] === '-o' || expr[i] === '-or') {
        i++;
        if (i >= expr.length) throw new FindError("invalid expression; you have used a binary operator '-o' with nothing after it.");
        left = { kind: 'or', a: left, b: parseAnd() };
      }
      return left;
    };
    let root: Node | null = null;
    try {
      if (expr.length) {
        root = parseOr();
        if (i < expr.length)
          throw new FindError(expr[i] === ')' ? "invalid expression; you have too many ')'" : `unexpected extra predicate '${expr[i]}'`);
      }
    } catch (err) {
      if (!(err instanceof FindError)) throw err;
      ctx.stderr.write(`find: ${err.message}\n`);
      return 1;
    }
    const evaluate = async (n: Node, e: Visit): Promise<boolean> => {
      switch (n.kind) {
        case 'and':
          return (await evaluate(n.a, e)) && evaluate(n.b, e);
        case 'or':
          return (await evaluate(n.a, e)) || evaluate(n.b, e);
        case 'not':
          return !(await evaluate(n.a, e));
        case 'test':
          return n.eval(e);
      }
    };
    let visited = 0;
    const walk = async (path: string, abs: string, depth: number, top: boolean): Promise<void> => {
      if (quit || ctx.signal.aborted) return;
      const st = top ? ctx.fs.stat(abs) : ctx.fs.lstat(abs);
      if (!st) {
        ctx.stderr.write(`find: ${q(path)}: No such file or directory\n`);
        status = 1;
        return;
      }
      const e: Visit = {
        path,
        abs,
        name: top ? path.replace(/\/+$/, '').split('/').pop() || path : path.slice(path.lastIndexOf('/') + 1),
        st,
        depth,
        prune: false,
      };
      if (depth >= minDepth && depth <= maxDepth) {
        const ok = root ? await evaluate(root, e) : true;
        if (ok && !hasAction) out += `${path}\n`;
      }
      if (out.length > 64 * 1024) flush();
      if (++visited % 512 === 0) await new Promise((r) => setTimeout(r, 0));
      if (st.kind === 'dir' && depth < maxDepth && !e.prune) {
        let names: string[];
        try {
          names = ctx.fs.readdir(abs);
        } catch (err) {
          ctx.stderr.write(`find: ${q(path)}: ${errorText(err)}\n`);
          status = 1;
          return;
        }
        for (const name of names)
          await walk(path.endsWith('/') ? path + name : `${path}/${name}`, abs === '/' ? `/${name}` : `${abs}/${name}`, depth + 1, false);
      }
    };
    for (const start of starts.length ? starts : ['.']) {
      if (start === '') {
        ctx.stderr.write("find: '': No such file or directory\n");
        status = 1;
        continue;
      }
      await walk(start, ctx.shell.resolvePath(start), 0, true);
    }
    flush();
    if (ctx.signal.aborted) return 130;
    for (const d of deletes.reverse()) {
      try {
        ctx.fs.remove(d.abs);
      } catch (err) {
        ctx.stderr.write(`find: cannot delete ${q(d.path)}: ${errorText(err)}\n`);
        status = 1;
      }
    }
    for (const b of batches) {
      if (!b.files.length) continue;
      const r = await runChild(ctx, [...b.argv, ...b.files]);
      if (r === null) {
        ctx.stderr.write(`find: ${q(b.argv[0]!)}: No such file or directory\n`);
        status = 1;
      } else if (r !== 0) status = 1;
    }
    return status;
  },
};

/** Where the expression starts: the first argument that begins with `-` (but is not `-` alone), `(`, `!`. */
function firstExpr(args: string[]): number {
  const at = args.findIndex((a) => (a.startsWith('-') && a.length > 1) || a === '(' || a === '!');
  return at < 0 ? args.length : at;
}
