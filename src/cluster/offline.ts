/**
 * The manifests and charts SpinKube's install uses, served offline. Their object lists follow the
 * real releases: spin-operator v0.4.0's release artifacts (Makefile `dist`: the runtime class, both
 * CRDs concatenated in `ls` order, the shim executor, config/samples/simple.yaml) and chart; the CRD
 * schemas are trimmed to the fields spinapp_types.go / spinappexecutor_types.go declare. cert-manager
 * v1.14.3's cert-manager.yaml is condensed to what matters here (namespace, CRDs, the three
 * Deployments and their Services, the webhook configurations); its full list was not read.
 */

const SO = 'https://github.com/spinkube/spin-operator/releases/download/v0.4.0';

const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer', format: 'int32' };
const strMap = { type: 'object', additionalProperties: { type: 'string' } };
const anyObj = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const valueFrom = { type: 'object', properties: { configMapKeyRef: anyObj, secretKeyRef: anyObj } };
const probe = {
  type: 'object',
  properties: {
    httpGet: { type: 'object', properties: { path: str, httpHeaders: { type: 'array', items: anyObj } } },
    initialDelaySeconds: int,
    timeoutSeconds: int,
    periodSeconds: int,
    successThreshold: int,
    failureThreshold: int,
  },
};

const SPINAPP_SCHEMA = {
  description: 'SpinApp is the Schema for the spinapps API',
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    spec: {
      description: 'SpinAppSpec defines the desired state of SpinApp',
      type: 'object',
      required: ['image'],
      properties: {
        checks: { type: 'object', properties: { liveness: probe, readiness: probe } },
        components: { type: 'array', items: str },
        deploymentAnnotations: strMap,
        enableAutoscaling: {
          ...bool,
          description:
            'EnableAutoscaling indicates whether the app is allowed to autoscale. If true then the operator leaves the replica count of the underlying deployment to be managed by an external autoscaler (HPA/KEDA). Replicas cannot be defined if this is enabled. By default EnableAutoscaling is false.',
        },
        executor: {
          ...str,
          description: 'Executor controls how this app is executed in the cluster. Defaults to whatever executor is available on the cluster.',
        },
        image: { ...str, description: 'Image is the source for this app.' },
        imagePullSecrets: { type: 'array', items: anyObj },
        podAnnotations: strMap,
        podLabels: strMap,
        replicas: { ...int, description: 'Number of replicas to run.' },
        resources: { type: 'object', properties: { limits: strMap, requests: strMap } },
        runtimeConfig: anyObj,
        serviceAnnotations: strMap,
        variables: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str, value: str, valueFrom } } },
        volumeMounts: { type: 'array', items: anyObj },
        volumes: { type: 'array', items: anyObj },
      },
    },
    status: {
      type: 'object',
      properties: {
        activeScheduler: str,
        conditions: { type: 'array', items: anyObj },
        deploymentName: str,
        readyReplicas: int,
      },
    },
  },
};

const EXECUTOR_SCHEMA = {
  description: 'SpinAppExecutor is the Schema for the spinappexecutors API',
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    spec: {
      description: 'SpinAppExecutorSpec defines the desired state of SpinAppExecutor',
      type: 'object',
      required: ['createDeployment'],
      properties: {
        createDeployment: {
          ...bool,
          description:
            'CreateDeployment specifies whether the Executor wants the SpinKube operator to create a deployment for the application or if it will be realized externally.',
        },
        deploymentConfig: {
          type: 'object',
          properties: {
            caCertSecret: str,
            installDefaultCACerts: bool,
            otel: anyObj,
            runtimeClassName: {
              ...str,
              description:
                'RuntimeClassName is the runtime class name that should be used by pods created as part of a deployment. This should only be defined when SpintainerImage is not defined.',
            },
            spinImage: str,
          },
        },
      },
    },
    status: anyObj,
  },
};

function crd(name: string, kind: string, plural: string, singular: string, schema: object, columns: object[]): object {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { annotations: { 'controller-gen.kubebuilder.io/version': 'v0.14.0' }, name },
    spec: {
      group: 'core.spinkube.dev',
      names: { kind, listKind: `${kind}List`, plural, singular },
      scope: 'Namespaced',
      versions: [
        {
          ...(columns.length ? { additionalPrinterColumns: columns } : {}),
          name: 'v1alpha1',
          schema: { openAPIV3Schema: schema },
          served: true,
          storage: true,
          subresources: { status: {} },
        },
      ],
    },
  };
}

const SPINAPP_COLUMNS = [
  { jsonPath: '.status.readyReplicas', name: 'Ready', type: 'integer' },
  { jsonPath: '.spec.replicas', name: 'Desired', type: 'integer' },
  { jsonPath: '.spec.executor', name: 'Executor', type: 'string' },
];

export const SPIN_OPERATOR_CRDS = [
  crd('spinappexecutors.core.spinkube.dev', 'SpinAppExecutor', 'spinappexecutors', 'spinappexecutor', EXECUTOR_SCHEMA, []),
  crd('spinapps.core.spinkube.dev', 'SpinApp', 'spinapps', 'spinapp', SPINAPP_SCHEMA, SPINAPP_COLUMNS),
];

export const RUNTIME_CLASS = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'wasmtime-spin-v2' }, handler: 'spin' };

export const SHIM_EXECUTOR = {
  apiVersion: 'core.spinkube.dev/v1alpha1',
  kind: 'SpinAppExecutor',
  metadata: { name: 'containerd-shim-spin' },
  spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2', installDefaultCACerts: true } },
};

export const SIMPLE_SAMPLE = {
  apiVersion: 'core.spinkube.dev/v1alpha1',
  kind: 'SpinApp',
  metadata: { name: 'simple-spinapp' },
  spec: { image: 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0', replicas: 1, executor: 'containerd-shim-spin' },
};

const cmCrd = (plural: string, kind: string, scope = 'Namespaced') => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: `${plural}.${plural === 'challenges' || plural === 'orders' ? 'acme.' : ''}cert-manager.io`,
    labels: { app: 'cert-manager', 'app.kubernetes.io/instance': 'cert-manager', 'app.kubernetes.io/name': 'cert-manager' },
  },
  spec: {
    group: `${plural === 'challenges' || plural === 'orders' ? 'acme.' : ''}cert-manager.io`,
    names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), categories: ['cert-manager'] },
    scope,
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { apiVersion: str, kind: str, metadata: { type: 'object' }, spec: anyObj, status: anyObj },
          },
        },
      },
    ],
  },
});

function deployment(
  ns: string,
  name: string,
  component: string,
  image: string,
  containers: Array<{ name: string; image: string }> = [{ name: component, image }],
): object {
  const labels = {
    app: name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': name.split('-')[0]!,
    'app.kubernetes.io/name': name,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { serviceAccountName: name, containers: containers.map((c) => ({ ...c, imagePullPolicy: 'IfNotPresent' })) },
      },
    },
  };
}

const cmDep = (name: string, component: string, image: string) => deployment('cert-manager', name, component, image);

export const CERT_MANAGER = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cert-manager' } },
  cmCrd('certificaterequests', 'CertificateRequest'),
  cmCrd('certificates', 'Certificate'),
  cmCrd('challenges', 'Challenge'),
  cmCrd('clusterissuers', 'ClusterIssuer', 'Cluster'),
  cmCrd('issuers', 'Issuer'),
  cmCrd('orders', 'Order'),
  ...['cert-manager-cainjector', 'cert-manager', 'cert-manager-webhook'].map((n) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: n, namespace: 'cert-manager' },
  })),
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'cert-manager', namespace: 'cert-manager' },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'cert-manager' },
      ports: [{ name: 'tcp-prometheus-servicemonitor', port: 9402, protocol: 'TCP', targetPort: 9402 }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'cert-manager-webhook', namespace: 'cert-manager' },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'cert-manager-webhook' },
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }],
    },
  },
  cmDep('cert-manager-cainjector', 'cainjector', 'quay.io/jetstack/cert-manager-cainjector:v1.14.3'),
  cmDep('cert-manager', 'controller', 'quay.io/jetstack/cert-manager-controller:v1.14.3'),
  cmDep('cert-manager-webhook', 'webhook', 'quay.io/jetstack/cert-manager-webhook:v1.14.3'),
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'cert-manager-webhook' },
    webhooks: [{ name: 'webhook.cert-manager.io' }],
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'cert-manager-webhook' },
    webhooks: [{ name: 'webhook.cert-manager.io' }],
  },
];

/** URLs `kubectl apply -f URL` serves offline, each to the objects of the real file. */
export const OFFLINE_MANIFESTS: Readonly<Record<string, readonly object[]>> = {
  'https://github.com/cert-manager/cert-manager/releases/download/v1.14.3/cert-manager.yaml': CERT_MANAGER,
  'https://github.com/cert-manager/cert-manager/releases/download/v1.14.5/cert-manager.yaml': CERT_MANAGER.map(
    (o) => JSON.parse(JSON.stringify(o).replaceAll('v1.14.3', 'v1.14.5')) as object,
  ),
  [`${SO}/spin-operator.runtime-class.yaml`]: [RUNTIME_CLASS],
  [`${SO}/spin-operator.crds.yaml`]: SPIN_OPERATOR_CRDS,
  [`${SO}/spin-operator.shim-executor.yaml`]: [SHIM_EXECUTOR],
  'https://raw.githubusercontent.com/spinkube/spin-operator/main/config/samples/simple.yaml': [SIMPLE_SAMPLE],
};

/** A chart as the Dojo ships it offline: metadata, default values, what it creates, its NOTES. */
export interface OfflineChart {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  /** How `helm install` can name it. */
  refs: string[];
  values: Record<string, unknown>;
  manifests(release: string, namespace: string, values: Record<string, unknown>): object[];
  notes(release: string, namespace: string): string;
}

const SO_CHART_NOTES = (version: string) => `spin-operator ${version} is now deployed!

Your release is named RELEASE.

To learn more about the release, try:

  $ helm --namespace NAMESPACE status RELEASE
  $ helm --namespace NAMESPACE get all RELEASE

Note: spin-operator requires a few additional resources to be present on the
Kubernetes cluster before it can run the first Spin application. If you haven't
already done so, please ensure the following:

1. Install the containerd-shim-spin SpinAppExecutor:

  $ kubectl apply -f ${SO}/spin-operator.shim-executor.yaml

2. Install the wasmtime-spin-v2 RuntimeClass:

  $ kubectl apply -f ${SO}/spin-operator.runtime-class.yaml

You are now ready to deploy your first Spin app!

For further details, see this chart's README:

  $ helm show readme oci://ghcr.io/spinkube/charts/spin-operator`;

export const CHARTS: readonly OfflineChart[] = [
  {
    name: 'spin-operator',
    version: '0.4.0',
    appVersion: 'v0.4.0',
    description: 'A Helm chart for the Spin Operator',
    refs: ['oci://ghcr.io/spinkube/charts/spin-operator'],
    values: { controllerManager: { manager: { image: { repository: 'ghcr.io/spinkube/spin-operator', tag: 'v0.4.0' } }, replicas: 1 } },
    manifests(_release, ns) {
      const labels = {
        'app.kubernetes.io/name': 'spin-operator',
        'app.kubernetes.io/instance': 'spin-operator',
        'control-plane': 'controller-manager',
      };
      return [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'spin-operator-controller-manager', namespace: ns } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'spin-operator-manager-role' }, rules: [] },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'spin-operator-manager-rolebinding' },
          roleRef: { kind: 'ClusterRole', name: 'spin-operator-manager-role' },
          subjects: [],
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'spin-operator-controller-manager-metrics-service', namespace: ns, labels },
          spec: {
            type: 'ClusterIP',
            selector: { 'control-plane': 'controller-manager' },
            ports: [{ name: 'https', port: 8443, protocol: 'TCP', targetPort: 'https' }],
          },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'spin-operator-webhook-service', namespace: ns, labels },
          spec: { type: 'ClusterIP', selector: { 'control-plane': 'controller-manager' }, ports: [{ port: 443, protocol: 'TCP', targetPort: 9443 }] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'spin-operator-controller-manager', namespace: ns, labels },
          spec: {
            replicas: 1,
            selector: { matchLabels: { 'control-plane': 'controller-manager' } },
            template: {
              metadata: { labels: { 'control-plane': 'controller-manager' } },
              spec: {
                serviceAccountName: 'spin-operator-controller-manager',
                containers: [
                  {
                    name: 'manager',
                    image: 'ghcr.io/spinkube/spin-operator:v0.4.0',
                    args: ['--leader-elect'],
                    ports: [{ containerPort: 9443, name: 'webhook-server', protocol: 'TCP' }],
                  },
                  {
                    name: 'kube-rbac-proxy',
                    image: 'gcr.io/kubebuilder/kube-rbac-proxy:v0.15.0',
                    ports: [{ containerPort: 8443, name: 'https', protocol: 'TCP' }],
                  },
                ],
              },
            },
          },
        },
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: { name: 'spin-operator-serving-cert', namespace: ns },
          spec: {
            dnsNames: [`spin-operator-webhook-service.${ns}.svc`],
            issuerRef: { kind: 'Issuer', name: 'spin-operator-selfsigned-issuer' },
            secretName: 'webhook-server-cert',
          },
        },
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Issuer',
          metadata: { name: 'spin-operator-selfsigned-issuer', namespace: ns },
          spec: { selfSigned: {} },
        },
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'MutatingWebhookConfiguration',
          metadata: { name: 'spin-operator-mutating-webhook-configuration' },
          webhooks: [{ name: 'mspinapp.kb.io' }, { name: 'mspinappexecutor.kb.io' }],
        },
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: { name: 'spin-operator-validating-webhook-configuration' },
          webhooks: [{ name: 'vspinapp.kb.io' }, { name: 'vspinappexecutor.kb.io' }],
        },
      ];
    },
    notes: (release, ns) => SO_CHART_NOTES('0.4.0').replaceAll('RELEASE', release).replaceAll('NAMESPACE', ns),
  },
  {
    name: 'kwasm-operator',
    version: '0.2.3',
    appVersion: 'v0.2.3',
    description: 'A Helm chart for kwasm-operator',
    refs: ['kwasm/kwasm-operator'],
    values: { kwasmOperator: { installerImage: 'ghcr.io/kwasm/kwasm-node-installer:v0.3.1' } },
    manifests: (_release, ns) => [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kwasm-operator', namespace: ns } },
      deployment(ns, 'kwasm-operator', 'operator', 'ghcr.io/kwasm/kwasm-operator:v0.2.3'),
    ],
    notes: () => '',
  },
];

/** Repositories `helm repo add` can reach offline (their index lists the charts above). */
export const OFFLINE_REPOS: Readonly<Record<string, string[]>> = {
  'http://kwasm.sh/kwasm-operator/': ['kwasm-operator'],
  'https://kwasm.sh/kwasm-operator/': ['kwasm-operator'],
};
