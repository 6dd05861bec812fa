/**
 * What the API server knows of each kind: its resource names (plural, singular, short names, as
 * `kubectl api-resources` lists them on a 1.31 cluster), scope, and the field schema strict decoding,
 * `kubectl explain` and the editor's diagnostics read. A custom resource's schema is its CRD's
 * `openAPIV3Schema`, converted by `fromOpenApi`, so a CR kind exists only once its CRD does.
 *
 * The built-in schemas list the fields of each type the Dojo models (k8s.io/api core/v1, apps/v1,
 * node/v1 types.go); free-form parts (probes, affinity, volumes' sources) are `any`.
 */
import { isDict, listOf, str, type Dict } from './types';

export type FieldSchema =
  | { type: 'string' | 'integer' | 'boolean' | 'number' | 'any' | 'int-or-string'; description?: string }
  | { type: 'map'; values: FieldSchema; description?: string }
  | { type: 'array'; items: FieldSchema; description?: string }
  | { type: 'object'; fields: Record<string, FieldSchema>; required?: string[]; description?: string; preserveUnknown?: boolean };

export type ObjectSchema = Extract<FieldSchema, { type: 'object' }>;

const S = (description?: string): FieldSchema => ({ type: 'string', ...(description ? { description } : {}) });
const I = (description?: string): FieldSchema => ({ type: 'integer', ...(description ? { description } : {}) });
const B = (description?: string): FieldSchema => ({ type: 'boolean', ...(description ? { description } : {}) });
const ANY: FieldSchema = { type: 'any' };
const IOS: FieldSchema = { type: 'int-or-string' };
const MAP: FieldSchema = { type: 'map', values: { type: 'string' } };
const arr = (items: FieldSchema, description?: string): FieldSchema => ({ type: 'array', items, ...(description ? { description } : {}) });
const obj = (fields: Record<string, FieldSchema>, description?: string, required?: string[]): ObjectSchema => ({
  type: 'object',
  fields,
  ...(description ? { description } : {}),
  ...(required ? { required } : {}),
});

export const OBJECT_META = obj(
  {
    name: S('Name must be unique within a namespace.'),
    generateName: S('A prefix the server uses to generate a unique name when name is not given.'),
    namespace: S('The namespace the object lives in; empty for cluster-scoped objects.'),
    labels: { ...MAP, description: 'Key/value pairs that selectors match on.' },
    annotations: { ...MAP, description: 'Key/value pairs that tools store; not used for selection.' },
    uid: S('Set by the server; unique for the object over its whole life.'),
    resourceVersion: S('Set by the server; changes on every write (optimistic concurrency).'),
    generation: I('Set by the server; increases when the desired state (spec) changes.'),
    creationTimestamp: S('Set by the server when the object was created.'),
    deletionTimestamp: S('Set by the server when deletion was requested.'),
    deletionGracePeriodSeconds: I(),
    ownerReferences: arr(
      obj({ apiVersion: S(), kind: S(), name: S(), uid: S(), controller: B(), blockOwnerDeletion: B() }),
      'Objects this one depends on; it is garbage-collected when all owners are gone.',
    ),
    finalizers: arr(S(), 'Must be empty before the object is removed from storage.'),
    managedFields: arr(ANY),
    selfLink: S(),
  },
  'Standard object metadata.',
);

const ENV_VAR = obj({ name: S(), value: S(), valueFrom: ANY }, undefined, ['name']);
const CONTAINER_PORT = obj({ name: S(), containerPort: I(), protocol: S(), hostPort: I(), hostIP: S() }, undefined, ['containerPort']);
const CONTAINER = obj(
  {
    name: S('Name of the container, unique within the pod (a DNS label).'),
    image: S('The container image reference.'),
    command: arr(S(), 'Entrypoint array (the image default when empty). For Wasm shims: the module path, or "/".'),
    args: arr(S(), 'Arguments to the entrypoint.'),
    workingDir: S(),
    ports: arr(CONTAINER_PORT, 'Ports to expose from the container.'),
    env: arr(ENV_VAR, 'Environment variables to set in the container.'),
    envFrom: arr(ANY),
    resources: obj({ limits: MAP, requests: MAP, claims: arr(ANY) }),
    volumeMounts: arr(obj({ name: S(), mountPath: S(), readOnly: B(), subPath: S(), mountPropagation: S(), subPathExpr: S() })),
    volumeDevices: arr(ANY),
    livenessProbe: ANY,
    readinessProbe: ANY,
    startupProbe: ANY,
    lifecycle: ANY,
    terminationMessagePath: S(),
    terminationMessagePolicy: S(),
    imagePullPolicy: S('Always, Never or IfNotPresent.'),
    securityContext: ANY,
    stdin: B(),
    stdinOnce: B(),
    tty: B(),
    restartPolicy: S(),
    resizePolicy: arr(ANY),
  },
  'A single application container to run in a pod.',
  ['name'],
);

export const POD_SPEC = obj(
  {
    containers: arr(CONTAINER, 'The containers of the pod; at least one.'),
    initContainers: arr(CONTAINER),
    ephemeralContainers: arr(ANY),
    runtimeClassName: S('The RuntimeClass whose handler runs this pod (e.g. a containerd Wasm shim).'),
    restartPolicy: S('Always, OnFailure or Never. Default Always.'),
    nodeSelector: { ...MAP, description: 'Labels a node must have for the pod to be scheduled there.' },
    nodeName: S('The node the pod is bound to (set by the scheduler).'),
    serviceAccountName: S(),
    serviceAccount: S(),
    automountServiceAccountToken: B(),
    volumes: arr(ANY),
    tolerations: arr(ANY),
    overhead: MAP,
    affinity: ANY,
    imagePullSecrets: arr(ANY),
    terminationGracePeriodSeconds: I(),
    activeDeadlineSeconds: I(),
    dnsPolicy: S(),
    dnsConfig: ANY,
    schedulerName: S(),
    securityContext: ANY,
    hostNetwork: B(),
    hostPID: B(),
    hostIPC: B(),
    hostname: S(),
    subdomain: S(),
    priority: I(),
    priorityClassName: S(),
    preemptionPolicy: S(),
    enableServiceLinks: B(),
    shareProcessNamespace: B(),
    topologySpreadConstraints: arr(ANY),
    readinessGates: arr(ANY),
    hostAliases: arr(ANY),
    os: ANY,
    schedulingGates: arr(ANY),
  },
  'The desired behaviour of the pod.',
  ['containers'],
);

const LABEL_SELECTOR = obj({ matchLabels: MAP, matchExpressions: arr(obj({ key: S(), operator: S(), values: arr(S()) })) });
const POD_TEMPLATE = obj({ metadata: OBJECT_META, spec: POD_SPEC }, 'The pods it creates.');

const top = (fields: Record<string, FieldSchema>, description: string, required?: string[]): ObjectSchema =>
  obj(
    { apiVersion: S('The versioned schema of this object.'), kind: S('The REST resource this object represents.'), metadata: OBJECT_META, ...fields },
    description,
    required,
  );

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  schema: ObjectSchema;
  /** A custom resource's columns (CRD additionalPrinterColumns). */
  printerColumns?: Array<{ name: string; jsonPath: string; type: string; priority?: number }>;
  /** Served by a CRD (removed with it). */
  custom?: boolean;
  /** Fields that may not change after creation (validation reports `field is immutable`). */
  immutable?: string[];
  /** Verbs for `kubectl api-resources -o wide`. */
  verbs?: string[];
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `pods`, `deployments.apps`, `spinapps.core.spinkube.dev`: how API errors name a resource. */
export function qualifiedResource(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `pod`, `deployment.apps`: how kubectl prints `<kind>/<name>` lines (lower-cased Kind + group). */
export function kindGroup(t: Pick<ResourceType, 'group' | 'kind'>): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

const STATUS: FieldSchema = ANY;
const generic = (description: string, extra: Record<string, FieldSchema> = {}) => top({ spec: ANY, status: STATUS, ...extra }, description);

/** The kinds a fresh cluster serves. */
export const BUILTIN_TYPES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    shortNames: ['ns'],
    namespaced: false,
    schema: top({ spec: obj({ finalizers: arr(S()) }), status: STATUS }, 'Namespace provides a scope for names.'),
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    shortNames: ['no'],
    namespaced: false,
    schema: top({ spec: ANY, status: STATUS }, 'Node is a worker machine; this cluster has one, whose containerd runs the Wasm shims.'),
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    namespaced: true,
    schema: top({ spec: POD_SPEC, status: STATUS }, 'Pod is a collection of containers that run on one host.'),
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    shortNames: ['svc'],
    namespaced: true,
    schema: top(
      {
        spec: obj({
          type: S('ClusterIP (default), NodePort, LoadBalancer or ExternalName.'),
          selector: { ...MAP, description: 'Routes traffic to pods whose labels match.' },
          ports: arr(obj({ name: S(), port: I(), targetPort: IOS, protocol: S(), nodePort: I(), appProtocol: S() }, undefined, ['port'])),
          clusterIP: S(),
          clusterIPs: arr(S()),
          externalIPs: arr(S()),
          externalName: S(),
          sessionAffinity: S(),
          sessionAffinityConfig: ANY,
          ipFamilies: arr(S()),
          ipFamilyPolicy: S(),
          internalTrafficPolicy: S(),
          externalTrafficPolicy: S(),
          loadBalancerIP: S(),
          loadBalancerSourceRanges: arr(S()),
          publishNotReadyAddresses: B(),
          allocateLoadBalancerNodePorts: B(),
          loadBalancerClass: S(),
          healthCheckNodePort: I(),
          trafficDistribution: S(),
        }),
        status: STATUS,
      },
      'Service is a named abstraction of software service: a port the proxy forwards to the selected pods.',
    ),
    immutable: ['spec.clusterIP'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    shortNames: ['ep'],
    namespaced: true,
    schema: top({ subsets: arr(ANY) }, 'Endpoints is the set of addresses that implement a service.'),
  },
  {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    shortNames: ['ev'],
    namespaced: true,
    schema: top(
      {
        involvedObject: ANY,
        reason: S(),
        message: S(),
        source: ANY,
        firstTimestamp: S(),
        lastTimestamp: S(),
        count: I(),
        type: S(),
        eventTime: ANY,
        reportingComponent: S(),
        reportingInstance: S(),
        action: S(),
        related: ANY,
        series: ANY,
      },
      'Event is a report of an event somewhere in the cluster.',
    ),
  },
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    shortNames: ['cm'],
    namespaced: true,
    schema: top({ data: MAP, binaryData: MAP, immutable: B() }, 'ConfigMap holds configuration data for pods to consume.'),
  },
  {
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    shortNames: [],
    namespaced: true,
    schema: top({ data: MAP, stringData: MAP, type: S(), immutable: B() }, 'Secret holds secret data of a certain type.'),
    immutable: ['type'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    shortNames: ['sa'],
    namespaced: true,
    schema: top(
      { secrets: arr(ANY), imagePullSecrets: arr(ANY), automountServiceAccountToken: B() },
      'ServiceAccount binds together a name, a principal and secrets.',
    ),
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    namespaced: true,
    schema: top(
      {
        spec: obj(
          {
            replicas: I('Number of desired pods. Defaults to 1.'),
            selector: { ...LABEL_SELECTOR, description: 'Label selector for pods; must match the template labels. Immutable.' },
            template: POD_TEMPLATE,
            strategy: obj({ type: S(), rollingUpdate: obj({ maxSurge: IOS, maxUnavailable: IOS }) }),
            minReadySeconds: I(),
            revisionHistoryLimit: I(),
            progressDeadlineSeconds: I(),
            paused: B(),
          },
          'The desired behaviour of the Deployment.',
          ['selector', 'template'],
        ),
        status: STATUS,
      },
      'Deployment enables declarative updates for Pods and ReplicaSets.',
    ),
    immutable: ['spec.selector'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    shortNames: ['rs'],
    namespaced: true,
    schema: top(
      {
        spec: obj({ replicas: I(), selector: LABEL_SELECTOR, template: POD_TEMPLATE, minReadySeconds: I() }, undefined, ['selector']),
        status: STATUS,
      },
      'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
    ),
    immutable: ['spec.selector'],
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    shortNames: [],
    namespaced: true,
    schema: top(
      { addressType: S(), endpoints: arr(ANY), ports: arr(ANY) },
      'EndpointSlice represents a subset of the endpoints that implement a service.',
    ),
  },
  {
    group: 'node.k8s.io',
    version: 'v1',
    kind: 'RuntimeClass',
    plural: 'runtimeclasses',
    singular: 'runtimeclass',
    shortNames: [],
    namespaced: false,
    schema: top(
      {
        handler: S(
          'The name of the container runtime (the CRI handler, a containerd runtime name such as "spin") that runs pods of this class. Must be a lowercase DNS label. Immutable.',
        ),
        overhead: obj({ podFixed: MAP }, 'Resources a pod of this class costs beyond its containers.'),
        scheduling: obj({ nodeSelector: MAP, tolerations: arr(ANY) }, 'Which nodes support this class: merged into the pod at admission.'),
      },
      'RuntimeClass defines a class of container runtime supported in the cluster, chosen by a pod through spec.runtimeClassName.',
      ['handler'],
    ),
    immutable: ['handler'],
  },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    shortNames: ['crd', 'crds'],
    namespaced: false,
    schema: top(
      {
        spec: obj(
          {
            group: S(),
            names: obj({ kind: S(), listKind: S(), plural: S(), singular: S(), shortNames: arr(S()), categories: arr(S()) }),
            scope: S(),
            versions: arr(ANY),
            conversion: ANY,
            preserveUnknownFields: B(),
          },
          undefined,
          ['group', 'names', 'scope', 'versions'],
        ),
        status: STATUS,
      },
      'CustomResourceDefinition represents a resource that should be exposed on the API server.',
    ),
  },
  ...(
    [
      ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
      ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
      ['rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false],
      ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false],
      ['rbac.authorization.k8s.io', 'Role', 'roles', true],
      ['rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings', true],
    ] as const
  ).map(([group, kind, plural, namespaced]): ResourceType => ({
    group,
    version: 'v1',
    kind,
    plural,
    singular: kind.toLowerCase(),
    shortNames: [],
    namespaced,
    schema: generic(`${kind} (modelled as data only: the Dojo's API server stores it without acting on it).`, {
      webhooks: arr(ANY),
      rules: arr(ANY),
      roleRef: ANY,
      subjects: arr(ANY),
      aggregationRule: ANY,
    }),
  })),
];

/** A CRD version's openAPIV3Schema → our schema (unknown-field checking follows x-kubernetes-preserve-unknown-fields). */
export function fromOpenApi(schema: unknown): FieldSchema {
  if (!isDict(schema)) return ANY;
  const description = str(schema.description);
  const d = description ? { description } : {};
  if (schema['x-kubernetes-int-or-string'] === true) return { type: 'int-or-string', ...d };
  const type = str(schema.type);
  if (type === 'object' || isDict(schema.properties)) {
    if (isDict(schema.additionalProperties)) return { type: 'map', values: fromOpenApi(schema.additionalProperties), ...d };
    if (!isDict(schema.properties)) return { type: 'any', ...d };
    const fields: Record<string, FieldSchema> = {};
    for (const [k, v] of Object.entries(schema.properties)) fields[k] = fromOpenApi(v);
    const required = listOf(schema.required).filter((r): r is string => typeof r === 'string');
    return {
      type: 'object',
      fields,
      ...(required.length ? { required } : {}),
      ...d,
      ...(schema['x-kubernetes-preserve-unknown-fields'] === true ? { preserveUnknown: true } : {}),
    };
  }
  if (type === 'array') return { type: 'array', items: fromOpenApi(schema.items), ...d };
  if (type === 'string' || type === 'integer' || type === 'boolean' || type === 'number') return { type, ...d };
  return { type: 'any', ...d };
}

/** Builds the resource type a CRD serves (its storage version), or null when the CRD is not usable. */
export function typeFromCrd(crd: Dict): ResourceType | null {
  const spec = isDict(crd.spec) ? crd.spec : null;
  if (!spec || !isDict(spec.names)) return null;
  const group = str(spec.group);
  const kind = str(spec.names.kind);
  const plural = str(spec.names.plural);
  if (!group || !kind || !plural) return null;
  const versions = listOf(spec.versions).filter(isDict);
  const served = versions.find((v) => v.storage === true) ?? versions[0];
  if (!served) return null;
  const version = str(served.name) ?? 'v1';
  const openApi = isDict(served.schema) ? served.schema.openAPIV3Schema : undefined;
  const converted = fromOpenApi(openApi);
  const body = converted.type === 'object' ? converted.fields : { spec: ANY, status: ANY };
  const schema = top(
    { ...body },
    (converted.description ?? `${kind} is a custom resource of ${group}.`).trim(),
    converted.type === 'object' ? converted.required : undefined,
  );
  const columns = listOf(served.additionalPrinterColumns)
    .filter(isDict)
    .map((c) => ({
      name: str(c.name) ?? '',
      jsonPath: str(c.jsonPath) ?? '',
      type: str(c.type) ?? 'string',
      ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
    }));
  return {
    group,
    version,
    kind,
    plural,
    singular: str(spec.names.singular) ?? kind.toLowerCase(),
    shortNames: listOf(spec.names.shortNames).map(String),
    namespaced: str(spec.scope) !== 'Cluster',
    schema,
    ...(columns.length ? { printerColumns: columns } : {}),
    custom: true,
  };
}

/**
 * Strict decoding (apiserver field validation "Strict", the default since 1.27): every field not in
 * the schema, as the dotted path sigs.k8s.io/json reports it (`spec.replica`,
 * `spec.template.spec.containers[0].imagePullPolcy`). Type mismatches are returned separately.
 */
export function unknownFields(
  value: unknown,
  schema: FieldSchema,
  path = '',
): { unknown: string[]; typeErrors: Array<{ path: string; expected: string; got: unknown }> } {
  const unknown: string[] = [];
  const typeErrors: Array<{ path: string; expected: string; got: unknown }> = [];
  const walk = (v: unknown, s: FieldSchema, p: string) => {
    if (v === null || v === undefined) return;
    switch (s.type) {
      case 'any':
        return;
      case 'string':
        if (typeof v !== 'string') typeErrors.push({ path: p, expected: 'string', got: v });
        return;
      case 'integer':
      case 'number':
        if (typeof v !== 'number' || (s.type === 'integer' && !Number.isInteger(v)))
          typeErrors.push({ path: p, expected: s.type === 'integer' ? 'int32' : 'number', got: v });
        return;
      case 'boolean':
        if (typeof v !== 'boolean') typeErrors.push({ path: p, expected: 'bool', got: v });
        return;
      case 'int-or-string':
        if (typeof v !== 'string' && typeof v !== 'number') typeErrors.push({ path: p, expected: 'int or string', got: v });
        return;
      case 'map':
        if (!isDict(v)) typeErrors.push({ path: p, expected: 'map', got: v });
        else for (const [k, x] of Object.entries(v)) walk(x, s.values, p ? `${p}.${k}` : k);
        return;
      case 'array':
        if (!Array.isArray(v)) typeErrors.push({ path: p, expected: 'array', got: v });
        else v.forEach((x, i) => walk(x, s.items, `${p}[${i}]`));
        return;
      case 'object':
        if (!isDict(v)) {
          typeErrors.push({ path: p, expected: 'object', got: v });
          return;
        }
        for (const [k, x] of Object.entries(v)) {
          const child = s.fields[k];
          const cp = p ? `${p}.${k}` : k;
          if (!child) {
            if (!s.preserveUnknown) unknown.push(cp);
            continue;
          }
          walk(x, child, cp);
        }
    }
  };
  walk(value, schema, path);
  return { unknown, typeErrors };
}

/** The schema of a dotted field path (`spec.containers.image`), for `kubectl explain`. */
export function fieldAt(schema: FieldSchema, path: string[]): FieldSchema | undefined {
  let cur: FieldSchema | undefined = schema;
  for (const p of path) {
    while (cur && cur.type === 'array') cur = cur.items;
    if (!cur) return undefined;
    if (cur.type === 'object') cur = cur.fields[p];
    else if (cur.type === 'map') cur = cur.values;
    else return undefined;
  }
  return cur;
}

/** kubectl explain's type word: `<string>`, `<integer>`, `<Object>`, `<[]Container>`, `<map[string]string>`. */
export function typeWord(s: FieldSchema, name = ''): string {
  switch (s.type) {
    case 'object':
      return 'Object';
    case 'array': {
      const inner = s.items.type === 'object' ? singularTitle(name) : typeWord(s.items);
      return `[]${inner}`;
    }
    case 'map':
      return `map[string]${typeWord(s.values)}`;
    case 'int-or-string':
      return 'IntOrString';
    case 'any':
      return 'Object';
    default:
      return s.type;
  }
}

function singularTitle(name: string): string {
  const base = name.endsWith('ses') ? name.slice(0, -2) : name.endsWith('s') ? name.slice(0, -1) : name;
  return base ? base[0]!.toUpperCase() + base.slice(1) : 'Object';
}
