/**
 * The Dojo's Kubernetes cluster: one API server, its admission plugins, the controllers on a
 * reconcile loop (run after each change, coalesced; and when a back-off asks), and the kubelet of
 * the one node, `dojo-control-plane`. The default node is what SpinKube's quickstart gives: a
 * containerd with the Spin shim (handler `spin`) and runwasi's Wasmtime and WasmEdge shims; lessons
 * can stage it without one (`stageNode`). Pure TypeScript: Node tests drive it as the browser does.
 */
import { ApiServer, type ChangeKind } from './apiserver';
import { installAdmission } from './admission';
import {
  collectGarbage,
  reconcileDeployments,
  reconcileEndpoints,
  reconcileNamespaces,
  reconcileReplicaSets,
  reconcileSpinApps,
  schedule,
  type ControllerContext,
} from './controllers';
import { EventRecorder } from './events';
import type { ImageSource } from './images';
import { Kubelet, type Timers } from './kubelet';
import { apiVersionOf, type ResourceType } from './schema';
import { dig, isDict, type KObject, type Manifest } from './types';
import type { RunResult, WasmEngine } from '../runtime/types';
import type { RequestHandler } from '../machine/network';

export const NODE_NAME = 'dojo-control-plane';
export const KUBERNETES_VERSION = 'v1.31.0';

/** containerd runtimes by handler (runtime_type), as the shims' READMEs configure them. */
export const DEFAULT_RUNTIMES: Readonly<Record<string, string>> = {
  runc: 'io.containerd.runc.v2',
  spin: 'io.containerd.spin.v2',
  wasmtime: 'io.containerd.wasmtime.v1',
  wasmedge: 'io.containerd.wasmedge.v1',
};

export interface ClusterOptions {
  images: ImageSource;
  engine: () => WasmEngine | undefined;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  /** ms per kubelet step (default 250: Pending → Running in about a second). */
  stepMs?: number;
  onRun?: (label: string, result: RunResult) => void;
}

export interface ClusterSnapshot {
  rv: number;
  runtimes: Record<string, string>;
  objects: Array<{ apiVersion: string; kind: string; obj: KObject }>;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Cluster {
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly timers: Timers;
  private runtimes: Record<string, string> = { ...DEFAULT_RUNTIMES };
  private pending = false;
  private running = false;
  private again = false;
  private readonly changeListeners = new Set<() => void>();
  private requeueTimer: unknown;
  /** Something was deleted since the last garbage collection. */
  private collect = false;

  constructor(private readonly opts: ClusterOptions) {
    this.timers = opts.timers ?? realTimers;
    this.api = new ApiServer({ ...(opts.now ? { now: opts.now } : {}), ...(opts.random ? { random: opts.random } : {}) });
    installAdmission(this.api);
    this.events = new EventRecorder(this.api);
    this.kubelet = new Kubelet({
      api: this.api,
      events: this.events,
      images: opts.images,
      engine: opts.engine,
      nodeName: NODE_NAME,
      runtimes: () => this.runtimes,
      timers: this.timers,
      stepMs: opts.stepMs ?? 250,
      ...(opts.onRun ? { onRun: opts.onRun } : {}),
      changed: () => this.kick(),
    });
    this.api.watch((_t, _o, c: ChangeKind) => {
      if (c === 'DELETED') this.collect = true;
      this.kick();
    });
    this.bootstrap();
  }

  /** Runs `listener` (coalesced) after the cluster changed: persistence saves then. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Schedules a reconcile pass (coalesced into one per turn of the event loop). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    this.pending = true;
    // Bursts (a kubelet step for 200 pods, 200 creates) coalesce into one pass a few ms later.
    this.timers.setTimeout(() => this.reconcile(), 10);
  }

  /** One pass of every controller, repeated while they keep changing things (bounded). */
  reconcile(): void {
    this.pending = false;
    this.running = true;
    const ctx: ControllerContext = {
      api: this.api,
      events: this.events,
      nodeName: NODE_NAME,
      requeue: (ms) => {
        if (this.requeueTimer !== undefined) return;
        this.requeueTimer = this.timers.setTimeout(() => {
          this.requeueTimer = undefined;
          this.kick();
        }, ms);
      },
    };
    try {
      for (let pass = 0; pass < 8; pass++) {
        this.again = false;
        reconcileNamespaces(ctx);
        reconcileSpinApps(ctx);
        reconcileDeployments(ctx);
        reconcileReplicaSets(ctx);
        schedule(ctx);
        this.kubelet.sync();
        reconcileEndpoints(ctx);
        if (this.collect) {
          this.collect = false;
          collectGarbage(ctx);
        }
        if (!this.again) break;
      }
    } finally {
      this.running = false;
    }
    for (const l of this.changeListeners) l();
  }

  /** A fresh cluster's objects: system namespaces, the node, the `kubernetes` and `kube-dns` services, CoreDNS. */
  private bootstrap(): void {
    const api = this.api;
    const create = (word: string, m: Manifest, ns?: string) => api.create(api.resolveType(word)!, m, ns);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: NODE_NAME,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': NODE_NAME,
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    });
    this.writeNodeStatus();
    create(
      'services',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
      },
      'default',
    );
    create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            containers: [
              { name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] },
            ],
          },
        },
      },
    });
    create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
    });
  }

  /** The node's status: Ready, its addresses, node info, and `runtimeHandlers` (the CRI's handlers, status since 1.30). */
  private writeNodeStatus(): void {
    const t = this.api.resolveType('nodes')!;
    const node = this.api.get(t, undefined, NODE_NAME);
    if (!node) return;
    const at = node.metadata.creationTimestamp;
    this.api.patchStatus(t, node, (n) => {
      n.status = {
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: NODE_NAME },
        ],
        allocatable: { cpu: '2', 'ephemeral-storage': '61255492Ki', memory: '8029624Ki', pods: '110' },
        capacity: { cpu: '2', 'ephemeral-storage': '61255492Ki', memory: '8029624Ki', pods: '110' },
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            reason: 'KubeletHasSufficientMemory',
            message: 'kubelet has sufficient memory available',
            lastHeartbeatTime: at,
            lastTransitionTime: at,
          },
          {
            type: 'DiskPressure',
            status: 'False',
            reason: 'KubeletHasNoDiskPressure',
            message: 'kubelet has no disk pressure',
            lastHeartbeatTime: at,
            lastTransitionTime: at,
          },
          {
            type: 'PIDPressure',
            status: 'False',
            reason: 'KubeletHasSufficientPID',
            message: 'kubelet has sufficient PID available',
            lastHeartbeatTime: at,
            lastTransitionTime: at,
          },
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: at,
            lastTransitionTime: at,
          },
        ],
        nodeInfo: {
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://1.7.15',
          kernelVersion: '6.1.0-dojo',
          kubeProxyVersion: KUBERNETES_VERSION,
          kubeletVersion: KUBERNETES_VERSION,
          operatingSystem: 'linux',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          bootID: '00000000-0000-4000-8000-000000000001',
          machineID: 'dojo',
          systemUUID: 'dojo',
        },
        runtimeHandlers: Object.keys(this.runtimes)
          .filter((h) => h !== 'runc')
          .sort()
          .map((name) => ({ name, features: { recursiveReadOnlyMounts: false, userNamespaces: false } })),
      };
    });
  }

  /** The node's containerd runtimes (handler → runtime_type). */
  nodeRuntimes(): Record<string, string> {
    return { ...this.runtimes };
  }

  /** Stages the node: which handlers its containerd has (runc is always there). */
  stageNode(handlers: string[]): void {
    const next: Record<string, string> = { runc: DEFAULT_RUNTIMES.runc! };
    for (const h of handlers) next[h] = DEFAULT_RUNTIMES[h] ?? `io.containerd.${h}.v1`;
    this.runtimes = next;
    this.writeNodeStatus();
    this.kubelet.retrySandboxes();
    this.kick();
  }

  /** Adds a shim (what kwasm's node installer does). */
  installShim(handler: string): void {
    if (this.runtimes[handler]) return;
    this.stageNode([...Object.keys(this.runtimes).filter((h) => h !== 'runc'), handler]);
  }

  /** The pod's HTTP handler on a port (port-forward), or a reason it has none. */
  podServer(pod: KObject, port: number): RequestHandler | undefined {
    return this.kubelet.server(pod.metadata.uid, port);
  }

  logs(pod: KObject, container: string, previous = false): string[] | undefined {
    return this.kubelet.logs(pod.metadata.uid, container, previous);
  }

  /** Back to a fresh cluster (`dojo reset`, a lesson's reset). */
  reset(): void {
    this.kubelet.stopAll();
    this.events.forget();
    this.api.restore([], this.api.resourceVersion);
    this.runtimes = { ...DEFAULT_RUNTIMES };
    this.bootstrap();
    this.kick();
  }

  snapshot(): ClusterSnapshot {
    const objects = this.api
      .all()
      .filter(({ type }) => type.kind !== 'Event')
      .map(({ type, obj }) => ({ apiVersion: apiVersionOf(type), kind: type.kind, obj }));
    return { rv: this.api.resourceVersion, runtimes: { ...this.runtimes }, objects };
  }

  /** Restores a snapshot: pods on the node start again (as after a node reboot). */
  restore(s: ClusterSnapshot): void {
    this.kubelet.stopAll();
    this.events.forget();
    const objects = s.objects.map((x) => {
      if (x.kind !== 'Pod') return x;
      const obj = structuredClone(x.obj);
      const st = isDict(obj.status) ? obj.status : {};
      if (dig(obj, 'status', 'phase') === 'Running') st.phase = 'Pending';
      delete st.containerStatuses;
      obj.status = st;
      return { ...x, obj };
    });
    this.api.restore(objects, s.rv);
    this.runtimes = { ...s.runtimes };
    if (!this.api.get(this.api.resolveType('nodes')!, undefined, NODE_NAME)) this.reset();
    this.kick();
  }

  typeOf(word: string): ResourceType | undefined {
    return this.api.resolveType(word);
  }
}
