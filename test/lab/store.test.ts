/** The learner's races: kept across reloads (a versioned document), set aside when unreadable, emptied by dojo reset. */
import { describe, expect, it } from 'vitest';
import { LAB_KEY, labStoreOf } from '../../src/lab/store';
import { makeDojo } from '../support/dojo';
import { memStorage } from '../support/storage';

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the lab store in the product', () => {
  it('a race survives a reload (the same storage, a new Dojo) and dojo reset empties it', async () => {
    const storage = memStorage();
    const d = await makeDojo({ lessons: false, storage });
    await settle();
    expect((await d.type('dojo bench -n 3 hello.wasm', { tty: false })).status).toBe(0);
    await labStoreOf(d.services).flushed();
    const saved = JSON.parse(storage.map.get(LAB_KEY)!) as { format: string; version: number; data: unknown[] };
    expect(saved).toMatchObject({ format: LAB_KEY, version: 1 });
    expect(saved.data).toHaveLength(1);

    const again = await makeDojo({ lessons: false, storage });
    await settle();
    const race = labStoreOf(again.services).latest('hello');
    expect(race?.records).toHaveLength(3);
    // The lesson check finds the same store from the filesystem.
    expect(labStoreOf(again.fs)).toBe(labStoreOf(again.services));

    const reset = await again.type('dojo reset -y', { tty: false });
    expect(reset.status).toBe(0);
    await settle();
    expect(labStoreOf(again.services).list()).toEqual([]);
    await labStoreOf(again.services).flushed();
    expect(JSON.parse(storage.map.get(LAB_KEY)!).data).toEqual([]);
  });

  it('unreadable saved races are kept aside, said once, and new races start empty', async () => {
    const storage = memStorage();
    storage.setItem(LAB_KEY, JSON.stringify({ format: LAB_KEY, version: 1, savedAt: 0, data: [{ label: 'x', module: 'x', records: 'nope' }] }));
    const said: string[] = [];
    const d = await makeDojo({ lessons: false, storage });
    d.setOutput((t) => said.push(t));
    await settle();
    expect(labStoreOf(d.services).list()).toEqual([]);
    expect(said.join('\n')).toMatch(
      /dojo: your saved lab races could not be read \(race 1 has no size or date\); it was kept aside as 'wasm-dojo:lab:broken:/,
    );
    const aside = [...storage.map.keys()].find((k) => k.startsWith(`${LAB_KEY}:broken:`));
    expect(storage.map.get(aside!)).toContain('"nope"');
  });
});
