/**
 * Events as client-go's EventRecorder writes them: one Event object per (object, type, reason,
 * message, source); a repeat increments `count` and moves `lastTimestamp` (the correlator's
 * aggregation), which is what `kubectl describe` shows as `3s (x23 over 4m38s)`.
 */
import type { ApiServer } from './apiserver';
import { apiVersionOf, type ResourceType } from './schema';
import type { KObject } from './types';
import { rfc3339 } from './util';

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private readonly index = new Map<string, string>();
  private seq = 0;

  constructor(private readonly api: ApiServer) {}

  private get type(): ResourceType {
    return this.api.resolveType('events')!;
  }

  record(
    involved: KObject,
    involvedType: ResourceType,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const ns = involved.metadata.namespace ?? 'default';
    const key = `${involved.metadata.uid}\u0000${type}\u0000${reason}\u0000${message}\u0000${source.component}`;
    const now = rfc3339(this.api.now());
    const existingName = this.index.get(key);
    const existing = existingName ? this.api.get(this.type, ns, existingName) : undefined;
    if (existing) {
      this.api.patchStatus(this.type, existing, (e) => {
        e.count = (typeof e.count === 'number' ? e.count : 1) + 1;
        e.lastTimestamp = now;
      });
      return;
    }
    const name = `${involved.metadata.name}.${(this.api.now() * 1000 + this.seq++).toString(16).padStart(16, '0').slice(-16)}`;
    this.index.set(key, name);
    try {
      this.api.create(
        this.type,
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace: ns },
          involvedObject: {
            apiVersion: apiVersionOf(involvedType),
            kind: involvedType.kind,
            name: involved.metadata.name,
            namespace: involved.metadata.namespace,
            uid: involved.metadata.uid,
            resourceVersion: involved.metadata.resourceVersion,
            ...(fieldPath ? { fieldPath } : {}),
          },
          reason,
          message,
          source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type,
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        },
        ns,
      );
    } catch {
      /* the namespace is going away: events for it are dropped, as the recorder drops them */
    }
  }

  /** Events about one object, oldest first (describe's Events table). */
  about(obj: KObject): KObject[] {
    const ns = obj.metadata.namespace ?? 'default';
    return this.api
      .list(this.type, ns)
      .filter((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === obj.metadata.uid)
      .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)));
  }

  forget(): void {
    this.index.clear();
  }
}
