/**
 * `kind: cluster` — the Dojo's Kubernetes cluster is in a given state: an object exists (or not) with
 * given fields; pods have a phase or are ready; a container's log holds a line; an event reason is
 * present or absent. Declared as data:
 *
 *   - kind: cluster
 *     resource: pods                      # any kubectl type word (pods, spinapps, runtimeclass, …)
 *     object: wasm-hello                  # or selector: core.spinkube.dev/app-name=my-api
 *     namespace: default                  # default "default"
 *     count: 3                            # at least this many matching objects (default 1)
 *     exists: true                        # false: no object matches
 *     fields: { spec.runtimeClassName: wasmtime }
 *     phase: Running
 *     ready: true
 *     logContains: "Hello, world!"
 *     event: FailedCreatePodSandBox       # an event with this reason about a matching object
 *     noEvent: FailedCreatePodSandBox     # no such event about any matching object
 *
 * The cluster settles in the background (a pod is Running a second after `kubectl apply`): after a
 * kubectl or helm line the check looks again for a moment before it says "not yet"; a solution that
 * needs more ends with `kubectl wait`, as a script against a real cluster would.
 */
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import type { CheckKindDefinition } from './registry';
import { clusterOfFs } from '../../cluster/attach';
import type { ClusterHost } from '../../cluster/host';
import { parseSelector } from '../../cluster/labels';
import { dig, isDict, listOf, type KObject } from '../../cluster/types';
import { quoteInput } from './quote';

export interface ClusterCheck extends CheckBase {
  kind: 'cluster';
  resource: string;
  /** The object's name (`name` is the check's own). */
  object?: string;
  selector?: string;
  namespace: string;
  count: number;
  exists: boolean;
  fields?: Record<string, string>;
  phase?: string;
  ready?: boolean;
  logContains?: string;
  event?: string;
  noEvent?: string;
}

const SETTLE_MS = 250;

function judge(h: ClusterHost, c: ClusterCheck): { ok: boolean; why: string } {
  const api = h.cluster.api;
  const t = api.resolveType(c.resource);
  if (!t) return { ok: !c.exists, why: `the cluster has no resource type ${quoteInput(c.resource)} yet` };
  let objs = c.object
    ? [api.get(t, c.namespace, c.object)].filter((o): o is KObject => !!o)
    : api.list(t, c.namespace, c.selector ? parseSelector(c.selector) : undefined);
  objs = objs.filter((o) => !o.metadata.deletionTimestamp);
  const what = c.object ? `${t.singular} ${quoteInput(c.object)}` : `${t.plural}${c.selector ? ` matching ${quoteInput(c.selector)}` : ''}`;
  if (!c.exists) return objs.length ? { ok: false, why: `${what} still exists.` } : { ok: true, why: `${what} is gone.` };
  if (!objs.length) return { ok: false, why: `there is no ${what} in namespace ${c.namespace}.` };
  if (c.noEvent) {
    const bad = objs.find((o) => h.cluster.events.about(o).some((e) => e.reason === c.noEvent));
    if (bad) return { ok: false, why: `${bad.metadata.name} still has ${quoteInput(c.noEvent)} events.` };
  }
  const reasons: string[] = [];
  const good = objs.filter((o) => {
    for (const [path, want] of Object.entries(c.fields ?? {})) {
      const got = dig(o, ...path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
      if (String(got ?? '') !== want) {
        reasons.push(`${o.metadata.name}: ${path} is ${got === undefined ? 'not set' : quoteInput(String(got))}, not ${quoteInput(want)}`);
        return false;
      }
    }
    if (c.phase && dig(o, 'status', 'phase') !== c.phase) {
      reasons.push(`${o.metadata.name} is ${String(dig(o, 'status', 'phase') ?? 'Pending')}, not ${c.phase}`);
      return false;
    }
    if (c.ready !== undefined) {
      const ready = listOf(dig(o, 'status', 'conditions')).some((x) => isDict(x) && x.type === 'Ready' && x.status === 'True');
      if (ready !== c.ready) {
        reasons.push(`${o.metadata.name} is ${ready ? '' : 'not '}ready`);
        return false;
      }
    }
    if (c.logContains !== undefined) {
      const containers = listOf(dig(o, 'spec', 'containers')).map((x) => String(dig(x, 'name')));
      const text = containers.map((n) => [...(h.cluster.logs(o, n, true) ?? []), ...(h.cluster.logs(o, n) ?? [])].join('')).join('');
      if (!text.includes(c.logContains)) {
        reasons.push(`the log of ${o.metadata.name} has no ${quoteInput(c.logContains)}`);
        return false;
      }
    }
    if (c.event && !h.cluster.events.about(o).some((e) => e.reason === c.event)) {
      reasons.push(`${o.metadata.name} has no ${quoteInput(c.event)} event`);
      return false;
    }
    return true;
  });
  if (good.length >= c.count) return { ok: true, why: `${what}: ${good.length} as expected.` };
  return { ok: false, why: `${good.length} of ${c.count} ${what} are as expected${reasons.length ? `: ${reasons.slice(0, 3).join('; ')}` : ''}.` };
}

async function evaluate(c: ClusterCheck, ctx: CheckContext): Promise<CheckResult> {
  const base = { name: c.name, kind: 'cluster' as const };
  const pending = clusterOfFs(ctx.fs);
  if (!pending) return { ...base, status: 'error', message: 'this Dojo has no cluster to check' };
  const h = await pending;
  const last = ctx.history[ctx.history.length - 1];
  const settle = last?.segments.some((a) => a[0] === 'kubectl' || a[0] === 'helm') ? SETTLE_MS : 0;
  const start = Date.now();
  let r = judge(h, c);
  while (!r.ok && Date.now() - start < settle) {
    await new Promise((res) => setTimeout(res, 100));
    r = judge(h, c);
  }
  return r.ok ? { ...base, status: 'pass', message: r.why } : { ...base, status: 'fail', message: c.message ? `${c.message} (${r.why})` : r.why };
}

export const clusterCheckKind: CheckKindDefinition<ClusterCheck> = {
  kind: 'cluster',
  keys: ['resource', 'object', 'selector', 'namespace', 'count', 'exists', 'fields', 'phase', 'ready', 'logContains', 'event', 'noEvent'],
  validate(c, v, f) {
    const resource = v.string(c, 'resource', `${f}.resource`, { required: true });
    const name = v.string(c, 'object', `${f}.object`);
    const selector = v.string(c, 'selector', `${f}.selector`);
    if (selector !== undefined) {
      try {
        parseSelector(selector);
      } catch (e) {
        v.fail(`${f}.selector`, (e as Error).message);
      }
    }
    if (name !== undefined && selector !== undefined) v.fail(`${f}.selector`, 'give object or selector, not both');
    const namespace = v.string(c, 'namespace', `${f}.namespace`) ?? 'default';
    const count = v.number(c, 'count', `${f}.count`, { integer: true, min: 1 }) ?? 1;
    let exists = true;
    if (c.exists !== undefined) {
      if (typeof c.exists !== 'boolean') v.fail(`${f}.exists`, 'expected true or false');
      else exists = c.exists;
    }
    let fields: Record<string, string> | undefined;
    if (c.fields !== undefined) {
      if (!isDict(c.fields)) v.fail(`${f}.fields`, 'expected a mapping of field paths to values');
      else fields = Object.fromEntries(Object.entries(c.fields).map(([k, x]) => [k, String(x)]));
    }
    let ready: boolean | undefined;
    if (c.ready !== undefined) {
      if (typeof c.ready !== 'boolean') v.fail(`${f}.ready`, 'expected true or false');
      else ready = c.ready;
    }
    const phase = v.string(c, 'phase', `${f}.phase`);
    if (phase !== undefined && !['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].includes(phase))
      v.fail(`${f}.phase`, 'must be Pending, Running, Succeeded, Failed or Unknown');
    const logContains = v.string(c, 'logContains', `${f}.logContains`);
    const event = v.string(c, 'event', `${f}.event`);
    const noEvent = v.string(c, 'noEvent', `${f}.noEvent`);
    if (!resource) return undefined;
    return {
      kind: 'cluster',
      resource,
      namespace,
      count,
      exists,
      ...(name !== undefined ? { object: name } : {}),
      ...(selector !== undefined ? { selector } : {}),
      ...(fields ? { fields } : {}),
      ...(phase !== undefined ? { phase } : {}),
      ...(ready !== undefined ? { ready } : {}),
      ...(logContains !== undefined ? { logContains } : {}),
      ...(event !== undefined ? { event } : {}),
      ...(noEvent !== undefined ? { noEvent } : {}),
    };
  },
  evaluate,
  concerns: (_c, rec) => rec.segments.some((argv) => argv[0] === 'kubectl' || argv[0] === 'helm'),
};
