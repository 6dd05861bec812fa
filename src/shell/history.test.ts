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
});
