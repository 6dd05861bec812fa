/** Pathname expansion (`*`, `?`, `[...]`) against the host filesystem, one path component at a time. */
import type { HostFs } from '../fs/types';
import { resolve } from '../fs/path';

/** Converts one component's pattern to a RegExp; an unclosed `[` is a literal, as in bash. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/[\\\]]/g, '\\$&') + ']';
      i = close;
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$', 's');
}

const hasMagic = (s: string) => /[*?[]/.test(s);

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
        next.push(display(part));
        continue;
      }
      const dir = resolve(cwd, prefix === '' ? '/' : prefix, home);
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      let re: RegExp;
      try {
        re = globToRegExp(part);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (!re.test(name)) continue;
        const path = display(name);
        if (!last && fs.stat(resolve(cwd, path, home))?.kind !== 'dir') continue;
        next.push(path);
      }
    }
    matches = next;
    if (matches.length === 0) return [];
  }
  const trailingSlash = pattern.endsWith('/');
  return matches
    .filter((m) => fs.exists(resolve(cwd, m === '' ? '/' : m, home)))
    .map((m) => (trailingSlash ? m + '/' : m))
    .sort();
}
