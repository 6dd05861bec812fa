/**
 * Makes one HostFs look exactly like another through the public HostFs API only, touching just
 * what differs. `undo` uses it to put back the pre-command snapshot: going through writeFile /
 * remove (instead of swapping objects) keeps the learner's fs instance, its change listeners and
 * its persistence working.
 */
import type { HostFs } from '../fs/types';
import { sameBytes } from '../lib/bytes';

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/**
 * Returns the number of paths changed in `target`. Entries are compared as they are (lstat): a symlink
 * is restored as the same link, never replaced by a copy of what it points to; devices are the
 * machine's, not the learner's work, and are left alone (their "contents" are endless or empty).
 */
export function syncTree(target: HostFs, source: HostFs, dir = '/'): number {
  let changed = 0;
  const want = new Set(source.readdir(dir));
  for (const name of target.readdir(dir)) {
    const p = join(dir, name);
    const s = source.lstat(p);
    const t = target.lstat(p);
    if (t?.kind === 'chardev') continue;
    if (!want.has(name) || (s && t && s.kind !== t.kind)) {
      target.remove(p, { recursive: true });
      changed++;
    }
  }
  for (const name of want) {
    const p = join(dir, name);
    const s = source.lstat(p);
    if (!s || s.kind === 'chardev') continue;
    const t = target.lstat(p);
    if (s.kind === 'dir') {
      if (!t) {
        target.mkdir(p);
        changed++;
      }
      changed += syncTree(target, source, p);
    } else if (s.kind === 'symlink') {
      const text = source.readlink(p);
      if (t?.kind !== 'symlink' || target.readlink(p) !== text) {
        if (t) target.remove(p, { recursive: true });
        target.symlink(text, p);
        changed++;
      }
    } else {
      const data = source.readFile(p);
      if (!t || !sameBytes(target.readFile(p), data)) {
        target.writeFile(p, data);
        changed++;
      }
    }
  }
  return changed;
}
