/** An in-memory StateStorage (what localStorage is to zustand's persist), with its map for inspection. */
import type { StateStorage } from 'zustand/middleware';

export function memStorage(): StateStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
