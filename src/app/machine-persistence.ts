/**
 * The browser side of the machine's persistence: the local OCI registry (src/registry/persist.ts) kept in
 * the same IndexedDB database as the workspace, each unreadable copy kept aside under its own key.
 */
import { get, set } from 'idb-keyval';
import { dojoStore } from '../fs/persist';
import type { Machine } from '../machine/services';
import { autoSaveOciStore, OCI_KEY, restoreOciStore, type DocumentSlot } from '../registry/persist';

function idbSlot(key: string): DocumentSlot {
  return {
    load: () => get(key, dojoStore()),
    save: (doc) => set(key, doc, dojoStore()),
    async keepAside(doc, at) {
      const aside = `${key}:broken:${at}`;
      await set(aside, doc, dojoStore());
      return `'${aside}'`;
    },
  };
}

/** Restores the saved registry, then saves it after every push. `say` prints a line in the terminal. */
export async function persistMachine(machine: Machine, say: (text: string) => void): Promise<void> {
  const slot = idbSlot(OCI_KEY);
  const restored = await restoreOciStore(machine.registry, slot);
  if (restored.message) say(restored.message);
  autoSaveOciStore(machine.registry, slot);
}
