/**
 * `kubectl describe` (kubectl pkg/describe/describe.go, 1.31–1.34 style): the pod describer's field
 * order and text, Deployment/ReplicaSet/Service/Node/RuntimeClass describers, a generic describer for
 * custom resources (its layout was not read: Name, Namespace, Labels, Annotations, API Version, Kind,
 * then the body as indented YAML-like text), and the Events table with aggregated ages.
 */
import type { ClusterHost } from '../../cluster/host';
import type { ResourceType } from '../../cluster/schema';
import { dig, isDict, listOf, num, str, type Dict, type KObject } from '../../cluster/types';
import { humanDuration, rfc1123z } from '../../cluster/util';
import { formatSelector, fromLabelSelector, fromMap } from '../../cluster/labels';
import { describeLayout } from './table';
import { dojoLine } from '../../lib/dojo-line';

function mapLines(label: string, m: unknown): string[] {
  const entries = Object.entries(isDict(m) ? m : {}).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return [`${label}:\t<none>`];
  return entries.map(([k, v], i) => `${i === 0 ? `${label}:` : ''}\t${k}=${String(v)}`);
}

const ts = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? rfc1123z(Date.parse(v)) : '<unknown>');

export function eventsBlock(h: ClusterHost, obj: KObject): string[] {
  const events = h.cluster.events.about(obj);
  if (!events.length) return ['Events:\t<none>'];
  const now = h.cluster.api.now();
  const rows = events.map((e) => {
    const first = Date.parse(String(e.firstTimestamp));
    const last = Date.parse(String(e.lastTimestamp));
    const count = num(e.count) ?? 1;
    const ageText = count > 1 ? `${humanDuration(now - last)} (x${count} over ${humanDuration(now - first)})` : humanDuration(now - first);
    return `  ${String(e.type)}\t${String(e.reason)}\t${ageText}\t${String(dig(e, 'source', 'component') ?? e.reportingComponent ?? '')}\t${String(e.message ?? '').trim()}`;
  });
  // The Events table is flushed on its own: a line with no tab before it ends the block above.
  return ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------', ...rows];
}

function podLines(h: ClusterHost, p: KObject): string[] {
  const spec = isDict(p.spec) ? p.spec : {};
  const st = isDict(p.status) ? p.status : {};
  const L: string[] = [];
  L.push(`Name:\t${p.metadata.name}`, `Namespace:\t${p.metadata.namespace}`, `Priority:\t${String(spec.priority ?? 0)}`);
  if (spec.runtimeClassName) L.push(`Runtime Class Name:\t${String(spec.runtimeClassName)}`);
  L.push(`Service Account:\t${String(spec.serviceAccountName ?? 'default')}`);
  L.push(`Node:\t${spec.nodeName ? `${String(spec.nodeName)}/${String(st.hostIP ?? '')}` : '<none>'}`);
  if (st.startTime) L.push(`Start Time:\t${ts(st.startTime)}`);
  L.push(...mapLines('Labels', p.metadata.labels), ...mapLines('Annotations', p.metadata.annotations));
  L.push(
    `Status:\t${p.metadata.deletionTimestamp ? `Terminating (lasts ${humanDuration(h.cluster.api.now() - Date.parse(p.metadata.deletionTimestamp))})` : String(st.phase ?? 'Pending')}`,
  );
  if (p.metadata.deletionTimestamp) L.push(`Termination Grace Period:\t${String(p.metadata.deletionGracePeriodSeconds ?? 30)}s`);
  if (st.reason) L.push(`Reason:\t${String(st.reason)}`);
  if (st.message) L.push(`Message:\t${String(st.message)}`);
  L.push(`IP:\t${String(st.podIP ?? '')}`, 'IPs:');
  if (st.podIP) L.push(`  IP:\t${String(st.podIP)}`);
  else L.push('  <none>');
  const owner = (p.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (owner) L.push(`Controlled By:\t${owner.kind}/${owner.name}`);
  L.push('Containers:');
  const statuses = listOf(st.containerStatuses).filter(isDict);
  for (const c of listOf(spec.containers).filter(isDict)) {
    const cs = statuses.find((s) => s.name === c.name) ?? {};
    L.push(`  ${String(c.name)}:`);
    if (dig(cs, 'state', 'running') || dig(cs, 'state', 'terminated', 'containerID') || cs.containerID)
      L.push(`    Container ID:\t${String(cs.containerID ?? dig(cs, 'state', 'terminated', 'containerID') ?? '')}`);
    L.push(`    Image:\t${String(c.image ?? '')}`, `    Image ID:\t${String(cs.imageID ?? '')}`);
    const ports = listOf(c.ports).filter(isDict);
    const portText = (x: Dict) => `${String(x.containerPort)}/${String(x.protocol ?? 'TCP')}${x.name ? ` (${String(x.name)})` : ''}`;
    if (ports.length <= 1) {
      L.push(
        `    Port:\t${ports[0] ? portText(ports[0]) : '<none>'}`,
        `    Host Port:\t${ports[0] ? `0/${String(ports[0].protocol ?? 'TCP')}${ports[0].name ? ` (${String(ports[0].name)})` : ''}` : '<none>'}`,
      );
    } else
      L.push(
        `    Ports:\t${ports.map(portText).join(', ')}`,
        `    Host Ports:\t${ports.map((x) => `0/${String(x.protocol ?? 'TCP')}${x.name ? ` (${String(x.name)})` : ''}`).join(', ')}`,
      );
    if (listOf(c.command).length) L.push('    Command:', ...listOf(c.command).map((x) => `      ${String(x)}`));
    if (listOf(c.args).length) L.push('    Args:', ...listOf(c.args).map((x) => `      ${String(x)}`));
    const state = (label: string, s: unknown) => {
      if (!isDict(s)) return [`    ${label}:\tWaiting`, '      Reason:\tContainerCreating'];
      if (isDict(s.running)) return [`    ${label}:\tRunning`, `      Started:\t${ts(s.running.startedAt)}`];
      if (isDict(s.terminated)) {
        const t = s.terminated;
        return [
          `    ${label}:\tTerminated`,
          `      Reason:\t${String(t.reason ?? '')}`,
          ...(t.message ? [`      Message:\t${String(t.message)}`] : []),
          `      Exit Code:\t${String(t.exitCode ?? 0)}`,
          `      Started:\t${ts(t.startedAt)}`,
          `      Finished:\t${ts(t.finishedAt)}`,
        ];
      }
      if (isDict(s.waiting))
        return [
          `    ${label}:\tWaiting`,
          `      Reason:\t${String(s.waiting.reason ?? '')}`,
          ...(label === 'State' && s.waiting.message && s.waiting.reason !== 'CrashLoopBackOff' ? [] : []),
        ];
      return [`    ${label}:\tWaiting`];
    };
    L.push(...state('State', cs.state));
    if (isDict(dig(cs, 'lastState', 'terminated'))) L.push(...state('Last State', cs.lastState));
    L.push(`    Ready:\t${cs.ready ? 'True' : 'False'}`, `    Restart Count:\t${String(cs.restartCount ?? 0)}`);
    const env = listOf(c.env).filter(isDict);
    if (!env.length) L.push('    Environment:\t<none>');
    else {
      L.push('    Environment:');
      for (const e of env) L.push(`      ${String(e.name)}:\t${e.value !== undefined ? String(e.value) : '<set to a reference>'}`);
    }
    L.push('    Mounts:\t<none>');
  }
  L.push('Conditions:', '  Type\tStatus');
  for (const c of listOf(st.conditions).filter(isDict)) L.push(`  ${String(c.type)} \t${String(c.status)} `);
  L.push('Volumes:\t<none>', `QoS Class:\t${String(st.qosClass ?? 'BestEffort')}`);
  L.push(...mapLines('Node-Selectors', spec.nodeSelector));
  const tol = listOf(spec.tolerations).filter(isDict);
  if (!tol.length) L.push('Tolerations:\t<none>');
  else
    tol.forEach((t, i) =>
      L.push(
        `${i === 0 ? 'Tolerations:' : ''}\t${String(t.key ?? '')}${t.operator === 'Exists' ? '' : `=${String(t.value ?? '')}`}:${String(t.effect ?? '')} op=${String(t.operator ?? 'Equal')}${t.tolerationSeconds !== undefined ? ` for ${String(t.tolerationSeconds)}s` : ''}`,
      ),
    );
  return L;
}

function workloadLines(h: ClusterHost, t: ResourceType, o: KObject): string[] {
  const spec = isDict(o.spec) ? o.spec : {};
  const st = isDict(o.status) ? o.status : {};
  const L: string[] = [`Name:\t${o.metadata.name}`, `Namespace:\t${o.metadata.namespace}`];
  if (t.kind === 'Deployment') L.push(`CreationTimestamp:\t${ts(o.metadata.creationTimestamp)}`);
  L.push(...mapLines('Labels', o.metadata.labels), ...mapLines('Annotations', o.metadata.annotations));
  L.push(`Selector:\t${formatSelector(fromLabelSelector(spec.selector))}`);
  if (t.kind === 'Deployment') {
    L.push(
      `Replicas:\t${String(spec.replicas ?? 1)} desired | ${String(st.updatedReplicas ?? 0)} updated | ${String(st.replicas ?? 0)} total | ${String(st.availableReplicas ?? 0)} available | ${String(st.unavailableReplicas ?? 0)} unavailable`,
    );
    L.push(
      `StrategyType:\t${String(dig(spec, 'strategy', 'type') ?? 'RollingUpdate')}`,
      `MinReadySeconds:\t${String(spec.minReadySeconds ?? 0)}`,
      `RollingUpdateStrategy:\t25% max unavailable, 25% max surge`,
    );
  } else {
    const owner = (o.metadata.ownerReferences ?? []).find((x) => x.controller);
    if (owner) L.push(`Controlled By:\t${owner.kind}/${owner.name}`);
    L.push(`Replicas:\t${String(st.replicas ?? 0)} current / ${String(spec.replicas ?? 0)} desired`);
    const pods = h.cluster.api
      .list(h.cluster.api.resolveType('pods')!, o.metadata.namespace)
      .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.uid === o.metadata.uid));
    const by = (ph: string) => pods.filter((p) => dig(p, 'status', 'phase') === ph).length;
    L.push(`Pods Status:\t${by('Running')} Running / ${by('Pending')} Waiting / ${by('Succeeded')} Succeeded / ${by('Failed')} Failed`);
  }
  L.push('Pod Template:', ...mapLines('  Labels', dig(spec, 'template', 'metadata', 'labels')));
  const tspec = dig(spec, 'template', 'spec');
  if (str(dig(tspec, 'runtimeClassName'))) L.push(`  Runtime Class Name:\t${String(dig(tspec, 'runtimeClassName'))}`);
  L.push('  Containers:');
  for (const c of listOf(dig(tspec, 'containers')).filter(isDict)) {
    L.push(`   ${String(c.name)}:`, `    Image:\t${String(c.image ?? '')}`);
    const port = listOf(c.ports).filter(isDict)[0];
    L.push(
      `    Port:\t${port ? `${String(port.containerPort)}/${String(port.protocol ?? 'TCP')}${port.name ? ` (${String(port.name)})` : ''}` : '<none>'}`,
      `    Host Port:\t${port ? `0/${String(port.protocol ?? 'TCP')}${port.name ? ` (${String(port.name)})` : ''}` : '<none>'}`,
    );
    if (listOf(c.command).length) L.push('    Command:', ...listOf(c.command).map((x) => `      ${String(x)}`));
    const env = listOf(c.env).filter(isDict);
    if (!env.length) L.push('    Environment:\t<none>');
    else L.push('    Environment:', ...env.map((e) => `      ${String(e.name)}:\t${String(e.value ?? '<set to a reference>')}`));
    L.push('    Mounts:\t<none>');
  }
  L.push('  Volumes:\t<none>', '  Node-Selectors:\t<none>', '  Tolerations:\t<none>');
  if (t.kind === 'Deployment') {
    L.push('Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------');
    for (const c of listOf(st.conditions).filter(isDict)) L.push(`  ${String(c.type)} \t${String(c.status)} \t${String(c.reason ?? '')}`);
    const rss = h.cluster.api
      .list(h.cluster.api.resolveType('replicasets')!, o.metadata.namespace)
      .filter((r) => (r.metadata.ownerReferences ?? []).some((x) => x.uid === o.metadata.uid));
    const hash = (r: KObject) => r.metadata.labels?.['pod-template-hash'];
    const cur = rss.find((r) => num(dig(r, 'spec', 'replicas')) === num(spec.replicas) && hash(r)) ?? rss[rss.length - 1];
    const old = rss.filter((r) => r !== cur && (num(dig(r, 'spec', 'replicas')) ?? 0) > 0);
    L.push(
      `OldReplicaSets:\t${old.length ? old.map((r) => `${r.metadata.name} (${String(dig(r, 'status', 'replicas') ?? 0)}/${String(dig(r, 'spec', 'replicas') ?? 0)} replicas created)`).join(', ') : '<none>'}`,
    );
    L.push(
      `NewReplicaSet:\t${cur ? `${cur.metadata.name} (${String(dig(cur, 'status', 'replicas') ?? 0)}/${String(dig(cur, 'spec', 'replicas') ?? 0)} replicas created)` : '<none>'}`,
    );
  }
  return L;
}

function serviceLines(h: ClusterHost, o: KObject): string[] {
  const spec = isDict(o.spec) ? o.spec : {};
  const ep = h.cluster.api.get(h.cluster.api.resolveType('endpoints')!, o.metadata.namespace, o.metadata.name);
  const addrs: string[] = [];
  for (const s of listOf(ep?.subsets))
    for (const a of listOf(dig(s, 'addresses')))
      for (const p of listOf(dig(s, 'ports'))) addrs.push(`${String(dig(a, 'ip'))}:${String(dig(p, 'port'))}`);
  const L: string[] = [
    `Name:\t${o.metadata.name}`,
    `Namespace:\t${o.metadata.namespace}`,
    ...mapLines('Labels', o.metadata.labels),
    ...mapLines('Annotations', o.metadata.annotations),
  ];
  L.push(
    `Selector:\t${formatSelector(fromMap(spec.selector))}`,
    `Type:\t${String(spec.type ?? 'ClusterIP')}`,
    `IP Family Policy:\t${String(spec.ipFamilyPolicy ?? 'SingleStack')}`,
    `IP Families:\t${listOf(spec.ipFamilies).join(',') || 'IPv4'}`,
    `IP:\t${String(spec.clusterIP ?? '')}`,
    `IPs:\t${listOf(spec.clusterIPs).join(',')}`,
  );
  for (const p of listOf(spec.ports).filter(isDict)) {
    L.push(
      `Port:\t${String(p.name ?? '<unset>')}  ${String(p.port)}/${String(p.protocol ?? 'TCP')}`,
      `TargetPort:\t${String(p.targetPort)}/${String(p.protocol ?? 'TCP')}`,
    );
  }
  L.push(
    `Endpoints:\t${addrs.join(',')}`,
    `Session Affinity:\t${String(spec.sessionAffinity ?? 'None')}`,
    `Internal Traffic Policy:\t${String(spec.internalTrafficPolicy ?? 'Cluster')}`,
  );
  return L;
}

function bodyLines(v: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) return v.flatMap((x) => (isDict(x) || Array.isArray(x) ? [`${pad}-`, ...bodyLines(x, indent + 2)] : [`${pad}${String(x)}`]));
  if (!isDict(v)) return [`${pad}${String(v)}`];
  const out: string[] = [];
  for (const [k, x] of Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) {
    const key = k.charAt(0).toUpperCase() + k.slice(1);
    if (isDict(x) || Array.isArray(x)) out.push(`${pad}${key}:`, ...bodyLines(x, indent + 2));
    else out.push(`${pad}${key}:\t${String(x)}`);
  }
  return out;
}

export function describeObject(h: ClusterHost, t: ResourceType, o: KObject, showEvents: boolean, tty: boolean): string {
  let L: string[];
  let hint: string[] = [];
  if (t.kind === 'Pod') {
    L = podLines(h, o);
    for (const c of listOf(dig(o, 'status', 'containerStatuses')).filter(isDict)) {
      const logs = h.cluster.logs(o, String(c.name)) ?? [];
      hint = logs.filter((l) => l.startsWith('dojo: ')).map((l) => l.slice(6).trimEnd());
    }
  } else if (t.kind === 'Deployment' || t.kind === 'ReplicaSet') L = workloadLines(h, t, o);
  else if (t.kind === 'Service') L = serviceLines(h, o);
  else if (t.kind === 'RuntimeClass')
    L = [
      `Name:\t${o.metadata.name}`,
      'Namespace:\t',
      ...mapLines('Labels', o.metadata.labels),
      ...mapLines('Annotations', o.metadata.annotations),
      `API Version:\tnode.k8s.io/v1`,
      `Handler:\t${String(o.handler ?? '')}`,
      'Kind:\tRuntimeClass',
      'Metadata:',
      `  Creation Timestamp:\t${o.metadata.creationTimestamp}`,
      `  Resource Version:\t${o.metadata.resourceVersion}`,
      `  UID:\t${o.metadata.uid}`,
    ];
  else if (t.kind === 'Node') {
    const handlers = listOf(dig(o, 'status', 'runtimeHandlers')).map((r) => String(dig(r, 'name')));
    L = [
      `Name:\t${o.metadata.name}`,
      `Roles:\tcontrol-plane`,
      ...mapLines('Labels', o.metadata.labels),
      ...mapLines('Annotations', o.metadata.annotations),
      `CreationTimestamp:\t${ts(o.metadata.creationTimestamp)}`,
      'Conditions:',
      '  Type\tStatus\tReason\tMessage',
      '  ----\t------\t------\t-------',
    ];
    for (const c of listOf(dig(o, 'status', 'conditions')).filter(isDict))
      L.push(`  ${String(c.type)}\t${String(c.status)}\t${String(c.reason)}\t${String(c.message)}`);
    L.push(
      'Addresses:',
      ...listOf(dig(o, 'status', 'addresses'))
        .filter(isDict)
        .map((a) => `  ${String(a.type)}:\t${String(a.address)}`),
    );
    L.push(
      'System Info:',
      ...Object.entries(isDict(dig(o, 'status', 'nodeInfo')) ? (dig(o, 'status', 'nodeInfo') as Dict) : {}).map(
        ([k, v]) => `  ${k.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2')}:\t${String(v)}`,
      ),
    );
    L.push(`Runtime Handlers:\t${handlers.join(',') || '<none>'}`);
  } else {
    L = [
      `Name:\t${o.metadata.name}`,
      `Namespace:\t${o.metadata.namespace ?? ''}`,
      ...mapLines('Labels', o.metadata.labels),
      ...mapLines('Annotations', o.metadata.annotations),
      `API Version:\t${o.apiVersion}`,
      `Kind:\t${o.kind}`,
    ];
    L.push(
      'Metadata:',
      `  Creation Timestamp:\t${o.metadata.creationTimestamp}`,
      ...(o.metadata.finalizers?.length ? ['  Finalizers:', ...o.metadata.finalizers.map((f) => `    ${f}`)] : []),
      `  Generation:\t${String(o.metadata.generation ?? 1)}`,
      `  Resource Version:\t${o.metadata.resourceVersion}`,
      `  UID:\t${o.metadata.uid}`,
    );
    for (const k of Object.keys(o).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k))) {
      const v = o[k];
      if (isDict(v) || Array.isArray(v)) L.push(`${k.charAt(0).toUpperCase() + k.slice(1)}:`, ...bodyLines(v, 2));
      else L.push(`${k.charAt(0).toUpperCase() + k.slice(1)}:\t${String(v)}`);
    }
  }
  if (showEvents) L.push(...eventsBlock(h, o));
  let text = describeLayout(L.join('\n'));
  if (hint.length)
    text += `\n${hint
      .map((x) => dojoLine(x, tty))
      .join('')
      .trimEnd()}`;
  return text;
}
