/**
 * How each client lays a Wasm module out as an OCI artifact, and the exact JSON bytes it pushes (the
 * manifest digest is over those bytes, so field order matters):
 *
 * - Go clients marshal image-spec's structs with encoding/json: fields in struct order (manifest:
 *   schemaVersion, mediaType, artifactType, config, layers, subject, annotations; descriptor:
 *   mediaType, digest, size, urls, annotations, data, platform, artifactType), map keys sorted, no
 *   spaces, and `<`, `>`, `&` escaped as \u003c… (Go's HTML-safe default).
 * - wasm-to-oci v0.1.2 (engineerd/wasm-to-oci 5d8576f, pkg/oci/push.go, mediatypes.go) goes through
 *   oras-go v0.4.0 (pkg/oras/push.go `pack`, pkg/content/memory.go `Add`): image-spec v1.0 manifest with
 *   NO mediaType field, config `application/vnd.wasm.config.v1+json` holding the two bytes `{}`, one
 *   layer `application/vnd.wasm.content.layer.v1+wasm` titled with the module path as typed.
 * - oras v1.2.0 (cmd/oras/root/push.go, file.go) packs with oras-go v2.5.0 (pack.go): image-spec v1.1 by
 *   default, artifactType `application/vnd.unknown.artifact.v1` when none is given, config = the empty
 *   descriptor (`{}` with `data: "e30="`), a file's layer type `application/vnd.oci.image.layer.v1.tar`
 *   unless `file:type` says otherwise, each layer titled with the file name, and an
 *   `org.opencontainers.image.created` annotation (RFC 3339, UTC, seconds). `--config` without
 *   `--artifact-type` switches to image-spec v1.0 (no artifactType).
 * - wkg v0.16.1 (wasm-pkg-tools crates/wkg/src/oci.rs with oci-wasm) and the CNCF TAG-Runtime layout:
 *   config `application/vnd.wasm.config.v0+json` (`architecture: "wasm"`, `os`, `layerDigests`), one
 *   `application/wasm` layer.
 * - Spin: registry/artifacts/spin-app.ts.
 */
import { digestOf, OCI_MANIFEST_MEDIA_TYPE, type OciDescriptor, type OciStore, RegistryError } from './store';
import { parseReference, tagOf } from './reference';

export const MEDIA = {
  manifest: OCI_MANIFEST_MEDIA_TYPE,
  index: 'application/vnd.oci.image.index.v1+json',
  empty: 'application/vnd.oci.empty.v1+json',
  imageConfig: 'application/vnd.oci.image.config.v1+json',
  orasDefaultLayer: 'application/vnd.oci.image.layer.v1.tar',
  orasUnknownArtifact: 'application/vnd.unknown.artifact.v1',
  orasUnknownConfig: 'application/vnd.unknown.config.v1+json',
  wasmToOciConfig: 'application/vnd.wasm.config.v1+json',
  wasmToOciLayer: 'application/vnd.wasm.content.layer.v1+wasm',
  wasmConfigV0: 'application/vnd.wasm.config.v0+json',
  wasm: 'application/wasm',
  spinApp: 'application/vnd.fermyon.spin.application.v1+config',
  spinData: 'application/vnd.wasm.content.layer.v1+data',
} as const;

const TITLE = 'org.opencontainers.image.title';
export const CREATED = 'org.opencontainers.image.created';
/** sha256 of the two bytes `{}` (image-spec's empty descriptor). */
export const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

/** Go's json.Marshal for a string: HTML-safe escapes included. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function goMap(m: Record<string, string>): string {
  return `{${Object.keys(m)
    .sort()
    .map((k) => `${goString(k)}:${goString(m[k]!)}`)
    .join(',')}}`;
}

/** A descriptor as Go's ocispec.Descriptor marshals. */
export function goDescriptor(d: OciDescriptor): string {
  const parts = [`"mediaType":${goString(d.mediaType)}`, `"digest":${goString(d.digest)}`, `"size":${d.size}`];
  if (d.urls?.length) parts.push(`"urls":[${d.urls.map(goString).join(',')}]`);
  if (d.annotations && Object.keys(d.annotations).length) parts.push(`"annotations":${goMap(d.annotations)}`);
  if (d.data !== undefined) parts.push(`"data":${goString(d.data)}`);
  if (d.artifactType) parts.push(`"artifactType":${goString(d.artifactType)}`);
  return `{${parts.join(',')}}`;
}

/** An image manifest as Go's ocispec.Manifest marshals (mediaType left out when the struct has none, as in v1.0.x). */
export function goManifest(m: {
  mediaType?: string;
  artifactType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  subject?: OciDescriptor;
  annotations?: Record<string, string>;
}): string {
  const parts = ['"schemaVersion":2'];
  if (m.mediaType) parts.push(`"mediaType":${goString(m.mediaType)}`);
  if (m.artifactType) parts.push(`"artifactType":${goString(m.artifactType)}`);
  parts.push(`"config":${goDescriptor(m.config)}`);
  parts.push(`"layers":[${m.layers.map(goDescriptor).join(',')}]`);
  if (m.subject) parts.push(`"subject":${goDescriptor(m.subject)}`);
  if (m.annotations && Object.keys(m.annotations).length) parts.push(`"annotations":${goMap(m.annotations)}`);
  return `{${parts.join(',')}}`;
}

/** RFC 3339 in UTC to the second, as Go's time.Format(time.RFC3339) writes a UTC time. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface LayerInput {
  bytes: Uint8Array;
  mediaType: string;
  annotations?: Record<string, string>;
}

export interface PushResult {
  digest: string;
  /** The manifest's exact text. */
  json: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  /** Blobs the repository already had (oras prints `Exists` for them). */
  existed: Set<string>;
}

/**
 * Pushes blobs, then the manifest `build` writes from their descriptors, to `reference` (its tag, or
 * its digest when it names only a digest). Auth is the caller's (each client words its own refusal).
 */
export async function pushLayout(
  store: OciStore,
  reference: string,
  config: LayerInput,
  layers: LayerInput[],
  build: (config: OciDescriptor, layers: OciDescriptor[]) => string,
): Promise<PushResult> {
  const ref = parseReference(reference);
  if (!ref) throw new RegistryError('NAME_INVALID', `invalid reference ${reference}`);
  const existed = new Set<string>();
  const put = async (l: LayerInput) => {
    const known = store.blobInRepository(ref.repository, await digestOf(l.bytes));
    const d = await store.putBlob(l.bytes, l.mediaType, l.annotations);
    if (known) existed.add(d.digest);
    return d;
  };
  const layerDescs: OciDescriptor[] = [];
  for (const l of layers) layerDescs.push(await put(l));
  const configDesc = await put(config);
  const json = build(configDesc, layerDescs);
  const target = tagOf(ref) ?? ref.digest!;
  const digest = await store.putManifestBytes(ref.repository, target, json);
  return { digest, json, config: configDesc, layers: layerDescs, existed };
}

const enc = new TextEncoder();

/** wasm-to-oci push: `{}` config of its own type, one titled layer, a v1.0 manifest without mediaType. */
export function pushWasmToOci(store: OciStore, reference: string, module: Uint8Array, name: string): Promise<PushResult> {
  return pushLayout(
    store,
    reference,
    { bytes: enc.encode('{}'), mediaType: MEDIA.wasmToOciConfig },
    [{ bytes: module, mediaType: MEDIA.wasmToOciLayer, annotations: { [TITLE]: name } }],
    (config, layers) => goManifest({ config, layers }),
  );
}

export interface OrasFile {
  name: string;
  bytes: Uint8Array;
  mediaType?: string;
}

export interface OrasPushOptions {
  artifactType?: string;
  config?: { bytes: Uint8Array; mediaType: string };
  imageSpec?: 'v1.0' | 'v1.1';
  annotations?: Record<string, string>;
  created: Date;
}

/** What `oras push` decides before packing (cmd/oras/root/push.go PreRunE). Returns the error text when it refuses. */
export function orasPackPlan(opts: {
  artifactType?: string;
  hasConfig: boolean;
  imageSpec?: 'v1.0' | 'v1.1';
}): { ok: true; version: 'v1.0' | 'v1.1'; artifactType?: string } | { ok: false; error: string; recommendation?: string } {
  let version = opts.imageSpec ?? 'v1.1';
  let artifactType = opts.artifactType;
  if (opts.hasConfig && !artifactType) {
    if (!opts.imageSpec) version = 'v1.0';
    else if (opts.imageSpec === 'v1.1')
      return {
        ok: false,
        error: 'missing artifact type for OCI image-spec v1.1 artifacts',
        recommendation: 'set an artifact type via `--artifact-type` or consider image spec v1.0',
      };
  }
  if (version === 'v1.0' && opts.hasConfig && artifactType)
    return { ok: false, error: '--artifact-type and --config cannot both be provided for 1.0 OCI image' };
  if (version === 'v1.1' && !opts.hasConfig && !artifactType) artifactType = MEDIA.orasUnknownArtifact;
  return artifactType === undefined ? { ok: true, version } : { ok: true, version, artifactType };
}

/** oras push with oras-go v2.5.0's PackManifest. */
export function pushOras(store: OciStore, reference: string, files: OrasFile[], opts: OrasPushOptions): Promise<PushResult> {
  const plan = orasPackPlan({
    hasConfig: !!opts.config,
    ...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
    ...(opts.imageSpec ? { imageSpec: opts.imageSpec } : {}),
  });
  if (!plan.ok) throw new RegistryError('MANIFEST_INVALID', plan.error);
  const annotations = { ...(opts.annotations ?? {}) };
  if (!annotations[CREATED]) annotations[CREATED] = rfc3339(opts.created);
  const layers: LayerInput[] = files.map((f) => ({
    bytes: f.bytes,
    mediaType: f.mediaType || MEDIA.orasDefaultLayer,
    annotations: { [TITLE]: f.name },
  }));
  const v11 = plan.version === 'v1.1';
  // v1.1 with no config: the empty descriptor; with no files: the empty descriptor as the only layer.
  // v1.0 with no config: a `{}` config typed with the artifact type (or the unknown config type).
  const config: LayerInput = opts.config ?? {
    bytes: enc.encode('{}'),
    mediaType: v11 ? MEDIA.empty : (plan.artifactType ?? MEDIA.orasUnknownConfig),
  };
  const emptyLayer = v11 && layers.length === 0;
  if (emptyLayer) layers.push({ bytes: enc.encode('{}'), mediaType: MEDIA.empty });
  return pushLayout(store, reference, config, layers, (c, ls) => {
    const configDesc = v11 && !opts.config ? { ...c, data: 'e30=' } : c;
    const layerDescs = emptyLayer ? [{ mediaType: MEDIA.empty, digest: EMPTY_DIGEST, size: 2, data: 'e30=' }] : ls;
    return goManifest({
      mediaType: MEDIA.manifest,
      ...(v11 && plan.artifactType ? { artifactType: plan.artifactType } : {}),
      config: configDesc,
      layers: layerDescs,
      annotations,
    });
  });
}

/** The CNCF Wasm artifact config (`application/vnd.wasm.config.v0+json`) for one module layer. */
export function wasmConfigV0(opts: { created: Date; os: 'wasip1' | 'wasip2'; layerDigest: string; author?: string }): string {
  const cfg: Record<string, unknown> = { created: rfc3339(opts.created) };
  if (opts.author) cfg['author'] = opts.author;
  cfg['architecture'] = 'wasm';
  cfg['os'] = opts.os;
  cfg['layerDigests'] = [opts.layerDigest];
  return JSON.stringify(cfg);
}

/**
 * The CNCF layout as `oras push --config config.json:application/vnd.wasm.config.v0+json REF
 * app.wasm:application/wasm` writes it (image-spec v1.0, no artifactType), or as wkg writes it for a
 * component (`os: wasip2`). The config's layerDigests needs the layer digest first.
 */
export async function pushCncfWasm(
  store: OciStore,
  reference: string,
  module: Uint8Array,
  name: string,
  opts: { created: Date; os: 'wasip1' | 'wasip2'; author?: string; annotations?: Record<string, string> },
): Promise<PushResult> {
  const layerDigest = await digestOf(module);
  const config = enc.encode(wasmConfigV0({ created: opts.created, os: opts.os, layerDigest, ...(opts.author ? { author: opts.author } : {}) }));
  return pushOras(store, reference, [{ name, bytes: module, mediaType: MEDIA.wasm }], {
    config: { bytes: config, mediaType: MEDIA.wasmConfigV0 },
    created: opts.created,
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  });
}
