/**
 * The Kubernetes cluster as a feature: `kubectl` and `helm` (lazy stubs; their code loads after the
 * first prompt), the cluster itself attached to the learner's machine and loaded in its own chunk on
 * first use (restoring the saved one), and `dojo reset` bringing it back to a fresh cluster.
 *
 * A Kubernetes lesson (chapter 6) that is restarted or reset starts its cluster over too: the
 * cluster goes back to how it was when the lesson was opened (a later lesson builds on SpinKube
 * installed by an earlier one), or to a fresh cluster when that is not known (opened before a reload).
 */
import { registerClusterCommands } from '../../commands';
import { attachCluster, clusterOf } from '../../cluster/attach';
import type { DocStorage } from '../../lib/persisted-doc';
import type { LessonSystem } from '../../lessons/setup';
import type { ClusterSnapshot } from '../../cluster/cluster';
import type { HelmState } from '../../cluster/host';
import type { Feature } from '../features';

/** The chapter whose lessons grade the cluster (lessons/chapters.yaml). */
const KUBERNETES_CHAPTER = 6;

export interface ClusterFeatureOptions {
  storage?: DocStorage;
  /** The lesson system, for starting the cluster over with a Kubernetes lesson. */
  lessons?: Promise<LessonSystem>;
  /** The editor's Kubernetes diagnostics load once this resolves (the browser: the first prompt). */
  start?: Promise<void>;
}

export function clusterFeature(opts: ClusterFeatureOptions = {}): Feature {
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
      let live = true;
      let offLessons: (() => void) | undefined;
      let offDiagnostics: (() => void) | undefined;
      // Kubernetes manifests opened in the editor get the API server's schema checks as markers.
      (opts.start ?? Promise.resolve())
        .then(() => import('../kubernetes-diagnostics'))
        .then(
          (m) => {
            if (live) offDiagnostics = m.registerKubernetesDiagnostics();
          },
          () => undefined, // offline before the chunk was cached: the editor still shows YAML syntax errors
        );
      // The cluster and helm's releases as each Kubernetes lesson found them when it was opened.
      const atOpen = new Map<string, Promise<{ cluster: ClusterSnapshot; helm: HelmState } | undefined>>();
      opts.lessons?.then(
        (sys) => {
          if (!live) return;
          offLessons = sys.runtime.onLessonEvent(({ type, lesson }) => {
            if (lesson.chapter !== KUBERNETES_CHAPTER) return;
            const h = clusterOf(host.services.machine);
            if (!h) return;
            if (type === 'open') {
              atOpen.set(
                lesson.id,
                h.then(
                  (c) => structuredClone({ cluster: c.cluster.snapshot(), helm: c.helm }),
                  () => undefined,
                ),
              );
              return;
            }
            void Promise.all([h, atOpen.get(lesson.id)])
              .then(([c, start]) => {
                if (!start) return c.reset();
                c.cluster.restore(structuredClone(start.cluster));
                Object.assign(c.helm, structuredClone(start.helm));
                c.saveHelm();
              })
              .catch(() => undefined);
          });
        },
        () => undefined, // no lessons: nothing to start over with
      );
      return () => {
        live = false;
        offLessons?.();
        offDiagnostics?.();
        detach();
        offReset();
      };
    },
  };
}
