/**
 * The Dojo machine's OCI registry, in OCI's own terms (image-spec v1.1.0, distribution-spec v1.1.0):
 * content-addressed blobs keyed by the sha256 digest of their exact bytes, manifests (image manifests and
 * image indexes, also content-addressed, stored as the exact bytes the client pushed, so the digest a
 * client computes is the digest the registry answers), and per repository a set of tags pointing at
 * manifest digests. Several registry hosts live in one store: a repository is `host/path`.
 *
 * distribution-spec semantics kept here: a manifest may be pushed by tag or by digest; pushing a tag
 * again moves it; a digest never changes what it names; every blob a manifest lists must be pushed first
 * (MANIFEST_BLOB_UNKNOWN); deleting a manifest removes it and the tags on it from that repository;
 * fetching by digest re-hashes the stored bytes and refuses bytes that do not match (a tampered blob).
 * Storage is bounded (QUOTA_BYTES) with a clear error when full. The network is simulated: nothing
 * leaves the browser. Persistence: registry/persist.ts.
 */
import { parseReference, tagOf } from './reference';

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json' as const;
export const OCI_INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json' as const;
/** 256 MiB: the registry's share of the browser's storage. */
export const QUOTA_BYTES = 256 * 1024 * 1024;

export interface OciDescriptor {
  mediaType: string;
  /** "sha256:<64 hex>". */
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  data?: string;
  artifactType?: string;
}

export interface OciManifest {
  schemaVersion: 2;
  /** Absent in manifests written by image-spec v1.0 clients (wasm-to-oci's oras-go v0.4). */
  mediaType?: typeof OCI_MANIFEST_MEDIA_TYPE;
  artifactType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  subject?: OciDescriptor;
  annotations?: Record<string, string>;
}

export interface OciIndex {
  schemaVersion: 2;
  mediaType: typeof OCI_INDEX_MEDIA_TYPE;
  artifactType?: string;
  manifests: OciDescriptor[];
  annotations?: Record<string, string>;
}

/** What a reference resolves to. `manifest` is the image manifest, or undefined for an index. */
export interface ResolvedManifest {
  repository: string;
  digest: string;
  manifest: OciManifest;
  /** The exact bytes stored (and hashed). */
  bytes: Uint8Array;
  mediaType: string;
  index?: OciIndex;
}

/** Everything the store holds, as plain data (for persistence). Passwords are never in it. */
export interface OciStoreSnapshot {
  blobs: Array<[digest: string, bytes: Uint8Array]>;
  manifests: Array<[digest: string, json: string]>;
  tags: Array<[repository: string, tags: Array<[tag: string, digest: string]>]>;
  /** Every manifest pushed into each repository (tagged or not). Optional: absent in older saves. */
  members?: Array<[repository: string, digests: string[]]>;
  /** Registry host -> user name logged in as. Optional: absent in older saves. */
  logins?: Array<[host: string, username: string]>;
}

/** A distribution-spec error, with the code a registry answers (`{"errors":[{"code":…}]}`). */
export class RegistryError extends Error {
  constructor(
    readonly code:
      | 'BLOB_UNKNOWN'
      | 'DIGEST_INVALID'
      | 'MANIFEST_BLOB_UNKNOWN'
      | 'MANIFEST_INVALID'
      | 'MANIFEST_UNKNOWN'
      | 'NAME_INVALID'
      | 'NAME_UNKNOWN'
      | 'DENIED'
      | 'UNAUTHORIZED'
      | 'QUOTA_EXCEEDED',
    message: string,
    readonly detail?: { expected?: string; actual?: string; needed?: number; free?: number },
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The bytes under a digest do not hash to it: what a client computes when a registry serves a tampered blob. */
export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`digest mismatch: expected ${expected}, got ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

/** Hex sha256 of some bytes, through Web Crypto (the same `crypto.subtle` in browsers and Node 20). */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function digestOf(data: Uint8Array): Promise<string> {
  return `sha256:${await sha256Hex(data)}`;
}

export const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A manifest or an index, as parsed before knowing which. */
interface LooseManifest {
  schemaVersion?: number;
  mediaType?: string;
  config?: OciDescriptor;
  layers?: OciDescriptor[];
  manifests?: OciDescriptor[];
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface StoreUsage {
  blobs: number;
  blobBytes: number;
  manifests: number;
  manifestBytes: number;
  repositories: number;
  tags: number;
  used: number;
  quota: number;
}

export class OciStore {
  private readonly blobs = new Map<string, Uint8Array>();
  /** Manifest digest -> its exact JSON text (the digest is of these bytes, UTF-8). */
  private readonly manifests = new Map<string, string>();
  private readonly tags = new Map<string, Map<string, string>>();
  /** Repository -> every manifest pushed into it (by tag or by digest), until deleted. */
  private readonly members = new Map<string, Set<string>>();
  private readonly logins = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  readonly quota: number;

  constructor(opts: { quotaBytes?: number } = {}) {
    this.quota = opts.quotaBytes ?? QUOTA_BYTES;
  }

  /** Bytes stored now (blobs plus manifest texts). */
  usage(): StoreUsage {
    let blobBytes = 0;
    for (const b of this.blobs.values()) blobBytes += b.length;
    let manifestBytes = 0;
    for (const m of this.manifests.values()) manifestBytes += encoder.encode(m).length;
    let tags = 0;
    for (const t of this.tags.values()) tags += t.size;
    return {
      blobs: this.blobs.size,
      blobBytes,
      manifests: this.manifests.size,
      manifestBytes,
      repositories: this.repositories().length,
      tags,
      used: blobBytes + manifestBytes,
      quota: this.quota,
    };
  }

  private ensureRoom(bytes: number): void {
    const used = this.usage().used;
    if (used + bytes > this.quota) {
      const free = Math.max(0, this.quota - used);
      throw new RegistryError(
        'QUOTA_EXCEEDED',
        `the Dojo's registry is full: ${bytes} more bytes needed, ${free} free of ${this.quota} (delete manifests or run \`dojo reset\`)`,
        { needed: bytes, free },
      );
    }
  }

  /** Stores a blob under its digest (idempotent) and returns its descriptor. Throws RegistryError when full. */
  async putBlob(bytes: Uint8Array, mediaType: string, annotations?: Record<string, string>): Promise<OciDescriptor> {
    const digest = await digestOf(bytes);
    if (!this.blobs.has(digest)) {
      this.ensureRoom(bytes.length);
      this.blobs.set(digest, bytes.slice());
      this.changed();
    }
    const d: OciDescriptor = { mediaType, digest, size: bytes.length };
    if (annotations) d.annotations = annotations;
    return d;
  }

  /** The stored bytes under a digest, as stored (unverified; see fetchBlob). */
  getBlob(digest: string): Uint8Array | undefined {
    return this.blobs.get(digest);
  }

  hasBlob(digest: string): boolean {
    return this.blobs.has(digest);
  }

  /** Whether a repository can serve a blob (HEAD /v2/<name>/blobs/<digest>): a manifest in it names the blob. */
  blobInRepository(repository: string, digest: string): boolean {
    if (!this.blobs.has(digest)) return false;
    for (const m of this.members.get(repository) ?? []) {
      const parsed = JSON.parse(this.manifests.get(m) ?? '{}') as LooseManifest;
      if (parsed.config?.digest === digest || parsed.layers?.some((l) => l.digest === digest)) return true;
    }
    return false;
  }

  /**
   * A blob as a client receives it: the bytes, re-hashed. Throws DigestMismatchError when they no longer
   * hash to `digest` (what every client checks), RegistryError BLOB_UNKNOWN when absent.
   */
  async fetchBlob(digest: string): Promise<Uint8Array> {
    const bytes = this.blobs.get(digest);
    if (!bytes) throw new RegistryError('BLOB_UNKNOWN', 'blob unknown to registry', {});
    const actual = await digestOf(bytes);
    if (actual !== digest) throw new DigestMismatchError(digest, actual);
    return bytes.slice();
  }

  /**
   * Replaces the bytes under a digest without re-keying them: a corrupted disk or a malicious registry.
   * Lessons stage a tampered layer with it (`dojo-registry tamper`); nothing else calls it.
   */
  tamperBlob(digest: string, bytes: Uint8Array): boolean {
    if (!this.blobs.has(digest)) return false;
    this.blobs.set(digest, bytes.slice());
    this.changed();
    return true;
  }

  /**
   * Stores a manifest as JSON.stringify writes it and tags it in `repository` (PUT
   * /v2/<name>/manifests/<tag>). Kept for existing callers; clients that care about the exact bytes use
   * putManifestBytes.
   */
  async putManifest(repository: string, tag: string, manifest: OciManifest): Promise<string> {
    return this.putManifestBytes(repository, tag, JSON.stringify(manifest));
  }

  /**
   * PUT /v2/<name>/manifests/<reference> with these exact bytes. `reference` is a tag (the tag moves
   * here) or the manifest's own digest (no tag; a different digest is DIGEST_INVALID). Every blob (or,
   * for an index, every manifest) named must already be stored: MANIFEST_BLOB_UNKNOWN otherwise.
   */
  async putManifestBytes(repository: string, reference: string, json: string): Promise<string> {
    let parsed: LooseManifest;
    try {
      parsed = JSON.parse(json) as LooseManifest;
    } catch {
      throw new RegistryError('MANIFEST_INVALID', 'manifest invalid');
    }
    if (parsed.schemaVersion !== 2) throw new RegistryError('MANIFEST_INVALID', 'manifest invalid');
    if (parsed.mediaType === OCI_INDEX_MEDIA_TYPE || Array.isArray(parsed.manifests)) {
      for (const d of parsed.manifests ?? []) {
        if (!this.manifests.has(d.digest)) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `manifest blob unknown: ${d.digest}`);
      }
    } else {
      if (!parsed.config || !Array.isArray(parsed.layers)) throw new RegistryError('MANIFEST_INVALID', 'manifest invalid');
      for (const d of [parsed.config, ...parsed.layers]) {
        if (!this.blobs.has(d.digest)) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `manifest blob unknown: ${d.digest}`);
      }
    }
    const bytes = encoder.encode(json);
    const digest = await digestOf(bytes);
    if (reference.startsWith('sha256:') && reference !== digest)
      throw new RegistryError('DIGEST_INVALID', 'provided digest did not match uploaded content');
    if (!this.manifests.has(digest)) {
      this.ensureRoom(bytes.length);
      this.manifests.set(digest, json);
    }
    let members = this.members.get(repository);
    if (!members) this.members.set(repository, (members = new Set()));
    members.add(digest);
    if (!reference.startsWith('sha256:')) {
      let repoTags = this.tags.get(repository);
      if (!repoTags) this.tags.set(repository, (repoTags = new Map()));
      repoTags.set(reference, digest);
    }
    this.changed();
    return digest;
  }

  /** Points `tag` in `repository` at a manifest already in it (`oras tag`); the tag moves if it existed. */
  tag(repository: string, digest: string, tag: string): void {
    if (!this.inRepository(repository, digest)) throw new RegistryError('MANIFEST_UNKNOWN', 'manifest unknown');
    let repoTags = this.tags.get(repository);
    if (!repoTags) this.tags.set(repository, (repoTags = new Map()));
    repoTags.set(tag, digest);
    this.changed();
  }

  private inRepository(repository: string, digest: string): boolean {
    if (this.members.get(repository)?.has(digest)) return true;
    return [...(this.tags.get(repository)?.values() ?? [])].includes(digest);
  }

  /** The manifest a reference names (`repo:tag`, `repo@sha256:…`, or `repo` = `:latest`), if stored. */
  resolve(reference: string): ResolvedManifest | undefined {
    const ref = parseReference(reference);
    if (!ref) return undefined;
    let digest = ref.digest;
    if (digest === undefined) {
      const tag = tagOf(ref);
      digest = tag === undefined ? undefined : this.tags.get(ref.repository)?.get(tag);
    } else if (!this.inRepository(ref.repository, digest)) {
      return undefined;
    }
    const json = digest === undefined ? undefined : this.manifests.get(digest);
    if (digest === undefined || json === undefined) return undefined;
    const parsed = JSON.parse(json) as LooseManifest;
    const isIndex = parsed.mediaType === OCI_INDEX_MEDIA_TYPE || Array.isArray(parsed.manifests);
    const resolved: ResolvedManifest = {
      repository: ref.repository,
      digest,
      manifest: parsed as OciManifest,
      bytes: encoder.encode(json),
      mediaType: isIndex ? OCI_INDEX_MEDIA_TYPE : (parsed.mediaType ?? OCI_MANIFEST_MEDIA_TYPE),
    };
    if (isIndex) resolved.index = parsed as unknown as OciIndex;
    return resolved;
  }

  /** The manifest text under a digest, wherever it is tagged. */
  manifestText(digest: string): string | undefined {
    return this.manifests.get(digest);
  }

  /**
   * DELETE /v2/<name>/manifests/<digest>: the manifest leaves the repository with every tag on it.
   * Its blobs stay (a registry's garbage collector removes them later; the Dojo's does so at once when
   * nothing else names them). Returns false when the repository does not hold it.
   */
  deleteManifest(repository: string, digest: string): boolean {
    if (!this.inRepository(repository, digest)) return false;
    this.members.get(repository)?.delete(digest);
    if (this.members.get(repository)?.size === 0) this.members.delete(repository);
    const repoTags = this.tags.get(repository);
    for (const [t, d] of [...(repoTags ?? [])]) if (d === digest) repoTags!.delete(t);
    if (repoTags?.size === 0) this.tags.delete(repository);
    this.collectGarbage();
    this.changed();
    return true;
  }

  /** Drops manifests no repository names and blobs no manifest names. */
  private collectGarbage(): void {
    const live = new Set<string>();
    for (const t of this.tags.values()) for (const d of t.values()) live.add(d);
    for (const s of this.members.values()) for (const d of s) live.add(d);
    // An index keeps the manifests it lists.
    for (const d of [...live]) {
      const m = JSON.parse(this.manifests.get(d) ?? '{}') as Partial<OciIndex>;
      for (const child of m.manifests ?? []) live.add(child.digest);
    }
    for (const d of [...this.manifests.keys()]) if (!live.has(d)) this.manifests.delete(d);
    const liveBlobs = new Set<string>();
    for (const json of this.manifests.values()) {
      const m = JSON.parse(json) as Partial<OciManifest>;
      if (m.config) liveBlobs.add(m.config.digest);
      for (const l of m.layers ?? []) liveBlobs.add(l.digest);
    }
    for (const d of [...this.blobs.keys()]) if (!liveBlobs.has(d)) this.blobs.delete(d);
  }

  repositories(): string[] {
    return [...new Set([...this.tags.keys(), ...this.members.keys()])].sort();
  }

  tagsOf(repository: string): string[] {
    return [...(this.tags.get(repository)?.keys() ?? [])].sort();
  }

  /** Tag -> digest for a repository. */
  tagMap(repository: string): Map<string, string> {
    return new Map(this.tags.get(repository) ?? []);
  }

  login(server: string, username: string): void {
    this.logins.set(normalizeHost(server), username);
    this.changed();
  }

  logout(server: string): boolean {
    const had = this.logins.delete(normalizeHost(server));
    if (had) this.changed();
    return had;
  }

  loggedInAs(server: string): string | undefined {
    return this.logins.get(normalizeHost(server));
  }

  /** Empties the store (`dojo reset`). */
  clear(): void {
    const had = this.blobs.size + this.manifests.size + this.tags.size + this.members.size + this.logins.size > 0;
    this.blobs.clear();
    this.manifests.clear();
    this.tags.clear();
    this.members.clear();
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
      members: [...this.members].map(([repo, s]) => [repo, [...s]]),
      logins: [...this.logins],
    };
  }

  /**
   * Adds a snapshot's contents to the store after checking it hangs together (digests well-formed,
   * manifests parseable, tags pointing at stored manifests); its tags win over tags already here (the
   * learner's saved state over the start-up seeds). Throws, changing nothing, when it does not hang together.
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
      const m = JSON.parse(json) as LooseManifest;
      if (m.schemaVersion !== 2 || !((m.config && Array.isArray(m.layers)) || Array.isArray(m.manifests)))
        throw new Error(`manifest ${digest} is not an OCI image manifest or index`);
      manifests.set(digest, json);
    }
    const known = (d: string) => manifests.has(d) || this.manifests.has(d);
    const tags = new Map<string, Map<string, string>>();
    for (const [repo, entries] of snapshot.tags) {
      const t = new Map<string, string>();
      for (const [tag, digest] of entries) {
        if (!known(digest)) throw new Error(`tag ${repo}:${tag} points at a missing manifest`);
        t.set(tag, digest);
      }
      tags.set(repo, t);
    }
    const members = new Map<string, Set<string>>();
    for (const [repo, digests] of snapshot.members ?? []) {
      if (!Array.isArray(digests)) throw new Error(`bad members entry ${String(repo)}`);
      for (const d of digests) if (!known(d)) throw new Error(`${repo}@${d} is a missing manifest`);
      members.set(repo, new Set(digests));
    }
    const logins = new Map<string, string>();
    for (const [host, user] of snapshot.logins ?? []) {
      if (typeof host !== 'string' || typeof user !== 'string') throw new Error('bad login entry');
      logins.set(host, user);
    }
    for (const [k, v] of blobs) this.blobs.set(k, v);
    for (const [k, v] of manifests) this.manifests.set(k, v);
    for (const [k, v] of tags) {
      const mine = this.tags.get(k) ?? new Map<string, string>();
      for (const [t, d] of v) mine.set(t, d);
      this.tags.set(k, mine);
    }
    for (const [k, v] of members) this.members.set(k, new Set([...(this.members.get(k) ?? []), ...v]));
    for (const [k, v] of logins) this.logins.set(k, v);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** `https://ghcr.io/` and `ghcr.io` are the same server to a login; Docker Hub has three names. */
export function normalizeHost(server: string): string {
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
