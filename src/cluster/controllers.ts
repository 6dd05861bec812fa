/**
 * The controllers, each a reconcile function over the API server's objects, run by the cluster's
 * loop after every change: the scheduler, the Deployment and ReplicaSet controllers
 * (pkg/controller/deployment, replicaset), Endpoints/EndpointSlices, the namespace controller, the
 * garbage collector (ownerReferences, background propagation) and SpinKube's spin-operator
 * (spinkube/spin-operator v0.4.0 internal/controller/spinapp_controller.go, deployment.go).
 */
import type { ApiServer } from './apiserver';
import { ApiError } from './errors';
import type { EventRecorder } from './events';
import { fromLabelSelector, fromMap, matches } from './labels';
import { apiVersionOf, type ResourceType } from './schema';
import { clone, dig, isDict, listOf, num, str, type Dict, type KObject } from './types';
import { podTemplateHash, rfc3339 } from './util';

export const SPIN_OPERATOR_NS = 'spin-operator';
export const SPIN_OPERATOR_DEPLOYMENT = 'spin-operator-controller-manager';
export const SPINKUBE_GROUP = 'core.spinkube.dev';

export interface ControllerContext {
  api: ApiServer;
  events: EventRecorder;
  nodeName: string;
  /** Asks the loop to run again after `ms` (back-off retries). */
  requeue(ms: number): void;
}

const t = (ctx: ControllerContext, word: string): ResourceType => ctx.api.resolveType(word)!;

export function ownerRef(type: ResourceType, owner: KObject): Dict {
  return {
    apiVersion: apiVersionOf(type),
    kind: type.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function ownedBy(o: KObject, owner: KObject): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.controller);
}

export function isPodReady(p: KObject): boolean {
  return listOf(dig(p, 'status', 'conditions')).some((c) => isDict(c) && c.type === 'Ready' && c.status === 'True');
}

// ---- scheduler ---------------------------------------------------------------------------------

export function schedule(ctx: ControllerContext): void {
  const pods = t(ctx, 'pods');
  const node = ctx.api.get(t(ctx, 'nodes'), undefined, ctx.nodeName);
  for (const p of ctx.api.list(pods)) {
    if (dig(p, 'spec', 'nodeName') || p.metadata.deletionTimestamp) continue;
    const selector = dig(p, 'spec', 'nodeSelector');
    const fits = node && (!isDict(selector) || Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v));
    if (!fits) {
      const already = listOf(dig(p, 'status', 'conditions')).some((c) => isDict(c) && c.type === 'PodScheduled' && c.reason === 'Unschedulable');
      if (already) continue;
      // The scheduler's FitError text for one node that fails the node selector (pkg/scheduler/framework).
      const msg = node
        ? "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        : 'no nodes available to schedule pods';
      ctx.events.record(p, pods, 'Warning', 'FailedScheduling', msg, { component: 'default-scheduler' });
      ctx.api.patchStatus(pods, p, (x) => {
        x.status = {
          ...dictOf(x.status),
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastTransitionTime: rfc3339(ctx.api.now()) }],
        };
      });
      continue;
    }
    const bound = ctx.api.patchStatus(pods, p, (x) => {
      (x.spec as Dict).nodeName = ctx.nodeName;
      x.status = { ...dictOf(x.status), conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(ctx.api.now()) }] };
    });
    if (bound)
      ctx.events.record(bound, pods, 'Normal', 'Scheduled', `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${ctx.nodeName}`, {
        component: 'default-scheduler',
      });
  }
}

function dictOf(v: unknown): Dict {
  return isDict(v) ? v : {};
}

// ---- Deployment → ReplicaSets -------------------------------------------------------------------

export function reconcileDeployments(ctx: ControllerContext): void {
  const deps = t(ctx, 'deployments');
  const rss = t(ctx, 'replicasets');
  for (const d of ctx.api.list(deps)) {
    if (d.metadata.deletionTimestamp) continue;
    const spec = dictOf(d.spec);
    const desired = num(spec.replicas) ?? 1;
    const template = clone(dictOf(spec.template));
    const hash = podTemplateHash(template);
    const owned = ctx.api.list(rss, d.metadata.namespace).filter((r) => ownedBy(r, d));
    let current = owned.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
    if (!current) {
      const name = `${d.metadata.name}-${hash}`;
      const tmeta = dictOf(template.metadata);
      tmeta.labels = { ...dictOf(tmeta.labels), 'pod-template-hash': hash };
      template.metadata = tmeta;
      const sel = clone(dictOf(spec.selector));
      sel.matchLabels = { ...dictOf(sel.matchLabels), 'pod-template-hash': hash };
      try {
        current = ctx.api.create(
          rss,
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: {
              name,
              namespace: d.metadata.namespace,
              labels: tmeta.labels as Record<string, string>,
              annotations: {
                'deployment.kubernetes.io/desired-replicas': String(desired),
                'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired / 4)),
                'deployment.kubernetes.io/revision': String(owned.length + 1),
              },
              ownerReferences: [ownerRef(deps, d) as never],
            },
            spec: { replicas: 0, selector: sel, template },
          },
          d.metadata.namespace,
        );
      } catch {
        continue;
      }
    }
    const cur = current;
    const setReplicas = (rs: KObject, n: number) => {
      const before = num(dig(rs, 'spec', 'replicas')) ?? 0;
      if (before === n) return;
      ctx.api.patchStatus(rss, rs, (x) => {
        (x.spec as Dict).replicas = n;
        x.metadata.annotations = { ...x.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(desired) };
      });
      // pkg/controller/deployment/sync.go scaleReplicaSet: "Scaled %s replica set %s from %d to %d" (newer controllers).
      ctx.events.record(
        d,
        deps,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${n > before ? 'up' : 'down'} replica set ${rs.metadata.name} from ${before} to ${n}`,
        { component: 'deployment-controller' },
      );
    };
    setReplicas(cur, desired);
    // Rolling update (simplified): the old ReplicaSets give back one pod per ready new pod.
    const newReady = num(dig(ctx.api.get(rss, cur.metadata.namespace, cur.metadata.name), 'status', 'readyReplicas')) ?? 0;
    for (const old of owned) {
      if (old.metadata.uid === cur.metadata.uid) continue;
      const oldReplicas = num(dig(old, 'spec', 'replicas')) ?? 0;
      const target = Math.max(0, Math.min(oldReplicas, desired - newReady));
      setReplicas(old, target);
    }
    // Old ReplicaSets beyond revisionHistoryLimit are removed.
    const limit = num(spec.revisionHistoryLimit) ?? 10;
    const idle = owned.filter(
      (r) => r.metadata.uid !== cur.metadata.uid && (num(dig(r, 'spec', 'replicas')) ?? 0) === 0 && (num(dig(r, 'status', 'replicas')) ?? 0) === 0,
    );
    for (const r of idle.slice(0, Math.max(0, idle.length - limit))) ctx.api.remove(rss, r);
    // Status.
    const all = ctx.api.list(rss, d.metadata.namespace).filter((r) => ownedBy(r, d));
    const sum = (path: string) => all.reduce((n, r) => n + (num(dig(r, 'status', path)) ?? 0), 0);
    const curNow = ctx.api.get(rss, cur.metadata.namespace, cur.metadata.name);
    const updated = num(dig(curNow, 'status', 'replicas')) ?? 0;
    const ready = sum('readyReplicas');
    const available = sum('availableReplicas');
    const replicas = sum('replicas');
    const maxUnavailable = Math.floor(desired / 4);
    const availableOk = available >= desired - maxUnavailable;
    const complete = updated === desired && available >= desired && replicas === desired;
    const now = rfc3339(ctx.api.now());
    ctx.api.patchStatus(deps, d, (x) => {
      const prev = listOf(dig(x, 'status', 'conditions')).filter(isDict);
      const cond = (type: string, status: string, reason: string, message: string) => {
        const p = prev.find((c) => c.type === type);
        const changed = !p || p.status !== status;
        return {
          type,
          status,
          lastUpdateTime: p && !changed && p.reason === reason ? p.lastUpdateTime : now,
          lastTransitionTime: changed ? now : p.lastTransitionTime,
          reason,
          message,
        };
      };
      const status: Dict = {
        observedGeneration: x.metadata.generation,
        replicas,
        updatedReplicas: updated,
        readyReplicas: ready,
        availableReplicas: available,
        ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
        conditions: [
          cond(
            'Available',
            availableOk ? 'True' : 'False',
            availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          ),
          cond(
            'Progressing',
            'True',
            complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
            complete ? `ReplicaSet "${cur.metadata.name}" has successfully progressed.` : `ReplicaSet "${cur.metadata.name}" is progressing.`,
          ),
        ],
      };
      for (const k of ['readyReplicas', 'availableReplicas', 'updatedReplicas', 'replicas'] as const) if (status[k] === 0) delete status[k];
      x.status = status;
    });
  }
}

// ---- ReplicaSet → Pods --------------------------------------------------------------------------

const failedCreateUntil = new WeakMap<ApiServer, Map<string, number>>();

export function reconcileReplicaSets(ctx: ControllerContext): void {
  const rss = t(ctx, 'replicasets');
  const pods = t(ctx, 'pods');
  let backoff = failedCreateUntil.get(ctx.api);
  if (!backoff) failedCreateUntil.set(ctx.api, (backoff = new Map()));
  for (const rs of ctx.api.list(rss)) {
    if (rs.metadata.deletionTimestamp) continue;
    const spec = dictOf(rs.spec);
    const desired = num(spec.replicas) ?? 1;
    const selector = fromLabelSelector(spec.selector);
    const mine = ctx.api.list(pods, rs.metadata.namespace).filter((p) => ownedBy(p, rs) && matches(selector, p.metadata.labels));
    const alive = mine.filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(String(dig(p, 'status', 'phase'))));
    const until = backoff.get(rs.metadata.uid) ?? 0;
    if (alive.length < desired && ctx.api.now() >= until) {
      const template = dictOf(spec.template);
      for (let i = alive.length; i < desired; i++) {
        try {
          const pod = ctx.api.create(
            pods,
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: {
                generateName: `${rs.metadata.name}-`,
                namespace: rs.metadata.namespace,
                labels: clone(dictOf(dig(template, 'metadata', 'labels'))) as Record<string, string>,
                ...(isDict(dig(template, 'metadata', 'annotations'))
                  ? { annotations: clone(dig(template, 'metadata', 'annotations')) as Record<string, string> }
                  : {}),
                ownerReferences: [ownerRef(rss, rs) as never],
              },
              spec: clone(dictOf(template.spec)),
            },
            rs.metadata.namespace,
          );
          ctx.events.record(rs, rss, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: 'replicaset-controller' });
        } catch (err) {
          const msg = err instanceof ApiError ? err.message.replace(/^pods "[^"]*"/, `pods "${rs.metadata.name}-"`) : String(err);
          ctx.events.record(rs, rss, 'Warning', 'FailedCreate', `Error creating: ${msg}`, { component: 'replicaset-controller' });
          backoff.set(rs.metadata.uid, ctx.api.now() + 10_000);
          ctx.requeue(10_000);
          break;
        }
      }
    } else if (alive.length > desired) {
      // Not-ready pods go first, then the newest (controller.ActivePods ordering, simplified).
      const order = [...alive].sort(
        (a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp),
      );
      for (const p of order.slice(0, alive.length - desired)) {
        ctx.api.delete(pods, p.metadata.namespace, p.metadata.name);
        ctx.events.record(rs, rss, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, { component: 'replicaset-controller' });
      }
    }
    const now = ctx.api.list(pods, rs.metadata.namespace).filter((p) => ownedBy(p, rs) && !p.metadata.deletionTimestamp);
    const ready = now.filter(isPodReady).length;
    ctx.api.patchStatus(rss, rs, (x) => {
      const st: Dict = {
        replicas: now.length,
        fullyLabeledReplicas: now.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: x.metadata.generation,
      };
      for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas'] as const) if (st[k] === 0) delete st[k];
      x.status = st;
    });
  }
}

// ---- Services → Endpoints, EndpointSlices ----------------------------------------------------------

export function reconcileEndpoints(ctx: ControllerContext): void {
  const svcs = t(ctx, 'services');
  const eps = t(ctx, 'endpoints');
  const slices = t(ctx, 'endpointslices');
  const pods = t(ctx, 'pods');
  for (const s of ctx.api.list(svcs)) {
    const sel = dig(s, 'spec', 'selector');
    if (!isDict(sel) || s.metadata.deletionTimestamp) continue;
    const ns = s.metadata.namespace!;
    const selected = ctx.api.list(pods, ns, fromMap(sel)).filter((p) => str(dig(p, 'status', 'podIP')) && !p.metadata.deletionTimestamp);
    const ready = selected.filter(isPodReady);
    const notReady = selected.filter((p) => !isPodReady(p));
    const addr = (p: KObject) => ({
      ip: str(dig(p, 'status', 'podIP')),
      nodeName: ctx.nodeName,
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
    });
    const ports = listOf(dig(s, 'spec', 'ports'))
      .filter(isDict)
      .map((p) => {
        const target = p.targetPort;
        const resolved = typeof target === 'number' ? target : ((ready[0] ? namedPort(ready[0], String(target)) : undefined) ?? num(p.port));
        return { ...(p.name ? { name: p.name } : {}), port: resolved, protocol: p.protocol ?? 'TCP' };
      });
    const subsets = selected.length
      ? [{ ...(ready.length ? { addresses: ready.map(addr) } : {}), ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}), ports }]
      : [];
    upsert(ctx, eps, ns, s.metadata.name, { labels: { ...(s.metadata.labels ?? {}) } }, { subsets }, s, svcs);
    upsert(
      ctx,
      slices,
      ns,
      `${s.metadata.name}-${s.metadata.uid.slice(0, 5)}`,
      { labels: { 'kubernetes.io/service-name': s.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      {
        addressType: 'IPv4',
        endpoints: selected.map((p) => ({
          addresses: [str(dig(p, 'status', 'podIP'))],
          conditions: { ready: isPodReady(p), serving: isPodReady(p), terminating: false },
          nodeName: ctx.nodeName,
          targetRef: addr(p).targetRef,
        })),
        ports,
      },
      s,
      svcs,
    );
  }
}

function namedPort(pod: KObject, name: string): number | undefined {
  for (const c of listOf(dig(pod, 'spec', 'containers')))
    for (const p of listOf(dig(c, 'ports'))) if (isDict(p) && p.name === name) return num(p.containerPort);
  return undefined;
}

function upsert(
  ctx: ControllerContext,
  type: ResourceType,
  ns: string,
  name: string,
  meta: Dict,
  body: Dict,
  owner: KObject,
  ownerType: ResourceType,
): void {
  const existing = ctx.api.get(type, ns, name);
  if (!existing) {
    try {
      ctx.api.create(
        type,
        {
          apiVersion: apiVersionOf(type),
          kind: type.kind,
          metadata: { name, namespace: ns, ...meta, ownerReferences: [ownerRef(ownerType, owner) as never] },
          ...body,
        },
        ns,
      );
    } catch {
      /* namespace terminating */
    }
    return;
  }
  ctx.api.patchStatus(type, existing, (x) => Object.assign(x, body));
}

// ---- namespaces, service accounts, garbage collection ----------------------------------------------

export function reconcileNamespaces(ctx: ControllerContext): void {
  const nsType = t(ctx, 'namespaces');
  const sa = t(ctx, 'serviceaccounts');
  const cm = t(ctx, 'configmaps');
  for (const ns of ctx.api.list(nsType)) {
    const name = ns.metadata.name;
    if (ns.metadata.deletionTimestamp) {
      let left = 0;
      for (const type of ctx.api.allTypes()) {
        if (!type.namespaced) continue;
        for (const o of ctx.api.list(type, name)) {
          left++;
          if (!o.metadata.deletionTimestamp) ctx.api.delete(type, name, o.metadata.name);
        }
      }
      if (left === 0) ctx.api.remove(nsType, ns);
      else ctx.requeue(200);
      continue;
    }
    if (!ctx.api.get(sa, name, 'default')) ctx.api.create(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, name);
    if (!ctx.api.get(cm, name, 'kube-root-ca.crt'))
      ctx.api.create(
        cm,
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'kube-root-ca.crt',
            annotations: {
              'kubernetes.io/description':
                'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
            },
          },
          data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n(the Dojo cluster CA)\n-----END CERTIFICATE-----\n' },
        },
        name,
      );
  }
}

/** The garbage collector: an object whose every owner (by uid) is gone is deleted (background propagation). */
export function collectGarbage(ctx: ControllerContext): void {
  const uids = new Set<string>();
  const all = ctx.api.all();
  for (const { obj } of all) uids.add(obj.metadata.uid);
  for (const { type, obj } of all) {
    const owners = obj.metadata.ownerReferences ?? [];
    if (!owners.length || obj.metadata.deletionTimestamp) continue;
    if (owners.every((o) => !uids.has(o.uid))) {
      try {
        ctx.api.delete(type, obj.metadata.namespace, obj.metadata.name);
      } catch {
        /* already gone */
      }
    }
  }
}

// ---- spin-operator ----------------------------------------------------------------------------

export function operatorRunning(api: ApiServer): boolean {
  const d = api.get(api.resolveType('deployments')!, SPIN_OPERATOR_NS, SPIN_OPERATOR_DEPLOYMENT);
  return (num(dig(d, 'status', 'availableReplicas')) ?? 0) > 0;
}

/** spin-operator v0.4.0 internal/controller/spinapp_controller.go + deployment.go, as the reference reads them. */
export function reconcileSpinApps(ctx: ControllerContext): void {
  const appType = ctx.api.typeFor(`${SPINKUBE_GROUP}/v1alpha1`, 'SpinApp');
  const execType = ctx.api.typeFor(`${SPINKUBE_GROUP}/v1alpha1`, 'SpinAppExecutor');
  if (!appType || !execType || !operatorRunning(ctx.api)) return;
  const deps = t(ctx, 'deployments');
  const svcs = t(ctx, 'services');
  // Executors get the operator's finalizer; one in use is not let go (event DeletionBlocked).
  for (const ex of ctx.api.list(execType)) {
    const fin = 'core.spinkube.dev/finalizer';
    if (!ex.metadata.deletionTimestamp) {
      if (!(ex.metadata.finalizers ?? []).includes(fin))
        ctx.api.patchStatus(execType, ex, (x) => (x.metadata.finalizers = [...(x.metadata.finalizers ?? []), fin]));
      continue;
    }
    const users = ctx.api.list(appType, ex.metadata.namespace).filter((a) => dig(a, 'spec', 'executor') === ex.metadata.name);
    if (users.length) {
      ctx.events.record(ex, execType, 'Warning', 'DeletionBlocked', `Executor ${ex.metadata.name} is still in use by ${users.length} SpinApp(s)`, {
        component: 'spinappexecutor-reconciler',
      });
    } else {
      ctx.api.patchStatus(execType, ex, (x) => (x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== fin)));
    }
  }
  for (const app of ctx.api.list(appType)) {
    if (app.metadata.deletionTimestamp) continue;
    const ns = app.metadata.namespace!;
    const name = app.metadata.name;
    const spec = dictOf(app.spec);
    const executorName = str(spec.executor) ?? '';
    const executor = ctx.api.get(execType, ns, executorName);
    if (!executor) {
      ctx.events.record(app, appType, 'Warning', 'MissingExecutor', `Could not find SpinAppExecutor ${ns}/${executorName}`, {
        component: 'spinapp-reconciler',
      });
      continue;
    }
    const dc = dictOf(dig(executor, 'spec', 'deploymentConfig'));
    const statusLabel = `${SPINKUBE_GROUP}/app.${name}.status`;
    const appLabel = `${SPINKUBE_GROUP}/app-name`;
    const env: Dict[] = [{ name: 'SPIN_HTTP_LISTEN_ADDR', value: '0.0.0.0:80' }];
    for (const v of listOf(spec.variables).filter(isDict)) {
      const n = `SPIN_VARIABLE_${String(v.name ?? '').toUpperCase()}`;
      env.push(v.valueFrom ? { name: n, valueFrom: v.valueFrom } : { name: n, value: String(v.value ?? '') });
    }
    const podLabels = { ...dictOf(spec.podLabels), [appLabel]: name, [statusLabel]: 'ready' } as Record<string, string>;
    const template: Dict = {
      metadata: { labels: podLabels, ...(isDict(spec.podAnnotations) ? { annotations: spec.podAnnotations } : {}) },
      spec: {
        ...(str(dc.runtimeClassName) ? { runtimeClassName: dc.runtimeClassName } : {}),
        containers: [
          {
            name,
            image: spec.image,
            command: ['/'],
            ports: [{ containerPort: 80, name: 'http-app', protocol: 'TCP' }],
            env,
            ...(isDict(spec.resources) ? { resources: spec.resources } : {}),
          },
        ],
      },
    };
    const replicas = spec.enableAutoscaling === true ? undefined : (num(spec.replicas) ?? 1);
    const desired = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: ns,
        labels: { [appLabel]: name },
        ...(isDict(spec.deploymentAnnotations) ? { annotations: spec.deploymentAnnotations as Record<string, string> } : {}),
        ownerReferences: [ownerRef(appType, app) as never],
      },
      spec: { ...(replicas !== undefined ? { replicas } : {}), selector: { matchLabels: { [statusLabel]: 'ready' } }, template },
    };
    const existing = ctx.api.get(deps, ns, name);
    try {
      if (!existing) ctx.api.create(deps, desired, ns);
      else if (
        JSON.stringify(dig(existing, 'spec', 'template', 'spec', 'containers', 0, 'image')) !== JSON.stringify(spec.image) ||
        num(dig(existing, 'spec', 'replicas')) !== (replicas ?? num(dig(existing, 'spec', 'replicas')))
      ) {
        const next = clone(existing);
        (next.spec as Dict).replicas = replicas ?? dig(existing, 'spec', 'replicas');
        (next.spec as Dict).template = template;
        ctx.api.update(deps, next, ns);
      }
      if (!ctx.api.get(svcs, ns, name))
        ctx.api.create(
          svcs,
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: {
              name,
              namespace: ns,
              labels: { [appLabel]: name },
              ...(isDict(spec.serviceAnnotations) ? { annotations: spec.serviceAnnotations as Record<string, string> } : {}),
              ownerReferences: [ownerRef(appType, app) as never],
            },
            spec: {
              type: 'ClusterIP',
              selector: { [statusLabel]: 'ready' },
              ports: [{ name: 'http-app', port: 80, protocol: 'TCP', targetPort: 'http-app' }],
            },
          },
          ns,
        );
    } catch {
      continue;
    }
    const d = ctx.api.get(deps, ns, name);
    const conds = listOf(dig(d, 'status', 'conditions')).filter(isDict);
    const mirrored = (type: string) => {
      const c = conds.find((x) => x.type === type);
      return c
        ? { type, status: c.status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime }
        : { type, status: 'Unknown', reason: 'DeploymentNotFound', message: 'Deployment not found', lastTransitionTime: rfc3339(ctx.api.now()) };
    };
    ctx.api.patchStatus(appType, app, (x) => {
      x.status = {
        activeScheduler: executorName,
        conditions: [mirrored('Available'), mirrored('Progressing')],
        readyReplicas: num(dig(d, 'status', 'readyReplicas')) ?? 0,
      };
    });
  }
}
