import { describe, expect, it } from 'vitest';
import { ApiError, formatForKubectl } from '../../src/cluster/errors';
import { SHIM_EXECUTOR, SPIN_OPERATOR_CRDS } from '../../src/cluster/offline';
import type { Manifest } from '../../src/cluster/types';
import type { Cluster } from '../../src/cluster/cluster';
import { makeCluster, ManualTime, until } from '../support/cluster';

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const create = (c: Cluster, m: Manifest, ns = 'default') => c.api.create(c.api.typeFor(String(m.apiVersion), String(m.kind))!, m, ns);

describe('admission and validation', () => {
  it('RuntimeClass overhead and nodeSelector are merged into the pod; a conflict is refused', () => {
    const c = makeCluster();
    create(c, {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'w' },
      handler: 'wasmtime',
      overhead: { podFixed: { cpu: '10m' } },
      scheduling: { nodeSelector: { wasm: 'yes' } },
    });
    const pod = (ns: Record<string, string> = {}) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${Object.keys(ns).length}` },
      spec: { runtimeClassName: 'w', nodeSelector: ns, containers: [{ name: 'c', image: 'ghcr.io/example/hello-wasm:latest' }] },
    });
    const p = create(c, pod());
    expect(p.spec).toMatchObject({ overhead: { cpu: '10m' }, nodeSelector: { wasm: 'yes' } });
    const e = error(() => create(c, pod({ wasm: 'no' })));
    expect(e.message).toBe('pods "p1" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[wasm] = yes; pod.spec.nodeSelector[wasm] = no');
    c.kubelet.stopAll();
  });

  it('a RuntimeClass handler is immutable and must be a DNS label', () => {
    const c = makeCluster();
    const rc = c.typeOf('runtimeclasses')!;
    create(c, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'w' }, handler: 'spin' });
    expect(
      formatForKubectl(
        error(() => c.api.update(rc, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'w' }, handler: 'wasmtime' })),
      ),
    ).toBe('The RuntimeClass "w" is invalid: handler: Invalid value: "wasmtime": field is immutable');
    expect(
      formatForKubectl(error(() => create(c, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'x' }, handler: 'Spin' }))),
    ).toMatch(
      /^The RuntimeClass "x" is invalid: handler: Invalid value: "Spin": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character \(e\.g\. 'my-name',  or '123-abc'/,
    );
  });

  it('a pod needs a container image; a deployment selector must match its template', () => {
    const c = makeCluster();
    expect(
      formatForKubectl(error(() => create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c' }] } }))),
    ).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value');
    const e = error(() =>
      create(c, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          selector: { matchLabels: { app: 'a' } },
          template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
        },
      }),
    );
    expect(formatForKubectl(e)).toBe(
      'The Deployment "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
    );
  });

  it('a namespace that does not exist, and one being deleted', async () => {
    const c = makeCluster();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'c', image: 'docker.io/library/nginx:latest' }] },
    };
    expect(error(() => create(c, pod, 'nope')).message).toBe('namespaces "nope" not found');
    create(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    create(c, pod, 'gone');
    c.api.delete(c.typeOf('ns')!, undefined, 'gone');
    expect(error(() => create(c, { ...pod, metadata: { name: 'y' } }, 'gone')).message).toBe(
      'pods "y" is forbidden: unable to create new content in namespace gone because it is being terminated',
    );
    await until(() => !c.api.get(c.typeOf('ns')!, undefined, 'gone'), 'the namespace to go');
    c.kubelet.stopAll();
  });

  it('SpinKube webhooks: no endpoints while the operator is down, then defaulting and validation', async () => {
    const c = makeCluster();
    for (const crd of SPIN_OPERATOR_CRDS) create(c, crd as Manifest);
    // Without the webhook configuration the executor is stored as is.
    create(c, structuredClone(SHIM_EXECUTOR) as Manifest);
    create(c, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'spin-operator-mutating-webhook-configuration' },
      webhooks: [],
    });
    create(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'spin-operator' } });
    create(
      c,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'spin-operator-webhook-service' },
        spec: { selector: { 'control-plane': 'controller-manager' }, ports: [{ port: 443, targetPort: 9443 }] },
      },
      'spin-operator',
    );
    const app = (spec: Record<string, unknown>) => ({
      apiVersion: 'core.spinkube.dev/v1alpha1',
      kind: 'SpinApp',
      metadata: { name: 'my-api' },
      spec: { image: 'ghcr.io/example/my-api:latest', ...spec },
    });
    expect(error(() => create(c, app({ replicas: 1 }))).message).toBe(
      'Internal error occurred: failed calling webhook "mspinapp.kb.io": failed to call webhook: Post "https://spin-operator-webhook-service.spin-operator.svc:443/mutate-core-spinkube-dev-v1alpha1-spinapp?timeout=10s": no endpoints available for service "spin-operator-webhook-service"',
    );
    create(
      c,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'spin-operator-controller-manager' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { 'control-plane': 'controller-manager' } },
          template: {
            metadata: { labels: { 'control-plane': 'controller-manager' } },
            spec: { containers: [{ name: 'manager', image: 'ghcr.io/spinkube/spin-operator:v0.4.0' }] },
          },
        },
      },
      'spin-operator',
    );
    await until(
      () => (c.api.get(c.typeOf('endpoints')!, 'spin-operator', 'spin-operator-webhook-service')?.subsets as unknown[] | undefined)?.length,
      'the webhook endpoint',
    );
    await until(
      () => JSON.stringify(c.api.get(c.typeOf('endpoints')!, 'spin-operator', 'spin-operator-webhook-service')).includes('"addresses"'),
      'a ready address',
    );
    expect(formatForKubectl(error(() => create(c, app({}))))).toBe(
      'The SpinApp "my-api" is invalid: spec.replicas: Invalid value: 0: replicas must be > 0',
    );
    expect(formatForKubectl(error(() => create(c, app({ replicas: 2, executor: 'nope' }))))).toBe(
      'The SpinApp "my-api" is invalid: spec.executor: Invalid value: "nope": executor does not exist in namespace',
    );
    const ok = create(c, app({ replicas: 2 }));
    expect((ok.spec as { executor: string }).executor).toBe('containerd-shim-spin');
    c.kubelet.stopAll();
  });
});

describe('controllers with a hand-moved clock', () => {
  it('CrashLoopBackOff: restarts at once, then waits 10 s, 20 s, 40 s, and says so in events', async () => {
    const time = new ManualTime();
    const c = makeCluster({ timers: time.timers, now: () => time.now, stepMs: 100 });
    const busy = () => c.kubelet.inflight > 0;
    create(c, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'wasmtime' }, handler: 'wasmtime' });
    const pods = c.typeOf('pods')!;
    create(c, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fails' },
      spec: { runtimeClassName: 'wasmtime', containers: [{ name: 'c', image: 'ghcr.io/example/exit-with:latest', args: ['3'] }] },
    });
    const restarts = () =>
      (
        c.api.get(pods, 'default', 'fails')!.status as {
          containerStatuses?: Array<{ restartCount: number; state: Record<string, { reason?: string; message?: string }> }>;
        }
      ).containerStatuses?.[0];
    await time.advance(2_000, busy);
    expect(restarts()?.restartCount).toBe(1);
    await time.advance(5_000, busy);
    expect(restarts()?.restartCount).toBe(1);
    expect(restarts()?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(restarts()?.state.waiting?.message).toMatch(/^back-off 10s restarting failed container=c pod=fails_default\(/);
    await time.advance(6_000, busy);
    expect(restarts()?.restartCount).toBe(2);
    await time.advance(16_000, busy);
    expect(restarts()?.restartCount).toBe(2);
    await time.advance(3_000, busy);
    expect(restarts()?.restartCount).toBe(3);
    expect(restarts()?.state.waiting?.message ?? restarts()?.state.terminated?.reason).toBeDefined();
    const pod = c.api.get(pods, 'default', 'fails')!;
    const backoff = c.events.about(pod).find((e) => e.reason === 'BackOff')!;
    expect(backoff.message).toBe(`Back-off restarting failed container c in pod fails_default(${pod.metadata.uid})`);
    expect(backoff.count).toBeGreaterThanOrEqual(2);
    c.kubelet.stopAll();
  }, 20000);

  it('a missing image: ErrImagePull, then ImagePullBackOff with the pull events', async () => {
    const time = new ManualTime();
    const c = makeCluster({ timers: time.timers, now: () => time.now, stepMs: 100 });
    const busy = () => c.kubelet.inflight > 0;
    create(c, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'wasmtime' }, handler: 'wasmtime' });
    create(c, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { runtimeClassName: 'wasmtime', containers: [{ name: 'c', image: 'ghcr.io/example/nope:v1' }] },
    });
    await time.advance(1_000, busy);
    const pod = c.api.get(c.typeOf('pods')!, 'default', 'p')!;
    const msgs = c.events.about(pod).map((e) => `${String(e.reason)}: ${String(e.message)}`);
    expect(msgs).toContain(
      'Failed: Failed to pull image "ghcr.io/example/nope:v1": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/example/nope:v1": failed to resolve reference "ghcr.io/example/nope:v1": ghcr.io/example/nope:v1: not found',
    );
    expect(msgs).toContain('Failed: Error: ImagePullBackOff');
    expect(msgs).toContain('BackOff: Back-off pulling image "ghcr.io/example/nope:v1"');
    c.kubelet.stopAll();
  });

  it('events aggregate: the sandbox failure repeats as one event with a count', async () => {
    const time = new ManualTime();
    const c = makeCluster({ timers: time.timers, now: () => time.now, stepMs: 100 });
    const busy = () => c.kubelet.inflight > 0;
    c.stageNode(['wasmtime']);
    create(c, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'wasmtime-spin-v2' }, handler: 'spin' });
    create(c, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { runtimeClassName: 'wasmtime-spin-v2', containers: [{ name: 'c', image: 'ghcr.io/example/my-api:latest' }] },
    });
    await time.advance(4 * 60_000 + 38_000, busy);
    const pod = c.api.get(c.typeOf('pods')!, 'default', 'p')!;
    const ev = c.events.about(pod).filter((e) => e.reason === 'FailedCreatePodSandBox');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.count).toBe(24);
    // The fix: install the shim (what kwasm's node installer does); the next retry succeeds.
    c.installShim('spin');
    await time.advance(13_000, busy);
    expect((c.api.get(c.typeOf('pods')!, 'default', 'p')!.status as { phase: string }).phase).toBe('Running');
    c.kubelet.stopAll();
  }, 20000);

  it('garbage collection follows ownerReferences: a deleted ReplicaSet takes its pods', async () => {
    const c = makeCluster();
    const rs = c.typeOf('rs')!;
    create(c, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'r' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'docker.io/library/nginx:latest' }] } },
      },
    });
    await until(() => c.api.list(c.typeOf('pods')!, 'default').length === 2, 'two pods');
    c.api.delete(rs, 'default', 'r');
    await until(() => c.api.list(c.typeOf('pods')!, 'default').length === 0, 'the pods to be collected');
    c.kubelet.stopAll();
  });
});
