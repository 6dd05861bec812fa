/**
 * Tab completion: command names at the start of a command, then subcommands and flags from the
 * command's own spec (the registry is the single source of truth), then file paths.
 */
import type { HostFs } from '../fs/types';
import { resolve, childPath } from '../fs/path';
import type { CommandDefinition, Completion, FlagSpec, ShellApi, SubcommandSpec } from './types';
import { lex, type Token } from './lexer';

const COMMAND_BREAKS = new Set([';', '&&', '||', '|']);
const BEFORE_COMMAND = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time', 'sudo', 'command']);

export function completeLine(line: string, cursor: number, shell: ShellApi, fs: HostFs): Completion {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const { tokens } = lex(before, { lenient: true });
  const lastToken = tokens[tokens.length - 1];
  const inWord = lastToken?.kind === 'word' && lastToken.end === before.length;
  const start = inWord ? lastToken.start : before.length;
  const partial = inWord ? unquote(lastToken.raw) : '';
  const previous = inWord ? tokens.slice(0, -1) : tokens;

  // Words of the current simple command before the cursor; a redirect target completes as a path.
  const words: string[] = [];
  let afterRedirect = false;
  for (let i = previous.length - 1; i >= 0; i--) {
    const t: Token = previous[i]!;
    if (t.kind === 'op') {
      if (COMMAND_BREAKS.has(t.op)) break;
      if (i === previous.length - 1) afterRedirect = true;
      continue;
    }
    const prev = previous[i - 1];
    if (prev?.kind === 'op' && !COMMAND_BREAKS.has(prev.op) && !prev.op.endsWith('&1') && prev.op !== '>&2') continue;
    words.unshift(unquote(t.raw));
  }
  // Reserved words that a command follows (`for f in *; do ec<Tab>`, `if gr<Tab>`), and assignments.
  while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || BEFORE_COMMAND.has(words[0]!))) words.shift();

  let candidates: string[];
  if (afterRedirect) candidates = completePath(partial, shell, fs);
  else if (words.length === 0) {
    candidates = partial.includes('/')
      ? completePath(partial, shell, fs)
      : shell.registry
          .list()
          .map((d) => d.name)
          .filter((n) => n.startsWith(partial));
  } else {
    const def = shell.registry.get(words[0]!);
    candidates = def ? completeArgs(def, words.slice(1), partial, shell, fs) : completePath(partial, shell, fs);
  }
  return { start, candidates: [...new Set(candidates)].sort() };
}

function completeArgs(def: CommandDefinition, args: string[], partial: string, shell: ShellApi, fs: HostFs): string[] {
  let spec: { flags?: FlagSpec[]; subcommands?: SubcommandSpec[] } = def;
  let positional = 0;
  const flagsOf = () => [...(spec.flags ?? []), ...(spec === def ? [] : (def.flags ?? []))];
  let expectsValue = false;
  for (const arg of args) {
    if (expectsValue) {
      expectsValue = false;
      continue;
    }
    if (arg.startsWith('-')) {
      expectsValue = !arg.includes('=') && flagsOf().some((f) => f.name === arg && f.value !== undefined);
      continue;
    }
    const sub = spec.subcommands?.find((s) => s.name === arg);
    if (sub) spec = sub;
    else positional++;
  }
  const own = (): string[] => {
    if (!def.complete) return [];
    try {
      return def.complete(args, partial, shell).filter((c) => c.startsWith(partial));
    } catch {
      return []; // A command's own completer failing must not break Tab.
    }
  };
  // `--dir /da<Tab>` and `--dir=/da<Tab>` complete the flag's value as a path.
  if (expectsValue) return [...own(), ...completePath(partial, shell, fs)];
  const eq = partial.indexOf('=');
  if (partial.startsWith('-') && eq > 0) {
    const flag = partial.slice(0, eq + 1);
    return completePath(partial.slice(eq + 1), shell, fs).map((p) => flag + p);
  }
  if (partial.startsWith('-')) {
    return [...new Set(flagsOf().map((f) => f.name))].filter((n) => n.startsWith(partial));
  }
  const out = own();
  if (spec.subcommands?.length && positional === 0) {
    const subs = spec.subcommands.map((s) => s.name).filter((n) => n.startsWith(partial));
    // No subcommand fits: the word may be a file (wasmtime's implicit `run`).
    if (subs.length > 0 || partial === '') return [...out, ...subs];
  }
  return [...out, ...completePath(partial, shell, fs)];
}

/** File names under the typed directory part; directories end in `/`, dotfiles only when asked for. */
export function completePath(partial: string, shell: ShellApi, fs: HostFs): string[] {
  const slash = partial.lastIndexOf('/');
  const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const base = slash >= 0 ? partial.slice(slash + 1) : partial;
  if (partial === '~') return ['~/'];
  const dirAbs = resolve(shell.cwd, dirPart === '' ? '.' : dirPart, shell.home);
  let names: string[];
  try {
    names = fs.readdir(dirAbs);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => dirPart + escapeWord(n) + (fs.stat(childPath(dirAbs, n))?.kind === 'dir' ? '/' : ''));
}

/** Removes quotes and backslashes so `"my fi` matches `my file`. */
function unquote(raw: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < raw.length) out += raw[++i];
    else out += c;
  }
  return out;
}

function escapeWord(name: string): string {
  return name.replace(/[\s'"\\$`;&|<>()*?[\]#]/g, '\\$&');
}
