/**
 * The server's table columns per kind (kubernetes pkg/printers/internalversion/printers.go; custom
 * resources: their CRD's additionalPrinterColumns, else NAME AGE), with `-o wide` columns and the
 * cell rules kubectl users see: the pod STATUS algorithm (printPod), RESTARTS with "(… ago)",
 * `<none>` cells, durations through HumanDuration.
 */
import type { ResourceType } from '../../cluster/schema';
import { dig, isDict, listOf, num, str, type KObject } from '../../cluster/types';
import { humanDuration } from '../../cluster/util';
import { formatSelector, fromLabelSelector, fromMap } from '../../cluster/labels';

export interface Columns {
  headers: string[];
  wide?: string[];
  row(o: KObject, now: number): string[];
  wideRow?(o: KObject, now: number): string[];
}

export const age = (o: KObject, now: number): string => {
  const t = Date.parse(o.metadata.creationTimestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
};
const since = (ts: unknown, now: number): string => {
  const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
};

interface CStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  state?: { waiting?: { reason?: string }; running?: unknown; terminated?: { reason?: string; exitCode?: number; signal?: number } };
  lastState?: { terminated?: { finishedAt?: string } };
}

function containerStatuses(p: KObject): CStatus[] {
  return listOf(dig(p, 'status', 'containerStatuses')).filter(isDict) as unknown as CStatus[];
}

/** printPod: READY, STATUS, RESTARTS. */
export function podCells(p: KObject, now: number): { ready: string; status: string; restarts: string } {
  const total = listOf(dig(p, 'spec', 'containers')).length;
  const statuses = containerStatuses(p);
  let reason = str(dig(p, 'status', 'reason')) ?? str(dig(p, 'status', 'phase')) ?? 'Pending';
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts += c.restartCount ?? 0;
    const fin = c.lastState?.terminated?.finishedAt;
    if (fin) lastRestart = Math.max(lastRestart, Date.parse(fin));
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    if (w?.reason) reason = w.reason;
    else if (t?.reason) reason = t.reason;
    else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
    else if (c.state?.running && c.ready) {
      hasRunning = true;
      ready++;
    } else if (c.state?.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    const readyCond = listOf(dig(p, 'status', 'conditions')).some((c) => isDict(c) && c.type === 'Ready' && c.status === 'True');
    reason = readyCond ? 'Running' : 'NotReady';
  }
  if (p.metadata.deletionTimestamp) reason = str(dig(p, 'status', 'reason')) === 'NodeLost' ? 'Unknown' : 'Terminating';
  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts: lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts),
  };
}

const none = (v: string | undefined) => (v === undefined || v === '' ? '<none>' : v);
const int = (v: unknown) => String(num(v) ?? 0);

function containersAndImages(o: KObject): [string, string, string] {
  const cs = listOf(dig(o, 'spec', 'template', 'spec', 'containers'));
  return [
    cs.map((c) => str(dig(c, 'name')) ?? '').join(','),
    cs.map((c) => str(dig(c, 'image')) ?? '').join(','),
    formatSelector(fromLabelSelector(dig(o, 'spec', 'selector'))),
  ];
}

function servicePorts(o: KObject): string {
  const ports = listOf(dig(o, 'spec', 'ports')).filter(isDict);
  if (!ports.length) return '<none>';
  return ports.map((p) => `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${String(p.protocol ?? 'TCP')}`).join(',');
}

function nodeRoles(o: KObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

/** Evaluates a CRD column's simple JSONPath (`.status.readyReplicas`). */
function columnValue(o: KObject, path: string, type: string, now: number): string {
  const parts = path.replace(/^\./, '').split('.').filter(Boolean);
  const v = dig(o, ...parts);
  if (v === undefined || v === null) return '';
  if (type === 'date') return since(v, now);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function columnsFor(t: ResourceType): Columns {
  if (t.custom) {
    const cols = (t.printerColumns ?? []).filter((c) => !c.priority);
    const wideCols = (t.printerColumns ?? []).filter((c) => c.priority);
    if (!t.printerColumns) return { headers: ['NAME', 'AGE'], row: (o, now) => [o.metadata.name, age(o, now)] };
    return {
      headers: ['NAME', ...cols.map((c) => c.name.toUpperCase())],
      wide: wideCols.map((c) => c.name.toUpperCase()),
      row: (o, now) => [o.metadata.name, ...cols.map((c) => columnValue(o, c.jsonPath, c.type, now))],
      wideRow: (o, now) => wideCols.map((c) => columnValue(o, c.jsonPath, c.type, now)),
    };
  }
  switch (t.kind) {
    case 'Pod':
      return {
        headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
        row(o, now) {
          const c = podCells(o, now);
          return [o.metadata.name, c.ready, c.status, c.restarts, age(o, now)];
        },
        wideRow: (o) => [none(str(dig(o, 'status', 'podIP'))), none(str(dig(o, 'spec', 'nodeName'))), '<none>', '<none>'],
      };
    case 'Deployment':
      return {
        headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
        row: (o, now) => [
          o.metadata.name,
          `${int(dig(o, 'status', 'readyReplicas'))}/${int(dig(o, 'spec', 'replicas'))}`,
          int(dig(o, 'status', 'updatedReplicas')),
          int(dig(o, 'status', 'availableReplicas')),
          age(o, now),
        ],
        wideRow: (o) => containersAndImages(o),
      };
    case 'ReplicaSet':
      return {
        headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
        wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
        row: (o, now) => [
          o.metadata.name,
          int(dig(o, 'spec', 'replicas')),
          int(dig(o, 'status', 'replicas')),
          int(dig(o, 'status', 'readyReplicas')),
          age(o, now),
        ],
        wideRow: (o) => containersAndImages(o),
      };
    case 'Service':
      return {
        headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        wide: ['SELECTOR'],
        row: (o, now) => {
          const type = str(dig(o, 'spec', 'type')) ?? 'ClusterIP';
          const ext = listOf(dig(o, 'spec', 'externalIPs')).join(',') || (type === 'LoadBalancer' ? '<pending>' : '<none>');
          return [o.metadata.name, type, none(str(dig(o, 'spec', 'clusterIP'))), ext, servicePorts(o), age(o, now)];
        },
        wideRow: (o) => [formatSelector(fromMap(dig(o, 'spec', 'selector')))],
      };
    case 'Node':
      return {
        headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
        wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
        row: (o, now) => {
          const ready = listOf(dig(o, 'status', 'conditions')).find((c) => isDict(c) && c.type === 'Ready');
          const st = !ready ? 'Unknown' : dig(ready, 'status') === 'True' ? 'Ready' : 'NotReady';
          return [
            o.metadata.name,
            st + (dig(o, 'spec', 'unschedulable') ? ',SchedulingDisabled' : ''),
            nodeRoles(o),
            age(o, now),
            str(dig(o, 'status', 'nodeInfo', 'kubeletVersion')) ?? '',
          ];
        },
        wideRow: (o) => {
          const addr = (type: string) =>
            str(
              dig(
                listOf(dig(o, 'status', 'addresses')).find((a) => isDict(a) && a.type === type),
                'address',
              ),
            );
          const info = (k: string) => str(dig(o, 'status', 'nodeInfo', k)) || '<unknown>';
          return [none(addr('InternalIP')), none(addr('ExternalIP')), info('osImage'), info('kernelVersion'), info('containerRuntimeVersion')];
        },
      };
    case 'Event':
      return {
        headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
        row: (o, now) => [
          since(o.lastTimestamp, now),
          str(o.type) ?? '',
          str(o.reason) ?? '',
          `${String(dig(o, 'involvedObject', 'kind') ?? '').toLowerCase()}/${String(dig(o, 'involvedObject', 'name') ?? '')}`,
          (str(o.message) ?? '').trim(),
        ],
      };
    case 'Namespace':
      return {
        headers: ['NAME', 'STATUS', 'AGE'],
        row: (o, now) => [o.metadata.name, o.metadata.deletionTimestamp ? 'Terminating' : (str(dig(o, 'status', 'phase')) ?? 'Active'), age(o, now)],
      };
    case 'RuntimeClass':
      return { headers: ['NAME', 'HANDLER', 'AGE'], row: (o, now) => [o.metadata.name, str(o.handler) ?? '', age(o, now)] };
    case 'Secret':
      return {
        headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
        row: (o, now) => [o.metadata.name, str(o.type) ?? 'Opaque', String(Object.keys(isDict(o.data) ? o.data : {}).length), age(o, now)],
      };
    case 'ConfigMap':
      return {
        headers: ['NAME', 'DATA', 'AGE'],
        row: (o, now) => [
          o.metadata.name,
          String(Object.keys(isDict(o.data) ? o.data : {}).length + Object.keys(isDict(o.binaryData) ? o.binaryData : {}).length),
          age(o, now),
        ],
      };
    case 'ServiceAccount':
      return { headers: ['NAME', 'SECRETS', 'AGE'], row: (o, now) => [o.metadata.name, String(listOf(o.secrets).length), age(o, now)] };
    case 'Endpoints':
      return {
        headers: ['NAME', 'ENDPOINTS', 'AGE'],
        row: (o, now) => {
          const eps: string[] = [];
          for (const s of listOf(o.subsets))
            for (const a of listOf(dig(s, 'addresses')))
              for (const p of listOf(dig(s, 'ports'))) eps.push(`${String(dig(a, 'ip'))}:${String(dig(p, 'port'))}`);
          const shown = eps.slice(0, 3).join(',') + (eps.length > 3 ? ` + ${eps.length - 3} more...` : '');
          return [o.metadata.name, shown || '<none>', age(o, now)];
        },
      };
    case 'EndpointSlice':
      return {
        headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
        row: (o, now) => {
          const ports =
            listOf(o.ports)
              .map((p) => String(dig(p, 'port')))
              .join(',') || '<unset>';
          const addrs = listOf(o.endpoints).flatMap((e) => listOf(dig(e, 'addresses')).map(String));
          return [
            o.metadata.name,
            str(o.addressType) ?? '',
            ports,
            addrs.slice(0, 3).join(',') + (addrs.length > 3 ? ` + ${addrs.length - 3} more...` : '') || '<unset>',
            age(o, now),
          ];
        },
      };
    case 'CustomResourceDefinition':
      return { headers: ['NAME', 'CREATED AT'], row: (o) => [o.metadata.name, o.metadata.creationTimestamp] };
    case 'MutatingWebhookConfiguration':
    case 'ValidatingWebhookConfiguration':
      return { headers: ['NAME', 'WEBHOOKS', 'AGE'], row: (o, now) => [o.metadata.name, String(listOf(o.webhooks).length), age(o, now)] };
    case 'ClusterRole':
    case 'Role':
      return { headers: ['NAME', 'CREATED AT'], row: (o) => [o.metadata.name, o.metadata.creationTimestamp] };
    case 'ClusterRoleBinding':
    case 'RoleBinding':
      return {
        headers: ['NAME', 'ROLE', 'AGE'],
        row: (o, now) => [o.metadata.name, `${String(dig(o, 'roleRef', 'kind') ?? '')}/${String(dig(o, 'roleRef', 'name') ?? '')}`, age(o, now)],
      };
    default:
      return { headers: ['NAME', 'AGE'], row: (o, now) => [o.metadata.name, age(o, now)] };
  }
}
