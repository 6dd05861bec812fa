import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { applySandboxChanges, buildSandboxImage, SandboxError } from '../../src/runtime/sandbox';
import type { Mount } from '../../src/runtime/types';

const enc = new TextEncoder();
function fs(): MemoryFs {
  const f = new MemoryFs();
  f.mkdir('/home/learner/data/sub', { recursive: true });
  f.writeFile('/home/learner/data/config.json', '{}');
  f.writeFile('/home/learner/data/sub/deep.txt', 'deep');
  f.mkdir('/home/learner/logs', { recursive: true });
  f.writeFile('/home/learner/notes.txt', 'private');
  return f;
}
const DATA: Mount = { hostPath: '/home/learner/data', guestPath: '/data', readonly: false };
const LOGS: Mount = { hostPath: '/home/learner/logs', guestPath: '/var/log', readonly: true };

describe('buildSandboxImage', () => {
  it('holds exactly the granted trees, at guest paths', () => {
    const image = buildSandboxImage(fs(), [DATA, LOGS]);
    expect(image.dirs.sort()).toEqual(['/data', '/data/sub', '/var/log']);
    expect(image.files.map((f) => f.path).sort()).toEqual(['/data/config.json', '/data/sub/deep.txt']);
    expect(new TextDecoder().decode(image.files.find((f) => f.path === '/data/sub/deep.txt')!.data)).toBe('deep');
  });

  it('no mounts, no files', () => {
    expect(buildSandboxImage(fs(), [])).toEqual({ dirs: [], files: [] });
  });

  it('missing host dir, a file as dir, and an oversized grant are clear errors', () => {
    expect(() => buildSandboxImage(fs(), [{ ...DATA, hostPath: '/nope' }])).toThrow(new SandboxError('/nope: No such file or directory'));
    expect(() => buildSandboxImage(fs(), [{ ...DATA, hostPath: '/home/learner/notes.txt' }])).toThrow(/Not a directory/);
    expect(() => buildSandboxImage(fs(), [DATA], 3)).toThrow(/too large for the sandbox/);
  });
});

describe('applySandboxChanges', () => {
  it('writes through writable mounts, creating parents', () => {
    const f = fs();
    applySandboxChanges(
      f,
      [DATA],
      [
        { kind: 'mkdir', guestPath: '/data/out' },
        { kind: 'write', guestPath: '/data/out/r.txt', data: enc.encode('r') },
        { kind: 'write', guestPath: '/data/x/y/z.txt', data: enc.encode('z') },
        { kind: 'remove', guestPath: '/data/sub/deep.txt' },
      ],
    );
    expect(f.readText('/home/learner/data/out/r.txt')).toBe('r');
    expect(f.readText('/home/learner/data/x/y/z.txt')).toBe('z');
    expect(f.exists('/home/learner/data/sub/deep.txt')).toBe(false);
  });

  it('ignores read-only mounts, paths outside every mount, `..` and the mount root itself', () => {
    const f = fs();
    const result = applySandboxChanges(
      f,
      [DATA, LOGS],
      [
        { kind: 'write', guestPath: '/var/log/app.log', data: enc.encode('x') },
        { kind: 'write', guestPath: '/etc/passwd', data: enc.encode('x') },
        { kind: 'write', guestPath: '/data/../notes.txt', data: enc.encode('pwned') },
        { kind: 'remove', guestPath: '/data' },
        { kind: 'write', guestPath: '/data', data: enc.encode('x') },
      ],
    );
    expect(f.readdir('/home/learner/logs')).toEqual([]);
    expect(f.exists('/etc/passwd')).toBe(false);
    expect(f.readText('/home/learner/notes.txt')).toBe('private');
    expect(f.stat('/home/learner/data')?.kind).toBe('dir');
    expect(result).toEqual({ failures: [], discardedReadonly: [LOGS] });
  });

  it('nested mounts: the deepest guest root decides', () => {
    const f = fs();
    const mounts: Mount[] = [DATA, { hostPath: '/home/learner/logs', guestPath: '/data/logs', readonly: false }];
    applySandboxChanges(f, mounts, [{ kind: 'write', guestPath: '/data/logs/a.log', data: enc.encode('a') }]);
    expect(f.readText('/home/learner/logs/a.log')).toBe('a');
    expect(f.exists('/home/learner/data/logs')).toBe(false);
    // A writable mount inside a read-only one: its changes land, and nothing was discarded.
    const under: Mount[] = [
      { ...DATA, readonly: true },
      { hostPath: '/home/learner/logs', guestPath: '/data/logs', readonly: false },
    ];
    const result = applySandboxChanges(f, under, [{ kind: 'write', guestPath: '/data/logs/b.log', data: enc.encode('b') }]);
    expect(result.discardedReadonly).toEqual([]);
    expect(f.readText('/home/learner/logs/b.log')).toBe('b');
  });
});

describe('applySandboxChanges: each change stands alone', () => {
  it('a change the host refuses is reported and the changes after it still land', () => {
    const host = fs();
    const { failures } = applySandboxChanges(
      host,
      [DATA],
      [
        { kind: 'write', guestPath: `/data/${'n'.repeat(300)}.txt`, data: enc.encode('too long a name') },
        { kind: 'write', guestPath: '/data/config.json/inside', data: enc.encode('through a file') },
        { kind: 'write', guestPath: '/data/output.txt', data: enc.encode('kept') },
      ],
    );
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/File name too long/), expect.stringMatching(/Not a directory/)]);
    expect(failures[0]!.hostPath).toMatch(/^\/home\/learner\/data\/n+\.txt$/);
    expect(host.readText('/home/learner/data/output.txt')).toBe('kept');
    expect(host.readText('/home/learner/data/config.json')).toBe('{}');
  });
});

describe('symlinks in a grant', () => {
  it('the image never follows a link out of the grant; a link to a file inside carries its bytes', () => {
    const f = fs();
    f.symlink('/home/learner/notes.txt', '/home/learner/data/abs');
    f.symlink('../notes.txt', '/home/learner/data/up');
    f.symlink('config.json', '/home/learner/data/cfg');
    f.symlink('/home/learner', '/home/learner/data/home');
    const image = buildSandboxImage(f, [DATA]);
    const data = (p: string) => new TextDecoder().decode(image.files.find((x) => x.path === p)!.data);
    expect(data('/data/abs')).toBe('');
    expect(data('/data/up')).toBe('');
    expect(data('/data/cfg')).toBe('{}');
    expect(image.dirs).not.toContain('/data/home');
    expect(image.files.some((x) => x.path.startsWith('/data/home/'))).toBe(false);
    expect(image.special).toEqual([
      { path: '/data/abs', kind: 'symlink', target: '/home/learner/notes.txt', resolved: false },
      { path: '/data/cfg', kind: 'symlink', target: 'config.json', resolved: true },
      { path: '/data/home', kind: 'symlink', target: '/home/learner', resolved: false },
      { path: '/data/up', kind: 'symlink', target: '../notes.txt', resolved: false },
    ]);
  });

  it('write-back never goes through a link that leads outside; a guest-made link lands as a link', () => {
    const f = fs();
    f.symlink('/home/learner', '/home/learner/data/home');
    f.symlink('../notes.txt', '/home/learner/data/up');
    const { failures } = applySandboxChanges(
      f,
      [DATA],
      [
        { kind: 'write', guestPath: '/data/home/notes.txt', data: enc.encode('pwned') },
        { kind: 'mkdir', guestPath: '/data/home/newdir' },
        { kind: 'write', guestPath: '/data/up', data: enc.encode('pwned') },
        { kind: 'symlink', guestPath: '/data/made', target: 'config.json' },
        { kind: 'write', guestPath: '/data/made', data: enc.encode('{"through":1}') },
      ],
    );
    expect(failures.map((x) => x.hostPath)).toEqual(['/home/learner/data/home/notes.txt', '/home/learner/data/home/newdir', '/home/learner/data/up']);
    expect(f.readText('/home/learner/notes.txt')).toBe('private');
    expect(f.exists('/home/learner/newdir')).toBe(false);
    expect(f.readlink('/home/learner/data/made')).toBe('config.json');
    // Through a link that stays inside, a write lands on its target, as on a real disk.
    expect(f.readText('/home/learner/data/config.json')).toBe('{"through":1}');
    // Removing a link removes the link, not what it points to.
    applySandboxChanges(f, [DATA], [{ kind: 'remove', guestPath: '/data/home' }]);
    expect(f.lstat('/home/learner/data/home')).toBeNull();
    expect(f.readText('/home/learner/notes.txt')).toBe('private');
  });
});
