/**
 * The browser side of the machine's persistence: the local OCI registry (src/registry/persist.ts) kept in
 * the same IndexedDB database as the workspace, through the one persisted-document helper.
 */
import { dojoStore, idbStorage } from '../fs/persist';
import type { Machine } from '../machine/services';
import { autoSaveOciStore, openRegistryDoc, restoreOciStore } from '../registry/persist';

/** Restores the saved registry, then saves it after every push. `say` prints a line in the terminal. */
export async function persistMachine(machine: Machine, say: (text: string) => void): Promise<void> {
  const doc = openRegistryDoc(idbStorage(dojoStore()));
  const restored = await restoreOciStore(machine.registry, doc);
  if (restored.message) say(restored.message);
  autoSaveOciStore(machine.registry, doc);
}
