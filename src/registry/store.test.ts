import { describe, expect, it } from 'vitest';
import { OciStore, OCI_MANIFEST_MEDIA_TYPE, digestOf } from './store';
import { parseReference } from './reference';
import { pullSpinApp, pushSpinApp, SPIN_APP_MEDIA_TYPE, WASM_LAYER_MEDIA_TYPE } from './artifacts/spin-app';
import { autoSaveOciStore, OCI_FORMAT, OCI_KEY, openRegistryDoc, restoreOciStore } from './persist';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('references', () => {
  it('splits registry, repository, tag and digest; a bare repository means :latest', () => {
    expect(parseReference('ghcr.io/user/app:0.1.0')).toEqual({ registry: 'ghcr.io', path: 'user/app', repository: 'ghcr.io/user/app', tag: '0.1.0' });
    expect(parseReference('localhost:5000/app')).toMatchObject({ registry: 'localhost:5000', repository: 'localhost:5000/app' });
    expect(parseReference('user/app:1')).toBeNull(); // no registry host
    expect(parseReference('ghcr.io/User/app')).toBeNull(); // repositories are lower case
    for (const bad of ['ttl.sh/../x:1', 'ttl.sh/a//b', 'ttl.sh/-a', 'ttl.sh/a./b', 'ttl.sh/a/']) expect(parseReference(bad), bad).toBeNull();
    expect(parseReference('ttl.sh/my_app__x/a-b.c:1h')).toMatchObject({ path: 'my_app__x/a-b.c', tag: '1h' });
  });
});

describe('OciStore', () => {
  it('stores blobs by their sha256 digest, once', async () => {
    const s = new OciStore();
    const d = await s.putBlob(bytes(1, 2, 3), 'application/octet-stream');
    expect(d).toEqual({ mediaType: 'application/octet-stream', digest: await digestOf(bytes(1, 2, 3)), size: 3 });
    // sha256("") is the well-known e3b0c442…
    expect((await s.putBlob(bytes(), 'x')).digest).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(s.getBlob(d.digest)).toEqual(bytes(1, 2, 3));
  });

  it('refuses a manifest whose blobs were never pushed, and resolves tags and digests per repository', async () => {
    const s = new OciStore();
    const layer = { mediaType: 'application/wasm', digest: await digestOf(bytes(9)), size: 1 };
    const config = await s.putBlob(bytes(123, 125), 'application/vnd.oci.image.config.v1+json');
    const manifest = { schemaVersion: 2 as const, mediaType: OCI_MANIFEST_MEDIA_TYPE, config, layers: [layer] };
    await expect(s.putManifest('ghcr.io/a/b', '1', manifest)).rejects.toThrow(/blob unknown/);
    await s.putBlob(bytes(9), 'application/wasm');
    const digest = await s.putManifest('ghcr.io/a/b', '1', manifest);
    expect(s.resolve('ghcr.io/a/b:1')?.digest).toBe(digest);
    expect(s.resolve(`ghcr.io/a/b@${digest}`)?.manifest.layers).toEqual([layer]);
    expect(s.resolve('ghcr.io/a/b')).toBeUndefined(); // no :latest pushed
    expect(s.resolve(`ghcr.io/a/other@${digest}`)).toBeUndefined(); // the digest belongs to another repository
    expect(s.tagsOf('ghcr.io/a/b')).toEqual(['1']);
  });
});

describe('a Spin app as an OCI artifact', () => {
  it('is a wasm layer per distinct module plus the app layer last, and pulls back as pushed', async () => {
    const s = new OciStore();
    const wasm = bytes(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
    const modules = new Map([
      ['a', wasm],
      ['b', wasm],
    ]);
    const digest = await pushSpinApp(
      s,
      'ttl.sh/app:1h',
      { manifestText: 'spin_manifest_version = 2\n', modules },
      { name: 'app', created: new Date(0) },
    );
    const m = s.resolve('ttl.sh/app:1h')!.manifest;
    expect(m.layers.map((l) => l.mediaType)).toEqual([WASM_LAYER_MEDIA_TYPE, SPIN_APP_MEDIA_TYPE]);
    expect(m.annotations).toMatchObject({ 'org.opencontainers.image.title': 'app', 'org.opencontainers.image.created': '1970-01-01T00:00:00Z' });
    const pulled = pullSpinApp(s, 'ttl.sh/app:1h');
    expect(pulled).toMatchObject({ ok: true, digest, app: { manifestText: 'spin_manifest_version = 2\n' } });
    expect(pulled.ok && [...pulled.app.modules.keys()]).toEqual(['a', 'b']);
    expect(pullSpinApp(s, 'ttl.sh/app:2h')).toEqual({ ok: false, reason: 'not-found' });
  });
});

function memStorage(initial: Record<string, unknown> = {}) {
  const m = new Map<string, unknown>(Object.entries(initial));
  return { m, get: (k: string) => m.get(k), set: (k: string, v: unknown) => void m.set(k, v) };
}

describe('persistence', () => {
  it('a pushed app survives a reload (save, then restore into a new store)', async () => {
    const storage = memStorage();
    const before = new OciStore();
    const stop = autoSaveOciStore(before, openRegistryDoc(storage), { debounceMs: 1 });
    await pushSpinApp(before, 'ttl.sh/app:1h', { manifestText: 'x', modules: new Map([['a', bytes(1)]]) }, { name: 'app', created: new Date(0) });
    stop(); // flushes the pending save
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.m.get(OCI_KEY)).toMatchObject({ format: OCI_FORMAT, version: 1 });
    const after = new OciStore();
    expect(await restoreOciStore(after, openRegistryDoc(storage))).toEqual({ source: 'saved' });
    expect(pullSpinApp(after, 'ttl.sh/app:1h').ok).toBe(true);
  });

  it('keeps an unreadable document aside under its own key, tells once, and starts empty', async () => {
    const bad = { format: OCI_FORMAT, version: 1, savedAt: 0, data: { blobs: [['sha256:nope', bytes()]], manifests: [], tags: [] } };
    const storage = memStorage({ [OCI_KEY]: bad });
    const store = new OciStore();
    const first = await restoreOciStore(store, openRegistryDoc(storage, { now: () => 1 }));
    expect(first.source).toBe('recovered');
    expect(first.message).toMatch(
      /^dojo: your saved local registry could not be read \(bad blob entry sha256:nope\); it was kept aside as 'wasm-dojo:oci:broken:1/,
    );
    expect(storage.m.get(`${OCI_KEY}:broken:1`)).toEqual(bad);
    // Reloaded with the same damage: not copied or told again.
    expect(await restoreOciStore(store, openRegistryDoc(storage, { now: () => 2 }))).toEqual({ source: 'recovered' });
    expect(store.repositories()).toEqual([]);
  });
});
