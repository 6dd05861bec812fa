/**
 * The Kubernetes cluster as a feature: `kubectl` and `helm` (lazy stubs; their code loads after the
 * first prompt), the cluster itself attached to the learner's machine and loaded in its own chunk on
 * first use (restoring the saved one), and `dojo reset` bringing it back to a fresh cluster.
 */
import { registerClusterCommands } from '../../commands';
import { attachCluster } from '../../cluster/attach';
import type { DocStorage } from '../../lib/persisted-doc';
import type { Feature } from '../features';

export function clusterFeature(opts: { storage?: DocStorage } = {}): Feature {
  return {
    id: 'cluster',
    activate(host) {
      registerClusterCommands(host.registry);
      let loaded: import('../../cluster/host').ClusterHost | undefined;
      const detach = attachCluster(
        host.services.machine,
        async () => {
          const { createClusterHost } = await import('../../cluster/host');
          loaded = await createClusterHost({
            machine: host.services.machine,
            fs: host.fs,
            engine: () => host.services.engine,
            ...(opts.storage ? { storage: opts.storage } : {}),
            onRun: (label, result) => host.services.recordRun?.(label, result),
          });
          return loaded;
        },
        host.fs,
      );
      const offReset = host.onReset(async () => {
        if (loaded) loaded.reset();
        else if (opts.storage) await opts.storage.set('wasm-dojo:cluster', null);
      });
      return () => {
        detach();
        offReset();
      };
    },
  };
}
