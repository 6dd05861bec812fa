/**
 * How kubectl and helm reach the cluster of the machine they run on: the cluster feature attaches a
 * loader to the learner's Machine (the cluster's code is a chunk of its own, loaded on first use);
 * a machine with none attached has no cluster, and kubectl fails as it does with no kubeconfig.
 * Types only at the top: this file is in the pre-prompt bundle.
 */
import type { Machine } from '../machine/services';
import type { ClusterHost } from './host';

const loaders = new WeakMap<object, () => Promise<ClusterHost>>();

/**
 * Attaches the cluster's loader to the machine and to the learner's file system (the lesson checks
 * see the file system, not the machine: `kind: cluster` finds the cluster through it).
 */
export function attachCluster(machine: Machine, load: () => Promise<ClusterHost>, fs?: object): () => void {
  let loading: Promise<ClusterHost> | undefined;
  const get = () => (loading ??= load());
  loaders.set(machine, get);
  if (fs) loaders.set(fs, get);
  return () => {
    loaders.delete(machine);
    if (fs) loaders.delete(fs);
  };
}

/** The cluster of the dojo whose learner's file system is `fs` (for lesson checks). */
export function clusterOfFs(fs: object): Promise<ClusterHost> | undefined {
  return loaders.get(fs)?.();
}

/** The machine's cluster host (loading it on first use), or undefined when it has none. */
export function clusterOf(machine: Machine): Promise<ClusterHost> | undefined {
  return loaders.get(machine)?.();
}
