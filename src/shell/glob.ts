/** Pathname expansion (`*`, `?`, `[...]`) against the host filesystem, one path component at a time. */
import type { HostFs } from '../fs/types';
import { resolve } from '../fs/path';

type GlobToken =
  { kind: 'star' } | { kind: 'any' } | { kind: 'char'; c: string } | { kind: 'class'; negate: boolean; ranges: Array<[string, string]> };

/** One path component's pattern as tokens; an unclosed `[` is a literal, as in bash. */
function tokenize(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      // A quoted or escaped character matches itself (the expander escapes quoted text).
      out.push({ kind: 'char', c: pattern[++i]! });
    } else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      const close = classEnd(pattern, i);
      if (close < 0) {
        out.push({ kind: 'char', c });
        continue;
      }
      let body = pattern.slice(i + 1, close).replace(/\\(.)/g, '$1');
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: Array<[string, string]> = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      out.push({ kind: 'class', negate, ranges });
      i = close;
    } else out.push({ kind: 'char', c });
  }
  return out;
}

function matchOne(t: GlobToken, c: string): boolean {
  if (t.kind === 'any') return true;
  if (t.kind === 'char') return t.c === c;
  if (t.kind === 'class') return t.ranges.some(([a, b]) => c >= a && c <= b) !== t.negate;
  return false;
}

/**
 * Wildcard match in O(pattern × name) with single-star backtracking. A RegExp would backtrack
 * exponentially on patterns like `*a*a*a*…` that a learner (or a fuzzer) can type.
 */
export function matchGlob(pattern: string, name: string): boolean {
  const toks = tokenize(pattern);
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < name.length) {
    const t = toks[p];
    if (t && t.kind !== 'star' && matchOne(t, name[s]!)) {
      p++;
      s++;
    } else if (t?.kind === 'star') {
      starP = p++;
      starS = s;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (toks[p]?.kind === 'star') p++;
  return p === toks.length;
}

/** The `]` closing a bracket expression at `open` (a `]` right after `[` or `[!` is a member), or -1. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

const hasMagic = (s: string) => /(^|[^\\])(\\\\)*[*?[]/.test(s);
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** Expands `pattern` (as typed, relative or absolute). Returns [] when nothing matches. */
export function expandGlob(pattern: string, fs: HostFs, cwd: string, home: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let matches: string[] = [absolute ? '' : '.'];
  if (absolute) parts.shift();
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const next: string[] = [];
    for (const prefix of matches) {
      const display = (name: string) => (prefix === '.' ? name : `${prefix}/${name}`);
      if (!hasMagic(part)) {
        next.push(display(unescape(part)));
        continue;
      }
      const dir = resolve(cwd, prefix === '' ? '/' : prefix, home);
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (!matchGlob(part, name)) continue;
        const path = display(name);
        if (!last && fs.stat(resolve(cwd, path, home))?.kind !== 'dir') continue;
        next.push(path);
      }
    }
    matches = next;
    if (matches.length === 0) return [];
  }
  const trailingSlash = pattern.endsWith('/');
  return (
    matches
      // lstat: a dangling link matches, as bash's globbing reads names, not targets (/dev/std*).
      .filter((m) => fs.lstat(resolve(cwd, m === '' ? '/' : m, home)) !== null)
      .map((m) => (trailingSlash ? m + '/' : m))
      .sort()
  );
}
