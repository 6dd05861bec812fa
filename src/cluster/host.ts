/**
 * The cluster as the Dojo hosts it: one Cluster per machine, its images from the machine's local
 * registry then the built-in catalogue (module bytes from the installed public/modules), the engine
 * the commands use, persistence, and what `kubectl`/`helm` keep beside the cluster (Helm releases
 * and repositories live in the cluster snapshot's neighbour document).
 */
import type { DocStorage } from '../lib/persisted-doc';
import type { HostFs } from '../fs/types';
import { MODULES_DIR } from '../fs/seed';
import type { Machine } from '../machine/services';
import type { RunResult, WasmEngine } from '../runtime/types';
import { Cluster } from './cluster';
import { catalogueSource, chainSources, registrySource } from './images';
import { openClusterDoc, persistCluster } from './persist';
import { dig, num } from './types';

export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  updated: number;
  status: 'deployed' | 'failed' | 'uninstalled';
  chart: string;
  chartVersion: string;
  appVersion: string;
  values: Record<string, unknown>;
  manifest: string;
  notes: string;
}

export interface HelmState {
  repos: Array<{ name: string; url: string }>;
  releases: HelmRelease[];
}

export interface ClusterHost {
  cluster: Cluster;
  helm: HelmState;
  /** Persists helm state with the cluster. */
  saveHelm(): void;
  /** A line to say once (a stored copy set aside), if any. */
  startupMessage?: string;
  reset(): void;
}

export interface ClusterHostOptions {
  machine: Machine;
  fs: HostFs;
  engine: () => WasmEngine | undefined;
  storage?: DocStorage;
  onRun?: (label: string, result: RunResult) => void;
  stepMs?: number;
}

const HELM_KEY = 'wasm-dojo:cluster:helm';

export async function createClusterHost(o: ClusterHostOptions): Promise<ClusterHost> {
  const readModule = async (file: string) => {
    try {
      return o.fs.readFile(`${MODULES_DIR}/${file}`);
    } catch {
      return undefined;
    }
  };
  const images = chainSources(registrySource(o.machine.registry), catalogueSource(readModule));
  o.machine.registry.onChange(() => images.forget());
  const cluster = new Cluster({ images, engine: o.engine, ...(o.onRun ? { onRun: o.onRun } : {}), ...(o.stepMs ? { stepMs: o.stepMs } : {}) });
  const helm: HelmState = { repos: [], releases: [] };
  let startupMessage: string | undefined;
  if (o.storage) {
    const p = await persistCluster(cluster, openClusterDoc(o.storage));
    startupMessage = p.message;
    try {
      const raw = await o.storage.get(HELM_KEY);
      const parsed = typeof raw === 'string' ? (JSON.parse(raw) as Partial<HelmState>) : undefined;
      if (parsed && Array.isArray(parsed.repos) && Array.isArray(parsed.releases)) Object.assign(helm, parsed);
    } catch {
      /* helm state unreadable: start with none */
    }
  }
  // kwasm: an annotated node gets the Spin shim once the kwasm operator runs (its node installer).
  cluster.onChange(() => {
    const node = cluster.api.get(cluster.api.resolveType('nodes')!, undefined, 'dojo-control-plane');
    if (node?.metadata.annotations?.['kwasm.sh/kwasm-node'] !== 'true') return;
    const op = cluster.api.list(cluster.api.resolveType('deployments')!).find((d) => d.metadata.name === 'kwasm-operator');
    if ((num(dig(op, 'status', 'availableReplicas')) ?? 0) > 0) cluster.installShim('spin');
  });
  const saveHelm = () => void Promise.resolve(o.storage?.set(HELM_KEY, JSON.stringify(helm))).catch(() => undefined);
  return {
    cluster,
    helm,
    saveHelm,
    ...(startupMessage ? { startupMessage } : {}),
    reset() {
      cluster.reset();
      helm.repos = [];
      helm.releases = [];
      saveHelm();
    },
  };
}
