/**
 * The cluster's API server: typed objects in memory with the server's own bookkeeping (uid,
 * resourceVersion, generation, creationTimestamp), namespaces, strict decoding against each kind's
 * schema, defaulting, validation (required and immutable fields, DNS names), admission plugins, the
 * deletion protocol (finalizers, graceful pod deletion, namespaces terminating) and change
 * notifications that controllers reconcile on. Followed: apiserver pkg/endpoints/handlers (create,
 * update, strict field validation), pkg/registry/*\/strategy.go of each kind, apimachinery errors.
 */
import {
  ApiError,
  alreadyExists,
  DNS1123_LABEL,
  DNS1123_LABEL_MSG,
  DNS1123_SUBDOMAIN,
  DNS1123_SUBDOMAIN_MSG,
  invalid,
  invalidValue,
  notFound,
  type FieldCause,
} from './errors';
import { matches, type Selector } from './labels';
import { apiVersionOf, BUILTIN_TYPES, qualifiedResource, typeFromCrd, unknownFields, type ResourceType } from './schema';
import { clone, dig, isDict, str, type Dict, type KObject, type Manifest } from './types';
import { randomSuffix, rfc3339, uid as newUid } from './util';

export type ChangeKind = 'ADDED' | 'MODIFIED' | 'DELETED';
export type ChangeListener = (type: ResourceType, obj: KObject, change: ChangeKind) => void;

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** An admission plugin: may change `obj` (mutating) or throw an ApiError (validating). */
export interface AdmissionPlugin {
  name: string;
  admit(op: Operation, type: ResourceType, obj: KObject, old: KObject | undefined, server: ApiServer): void;
}

export interface ApiServerOptions {
  now?: () => number;
  random?: () => number;
}

const typeKey = (t: Pick<ResourceType, 'group' | 'plural'>) => `${t.group}/${t.plural}`;
const objKey = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;

export class ApiServer {
  private readonly types = new Map<string, ResourceType>();
  private readonly store = new Map<string, Map<string, KObject>>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly plugins: AdmissionPlugin[] = [];
  private rv = 1000;
  private ipCounter = 10;
  readonly now: () => number;
  readonly random: () => number;

  constructor(opts: ApiServerOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.random = opts.random ?? Math.random;
    for (const t of BUILTIN_TYPES) this.addType(t);
  }

  // ---- types ---------------------------------------------------------------------------------

  addType(t: ResourceType): void {
    this.types.set(typeKey(t), t);
    if (!this.store.has(typeKey(t))) this.store.set(typeKey(t), new Map());
  }

  removeType(t: ResourceType): void {
    this.types.delete(typeKey(t));
    this.store.delete(typeKey(t));
  }

  allTypes(): ResourceType[] {
    return [...this.types.values()];
  }

  /** The type of `apiVersion` + `kind`, as the REST mapper finds it (undefined: "no matches for kind"). */
  typeFor(apiVersion: string, kind: string): ResourceType | undefined {
    for (const t of this.types.values()) if (t.kind === kind && apiVersionOf(t) === apiVersion) return t;
    return undefined;
  }

  /**
   * What kubectl's RESTMapper makes of a word on the command line: plural, singular, short name or
   * Kind, optionally qualified by a group (`deployments.apps`, `spinapp.core.spinkube.dev`).
   */
  resolveType(word: string): ResourceType | undefined {
    const w = word.toLowerCase();
    const dot = w.indexOf('.');
    const name = dot < 0 ? w : w.slice(0, dot);
    const group = dot < 0 ? undefined : w.slice(dot + 1);
    const candidates = [...this.types.values()].filter((t) => group === undefined || t.group === group || `${t.version}.${t.group}` === group);
    return (
      candidates.find((t) => t.plural === name) ??
      candidates.find((t) => t.singular === name) ??
      candidates.find((t) => t.kind.toLowerCase() === name) ??
      candidates.find((t) => t.shortNames.includes(name))
    );
  }

  // ---- reading ------------------------------------------------------------------------------

  get(t: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    return this.store.get(typeKey(t))?.get(objKey(t.namespaced ? namespace : undefined, name));
  }

  /** Throws NotFound as the server does. */
  mustGet(t: ResourceType, namespace: string | undefined, name: string): KObject {
    const o = this.get(t, namespace, name);
    if (!o) throw notFound(qualifiedResource(t), name);
    return o;
  }

  /** Objects of a type, in a namespace (or all), matching a selector; sorted by namespace then name as the server lists them. */
  list(t: ResourceType, namespace?: string, selector?: Selector): KObject[] {
    const out: KObject[] = [];
    for (const o of this.store.get(typeKey(t))?.values() ?? []) {
      if (namespace !== undefined && t.namespaced && o.metadata.namespace !== namespace) continue;
      if (selector && !matches(selector, o.metadata.labels)) continue;
      out.push(o);
    }
    return out.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name, b.metadata.name));
  }

  /** Every stored object (for persistence and the 2,000-object bench). */
  all(): Array<{ type: ResourceType; obj: KObject }> {
    const out: Array<{ type: ResourceType; obj: KObject }> = [];
    for (const [k, objs] of this.store) {
      const t = this.types.get(k);
      if (!t) continue;
      for (const o of objs.values()) out.push({ type: t, obj: o });
    }
    return out;
  }

  count(): number {
    let n = 0;
    for (const m of this.store.values()) n += m.size;
    return n;
  }

  byUid(uid: string): KObject | undefined {
    for (const m of this.store.values()) for (const o of m.values()) if (o.metadata.uid === uid) return o;
    return undefined;
  }

  // ---- change notifications -------------------------------------------------------------------

  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  use(plugin: AdmissionPlugin): void {
    this.plugins.push(plugin);
  }

  private emit(t: ResourceType, o: KObject, change: ChangeKind): void {
    for (const l of this.listeners) l(t, o, change);
  }

  private nextRv(): string {
    return String(++this.rv);
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Decodes a manifest strictly into an object of `t`: unknown fields are a BadRequest as the
   * apiserver's strict field validation reports them (pkg/endpoints/handlers/rest.go, apimachinery
   * runtime/error.go `strict decoding error: unknown field "spec.replica"`).
   */
  decode(t: ResourceType, manifest: Manifest): KObject {
    const { unknown, typeErrors } = unknownFields(manifest, t.schema);
    const head = `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}`;
    if (typeErrors.length) {
      const e = typeErrors[0]!;
      const got = Array.isArray(e.got) ? 'array' : typeof e.got === 'object' ? 'object' : typeof e.got;
      // encoding/json's UnmarshalTypeError: "json: cannot unmarshal <got> into Go struct field <path> of type <type>".
      throw new ApiError('BadRequest', `${head}: json: cannot unmarshal ${got} into Go struct field ${t.kind}.${e.path} of type ${e.expected}`);
    }
    if (unknown.length) throw new ApiError('BadRequest', `${head}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
    const o = clone(manifest) as unknown as KObject;
    o.metadata = { ...(isDict(manifest.metadata) ? clone(manifest.metadata) : {}) } as KObject['metadata'];
    return o;
  }

  /** POST: create an object (after defaulting, admission and validation). */
  create(t: ResourceType, manifest: Manifest, namespace = 'default', opts: { dryRun?: boolean } = {}): KObject {
    const o = this.decode(t, manifest);
    const m = o.metadata;
    if (t.namespaced) {
      m.namespace = m.namespace || namespace;
      this.checkNamespace(t, m.namespace, m.name || m.generateName || '');
    } else delete m.namespace;
    if (!m.name && m.generateName) m.name = m.generateName + randomSuffix(5, this.random);
    if (!m.name) throw invalid(t.kind, '', [{ field: 'metadata.name', detail: 'Required value: name or generateName is required' }]);
    this.validateName(t, m.name);
    if (this.get(t, m.namespace, m.name)) throw alreadyExists(qualifiedResource(t), m.name);
    m.uid = newUid();
    m.creationTimestamp = rfc3339(this.now());
    if (hasSpec(o)) m.generation = 1;
    delete m.deletionTimestamp;
    m.resourceVersion = '';
    applyDefaults(t, o, this);
    for (const p of this.plugins) p.admit('CREATE', t, o, undefined, this);
    this.validate(t, o, undefined);
    if (opts.dryRun) return o;
    m.resourceVersion = this.nextRv();
    this.store.get(typeKey(t))!.set(objKey(m.namespace, m.name), o);
    if (t.kind === 'CustomResourceDefinition') this.establishCrd(o);
    this.emit(t, o, 'ADDED');
    return o;
  }

  /** PUT: replaces the object's desired state; server-set metadata is kept; generation bumps on a spec change. */
  update(t: ResourceType, manifest: Manifest, namespace = 'default', opts: { dryRun?: boolean } = {}): KObject {
    const o = this.decode(t, manifest);
    const ns = t.namespaced ? o.metadata.namespace || namespace : undefined;
    const old = this.mustGet(t, ns, o.metadata.name);
    const m = o.metadata;
    m.namespace = old.metadata.namespace;
    if (!t.namespaced) delete m.namespace;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) m.deletionTimestamp = old.metadata.deletionTimestamp;
    if (m.ownerReferences === undefined && old.metadata.ownerReferences) m.ownerReferences = old.metadata.ownerReferences;
    if (m.finalizers === undefined && old.metadata.finalizers) m.finalizers = old.metadata.finalizers;
    // Status is its own subresource: a write to the main resource keeps the stored status.
    if (old.status !== undefined) o.status = old.status;
    else delete o.status;
    applyDefaults(t, o, this, old);
    m.generation = old.metadata.generation;
    if (hasSpec(o) && JSON.stringify(specOf(o)) !== JSON.stringify(specOf(old))) m.generation = (old.metadata.generation ?? 1) + 1;
    for (const p of this.plugins) p.admit('UPDATE', t, o, old, this);
    this.validate(t, o, old);
    if (opts.dryRun) return o;
    m.resourceVersion = this.nextRv();
    this.store.get(typeKey(t))!.set(objKey(m.namespace, m.name), o);
    this.emit(t, o, 'MODIFIED');
    this.finishIfDone(t, o);
    return o;
  }

  /** Controllers' writes: metadata (labels, finalizers, owners) and status, no admission, no generation bump. */
  patchStatus(t: ResourceType, o: KObject, change: (o: KObject) => void): KObject | undefined {
    const cur = this.get(t, o.metadata.namespace, o.metadata.name);
    if (!cur) return undefined;
    const next = clone(cur);
    change(next);
    if (JSON.stringify(next) === JSON.stringify(cur)) return cur;
    next.metadata.resourceVersion = this.nextRv();
    this.store.get(typeKey(t))!.set(objKey(next.metadata.namespace, next.metadata.name), next);
    this.emit(t, next, 'MODIFIED');
    this.finishIfDone(t, next);
    return next;
  }

  /**
   * DELETE. With finalizers (or for a pod on a node, or a namespace) the object first gets a
   * deletionTimestamp and goes when they are done; otherwise it goes at once. Dependents are
   * collected by the garbage collector (background propagation, kubectl's default).
   */
  delete(t: ResourceType, namespace: string | undefined, name: string, opts: { grace?: boolean } = {}): KObject {
    const o = this.mustGet(t, namespace, name);
    for (const p of this.plugins) p.admit('DELETE', t, o, o, this);
    if (o.metadata.deletionTimestamp) return o;
    const graceful = (t.kind === 'Pod' && opts.grace !== false && !!dig(o, 'spec', 'nodeName')) || t.kind === 'Namespace';
    if ((o.metadata.finalizers?.length ?? 0) > 0 || graceful) {
      return (
        this.patchStatus(t, o, (x) => {
          x.metadata.deletionTimestamp = rfc3339(this.now());
          if (t.kind === 'Pod') x.metadata.deletionGracePeriodSeconds = 30;
          if (t.kind === 'Namespace') (x as Dict).status = { phase: 'Terminating' };
        }) ?? o
      );
    }
    this.remove(t, o);
    return o;
  }

  /** Removes from storage now (the end of graceful deletion, or GC). */
  remove(t: ResourceType, o: KObject): void {
    const objs = this.store.get(typeKey(t));
    if (!objs?.delete(objKey(o.metadata.namespace, o.metadata.name))) return;
    if (t.kind === 'CustomResourceDefinition') {
      const served = typeFromCrd(o);
      if (served) {
        const st = this.types.get(typeKey(served));
        if (st?.custom) {
          for (const cr of this.list(st)) this.emit(st, cr, 'DELETED');
          this.removeType(st);
        }
      }
    }
    this.emit(t, o, 'DELETED');
  }

  private finishIfDone(t: ResourceType, o: KObject): void {
    if (!o.metadata.deletionTimestamp || (o.metadata.finalizers?.length ?? 0) > 0) return;
    // A pod on a node goes when its kubelet has stopped the containers (the kubelet removes it).
    if (t.kind === 'Pod' && dig(o, 'spec', 'nodeName')) return;
    if (t.kind === 'Namespace') return;
    this.remove(t, o);
  }

  // ---- checks ----------------------------------------------------------------------------------

  private checkNamespace(t: ResourceType, ns: string, name: string): void {
    const nsType = this.resolveType('namespaces')!;
    const nsObj = this.get(nsType, undefined, ns);
    if (!nsObj) throw notFound('namespaces', ns);
    if (nsObj.metadata.deletionTimestamp) {
      // apiserver pkg/admission/plugin/namespace/lifecycle/admission.go
      throw new ApiError(
        'Forbidden',
        `${qualifiedResource(t)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  private validateName(t: ResourceType, name: string): void {
    const label = t.kind === 'Namespace' || t.kind === 'Service';
    const ok = label ? DNS1123_LABEL.test(name) && name.length <= 63 : DNS1123_SUBDOMAIN.test(name) && name.length <= 253;
    if (!ok) throw invalid(t.kind, name, [{ field: 'metadata.name', detail: invalidValue(name, label ? DNS1123_LABEL_MSG : DNS1123_SUBDOMAIN_MSG) }]);
  }

  private validate(t: ResourceType, o: KObject, old: KObject | undefined): void {
    const causes: FieldCause[] = [];
    for (const path of t.immutable ?? []) {
      if (!old) break;
      const parts = path.split('.');
      const before = dig(old, ...parts);
      const after = dig(o, ...parts);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const shown = typeof after === 'string' || typeof after === 'number' ? after : JSON.stringify(after ?? null);
        causes.push({ field: path, detail: invalidValue(shown, 'field is immutable') });
      }
    }
    VALIDATORS[t.kind]?.(o, causes, old);
    if (causes.length) throw invalid(t.kind, o.metadata.name, causes);
  }

  private establishCrd(crd: KObject): void {
    const served = typeFromCrd(crd);
    if (!served) return;
    this.addType(served);
    (crd as Dict).status = {
      acceptedNames: dig(crd, 'spec', 'names') ?? {},
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
          lastTransitionTime: crd.metadata.creationTimestamp,
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: crd.metadata.creationTimestamp,
        },
      ],
      storedVersions: [served.version],
    };
  }

  /** A cluster IP from the service range (10.96.0.0/12, kube-apiserver's default). */
  allocateClusterIP(): string {
    const n = this.ipCounter++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  /** Rebuilds from a snapshot (persistence); CRDs first so their kinds exist. */
  restore(objects: Array<{ apiVersion: string; kind: string; obj: KObject }>, rv: number): void {
    for (const m of this.store.values()) m.clear();
    for (const t of [...this.types.values()]) if (t.custom) this.removeType(t);
    const crds = objects.filter((x) => x.kind === 'CustomResourceDefinition');
    for (const x of [...crds, ...objects.filter((y) => y.kind !== 'CustomResourceDefinition')]) {
      const t = this.typeFor(x.apiVersion, x.kind);
      if (!t) continue;
      this.store.get(typeKey(t))!.set(objKey(x.obj.metadata.namespace, x.obj.metadata.name), x.obj);
      if (t.kind === 'CustomResourceDefinition') {
        const served = typeFromCrd(x.obj);
        if (served) this.addType(served);
      }
    }
    this.rv = Math.max(this.rv, rv);
    this.ipCounter = 10 + objects.filter((x) => x.kind === 'Service').length;
  }

  get resourceVersion(): number {
    return this.rv;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasSpec(o: KObject): boolean {
  return isDict(o.spec) || typeof o.handler === 'string';
}

function specOf(o: KObject): unknown {
  return o.spec ?? { handler: o.handler, overhead: o.overhead, scheduling: o.scheduling };
}

// ---- defaulting (pkg/apis/*/v1/defaults.go) ---------------------------------------------------

function defaultPodSpec(spec: Dict): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  if (spec.serviceAccountName === undefined) spec.serviceAccountName = str(spec.serviceAccount) ?? 'default';
  spec.enableServiceLinks ??= true;
  for (const c of [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])]) {
    if (!isDict(c)) continue;
    const image = str(c.image) ?? '';
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    c.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    if (Array.isArray(c.ports)) for (const p of c.ports) if (isDict(p)) p.protocol ??= 'TCP';
  }
}

function applyDefaults(t: ResourceType, o: KObject, server: ApiServer, old?: KObject): void {
  const spec = isDict(o.spec) ? o.spec : undefined;
  switch (t.kind) {
    case 'Namespace':
      o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
      o.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      o.status = old?.status ?? { phase: 'Active' };
      break;
    case 'Pod':
      if (spec) defaultPodSpec(spec);
      if (!old) o.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Deployment':
    case 'ReplicaSet':
      if (spec) {
        spec.replicas ??= 1;
        if (t.kind === 'Deployment') {
          spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
          spec.revisionHistoryLimit ??= 10;
          spec.progressDeadlineSeconds ??= 600;
        }
        const tspec = dig(spec, 'template', 'spec');
        if (isDict(tspec)) defaultPodSpec(tspec);
        const tmeta = dig(spec, 'template', 'metadata');
        if (isDict(spec.template) && !isDict(tmeta)) spec.template.metadata = {};
      }
      break;
    case 'Service':
      if (spec) {
        spec.type ??= 'ClusterIP';
        spec.sessionAffinity ??= 'None';
        spec.internalTrafficPolicy ??= 'Cluster';
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        if (Array.isArray(spec.ports))
          for (const p of spec.ports)
            if (isDict(p)) {
              p.protocol ??= 'TCP';
              p.targetPort ??= p.port;
            }
        if (spec.clusterIP === undefined) spec.clusterIP = str(dig(old, 'spec', 'clusterIP')) ?? server.allocateClusterIP();
        spec.clusterIPs ??= spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP];
      }
      o.status ??= { loadBalancer: {} };
      break;
    case 'Secret':
      o.type ??= 'Opaque';
      if (isDict(o.stringData)) {
        const data: Dict = { ...(isDict(o.data) ? o.data : {}) };
        for (const [k, v] of Object.entries(o.stringData)) data[k] = base64(String(v));
        o.data = data;
        delete o.stringData;
      }
      break;
  }
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

// ---- validation (pkg/apis/*/validation) -------------------------------------------------------

const VALIDATORS: Record<string, (o: KObject, causes: FieldCause[], old: KObject | undefined) => void> = {
  Pod(o, causes, old) {
    validatePodSpec(dig(o, 'spec'), 'spec', causes);
    if (old) {
      const strip = (x: unknown) => {
        const s = clone(dictOfDeep(x));
        for (const c of Array.isArray(s.containers) ? s.containers : []) if (isDict(c)) delete c.image;
        delete s.activeDeadlineSeconds;
        delete s.tolerations;
        delete s.terminationGracePeriodSeconds;
        delete s.nodeName;
        return JSON.stringify(s);
      };
      if (strip(old.spec) !== strip(o.spec)) {
        // pkg/apis/core/validation/validation.go ValidatePodUpdate (the diff that follows is left out).
        causes.push({
          field: 'spec',
          detail:
            'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        });
      }
    }
  },
  Deployment: validateWorkload,
  ReplicaSet: validateWorkload,
  RuntimeClass(o, causes) {
    const h = o.handler;
    if (typeof h !== 'string' || h === '') causes.push({ field: 'handler', detail: 'Required value' });
    else if (!DNS1123_LABEL.test(h)) causes.push({ field: 'handler', detail: invalidValue(h, DNS1123_LABEL_MSG) });
  },
  Service(o, causes) {
    const ports = dig(o, 'spec', 'ports');
    if (dig(o, 'spec', 'type') !== 'ExternalName' && (!Array.isArray(ports) || ports.length === 0))
      causes.push({ field: 'spec.ports', detail: 'Required value' });
  },
};

function dictOfDeep(x: unknown): Dict {
  return isDict(x) ? x : {};
}

function validatePodSpec(spec: unknown, path: string, causes: FieldCause[]): void {
  const containers = dig(spec, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({ field: `${path}.containers`, detail: 'Required value' });
    return;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const name = str(dig(c, 'name'));
    const p = `${path}.containers[${i}]`;
    if (!name) causes.push({ field: `${p}.name`, detail: 'Required value' });
    else if (!DNS1123_LABEL.test(name)) causes.push({ field: `${p}.name`, detail: invalidValue(name, DNS1123_LABEL_MSG) });
    else if (names.has(name)) causes.push({ field: `${p}.name`, detail: `Duplicate value: ${JSON.stringify(name)}` });
    if (name) names.add(name);
    if (!str(dig(c, 'image'))) causes.push({ field: `${p}.image`, detail: 'Required value' });
  });
  const rp = str(dig(spec, 'restartPolicy'));
  if (rp && !['Always', 'OnFailure', 'Never'].includes(rp))
    causes.push({
      field: `${path}.restartPolicy`,
      detail: `Unsupported value: ${JSON.stringify(rp)}: supported values: "Always", "OnFailure", "Never"`,
    });
  const rc = str(dig(spec, 'runtimeClassName'));
  if (rc !== undefined && !DNS1123_SUBDOMAIN.test(rc))
    causes.push({ field: `${path}.runtimeClassName`, detail: invalidValue(rc, DNS1123_SUBDOMAIN_MSG) });
}

function validateWorkload(o: KObject, causes: FieldCause[]): void {
  const spec = dig(o, 'spec');
  const selector = dig(spec, 'selector');
  const replicas = dig(spec, 'replicas');
  if (typeof replicas === 'number' && replicas < 0)
    causes.push({ field: 'spec.replicas', detail: invalidValue(replicas, 'must be greater than or equal to 0') });
  if (!isDict(selector)) {
    causes.push({ field: 'spec.selector', detail: 'Required value' });
  } else {
    const labels = dig(spec, 'template', 'metadata', 'labels');
    const ml = isDict(selector.matchLabels) ? selector.matchLabels : {};
    if (Object.keys(ml).length === 0 && !Array.isArray(selector.matchExpressions))
      causes.push({
        field: 'spec.selector',
        detail:
          'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      });
    const l = isDict(labels) ? (labels as Record<string, string>) : {};
    if (!Object.entries(ml).every(([k, v]) => l[k] === v)) {
      const shown = `map[string]string{${Object.entries(l)
        .sort(([a], [b]) => cmp(a, b))
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(', ')}}`;
      causes.push({ field: 'spec.template.metadata.labels', detail: `Invalid value: ${shown}: \`selector\` does not match template \`labels\`` });
    }
  }
  validatePodSpec(dig(spec, 'template', 'spec'), 'spec.template.spec', causes);
}
