import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/cluster/errors';
import { makeCluster, podStatus, until } from '../support/cluster';
import type { KObject } from '../../src/cluster/types';

const rc = (name: string, handler: string) => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler });
const pod = (name: string, runtimeClassName: string | undefined, image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { ...(runtimeClassName ? { runtimeClassName } : {}), containers: [{ name: 'hello', image, command: ['/'], ...extra }] },
});

function containerState(p: KObject | undefined): Record<string, unknown> | undefined {
  return ((p?.status as { containerStatuses?: Array<{ state: Record<string, unknown> }> })?.containerStatuses ?? [])[0]?.state;
}

describe('the cluster engine', () => {
  it('runs a WASI pod under the wasmtime handler: the module really prints, exit 0 is Completed', async () => {
    const c = makeCluster();
    const pods = c.typeOf('pods')!;
    c.api.create(c.typeOf('runtimeclasses')!, rc('wasmtime', 'wasmtime'));
    c.api.create(pods, pod('wasm-hello', 'wasmtime', 'ghcr.io/example/hello-wasm:latest', {}));
    const done = await until(() => {
      const p = c.api.get(pods, 'default', 'wasm-hello');
      const st = containerState(p);
      return st && ('terminated' in st || ('waiting' in st && (st.waiting as { reason: string }).reason === 'CrashLoopBackOff')) ? p : undefined;
    }, 'the hello container to finish');
    expect(c.logs(done, 'hello')?.join('') ?? c.logs(done, 'hello', true)?.join('')).toContain('Hello, world!');
    const events = c.events.about(done).map((e) => e.reason);
    expect(events).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    c.kubelet.stopAll();
  });

  it('rejects a pod naming a missing RuntimeClass with the admission plugin message', () => {
    const c = makeCluster();
    let err: unknown;
    try {
      c.api.create(c.typeOf('pods')!, pod('wasm-hello', 'wasmtime', 'ghcr.io/example/hello-wasm:latest'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).reason).toBe('Forbidden');
    expect((err as ApiError).message).toBe('pods "wasm-hello" is forbidden: pod rejected: RuntimeClass "wasmtime" not found');
  });

  it('a node without the handler leaves the pod ContainerCreating with FailedCreatePodSandBox', async () => {
    const c = makeCluster();
    c.stageNode(['wasmtime']);
    const pods = c.typeOf('pods')!;
    c.api.create(c.typeOf('runtimeclasses')!, rc('wasmtime-spin-v2', 'spin'));
    c.api.create(pods, pod('p', 'wasmtime-spin-v2', 'ghcr.io/example/my-api:latest'));
    const p = await until(() => {
      const x = c.api.get(pods, 'default', 'p')!;
      return c.events.about(x).find((e) => e.reason === 'FailedCreatePodSandBox') ? x : undefined;
    }, 'the sandbox failure');
    expect(c.events.about(p).find((e) => e.reason === 'FailedCreatePodSandBox')?.message).toBe(
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "spin" is configured',
    );
    expect((containerState(c.api.get(pods, 'default', 'p'))?.waiting as { reason: string }).reason).toBe('ContainerCreating');
    c.kubelet.stopAll();
  });

  it('Deployment → ReplicaSet → 3 pods with pod-template-hash; deleting the Deployment collects them', async () => {
    const c = makeCluster();
    const deps = c.typeOf('deployments')!;
    const pods = c.typeOf('pods')!;
    c.api.create(c.typeOf('runtimeclasses')!, rc('wasmtime-spin-v2', 'spin'));
    c.api.create(deps, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { runtimeClassName: 'wasmtime-spin-v2', containers: [{ name: 'web', image: 'ghcr.io/example/my-api:latest' }] },
        },
      },
    });
    await until(() => (c.api.get(deps, 'default', 'web')?.status as { readyReplicas?: number })?.readyReplicas === 3, 'three ready replicas');
    const mine = c.api.list(pods, 'default').filter((p) => p.metadata.labels?.app === 'web');
    expect(mine).toHaveLength(3);
    const hash = mine[0]!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    for (const p of mine) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(podStatus(mine[0])).toBe('Running');
    c.api.delete(deps, 'default', 'web');
    await until(() => c.api.list(pods, 'default').filter((p) => p.metadata.labels?.app === 'web').length === 0, 'garbage collection');
    expect(c.api.list(c.typeOf('replicasets')!, 'default')).toHaveLength(0);
    c.kubelet.stopAll();
  });
});
