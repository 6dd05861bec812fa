/**
 * The Dojo machine's local OCI registry, in OCI's own terms (image-spec v1.1, distribution-spec):
 * content-addressed blobs keyed by their sha256 digest, manifests (also content-addressed) that list a
 * config and layers by descriptor, and per repository a set of tags pointing at manifest digests.
 * `spin registry push` writes a Spin app artifact here (registry/spin-app.ts), `spin up --from REF` and
 * `spin registry pull` read it, and the coming Kubernetes and Helm emulations pull images and charts
 * from the same store. Nothing leaves the browser; the store is persisted (registry/persist.ts).
 */
import { parseReference, tagOf } from './reference';

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json' as const;

export interface OciDescriptor {
  mediaType: string;
  /** "sha256:<64 hex>". */
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface OciManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_MANIFEST_MEDIA_TYPE;
  artifactType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  annotations?: Record<string, string>;
}

/** What a reference resolves to. */
export interface ResolvedManifest {
  repository: string;
  digest: string;
  manifest: OciManifest;
}

/** Everything the store holds, as plain data (for persistence). Logins are session-only and not in it. */
export interface OciStoreSnapshot {
  blobs: Array<[digest: string, bytes: Uint8Array]>;
  manifests: Array<[digest: string, json: string]>;
  tags: Array<[repository: string, tags: Array<[tag: string, digest: string]>]>;
}

/** Hex sha256 of some bytes (Web Crypto exists in browsers and Node 20). */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function digestOf(data: Uint8Array): Promise<string> {
  return `sha256:${await sha256Hex(data)}`;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class OciStore {
  private readonly blobs = new Map<string, Uint8Array>();
  /** Manifest digest -> its exact JSON text (the digest is of these bytes). */
  private readonly manifests = new Map<string, string>();
  private readonly tags = new Map<string, Map<string, string>>();
  private readonly logins = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  /** Stores a blob under its digest (idempotent) and returns its descriptor. */
  async putBlob(bytes: Uint8Array, mediaType: string): Promise<OciDescriptor> {
    const digest = await digestOf(bytes);
    if (!this.blobs.has(digest)) {
      this.blobs.set(digest, bytes.slice());
      this.changed();
    }
    return { mediaType, digest, size: bytes.length };
  }

  getBlob(digest: string): Uint8Array | undefined {
    return this.blobs.get(digest);
  }

  /**
   * Stores a manifest and tags it in `repository` (as a registry's PUT /v2/<name>/manifests/<tag>).
   * Every blob it names must be here first, as a registry requires (MANIFEST_BLOB_UNKNOWN otherwise).
   */
  async putManifest(repository: string, tag: string, manifest: OciManifest): Promise<string> {
    for (const d of [manifest.config, ...manifest.layers]) {
      if (!this.blobs.has(d.digest)) throw new Error(`manifest blob unknown: ${d.digest}`);
    }
    const json = JSON.stringify(manifest);
    const digest = await digestOf(new TextEncoder().encode(json));
    this.manifests.set(digest, json);
    let repoTags = this.tags.get(repository);
    if (!repoTags) this.tags.set(repository, (repoTags = new Map()));
    repoTags.set(tag, digest);
    this.changed();
    return digest;
  }

  /** The manifest a reference names (`repo:tag`, `repo@sha256:…`, or `repo` = `:latest`), if stored. */
  resolve(reference: string): ResolvedManifest | undefined {
    const ref = parseReference(reference);
    if (!ref) return undefined;
    const repoTags = this.tags.get(ref.repository);
    let digest = ref.digest;
    if (digest === undefined) {
      const tag = tagOf(ref);
      digest = tag === undefined ? undefined : repoTags?.get(tag);
    } else if (![...(repoTags?.values() ?? [])].includes(digest)) {
      return undefined;
    }
    const json = digest === undefined ? undefined : this.manifests.get(digest);
    if (digest === undefined || json === undefined) return undefined;
    return { repository: ref.repository, digest, manifest: JSON.parse(json) as OciManifest };
  }

  repositories(): string[] {
    return [...this.tags.keys()].sort();
  }

  tagsOf(repository: string): string[] {
    return [...(this.tags.get(repository)?.keys() ?? [])].sort();
  }

  login(server: string, username: string): void {
    this.logins.set(server, username);
  }

  loggedInAs(server: string): string | undefined {
    return this.logins.get(server);
  }

  /** Empties the store (`dojo reset`). */
  clear(): void {
    const had = this.blobs.size + this.manifests.size + this.tags.size > 0;
    this.blobs.clear();
    this.manifests.clear();
    this.tags.clear();
    this.logins.clear();
    if (had) this.changed();
  }

  /** Called after every change (persistence saves then). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): OciStoreSnapshot {
    return {
      blobs: [...this.blobs],
      manifests: [...this.manifests],
      tags: [...this.tags].map(([repo, t]) => [repo, [...t]]),
    };
  }

  /**
   * Replaces the contents with a snapshot after checking it hangs together (digests well-formed,
   * manifests parseable, tags pointing at stored manifests). Throws, changing nothing, when it does not.
   */
  restore(snapshot: OciStoreSnapshot): void {
    const blobs = new Map<string, Uint8Array>();
    for (const [digest, bytes] of snapshot.blobs) {
      if (!DIGEST.test(digest) || !(bytes instanceof Uint8Array)) throw new Error(`bad blob entry ${String(digest)}`);
      blobs.set(digest, bytes);
    }
    const manifests = new Map<string, string>();
    for (const [digest, json] of snapshot.manifests) {
      if (!DIGEST.test(digest) || typeof json !== 'string') throw new Error(`bad manifest entry ${String(digest)}`);
      const m = JSON.parse(json) as Partial<OciManifest>;
      if (m.schemaVersion !== 2 || !m.config || !Array.isArray(m.layers)) throw new Error(`manifest ${digest} is not an OCI image manifest`);
      manifests.set(digest, json);
    }
    const tags = new Map<string, Map<string, string>>();
    for (const [repo, entries] of snapshot.tags) {
      const t = new Map<string, string>();
      for (const [tag, digest] of entries) {
        if (!manifests.has(digest)) throw new Error(`tag ${repo}:${tag} points at a missing manifest`);
        t.set(tag, digest);
      }
      tags.set(repo, t);
    }
    this.blobs.clear();
    this.manifests.clear();
    this.tags.clear();
    for (const [k, v] of blobs) this.blobs.set(k, v);
    for (const [k, v] of manifests) this.manifests.set(k, v);
    for (const [k, v] of tags) this.tags.set(k, v);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
