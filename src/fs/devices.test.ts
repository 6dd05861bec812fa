import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore, get } from 'idb-keyval';
import { MemoryFs, MAX_FILE_BYTES } from './memory-fs';
import { createSeededFs, resetToSeed } from './seed';
import { DEVICE_READ_BYTES, standardStream } from './devices';
import { FS_KEY, loadOrSeed, saveWorkspace, type StoredEntry } from './persist';

describe('/dev', () => {
  it('holds the memory devices with their Linux numbers and the fd links', () => {
    const fs = createSeededFs();
    expect(fs.readdir('/dev')).toEqual(['fd', 'null', 'random', 'stderr', 'stdin', 'stdout', 'urandom', 'zero']);
    expect(fs.stat('/dev/null')).toMatchObject({ kind: 'chardev', size: 0, rdev: { major: 1, minor: 3 } });
    expect(fs.stat('/dev/zero')?.rdev).toEqual({ major: 1, minor: 5 });
    expect(fs.stat('/dev/random')?.rdev).toEqual({ major: 1, minor: 8 });
    expect(fs.stat('/dev/urandom')?.rdev).toEqual({ major: 1, minor: 9 });
    expect(fs.lstat('/dev/stdout')).toMatchObject({ kind: 'symlink', target: '/proc/self/fd/1', size: 15 });
    expect(fs.readlink('/dev/stdin')).toBe('/proc/self/fd/0');
    expect(fs.readlink('/dev/fd')).toBe('/proc/self/fd');
  });

  it('writes to a device vanish: nothing changes, nothing is saved', () => {
    const fs = createSeededFs();
    const changes: string[] = [];
    fs.onChange((p) => changes.push(p));
    fs.writeFile('/dev/null', 'gone');
    fs.writeFile('/dev/null', 'gone too', { append: true });
    fs.writeFile('/dev/zero', new Uint8Array(10));
    fs.writeFile('/dev/urandom', 'entropy');
    expect(changes).toEqual([]);
    expect(fs.stat('/dev/null')?.kind).toBe('chardev');
    expect(fs.readFile('/dev/null')).toEqual(new Uint8Array(0));
    expect(fs.readText('/dev/null')).toBe('');
  });

  it('endless devices read a bounded amount: as much as asked, or one pipe buffer', () => {
    const fs = createSeededFs();
    expect(fs.readFile('/dev/zero', { limit: 16 })).toEqual(new Uint8Array(16));
    expect(fs.readFile('/dev/zero').byteLength).toBe(DEVICE_READ_BYTES);
    expect(fs.readFile('/dev/urandom', { limit: 16 }).byteLength).toBe(16);
    const big = fs.readFile('/dev/urandom', { limit: 200_000 });
    expect(big.byteLength).toBe(200_000);
    expect(new Set(big.subarray(150_000)).size).toBeGreaterThan(200); // random past getRandomValues' 64 KiB per call
    expect(fs.readFile('/dev/zero', { limit: Number.MAX_SAFE_INTEGER }).byteLength).toBe(MAX_FILE_BYTES);
    expect(fs.readFile('/dev/null', { limit: 5 }).byteLength).toBe(0);
  });

  it('belongs to root: the learner cannot add, remove or rename entries in it', () => {
    const fs = createSeededFs();
    expect(() => fs.writeFile('/dev/mine', 'x')).toThrow('/dev/mine: Permission denied');
    expect(() => fs.mkdir('/dev/shm')).toThrow('Permission denied');
    expect(() => fs.remove('/dev/null')).toThrow('/dev/null: Permission denied');
    expect(() => fs.remove('/dev', { recursive: true })).toThrow('Permission denied');
    expect(() => fs.rename('/dev/zero', '/tmp/zero')).toThrow('Permission denied');
    expect(() => fs.rename('/etc/hostname', '/dev/hostname')).toThrow('Permission denied');
    expect(() => fs.symlink('/tmp', '/dev/tmp')).toThrow('Permission denied');
    expect(fs.readdir('/dev')).toHaveLength(8);
  });

  it('survives clone, snapshot/restore and `dojo reset`; is not saved, and comes back on load', async () => {
    const fs = createSeededFs();
    expect(fs.clone().stat('/dev/null')?.kind).toBe('chardev');
    const copy = new MemoryFs();
    copy.restore(fs.snapshot());
    expect(copy.stat('/dev/zero')?.rdev).toEqual({ major: 1, minor: 5 });
    resetToSeed(fs);
    expect(fs.stat('/dev/null')?.kind).toBe('chardev');

    const store = createStore('devices-db', 'kv');
    await saveWorkspace(fs, { store });
    const saved = (await get(FS_KEY, store)) as { entries: StoredEntry[] };
    // The links are ordinary entries; the devices themselves are not saved.
    const savedDev = saved.entries.filter((e) => e.path.startsWith('/dev/'));
    expect(savedDev.map((e) => `${e.path} ${e.kind}`).sort()).toEqual([
      '/dev/fd symlink',
      '/dev/stderr symlink',
      '/dev/stdin symlink',
      '/dev/stdout symlink',
    ]);
    expect(saved.entries.some((e) => e.path === '/dev/null' || e.path === '/dev/zero')).toBe(false);
    const back = await loadOrSeed({ store });
    expect(back.source).toBe('saved');
    expect(back.fs.stat('/dev/null')).toMatchObject({ kind: 'chardev', rdev: { major: 1, minor: 3 } });
    expect(back.fs.readdir('/dev')).toHaveLength(8);
  });

  it('names the standard streams as bash does for redirects', () => {
    expect(standardStream('/dev/stdin')).toBe(0);
    expect(standardStream('/dev/stdout')).toBe(1);
    expect(standardStream('/dev/stderr')).toBe(2);
    expect(standardStream('/dev/fd/2')).toBe(2);
    expect(standardStream('/proc/self/fd/1')).toBe(1);
    expect(standardStream('/dev/fd/3')).toBeUndefined();
    expect(standardStream('/dev/null')).toBeUndefined();
  });
});
