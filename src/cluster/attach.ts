/**
 * How kubectl and helm reach the cluster of the machine they run on: the cluster feature attaches a
 * loader to the learner's Machine (the cluster's code is a chunk of its own, loaded on first use);
 * a machine with none attached has no cluster, and kubectl fails as it does with no kubeconfig.
 * Types only at the top: this file is in the pre-prompt bundle.
 */
import type { Machine } from '../machine/services';
import type { ClusterHost } from './host';

const loaders = new WeakMap<Machine, () => Promise<ClusterHost>>();

export function attachCluster(machine: Machine, load: () => Promise<ClusterHost>): () => void {
  let loading: Promise<ClusterHost> | undefined;
  loaders.set(machine, () => (loading ??= load()));
  return () => loaders.delete(machine);
}

/** The machine's cluster host (loading it on first use), or undefined when it has none. */
export function clusterOf(machine: Machine): Promise<ClusterHost> | undefined {
  return loaders.get(machine)?.();
}
