/**
 * The cluster across reloads: one persisted document (key `wasm-dojo:cluster`, src/lib/persisted-doc.ts:
 * versioned, checked on load, an unreadable copy kept aside), saved after changes (debounced).
 * Events and container logs are not kept: after a reload the node "reboots" and pods start again.
 */
import { openDoc, setAsideMessage, type DocStorage, type PersistedDoc } from '../lib/persisted-doc';
import type { Cluster, ClusterSnapshot } from './cluster';
import { isDict } from './types';

export const CLUSTER_KEY = 'wasm-dojo:cluster';
const VERSION = 1;

function validate(data: unknown): ClusterSnapshot {
  if (!isDict(data) || typeof data.rv !== 'number' || !isDict(data.runtimes) || !Array.isArray(data.objects))
    throw new Error('it is not a cluster snapshot');
  for (const o of data.objects) {
    if (
      !isDict(o) ||
      typeof o.apiVersion !== 'string' ||
      typeof o.kind !== 'string' ||
      !isDict(o.obj) ||
      !isDict(o.obj.metadata) ||
      typeof o.obj.metadata.name !== 'string'
    ) {
      throw new Error('an object in it has no apiVersion, kind or name');
    }
  }
  return data as unknown as ClusterSnapshot;
}

export function openClusterDoc(storage: DocStorage): PersistedDoc<ClusterSnapshot> {
  return openDoc<ClusterSnapshot>({ key: CLUSTER_KEY, version: VERSION, format: 'wasm-dojo/cluster', storage, validate, json: true });
}

/** Restores the saved cluster (if any) and keeps saving it. Returns a line for the terminal when a copy was set aside. */
export async function persistCluster(
  cluster: Cluster,
  doc: PersistedDoc<ClusterSnapshot>,
  debounceMs = 400,
): Promise<{ message?: string; stop: () => void }> {
  let message: string | undefined;
  try {
    const loaded = await doc.load();
    if (loaded.setAside && !loaded.setAside.repeated) message = setAsideMessage('cluster', loaded.setAside, 'the cluster starts fresh');
    if (loaded.value) cluster.restore(loaded.value);
  } catch (err) {
    message = `dojo: browser storage is unavailable (${err instanceof Error ? err.message : String(err)}); the cluster will not be kept after a reload`;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    void doc.save(cluster.snapshot()).catch(() => undefined);
  };
  const off = cluster.onChange(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  });
  return {
    ...(message ? { message } : {}),
    stop: () => {
      off();
      if (timer !== undefined) {
        clearTimeout(timer);
        save();
      }
    },
  };
}
