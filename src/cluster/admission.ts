/**
 * Admission, as the real plugins do it:
 * - RuntimeClass (kubernetes plugin/pkg/admission/runtimeclass/admission.go): a pod naming a missing
 *   RuntimeClass is Forbidden (`pod rejected: RuntimeClass "x" not found`); the class's
 *   overhead.podFixed becomes spec.overhead (a different one given is rejected) and its
 *   scheduling.nodeSelector is merged into the pod's (a conflict is rejected), tolerations appended.
 * - DefaultTolerationSeconds: the two not-ready/unreachable tolerations for 300 s.
 * - SpinKube's webhooks (spin-operator v0.4.0 internal/webhook): once the chart registered them, a
 *   SpinApp or SpinAppExecutor write goes through the operator's webhook service; with no ready
 *   endpoint the apiserver fails the call (`no endpoints available for service …`); with one, the
 *   mutating webhook defaults the executor and the validating one rejects what the operator does.
 */
import type { AdmissionPlugin, ApiServer } from './apiserver';
import { ApiError, invalid, invalidValue, type FieldCause } from './errors';
import { SPIN_OPERATOR_NS, SPINKUBE_GROUP } from './controllers';
import { qualifiedResource } from './schema';
import { dig, isDict, listOf, num, str, type Dict, type KObject } from './types';

function podSpecOf(kind: string, o: KObject): Dict | undefined {
  if (kind === 'Pod') return isDict(o.spec) ? o.spec : undefined;
  return undefined;
}

export const runtimeClassAdmission: AdmissionPlugin = {
  name: 'RuntimeClass',
  admit(op, type, obj, _old, api) {
    if (type.kind !== 'Pod' || op !== 'CREATE') return;
    const spec = podSpecOf(type.kind, obj);
    const rcName = str(spec?.runtimeClassName);
    if (!spec || !rcName) return;
    const rc = api.get(api.resolveType('runtimeclasses')!, undefined, rcName);
    const forbidden = (why: string) => new ApiError('Forbidden', `${qualifiedResource(type)} "${obj.metadata.name}" is forbidden: ${why}`);
    if (!rc) throw forbidden(`pod rejected: RuntimeClass "${rcName}" not found`);
    const podFixed = dig(rc, 'overhead', 'podFixed');
    if (isDict(podFixed)) {
      if (isDict(spec.overhead) && JSON.stringify(spec.overhead) !== JSON.stringify(podFixed))
        throw forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
      spec.overhead = { ...podFixed };
    }
    const ns = dig(rc, 'scheduling', 'nodeSelector');
    if (isDict(ns)) {
      const merged: Dict = { ...(isDict(spec.nodeSelector) ? spec.nodeSelector : {}) };
      for (const [k, v] of Object.entries(ns)) {
        if (merged[k] !== undefined && merged[k] !== v)
          throw forbidden(`conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${String(v)}; pod.spec.nodeSelector[${k}] = ${String(merged[k])}`);
        merged[k] = v;
      }
      spec.nodeSelector = merged;
    }
    const tol = dig(rc, 'scheduling', 'tolerations');
    if (Array.isArray(tol)) spec.tolerations = [...listOf(spec.tolerations), ...tol];
  },
};

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(op, type, obj) {
    if (type.kind !== 'Pod' || op !== 'CREATE' || !isDict(obj.spec)) return;
    const tol = listOf(obj.spec.tolerations);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      if (tol.some((t) => isDict(t) && t.key === key)) continue;
      tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    obj.spec.tolerations = tol;
  },
};

export const WEBHOOK_SERVICE = 'spin-operator-webhook-service';
export const MUTATING_WEBHOOKS = 'spin-operator-mutating-webhook-configuration';

function webhooksRegistered(api: ApiServer): boolean {
  const t = api.resolveType('mutatingwebhookconfigurations');
  return !!t && !!api.get(t, undefined, MUTATING_WEBHOOKS);
}

function webhookReachable(api: ApiServer): boolean {
  const ep = api.get(api.resolveType('endpoints')!, SPIN_OPERATOR_NS, WEBHOOK_SERVICE);
  return listOf(dig(ep, 'subsets')).some((s) => listOf(dig(s, 'addresses')).length > 0);
}

/** What the apiserver says when a webhook's service has no ready endpoint (apiserver webhook/errors). */
function noEndpoints(webhook: string, path: string): ApiError {
  return new ApiError(
    'InternalError',
    `Internal error occurred: failed calling webhook "${webhook}": failed to call webhook: Post "https://${WEBHOOK_SERVICE}.${SPIN_OPERATOR_NS}.svc:443/${path}?timeout=10s": no endpoints available for service "${WEBHOOK_SERVICE}"`,
  );
}

export const spinKubeWebhooks: AdmissionPlugin = {
  name: 'SpinKubeWebhooks',
  admit(op, type, obj, _old, api) {
    if (op === 'DELETE' || type.group !== SPINKUBE_GROUP || !webhooksRegistered(api)) return;
    const which = type.kind === 'SpinApp' ? 'spinapp' : type.kind === 'SpinAppExecutor' ? 'spinappexecutor' : null;
    if (!which) return;
    if (!webhookReachable(api)) throw noEndpoints(`m${which}.kb.io`, `mutate-core-spinkube-dev-v1alpha1-${which}`);
    const spec: Dict = isDict(obj.spec) ? obj.spec : (obj.spec = {});
    const causes: FieldCause[] = [];
    if (type.kind === 'SpinApp') {
      const execType = api.typeFor(`${SPINKUBE_GROUP}/v1alpha1`, 'SpinAppExecutor');
      const executors = execType ? api.list(execType, obj.metadata.namespace) : [];
      // internal/webhook/spinapp_defaulting.go: an empty executor becomes the first one listed.
      if (!str(spec.executor) && executors[0]) spec.executor = executors[0].metadata.name;
      spec.enableAutoscaling ??= false;
      // internal/webhook/spinapp_validating.go
      const ex = str(spec.executor) ?? '';
      if (!ex)
        causes.push({
          field: 'spec.executor',
          detail: invalidValue('', 'executor must be set, likely no default executor was set because you have no executors installed'),
        });
      else if (!executors.some((e) => e.metadata.name === ex))
        causes.push({ field: 'spec.executor', detail: invalidValue(ex, 'executor does not exist in namespace') });
      const replicas = num(spec.replicas);
      if (spec.enableAutoscaling === true) {
        if (replicas !== undefined)
          causes.push({ field: 'spec.replicas', detail: invalidValue(replicas, 'replicas cannot be set when autoscaling is enabled') });
      } else if ((replicas ?? 0) <= 0) {
        causes.push({ field: 'spec.replicas', detail: invalidValue(replicas ?? 0, 'replicas must be > 0') });
      }
      if (!str(spec.image)) causes.push({ field: 'spec.image', detail: 'Required value' });
    } else {
      // internal/webhook/spinappexecutor_validating.go: exactly one of runtimeClassName and spinImage.
      const dc = isDict(spec.deploymentConfig) ? spec.deploymentConfig : undefined;
      if (spec.createDeployment === true && dc) {
        const rc = str(dc.runtimeClassName);
        const img = str(dc.spinImage);
        if (!rc && !img)
          causes.push({ field: 'spec.deploymentConfig', detail: invalidValue('null', 'either runtimeClassName or spinImage must be set') });
        if (rc && img)
          causes.push({ field: 'spec.deploymentConfig', detail: invalidValue('null', 'runtimeClassName and spinImage are mutually exclusive') });
      }
    }
    if (causes.length) throw invalid(type.kind, obj.metadata.name, causes);
  },
};

export function installAdmission(api: ApiServer): void {
  api.use(runtimeClassAdmission);
  api.use(defaultTolerationSeconds);
  api.use(spinKubeWebhooks);
}
