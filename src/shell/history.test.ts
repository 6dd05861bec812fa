import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore, get, keys, set } from 'idb-keyval';
import { CommandHistory } from './history';
import { HISTORY_KEY, HistoryStore } from './history-store';

let n = 0;
const freshStore = () => createStore(`history-db-${++n}`, 'kv');

describe('CommandHistory', () => {
  it('keeps duplicates, skips blank lines, caps the length', () => {
    const h = new CommandHistory([], 3);
    for (const l of ['x', 'x', ' ', 'y', 'z']) h.add(l);
    expect(h.list()).toEqual(['x', 'y', 'z']);
  });
});

describe('HistoryStore', () => {
  it('saves every line at once and loads it after a reload', async () => {
    const store = freshStore();
    const h = new CommandHistory();
    await new HistoryStore({ store }).attach(h);
    h.add('ls');
    h.add('echo "unterminated');
    h.add('ls');
    // Wait for the chained writes.
    await new Promise((r) => setTimeout(r, 20));
    const again = new CommandHistory();
    await new HistoryStore({ store }).attach(again);
    expect(again.list()).toEqual(['ls', 'echo "unterminated', 'ls']);
  });
  it('a line typed before the saved history loaded is appended, not lost or overwriting', async () => {
    const store = freshStore();
    await set(HISTORY_KEY, ['old1', 'old2'], store);
    const s = new HistoryStore({ store });
    await s.append('new');
    expect(await get(HISTORY_KEY, store)).toEqual(['old1', 'old2', 'new']);
  });
  it('caps what it stores', async () => {
    const store = freshStore();
    const s = new HistoryStore({ store, cap: 2 });
    await s.append('a');
    await s.append('b');
    await s.append('c');
    expect(await get(HISTORY_KEY, store)).toEqual(['b', 'c']);
  });
  it('sets unreadable history aside and starts empty', async () => {
    const store = freshStore();
    await set(HISTORY_KEY, { not: 'a list' }, store);
    expect(await new HistoryStore({ store }).load()).toEqual([]);
    const aside = (await keys(store)).filter((k) => String(k).startsWith(`${HISTORY_KEY}:broken:`));
    expect(aside).toHaveLength(1);
  });
  it('says once what it set aside: the key, where it is and how to copy it out (it used to say nothing)', async () => {
    const store = freshStore();
    await set(HISTORY_KEY, ['ok', 42], store);
    const first = new HistoryStore({ store, now: () => 77 });
    await first.attach(new CommandHistory());
    expect(first.setAside?.asideKey).toBe(`${HISTORY_KEY}:broken:77`);
    expect(await get(`${HISTORY_KEY}:broken:77`, store)).toEqual(['ok', 42]);
    expect(first.setAsideMessage).toBe(
      `dojo: your saved command history could not be read (a line in it is not text); it was kept aside as '${HISTORY_KEY}:broken:77' in this browser's IndexedDB (to copy it out: the developer tools, Application → IndexedDB → wasm-dojo → kv) and a new history was started`,
    );
    // Damaged again in the same millisecond: the first copy stays, the second gets its own key.
    await set(HISTORY_KEY, 'garbage', store);
    const second = new HistoryStore({ store, now: () => 77 });
    await second.load();
    expect(second.setAside?.asideKey).toBe(`${HISTORY_KEY}:broken:77-1`);
    expect(await get(`${HISTORY_KEY}:broken:77`, store)).toEqual(['ok', 42]);
    // A readable history says nothing.
    await second.append('ls');
    const third = new HistoryStore({ store });
    expect(await third.load()).toEqual(['ls']);
    expect(third.setAsideMessage).toBeUndefined();
  });
});
