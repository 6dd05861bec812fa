import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore, get, keys, set } from 'idb-keyval';
import { autoSave, FS_KEY, loadOrSeed } from './persist';
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
    await saver.flush();
    saver.dispose();
    const second = await loadOrSeed({ store });
    expect(second.source).toBe('saved');
    expect(second.fs.readText('/home/learner/notes.txt')).toBe('keep me');
    expect([...second.fs.readFile('/home/learner/bin')]).toEqual([0, 1, 2, 250]);
  });

  it.each([
    ['a string', 'garbage'],
    ['a foreign object', { hello: 'world' }],
    ['a newer version', { format: 'wasm-dojo/fs', version: 99, root: {} }],
    ['a broken tree', { format: 'wasm-dojo/fs', version: 1, root: { kind: 'dir', children: { 'a/b': { kind: 'file' } } } }],
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
