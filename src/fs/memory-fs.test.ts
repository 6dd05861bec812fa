import { describe, expect, it } from 'vitest';
import { MAX_TREE_DEPTH, MemoryFs, NAME_MAX, PATH_MAX, validateSnapshot } from './memory-fs';
import { FsError } from './types';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof FsError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('MemoryFs', () => {
  it('writes, appends, reads and stats files', () => {
    let t = 1000;
    const fs = new MemoryFs({ now: () => t });
    fs.mkdir('/d');
    fs.writeFile('/d/a.txt', 'hi');
    t = 2000;
    fs.writeFile('/d/a.txt', ' there', { append: true });
    expect(fs.readText('/d/a.txt')).toBe('hi there');
    expect(fs.stat('/d/a.txt')).toEqual({ kind: 'file', size: 8, mode: 0o644, mtimeMs: 2000 });
    expect(fs.stat('/d')).toMatchObject({ kind: 'dir', size: 1 });
    expect(fs.readdir('/d')).toEqual(['a.txt']);
  });
  it('reports errno-style errors', () => {
    const fs = new MemoryFs();
    fs.mkdir('/d');
    fs.writeFile('/f', 'x');
    expect(codeOf(() => fs.readFile('/nope'))).toBe('ENOENT');
    expect(codeOf(() => fs.readFile('/d'))).toBe('EISDIR');
    expect(codeOf(() => fs.readFile('/f/x'))).toBe('ENOTDIR');
    expect(codeOf(() => fs.writeFile('/no/x', ''))).toBe('ENOENT');
    expect(codeOf(() => fs.writeFile('/d', ''))).toBe('EISDIR');
    expect(codeOf(() => fs.mkdir('/d'))).toBe('EEXIST');
    expect(codeOf(() => fs.mkdir('/a/b'))).toBe('ENOENT');
    expect(codeOf(() => fs.mkdir('/f/b', { recursive: true }))).toBe('ENOTDIR');
    expect(codeOf(() => fs.readdir('/f'))).toBe('ENOTDIR');
    fs.writeFile('/d/x', '');
    expect(codeOf(() => fs.remove('/d'))).toBe('ENOTEMPTY');
    expect(codeOf(() => fs.remove('/'))).toBe('EINVAL');
    expect(codeOf(() => fs.rename('/d', '/d/sub'))).toBe('EINVAL');
    expect(codeOf(() => fs.rename('/f', '/d'))).toBe('EISDIR');
    expect(new FsError('ENOENT', 'nope.txt').message).toBe('nope.txt: No such file or directory');
  });
  it('mkdir -p creates parents and tolerates existing dirs', () => {
    const fs = new MemoryFs();
    fs.mkdir('/a/b/c', { recursive: true });
    fs.mkdir('/a/b', { recursive: true });
    expect(fs.stat('/a/b/c')?.kind).toBe('dir');
  });
  it('removes recursively and renames', () => {
    const fs = new MemoryFs();
    fs.mkdir('/a/b', { recursive: true });
    fs.writeFile('/a/b/f', '1');
    fs.rename('/a', '/z');
    expect(fs.readText('/z/b/f')).toBe('1');
    expect(fs.exists('/a')).toBe(false);
    fs.remove('/z', { recursive: true });
    expect(fs.readdir('/')).toEqual([]);
  });
  it('clone is independent and reads return copies', () => {
    const fs = new MemoryFs();
    fs.writeFile('/f', 'abc');
    const copy = fs.clone();
    copy.writeFile('/f', 'changed');
    copy.writeFile('/g', 'new');
    expect(fs.readText('/f')).toBe('abc');
    expect(fs.exists('/g')).toBe(false);
    const bytes = fs.readFile('/f');
    bytes[0] = 0;
    expect(fs.readText('/f')).toBe('abc');
    // Contents are shared between a tree and its clone; appends and reads must never reach across.
    const twin = fs.clone();
    twin.writeFile('/f', 'def', { append: true });
    twin.readFile('/f')[0] = 0;
    expect(fs.readText('/f')).toBe('abc');
    expect(twin.readText('/f')).toBe('abcdef');
    fs.writeFile('/f', 'x', { append: true });
    expect(twin.readText('/f')).toBe('abcdef');
  });
  it('notifies listeners on every mutation and survives a throwing listener', () => {
    const fs = new MemoryFs();
    const seen: string[] = [];
    fs.onChange(() => {
      throw new Error('broken UI');
    });
    const off = fs.onChange((p) => seen.push(p));
    fs.mkdir('/d');
    fs.writeFile('/d/f', 'x');
    fs.rename('/d/f', '/d/g');
    fs.remove('/d/g');
    off();
    fs.mkdir('/e');
    expect(seen).toEqual(['/d', '/d/f', '/d/f', '/d/g', '/d/g']);
  });
  it('round-trips through a snapshot', () => {
    const fs = new MemoryFs();
    fs.mkdir('/a/b', { recursive: true });
    fs.writeFile('/a/b/bin', new Uint8Array([0, 255, 1]));
    const other = new MemoryFs();
    other.restore(fs.snapshot());
    expect([...other.readFile('/a/b/bin')]).toEqual([0, 255, 1]);
  });
});

describe('MemoryFs: Linux name limits and deep trees', () => {
  /** "/a/a/.../a", `levels` deep: 2 bytes a level. */
  const deepPath = (levels: number) => '/a'.repeat(levels);

  it('refuses a name over NAME_MAX bytes and a path of PATH_MAX bytes or more, as the kernel does', () => {
    const fs = new MemoryFs();
    expect(NAME_MAX).toBe(255);
    expect(PATH_MAX).toBe(4096);
    fs.mkdir('/' + 'n'.repeat(255));
    fs.writeFile('/' + 'f'.repeat(255), '');
    expect(codeOf(() => fs.mkdir('/' + 'n'.repeat(256)))).toBe('ENAMETOOLONG');
    expect(codeOf(() => fs.writeFile('/' + 'f'.repeat(256), ''))).toBe('ENAMETOOLONG');
    expect(codeOf(() => fs.mkdir('/' + 'n'.repeat(256) + '/x', { recursive: true }))).toBe('ENAMETOOLONG');
    // Bytes, not characters: 128 "é" are 256 bytes.
    expect(codeOf(() => fs.writeFile('/' + 'é'.repeat(128), ''))).toBe('ENAMETOOLONG');
    fs.writeFile('/' + 'é'.repeat(127), '');
    // 4095 bytes fit (with the NUL, PATH_MAX); 4096 do not.
    fs.mkdir(deepPath(2047), { recursive: true });
    expect(deepPath(2047).length).toBe(4094);
    fs.writeFile(deepPath(2046) + '/bb', '');
    expect(codeOf(() => fs.writeFile(deepPath(2046) + '/bbb', ''))).toBe('ENAMETOOLONG');
    expect(codeOf(() => fs.mkdir(deepPath(2048), { recursive: true }))).toBe('ENAMETOOLONG');
    expect(codeOf(() => fs.mkdir(deepPath(10_000), { recursive: true }))).toBe('ENAMETOOLONG');
    expect(fs.exists(deepPath(2048))).toBe(false);
    expect(new FsError('ENAMETOOLONG', 'x').message).toBe('x: File name too long');
  });

  it('refuses a rename that would push the moved tree past PATH_MAX', () => {
    const fs = new MemoryFs();
    fs.mkdir('/src' + deepPath(1100), { recursive: true });
    fs.mkdir('/dst' + deepPath(1100), { recursive: true });
    expect(codeOf(() => fs.rename('/src', '/dst' + deepPath(1100) + '/src'))).toBe('ENAMETOOLONG');
    expect(fs.exists('/src' + deepPath(1100))).toBe(true);
    fs.rename('/src', '/dst/src');
    expect(fs.stat('/dst/src' + deepPath(1100))?.kind).toBe('dir');
    expect(codeOf(() => fs.rename('/dst/src', '/' + 'n'.repeat(256)))).toBe('ENAMETOOLONG');
  });

  it('clones, snapshots, validates and restores a tree as deep as PATH_MAX allows', () => {
    const fs = new MemoryFs();
    fs.mkdir(deepPath(MAX_TREE_DEPTH), { recursive: true });
    fs.writeFile(deepPath(MAX_TREE_DEPTH - 1) + '/f', 'bottom');
    const copy = fs.clone();
    expect(copy.readText(deepPath(MAX_TREE_DEPTH - 1) + '/f')).toBe('bottom');
    const restored = new MemoryFs();
    restored.restore(validateSnapshot(fs.snapshot()));
    expect(restored.stat(deepPath(MAX_TREE_DEPTH))?.kind).toBe('dir');
    expect(restored.readText(deepPath(MAX_TREE_DEPTH - 1) + '/f')).toBe('bottom');
  });

  it('refuses deeper, shared or cyclic saved trees with a reason instead of overflowing the stack or looping', () => {
    type Raw = { kind: 'dir'; mtimeMs: number; children: Record<string, unknown> };
    const top: Raw = { kind: 'dir', mtimeMs: 0, children: {} };
    let d = top;
    for (let i = 0; i < 100_000; i++) {
      const next: Raw = { kind: 'dir', mtimeMs: 0, children: {} };
      d.children.a = next;
      d = next;
    }
    expect(() => validateSnapshot(top)).toThrow('tree too deep');
    const shared = { kind: 'file', mtimeMs: 0, data: new Uint8Array() };
    expect(() => validateSnapshot({ kind: 'dir', mtimeMs: 0, children: { x: shared, y: shared } })).toThrow('appears twice');
    const loop: Raw = { kind: 'dir', mtimeMs: 0, children: {} };
    loop.children.self = loop;
    expect(() => validateSnapshot(loop)).toThrow('appears twice');
  });

  it('still loads trees saved before the limits: 256 levels (the old bound) of names longer than NAME_MAX', () => {
    const name = 'x'.repeat(300);
    type Raw = { kind: 'dir' | 'file'; mtimeMs: number; children?: Record<string, unknown>; data?: Uint8Array };
    const top: Raw = { kind: 'dir', mtimeMs: 0, children: {} };
    let d = top;
    for (let i = 0; i < 255; i++) {
      const next: Raw = { kind: 'dir', mtimeMs: 0, children: {} };
      d.children![name] = next;
      d = next;
    }
    d.children!.f = { kind: 'file', mtimeMs: 0, data: new Uint8Array([7]) };
    const fs = new MemoryFs();
    fs.restore(validateSnapshot(top));
    const bottom = ('/' + name).repeat(255);
    expect([...fs.readFile(bottom + '/f')]).toEqual([7]);
    fs.remove('/' + name, { recursive: true });
    expect(fs.readdir('/')).toEqual([]);
  });

  it('keeps an entry named __proto__ through a snapshot', () => {
    const fs = new MemoryFs();
    fs.mkdir('/__proto__');
    fs.writeFile('/__proto__/f', 'kept');
    const restored = new MemoryFs();
    restored.restore(validateSnapshot(structuredClone(fs.snapshot())));
    expect(restored.readText('/__proto__/f')).toBe('kept');
  });
});

describe('symlinks', () => {
  function tree(): MemoryFs {
    const fs = new MemoryFs();
    fs.mkdir('/home/learner/data/sub', { recursive: true });
    fs.writeFile('/home/learner/data/a.txt', 'A');
    fs.writeFile('/home/learner/notes.txt', 'N');
    return fs;
  }

  it('are followed by stat, reads, writes and readdir; lstat and readlink see the link', () => {
    const fs = tree();
    fs.symlink('a.txt', '/home/learner/data/link');
    fs.symlink('/home/learner/data', '/home/learner/d');
    expect(fs.readText('/home/learner/data/link')).toBe('A');
    expect(fs.stat('/home/learner/data/link')).toMatchObject({ kind: 'file', size: 1 });
    expect(fs.lstat('/home/learner/data/link')).toMatchObject({ kind: 'symlink', target: 'a.txt', size: 5 });
    expect(fs.readlink('/home/learner/data/link')).toBe('a.txt');
    expect(fs.readdir('/home/learner/d')).toEqual(['a.txt', 'link', 'sub']);
    fs.writeFile('/home/learner/d/link', 'through');
    expect(fs.readText('/home/learner/data/a.txt')).toBe('through');
    expect(fs.lstat('/home/learner/data/link')?.kind).toBe('symlink');
    fs.writeFile('/home/learner/d/sub/new.txt', 'n');
    expect(fs.readText('/home/learner/data/sub/new.txt')).toBe('n');
    expect(fs.realpath('/home/learner/d/sub/new.txt')).toBe('/home/learner/data/sub/new.txt');
  });

  it('`..` after a link climbs from where the link points, as the kernel walks it', () => {
    const fs = tree();
    fs.symlink('/home/learner/data/sub', '/tmp-link');
    expect(fs.realpath('/tmp-link')).toBe('/home/learner/data/sub');
    expect(fs.lstat('/tmp-link/../a.txt')).toBeNull(); // normalised first: "/a.txt" (the shell resolves `..` lexically, as bash's cd does)
    fs.symlink('sub/..', '/home/learner/data/up');
    expect(fs.readText('/home/learner/data/up/a.txt')).toBe('A');
  });

  it('a dangling link: stat is null, lstat sees it, a write creates its target (as open(O_CREAT) does)', () => {
    const fs = tree();
    fs.symlink('missing.txt', '/home/learner/data/dangling');
    expect(fs.stat('/home/learner/data/dangling')).toBeNull();
    expect(fs.exists('/home/learner/data/dangling')).toBe(false);
    expect(fs.lstat('/home/learner/data/dangling')?.kind).toBe('symlink');
    expect(codeOf(() => fs.readFile('/home/learner/data/dangling'))).toBe('ENOENT');
    expect(codeOf(() => fs.realpath('/home/learner/data/dangling'))).toBe('ENOENT');
    fs.writeFile('/home/learner/data/dangling', 'made');
    expect(fs.readText('/home/learner/data/missing.txt')).toBe('made');
  });

  it('loops end in ELOOP; links already there are EEXIST; remove and rename act on the link itself', () => {
    const fs = tree();
    fs.symlink('b', '/a');
    fs.symlink('a', '/b');
    expect(codeOf(() => fs.readFile('/a'))).toBe('ELOOP');
    expect(codeOf(() => fs.writeFile('/a', 'x'))).toBe('ELOOP');
    expect(codeOf(() => fs.symlink('x', '/a'))).toBe('EEXIST');
    expect(codeOf(() => fs.mkdir('/a'))).toBe('EEXIST');
    expect(codeOf(() => fs.readlink('/home/learner/notes.txt'))).toBe('EINVAL');
    fs.symlink('/home/learner/data', '/home/learner/d');
    fs.rename('/home/learner/d', '/home/learner/e');
    expect(fs.readlink('/home/learner/e')).toBe('/home/learner/data');
    fs.remove('/home/learner/e', { recursive: true });
    expect(fs.lstat('/home/learner/e')).toBeNull();
    expect(fs.readText('/home/learner/data/a.txt')).toBe('A');
  });

  it('mkdir -p follows a link to a directory; clone and snapshot keep links', () => {
    const fs = tree();
    fs.symlink('/home/learner/data', '/d');
    fs.mkdir('/d/x/y', { recursive: true });
    expect(fs.stat('/home/learner/data/x/y')?.kind).toBe('dir');
    expect(fs.clone().readlink('/d')).toBe('/home/learner/data');
    const copy = new MemoryFs();
    copy.restore(validateSnapshot(structuredClone(fs.snapshot())));
    expect(copy.readlink('/d')).toBe('/home/learner/data');
    expect(() => validateSnapshot({ kind: 'dir', mtimeMs: 0, children: { l: { kind: 'symlink', mtimeMs: 0, target: 5 } } })).toThrow(/symlink/);
    expect(() => validateSnapshot({ kind: 'dir', mtimeMs: 0, children: { d: { kind: 'chardev', mtimeMs: 0, device: 'kmem' } } })).toThrow(
      /unknown device/,
    );
  });
});

describe('rename through a link', () => {
  it('refuses to move a directory into itself by way of a link (no cycle, nothing lost)', () => {
    const fs = new MemoryFs();
    fs.mkdir('/a/inner', { recursive: true });
    fs.mkdir('/b');
    fs.symlink('/a', '/b/link');
    expect(codeOf(() => fs.rename('/a', '/b/link/x'))).toBe('EINVAL');
    expect(codeOf(() => fs.rename('/a', '/b/link/inner/x'))).toBe('EINVAL');
    expect(fs.readdir('/a')).toEqual(['inner']);
    fs.rename('/b/link', '/a/inner/moved-link');
    expect(fs.readlink('/a/inner/moved-link')).toBe('/a');
    expect(fs.snapshot().kind).toBe('dir');
  });
});

describe('file modes (chmod)', () => {
  it('defaults to 644 and 755, follows links, survives rewrites, clones and snapshots', () => {
    const fs = new MemoryFs();
    fs.mkdir('/d');
    fs.writeFile('/d/s.sh', 'echo hi\n');
    fs.symlink('/d/s.sh', '/link');
    expect(fs.stat('/d')?.mode).toBe(0o755);
    expect(fs.stat('/d/s.sh')?.mode).toBe(0o644);
    fs.chmod('/link', 0o755);
    expect(fs.stat('/d/s.sh')?.mode).toBe(0o755);
    fs.writeFile('/d/s.sh', 'echo bye\n');
    expect(fs.stat('/d/s.sh')?.mode).toBe(0o755);
    fs.chmod('/d', 0o700);
    const copy = fs.clone();
    fs.chmod('/d/s.sh', 0o600);
    expect(copy.stat('/d/s.sh')?.mode).toBe(0o755);
    expect(copy.stat('/d')?.mode).toBe(0o700);
    const restored = new MemoryFs();
    restored.restore(fs.snapshot());
    expect(restored.stat('/d/s.sh')?.mode).toBe(0o600);
    expect(restored.stat('/d')?.mode).toBe(0o700);
  });

  it("refuses a missing path and root's devices", () => {
    const fs = new MemoryFs();
    fs.installDevices();
    expect(() => fs.chmod('/nope', 0o600)).toThrow(FsError);
    expect(() => fs.chmod('/dev/null', 0o600)).toThrow(/Operation not permitted/);
  });

  it('reads trees saved before modes existed with the defaults, and ignores a bad stored mode', () => {
    const fs = new MemoryFs();
    fs.restore({ kind: 'dir', mtimeMs: 0, children: { a: { kind: 'file', mtimeMs: 0, data: new Uint8Array(), mode: 123456 } } });
    expect(fs.stat('/a')?.mode).toBe(0o644);
  });
});
