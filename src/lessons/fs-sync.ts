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

/** Returns the number of paths changed in `target`. */
export function syncTree(target: HostFs, source: HostFs, dir = '/'): number {
  let changed = 0;
  const want = new Set(source.readdir(dir));
  for (const name of target.readdir(dir)) {
    const p = join(dir, name);
    const s = source.stat(p);
    const t = target.stat(p);
    if (!want.has(name) || (s && t && s.kind !== t.kind)) {
      target.remove(p, { recursive: true });
      changed++;
    }
  }
  for (const name of want) {
    const p = join(dir, name);
    const s = source.stat(p);
    if (!s) continue;
    if (s.kind === 'dir') {
      if (!target.exists(p)) {
        target.mkdir(p);
        changed++;
      }
      changed += syncTree(target, source, p);
    } else {
      const data = source.readFile(p);
      const t = target.stat(p);
      if (!t || !sameBytes(target.readFile(p), data)) {
        target.writeFile(p, data);
        changed++;
      }
    }
  }
  return changed;
}
