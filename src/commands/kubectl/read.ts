/**
 * kubectl's reading commands: get (with -w), describe, logs, explain, api-resources, version,
 * cluster-info, config. Texts followed from kubernetes/kubectl pkg/cmd/<name>/<name>.go (1.31).
 */
import type { CommandContext } from '../../shell/types';
import type { Parsed } from '../cli/spec';
import type { ClusterHost } from '../../cluster/host';
import { notFound } from '../../cluster/errors';
import { matches, parseSelector, SelectorError, type Selector } from '../../cluster/labels';
import { apiVersionOf, fieldAt, qualifiedResource, typeWord, type FieldSchema, type ResourceType } from '../../cluster/schema';
import { dig, isDict, listOf, str, type KObject } from '../../cluster/types';
import { KUBERNETES_VERSION } from '../../cluster/cluster';
import { KubectlError, namespaceOf, parseTargets, typeOrFail } from './session';
import { printObjects, rowsOnly, type PrintOptions } from './output';
import { describeObject } from './describe';
import { getTable } from './table';
import { dojoLine } from '../../lib/dojo-line';

export function selectorOf(p: Parsed): Selector | undefined {
  const l = p.value('selector');
  if (l === undefined) return undefined;
  try {
    return parseSelector(l);
  } catch (err) {
    throw new KubectlError(err instanceof SelectorError ? err.message : String(err));
  }
}

function noneFound(ctx: CommandContext, ns: string, allNs: boolean, clusterScoped: boolean): void {
  ctx.stderr.write(allNs || clusterScoped ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
}

export async function runGet(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const allNs = p.has('all-namespaces');
  if (!p.positionals.length) {
    ctx.stderr.write(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    return 1;
  }
  const { types, names } = parseTargets(h, p.positionals);
  const sel = selectorOf(p);
  const opts: PrintOptions = {
    output: p.value('output'),
    showLabels: p.has('show-labels'),
    labelColumns: p
      .all('label-columns')
      .flatMap((x) => x.split(','))
      .filter(Boolean),
    allNamespaces: allNs,
    noHeaders: p.has('no-headers'),
    withKind: types.length > 1 || new Set(names.map((n) => n.type)).size > 1 || p.has('show-kind'),
    now: api.now(),
  };
  const groups: Array<{ type: ResourceType; objs: KObject[] }> = [];
  const errors: string[] = [];
  if (names.length) {
    for (const { type, name } of names) {
      const o = api.get(type, ns, name);
      if (!o) {
        errors.push(`Error from server (NotFound): ${notFound(qualifiedResource(type), name).message}`);
        continue;
      }
      const g = groups.find((x) => x.type === type);
      if (g) g.objs.push(o);
      else groups.push({ type, objs: [o] });
    }
  } else {
    for (const type of types) groups.push({ type, objs: api.list(type, allNs ? undefined : ns, sel) });
  }
  const single = names.length === 1 && types.length === 0;
  const total = groups.reduce((n, g) => n + g.objs.length, 0);
  const structured = !!opts.output && opts.output !== 'wide';
  if (total === 0 && !structured && !errors.length && !p.has('watch'))
    noneFound(
      ctx,
      ns,
      allNs,
      types.every((t) => !t.namespaced),
    );
  else if (total > 0 || structured) ctx.stdout.write(printObjects(groups, opts, single));
  for (const e of errors) ctx.stderr.write(`${e}\n`);
  if (!p.has('watch')) return errors.length ? 1 : 0;
  // -w: one line per change until Ctrl-C (watch events, printed as rows without the header).
  const watchTypes = new Set(groups.map((g) => g.type));
  if (total === 0 && !structured)
    ctx.stdout.write(
      printObjects(
        groups.map((g) => ({ ...g, objs: [] })),
        opts,
        false,
      ),
    );
  return new Promise<number>((resolve) => {
    const off = api.watch((t, o, change) => {
      if (!watchTypes.has(t) || (change === 'DELETED' && t.kind !== 'Pod')) return;
      if (!allNs && t.namespaced && o.metadata.namespace !== ns) return;
      if (names.length && !names.some((n) => n.type === t && n.name === o.metadata.name)) return;
      if (sel && !matches(sel, o.metadata.labels)) return;
      if (opts.output === 'name') ctx.stdout.write(`${printObjects([{ type: t, objs: [o] }], opts, false)}`);
      else ctx.stdout.write(rowsOnly(t, [o], { ...opts, now: api.now() }));
    });
    ctx.signal.addEventListener(
      'abort',
      () => {
        off();
        resolve(130);
      },
      { once: true },
    );
  });
}

export async function runDescribe(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  if (!p.positionals.length)
    throw new KubectlError(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  const { types, names } = parseTargets(h, p.positionals);
  const sel = selectorOf(p);
  const allNs = p.has('all-namespaces');
  const objs: Array<{ type: ResourceType; obj: KObject }> = [];
  let status = 0;
  if (names.length) {
    for (const { type, name } of names) {
      const exact = api.get(type, ns, name);
      // describe.go: a name that is not an object matches by prefix.
      const found = exact ? [exact] : api.list(type, ns).filter((o) => o.metadata.name.startsWith(name));
      if (!found.length) {
        ctx.stderr.write(`Error from server (NotFound): ${qualifiedResource(type)} "${name}" not found\n`);
        status = 1;
      }
      for (const o of found) objs.push({ type, obj: o });
    }
  } else for (const t of types) for (const o of api.list(t, allNs ? undefined : ns, sel)) objs.push({ type: t, obj: o });
  if (!objs.length && !names.length) {
    noneFound(
      ctx,
      ns,
      allNs,
      types.every((t) => !t.namespaced),
    );
    return 0;
  }
  const showEvents = p.value('show-events') !== 'false';
  ctx.stdout.write(objs.map(({ type, obj }) => describeObject(h, type, obj, showEvents, ctx.stdout.isTTY)).join('\n\n\n'));
  if (objs.length) ctx.stdout.write('\n');
  return status;
}

/** Pods a `logs`/`port-forward`/`exec` target names: `pod`, `pod/x`, `deployment/x`, `svc/x`. */
export function podsFor(h: ClusterHost, ns: string, target: string): { pods: KObject[]; type: ResourceType; name: string } {
  const api = h.cluster.api;
  const podType = api.resolveType('pods')!;
  const slash = target.indexOf('/');
  const type = slash < 0 ? podType : typeOrFail(h, target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  const obj = api.get(type, ns, name);
  if (!obj) throw notFound(qualifiedResource(type), name);
  if (type.kind === 'Pod') return { pods: [obj], type, name };
  let selector: unknown = dig(obj, 'spec', 'selector');
  if (isDict(selector) && isDict(selector.matchLabels) && type.kind !== 'Service') selector = selector.matchLabels;
  const labels = isDict(selector) ? (selector as Record<string, string>) : {};
  const pods = api
    .list(podType, ns)
    .filter((pd) => Object.entries(labels).every(([k, v]) => pd.metadata.labels?.[k] === v) && !pd.metadata.deletionTimestamp);
  return { pods, type, name };
}

export async function runLogs(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const sel = selectorOf(p);
  const podType = api.resolveType('pods')!;
  let pods: KObject[];
  if (sel) {
    pods = api.list(podType, ns, sel);
    if (!pods.length) {
      ctx.stderr.write(`No resources found in ${ns} namespace.\n`);
      return 0;
    }
  } else {
    const target = p.positionals[0];
    if (!target)
      throw new KubectlError(
        "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
      );
    if (!api.get(podType, ns, target) && !target.includes('/')) {
      // logs.go since 1.30 wraps the server's NotFound this way.
      ctx.stderr.write(`error: error from server (NotFound): pods "${target}" not found in namespace "${ns}"\n`);
      return 1;
    }
    const found = podsFor(h, ns, target);
    if (!found.pods.length) throw new KubectlError(`timed out waiting for the condition`);
    if (found.pods.length > 1 && found.type.kind !== 'Pod')
      ctx.stderr.write(`Found ${found.pods.length} pods, using pod/${found.pods[0]!.metadata.name}\n`);
    pods = [found.pods[0]!];
  }
  const tail = p.value('tail') !== undefined ? Number(p.value('tail')) : sel ? 10 : -1;
  const previous = p.has('previous');
  const prefix = p.has('prefix');
  const follow = p.has('follow');
  if (follow && pods.length > 5)
    throw new KubectlError(
      `you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit`,
    );
  const streams: Array<{ pod: KObject; container: string }> = [];
  for (const pod of pods) {
    const names = listOf(dig(pod, 'spec', 'containers')).map((c) => str(dig(c, 'name')) ?? '');
    let c = p.value('container');
    if (p.has('all-containers')) {
      for (const n of names) streams.push({ pod, container: n });
      continue;
    }
    if (c === undefined) {
      c = names[0]!;
      if (names.length > 1) ctx.stderr.write(`Defaulted container "${c}" out of: ${names.join(', ')}\n`);
    } else if (!names.includes(c)) throw new KubectlError(`container ${c} is not valid for pod ${pod.metadata.name} out of: ${names.join(', ')}`);
    streams.push({ pod, container: c });
  }
  let status = 0;
  for (const { pod, container } of streams) {
    const cs = listOf(dig(pod, 'status', 'containerStatuses')).find((s) => isDict(s) && s.name === container);
    const lines = h.cluster.logs(pod, container, previous);
    const waiting = str(dig(cs, 'state', 'waiting', 'reason'));
    if (previous && !lines) {
      ctx.stderr.write(`Error from server (BadRequest): previous terminated container "${container}" in pod "${pod.metadata.name}" not found\n`);
      status = 1;
      continue;
    }
    if (!previous && (!lines || (lines.length === 0 && waiting)) && (waiting || !cs) && dig(pod, 'spec', 'nodeName')) {
      // kubelet_pods.go validateContainerLogStatus.
      const why =
        waiting === 'ErrImagePull'
          ? "image can't be pulled"
          : waiting === 'ImagePullBackOff'
            ? 'trying and failing to pull image'
            : (waiting ?? 'ContainerCreating');
      if (waiting !== 'CrashLoopBackOff') {
        ctx.stderr.write(`Error from server (BadRequest): container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}\n`);
        status = 1;
        continue;
      }
    }
    const shown = (lines ?? []).filter((l) => !l.startsWith('dojo: '));
    const dojo = (lines ?? []).filter((l) => l.startsWith('dojo: '));
    const cut = tail >= 0 ? shown.slice(Math.max(0, shown.length - tail)) : shown;
    const pre = prefix ? `[pod/${pod.metadata.name}/${container}] ` : '';
    ctx.stdout.write(cut.map((l) => pre + l).join(''));
    for (const d of dojo) ctx.stderr.write(dojoLine(d.slice(6).trimEnd(), ctx.stderr.isTTY));
  }
  if (!follow) return status;
  return new Promise<number>((resolve) => {
    const offs = streams.map(({ pod, container }) =>
      h.cluster.kubelet.follow(pod.metadata.uid, container, (text) =>
        ctx.stdout.write(prefix ? text.replace(/^(?=.)/gm, `[pod/${pod.metadata.name}/${container}] `) : text),
      ),
    );
    ctx.signal.addEventListener(
      'abort',
      () => {
        for (const off of offs) off();
        resolve(130);
      },
      { once: true },
    );
  });
}

export function runExplain(ctx: CommandContext, h: ClusterHost, p: Parsed): number {
  const target = p.positionals[0];
  if (!target)
    throw new KubectlError(
      'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  const [word, ...path] = target.split('.');
  const t = typeOrFail(h, word!);
  const field: FieldSchema | undefined = path.length ? fieldAt(t.schema, path) : t.schema;
  if (!field) throw new KubectlError(`field "${path[path.length - 1]}" does not exist`);
  const wrap = (text: string, indent: number) => {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + 1 + w.length > 76) {
        lines.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) lines.push(cur);
    return lines.map((l) => ' '.repeat(indent) + l).join('\n');
  };
  let out = '';
  if (t.group) out += `GROUP:      ${t.group}\n`;
  out += `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`;
  if (path.length) out += `FIELD: ${path[path.length - 1]} <${typeWord(field, path[path.length - 1])}>\n\n`;
  out += `DESCRIPTION:\n${wrap(field.description ?? '<empty>', 4)}\n    \n`;
  const inner = field.type === 'array' ? field.items : field;
  if (inner.type === 'object' && Object.keys(inner.fields).length) {
    out += 'FIELDS:\n';
    for (const [name, s] of Object.entries(inner.fields).sort(([a], [b]) => a.localeCompare(b))) {
      out += `  ${name}\t<${typeWord(s, name)}>${inner.required?.includes(name) ? ' -required-' : ''}\n`;
      out += `${wrap(s.description ?? '<no description>', 4)}\n\n`;
    }
  }
  ctx.stdout.write(out.replace(/\n+$/, '\n'));
  return 0;
}

export function runApiResources(ctx: CommandContext, h: ClusterHost, p: Parsed): number {
  let types = [...h.cluster.api.allTypes()].sort((a, b) => a.group.localeCompare(b.group) || a.plural.localeCompare(b.plural));
  const nsd = p.value('namespaced');
  if (nsd !== undefined) types = types.filter((t) => t.namespaced === (nsd !== 'false'));
  const group = p.value('api-group');
  if (group !== undefined) types = types.filter((t) => t.group === group);
  if (p.value('output') === 'name') {
    ctx.stdout.write(types.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''));
    return 0;
  }
  const rows = types.map((t) => [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind]);
  ctx.stdout.write(getTable(p.has('no-headers') ? rows : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]));
  return 0;
}

export function runVersion(ctx: CommandContext, p: Parsed): number {
  const client = {
    major: '1',
    minor: '31',
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '6911225c3f747e1cd9d109c305436d08b668f086',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T07:37:34Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
  const out = p.value('output');
  const server = p.has('client') ? undefined : { ...client, buildDate: '2024-08-13T07:28:49Z' };
  if (out === 'json' || out === 'yaml') {
    const data = { clientVersion: client, kustomizeVersion: 'v5.4.2', ...(server ? { serverVersion: server } : {}) };
    ctx.stdout.write(
      out === 'json'
        ? `${JSON.stringify(data, null, 2)}\n`
        : Object.entries(data)
            .map(([k, v]) =>
              typeof v === 'string'
                ? `${k}: ${v}\n`
                : `${k}:\n${Object.entries(v)
                    .map(([a, b]) => `  ${a}: ${b === '1' || b === '31' ? `"${b}"` : b}\n`)
                    .join('')}`,
            )
            .join(''),
    );
    return 0;
  }
  ctx.stdout.write(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: v5.4.2\n${server ? `Server Version: ${KUBERNETES_VERSION}\n` : ''}`);
  return 0;
}

export function runClusterInfo(ctx: CommandContext, h: ClusterHost): number {
  const server = 'https://127.0.0.1:6443';
  const api = h.cluster.api;
  let out = `Kubernetes control plane is running at ${server}\n`;
  for (const s of api.list(api.resolveType('services')!, 'kube-system')) {
    if (s.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    const name = s.metadata.labels['kubernetes.io/name'] ?? s.metadata.name;
    const port = str(dig(s, 'spec', 'ports', 0, 'name')) ?? '';
    out += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${s.metadata.name}:${port}/proxy\n`;
  }
  out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  ctx.stdout.write(out);
  return 0;
}

export const CONTEXT = 'dojo';

export function runConfig(ctx: CommandContext, path: string[], p: Parsed): number {
  const sub = path[1];
  const ns = ctx.env.get('DOJO_KUBE_NAMESPACE') || '';
  switch (sub) {
    case 'current-context':
      ctx.stdout.write(`${CONTEXT}\n`);
      return 0;
    case 'get-contexts':
      if (p.value('output') === 'name') ctx.stdout.write(`${CONTEXT}\n`);
      else
        ctx.stdout.write(
          getTable([
            ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
            ['*', CONTEXT, CONTEXT, CONTEXT, ns],
          ]),
        );
      return 0;
    case 'use-context': {
      const name = p.positionals[0];
      if (!name) throw new KubectlError('Unexpected args: []');
      if (name !== CONTEXT) throw new KubectlError(`no context exists with the name: "${name}"`);
      ctx.stdout.write(`Switched to context "${name}".\n`);
      return 0;
    }
    case 'set-context': {
      const namespace = p.value('namespace');
      if (namespace !== undefined) ctx.env.set('DOJO_KUBE_NAMESPACE', namespace, { exported: true });
      ctx.stdout.write(`Context "${CONTEXT}" modified.\n`);
      return 0;
    }
    case 'view':
      ctx.stdout.write(
        `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://127.0.0.1:6443\n  name: ${CONTEXT}\ncontexts:\n- context:\n    cluster: ${CONTEXT}\n${ns ? `    namespace: ${ns}\n` : ''}    user: ${CONTEXT}\n  name: ${CONTEXT}\ncurrent-context: ${CONTEXT}\nkind: Config\npreferences: {}\nusers:\n- name: ${CONTEXT}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`,
      );
      return 0;
    default:
      return -1;
  }
}
