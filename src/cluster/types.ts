/**
 * The cluster's objects, as the Kubernetes API serves them: `apiVersion`, `kind`, `metadata` and the
 * kind's own fields. Bodies stay plain JSON (what `kubectl get -o json` prints); typed views of the
 * parts the controllers read live beside the controllers.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Dict = Record<string, unknown>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A manifest as read from YAML, before the server filled in metadata. */
export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: Partial<ObjectMeta>;
  [field: string]: unknown;
}

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj.a.b.c` as a Dict or undefined. */
export function dig(obj: unknown, ...path: Array<string | number>): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (typeof p === 'number') cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = isDict(cur) ? cur[p] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
