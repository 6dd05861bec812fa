import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory-fs';
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
    expect(fs.stat('/d/a.txt')).toEqual({ kind: 'file', size: 8, mtimeMs: 2000 });
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
