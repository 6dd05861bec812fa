import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore, get, keys, set } from 'idb-keyval';
import { autoSave, FS_KEY, loadOrSeed, saveWorkspace } from './persist';
import { MemoryFs } from './memory-fs';
import { resetToSeed } from './seed';

let n = 0;
const freshStore = () => createStore(`test-db-${++n}`, 'kv');

describe('persistence', () => {
  it('seeds on first visit', async () => {
    const { fs, source, message } = await loadOrSeed({ store: freshStore() });
    expect(source).toBe('seed');
    expect(message).toBeUndefined();
    expect(JSON.parse(fs.readText('/data/config.json'))).toHaveProperty('greeting');
    expect(fs.stat('/home/learner/modules')?.kind).toBe('dir');
    expect(fs.readText('/etc/hostname')).toBe('dojo\n');
    expect(fs.stat('/tmp')?.kind).toBe('dir');
  });

  it('saves after changes (debounced) and restores on reload', async () => {
    const store = freshStore();
    const first = await loadOrSeed({ store });
    const saver = autoSave(first.fs, { store, delayMs: 5 });
    first.fs.writeFile('/home/learner/notes.txt', 'keep me');
    first.fs.writeFile('/home/learner/bin', new Uint8Array([0, 1, 2, 250]));
    first.fs.chmod('/home/learner/bin', 0o755);
    await saver.flush();
    saver.dispose();
    const second = await loadOrSeed({ store });
    expect(second.source).toBe('saved');
    expect(second.fs.readText('/home/learner/notes.txt')).toBe('keep me');
    expect([...second.fs.readFile('/home/learner/bin')]).toEqual([0, 1, 2, 250]);
    expect(second.fs.stat('/home/learner/bin')?.mode).toBe(0o755);
    expect(second.fs.stat('/home/learner/notes.txt')?.mode).toBe(0o644);
  });

  it('restores a workspace as deep as the fs lets `mkdir -p` go (it used to be set aside as "tree too deep")', async () => {
    const store = freshStore();
    const first = await loadOrSeed({ store });
    const deepest = '/home/learner/d' + '/a'.repeat(2039);
    first.fs.mkdir(deepest, { recursive: true });
    expect(deepest.length).toBe(4093);
    await saveWorkspace(first.fs, { store });
    const second = await loadOrSeed({ store });
    expect(second.source).toBe('saved');
    expect(second.message).toBeUndefined();
    expect(second.fs.stat(deepest)?.kind).toBe('dir');
  });

  it('still reads a workspace saved by the first release (version 1: one nested tree)', async () => {
    const store = freshStore();
    const root = {
      kind: 'dir',
      mtimeMs: 1,
      children: { notes: { kind: 'file', mtimeMs: 2, data: new Uint8Array([104, 105]) }, d: { kind: 'dir', mtimeMs: 3, children: {} } },
    };
    await set(FS_KEY, { format: 'wasm-dojo/fs', version: 1, savedAt: 0, root }, store);
    const { fs, source } = await loadOrSeed({ store });
    expect(source).toBe('saved');
    expect(fs.readText('/notes')).toBe('hi');
    expect(fs.readdir('/')).toEqual(['d', 'dev', 'notes']);
  });

  it('saves entries named __proto__ like any other', async () => {
    const store = freshStore();
    const fs = new MemoryFs();
    fs.mkdir('/__proto__');
    fs.writeFile('/__proto__/__proto__', 'x');
    await saveWorkspace(fs, { store });
    const back = await loadOrSeed({ store });
    expect(back.source).toBe('saved');
    expect(back.fs.readText('/__proto__/__proto__')).toBe('x');
  });

  it.each([
    ['a string', 'garbage'],
    ['a foreign object', { hello: 'world' }],
    ['a newer version', { format: 'wasm-dojo/fs', version: 99, root: {} }],
    ['a broken tree', { format: 'wasm-dojo/fs', version: 1, root: { kind: 'dir', children: { 'a/b': { kind: 'file' } } } }],
    ['entries without their root', { format: 'wasm-dojo/fs', version: 2, entries: [{ path: '/a', kind: 'dir', mtimeMs: 0 }] }],
    [
      'an entry outside any listed directory',
      {
        format: 'wasm-dojo/fs',
        version: 2,
        entries: [
          { path: '/', kind: 'dir', mtimeMs: 0 },
          { path: '/a/b', kind: 'dir', mtimeMs: 0 },
        ],
      },
    ],
    [
      'an entry listed twice',
      {
        format: 'wasm-dojo/fs',
        version: 2,
        entries: [
          { path: '/', kind: 'dir', mtimeMs: 0 },
          { path: '/a', kind: 'dir', mtimeMs: 0 },
          { path: '/a', kind: 'dir', mtimeMs: 0 },
        ],
      },
    ],
  ])('keeps %s aside and returns a fresh workspace with a message', async (_label, bad) => {
    const store = freshStore();
    await set(FS_KEY, bad, store);
    const result = await loadOrSeed({ store });
    expect(result.source).toBe('recovered');
    expect(result.message).toMatch(/^dojo: your saved workspace could not be read .*kept aside as 'wasm-dojo:fs:broken:\d+'/);
    expect(result.fs.exists('/data/config.json')).toBe(true);
    const asideKey = (await keys(store)).find((k) => String(k).startsWith(`${FS_KEY}:broken:`));
    expect(asideKey).toBeDefined();
    expect(await get(asideKey!, store)).toEqual(bad);
    // The broken record is not overwritten until the learner's next change is saved.
    expect(await get(FS_KEY, store)).toEqual(bad);
  });

  it('reset restores the seed in place', () => {
    const fs = new MemoryFs();
    resetToSeed(fs);
    fs.writeFile('/data/config.json', 'broken');
    fs.mkdir('/home/learner/project');
    const changes: string[] = [];
    fs.onChange((p) => changes.push(p));
    resetToSeed(fs);
    expect(fs.exists('/home/learner/project')).toBe(false);
    expect(fs.readText('/data/config.json')).toContain('"greeting"');
    expect(changes.length).toBeGreaterThan(0);
  });
});

describe('a damaged workspace, reloaded', () => {
  it('is kept aside once and named once, however often the page reloads before a save', async () => {
    const store = freshStore();
    await set(FS_KEY, 'garbage', store);
    const first = await loadOrSeed({ store });
    expect(first.message).toMatch(/kept aside as 'wasm-dojo:fs:broken:\d+' in this browser's IndexedDB/);
    const second = await loadOrSeed({ store });
    expect(second.source).toBe('recovered');
    expect(second.message).toBeUndefined();
    expect(second.setAside?.asideKey).toBe(first.setAside?.asideKey);
    expect((await keys(store)).filter((k) => String(k).startsWith(`${FS_KEY}:broken:`))).toHaveLength(1);
  });
});
