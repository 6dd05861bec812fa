import { describe, expect, it } from 'vitest';
import { openDoc, setAsideMessage, type DocStorage, type SetAsideNotice, type SyncDocStorage } from './persisted-doc';

function syncMap(): SyncDocStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return { sync: true, map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}

function asyncMap(): DocStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: (k) => Promise.resolve(map.get(k)),
    set: (k, v) => new Promise<void>((resolve) => setTimeout(() => resolve(void map.set(k, v)), 0)),
  };
}

interface Counter {
  count: number;
  label: string;
}
function validateCounter(data: unknown): Counter {
  const d = data as Partial<Counter> | null;
  if (typeof d?.count !== 'number') throw new Error('count must be a number');
  if (typeof d.label !== 'string') throw new Error('label must be text');
  return { count: d.count, label: d.label };
}

describe('openDoc', () => {
  it('round-trips in a versioned envelope, sync storage answering at once', () => {
    const storage = syncMap();
    const doc = openDoc<Counter>({ key: 'k', version: 3, storage, validate: validateCounter, now: () => 42 });
    expect(doc.load()).toEqual({ value: undefined });
    doc.save({ count: 1, label: 'a' });
    expect(storage.map.get('k')).toEqual({ format: 'k', version: 3, savedAt: 42, data: { count: 1, label: 'a' } });
    expect(doc.load()).toEqual({ value: { count: 1, label: 'a' } });
  });

  it('async storage: the same, through promises', async () => {
    const storage = asyncMap();
    const doc = openDoc<Counter>({ key: 'k', format: 'test/counter', version: 1, storage, validate: validateCounter });
    await doc.save({ count: 2, label: 'b' });
    expect((storage.map.get('k') as { format: string }).format).toBe('test/counter');
    expect(await doc.load()).toEqual({ value: { count: 2, label: 'b' } });
  });

  it('migrates through each step in order, and a missing step sets the copy aside', () => {
    const storage = syncMap();
    const steps: string[] = [];
    const migrate = {
      1: (d: unknown) => (steps.push('1→2'), { n: (d as { n: number }).n }),
      2: (d: unknown) => (steps.push('2→3'), { count: (d as { n: number }).n, label: 'migrated' }),
    };
    storage.map.set('k', { format: 'k', version: 1, savedAt: 0, data: { n: 7 } });
    const doc = openDoc<Counter>({ key: 'k', version: 3, storage, migrate, validate: validateCounter });
    expect(doc.load()).toEqual({ value: { count: 7, label: 'migrated' }, migratedFrom: 1 });
    expect(steps).toEqual(['1→2', '2→3']);
    const gap = openDoc<Counter>({ key: 'k', version: 3, storage, migrate: { 2: migrate[2] }, validate: validateCounter, now: () => 1 });
    expect(gap.load().setAside).toEqual({ key: 'k', asideKey: 'k:broken:1', reason: 'unsupported version 1' });
  });

  it.each([
    ['not a record', 'garbage', 'it is not a saved record'],
    ['a foreign record', { hello: 'world' }, 'it is not a record this app wrote (unknown format)'],
    ['no version', { format: 'k', data: {} }, 'it has no version number'],
    ['a newer version', { format: 'k', version: 9, data: {} }, 'it was saved by a newer Wasm Dojo (version 9; this one reads up to 2)'],
    ['a payload failing validation', { format: 'k', version: 2, data: { count: 'x' } }, 'count must be a number'],
  ])('sets %s aside under its own key, with the reason, and reports it once', (_label, stored, reason) => {
    const storage = syncMap();
    storage.map.set('k', stored);
    const notices: SetAsideNotice[] = [];
    const doc = openDoc<Counter>({ key: 'k', version: 2, storage, validate: validateCounter, now: () => 10, onSetAside: (n) => notices.push(n) });
    const loaded = doc.load();
    expect(loaded).toEqual({ value: undefined, setAside: { key: 'k', asideKey: 'k:broken:10', reason } });
    expect(notices).toEqual([loaded.setAside]);
    expect(storage.map.get('k:broken:10')).toEqual(stored);
    // The original is left until the next save replaces it.
    expect(storage.map.get('k')).toEqual(stored);
  });

  it('never overwrites an earlier set-aside copy, even in the same millisecond', async () => {
    const storage = asyncMap();
    const doc = openDoc<Counter>({ key: 'k', version: 1, storage, validate: validateCounter, now: () => 10 });
    for (const damage of ['one', 'two', 'three']) {
      storage.map.set('k', damage);
      await doc.load();
    }
    expect([...storage.map].filter(([k]) => k.startsWith('k:broken:'))).toEqual([
      ['k:broken:10', 'one'],
      ['k:broken:10-1', 'two'],
      ['k:broken:10-2', 'three'],
    ]);
  });

  it('reloading with the same damage (nothing saved since) makes no second copy and no second notice', async () => {
    const storage = asyncMap();
    const notices: SetAsideNotice[] = [];
    let t = 10;
    const doc = openDoc<Counter>({ key: 'k', version: 1, storage, validate: validateCounter, now: () => t++, onSetAside: (n) => notices.push(n) });
    const bytes = { format: 'k', version: 1, data: { count: 'not a number', blob: new Uint8Array([1, 2, 3]) } };
    storage.map.set('k', bytes);
    expect((await doc.load()).setAside).toEqual({ key: 'k', asideKey: 'k:broken:10', reason: 'count must be a number' });
    storage.map.set('k', structuredClone(bytes)); // as a reload reads it: equal, not the same object
    expect((await doc.load()).setAside).toEqual({ key: 'k', asideKey: 'k:broken:10', reason: 'count must be a number', repeated: true });
    expect(notices).toHaveLength(1);
    expect([...storage.map.keys()].filter((k) => k.startsWith('k:broken:'))).toEqual(['k:broken:10']);
    // Other damage is a new copy again, and told.
    storage.map.set('k', { ...bytes, data: { count: 'x', blob: new Uint8Array([1, 2, 4]) } });
    expect((await doc.load()).setAside?.asideKey).toBe('k:broken:11');
    expect(notices).toHaveLength(2);
  });

  it('JSON text storage: text that is not JSON is kept aside as it was', () => {
    const storage = syncMap();
    storage.map.set('k', '{oops');
    const doc = openDoc<Counter>({ key: 'k', version: 1, storage, json: true, validate: validateCounter, now: () => 3 });
    expect(doc.load().setAside?.reason).toMatch(/^it is not valid JSON \(/);
    expect(storage.map.get('k:broken:3')).toBe('{oops');
    doc.save({ count: 1, label: 'x' });
    expect(JSON.parse(storage.map.get('k') as string)).toMatchObject({ version: 1, data: { count: 1, label: 'x' } });
    expect(doc.load().value).toEqual({ count: 1, label: 'x' });
  });

  it('a set-aside that cannot be written says so; a storage that cannot be read makes load throw', () => {
    const storage = syncMap();
    storage.map.set('k', 'garbage');
    const refusing: SyncDocStorage = {
      ...storage,
      set: () => {
        throw new Error('quota');
      },
    };
    const loaded = openDoc<Counter>({ key: 'k', version: 1, storage: refusing, validate: validateCounter }).load();
    expect(loaded.setAside).toMatchObject({ key: 'k', asideKey: null });
    expect(setAsideMessage('notes', loaded.setAside!, 'new notes were started')).toBe(
      "dojo: your saved notes could not be read (it is not a saved record); it could not be copied aside (it stays under 'k' until your next change is saved) and new notes were started",
    );
    const unreadable: SyncDocStorage = {
      ...storage,
      get: () => {
        throw new Error('blocked');
      },
    };
    expect(() => openDoc<Counter>({ key: 'k', version: 1, storage: unreadable, validate: validateCounter }).load()).toThrow('blocked');
  });

  it("the storage's `where` names the place and how to copy the key out", () => {
    const storage = { ...syncMap(), where: (key: string) => `in the test map (read it with map.get('${key}'))` };
    storage.map.set('k', 'garbage');
    const { setAside } = openDoc<Counter>({ key: 'k', version: 1, storage, validate: validateCounter, now: () => 5 }).load();
    expect(setAsideMessage('counter', setAside!, 'it starts at zero')).toBe(
      "dojo: your saved counter could not be read (it is not a saved record); it was kept aside as 'k:broken:5' in the test map (read it with map.get('k:broken:5')) and it starts at zero",
    );
  });
});
