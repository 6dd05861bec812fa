import { describe, expect, it } from 'vitest';
import { createSeededFs } from '../../src/fs/seed';
import { syncTree } from '../../src/lessons/fs-sync';

describe('syncTree (undo) with links and devices', () => {
  it('puts a link back as the same link, leaves /dev alone, and counts only real changes', () => {
    const fs = createSeededFs();
    fs.symlink('README.txt', '/home/learner/readme');
    const before = fs.clone();
    expect(syncTree(fs, before)).toBe(0); // /dev/zero and /dev/urandom read differently each time: still no change
    fs.remove('/home/learner/readme');
    fs.writeFile('/home/learner/readme', 'a file now');
    fs.symlink('/etc', '/home/learner/etc-link');
    expect(syncTree(fs, before)).toBe(3); // the file removed, the link made again, the new link removed
    expect(fs.readlink('/home/learner/readme')).toBe('README.txt');
    expect(fs.lstat('/home/learner/etc-link')).toBeNull();
    expect(fs.stat('/dev/null')?.kind).toBe('chardev');
  });
});
