import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DigestMismatchError, digestOf, OciStore, RegistryError } from './store';
import { MEDIA, pushOras, pushWasmToOci, pushCncfWasm, goManifest, EMPTY_DIGEST, orasPackPlan } from './layouts';
import { pullArtifact, SEEDED, seedRegistry } from './index';
import { anonymousPushAllowed, mayPush } from './auth';

const enc = new TextEncoder();
const modulesDir = fileURLToPath(new URL('../../public/modules/', import.meta.url));
const readModule = (f: string) => new Uint8Array(readFileSync(modulesDir + f));

describe('digests', () => {
  it('match the published SHA-256 test vectors (FIPS 180-2) and image-spec’s empty blob', async () => {
    expect(await digestOf(enc.encode('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await digestOf(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      'sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(await digestOf(new Uint8Array())).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await digestOf(enc.encode('{}'))).toBe(EMPTY_DIGEST);
  });

  it('equal `sha256sum` of our module files', async () => {
    for (const f of ['hello.wasm', 'wagi-hello.wasm', 'upper.wasm']) {
      const line = execFileSync('sha256sum', [modulesDir + f], { encoding: 'utf8' });
      expect(await digestOf(readModule(f)), f).toBe(`sha256:${line.split(' ')[0]}`);
    }
  });
});

describe('manifests as each tool writes them', () => {
  it('wasm-to-oci: no mediaType field, {} config of its own type, one titled layer (its README’s shape)', async () => {
    const s = new OciStore();
    const wasm = readModule('hello.wasm');
    const r = await pushWasmToOci(s, 'localhost:5000/hello:v1', wasm, 'hello.wasm');
    const d = await digestOf(wasm);
    expect(r.json).toBe(
      `{"schemaVersion":2,"config":{"mediaType":"application/vnd.wasm.config.v1+json","digest":"${EMPTY_DIGEST}","size":2},"layers":[{"mediaType":"application/vnd.wasm.content.layer.v1+wasm","digest":"${d}","size":${wasm.length},"annotations":{"org.opencontainers.image.title":"hello.wasm"}}]}`,
    );
    expect(r.digest).toBe(await digestOf(enc.encode(r.json)));
  });

  it('oras v1.2: v1.1 manifest, unknown artifactType, empty config with data, default tar layer type, created annotation', async () => {
    const s = new OciStore();
    const r = await pushOras(s, 'localhost:5000/hi:v1', [{ name: 'hi.txt', bytes: enc.encode('hi\n') }], { created: new Date(Date.UTC(2024, 4, 1)) });
    const m = JSON.parse(r.json);
    expect(Object.keys(m)).toEqual(['schemaVersion', 'mediaType', 'artifactType', 'config', 'layers', 'annotations']);
    expect(m.artifactType).toBe('application/vnd.unknown.artifact.v1');
    expect(m.config).toEqual({ mediaType: 'application/vnd.oci.empty.v1+json', digest: EMPTY_DIGEST, size: 2, data: 'e30=' });
    expect(m.layers[0]).toMatchObject({
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      annotations: { 'org.opencontainers.image.title': 'hi.txt' },
    });
    expect(m.annotations).toEqual({ 'org.opencontainers.image.created': '2024-05-01T00:00:00Z' });
  });

  it('oras: --config without --artifact-type is image-spec v1.0; with --image-spec v1.1 it is refused', () => {
    expect(orasPackPlan({ hasConfig: true })).toEqual({ ok: true, version: 'v1.0' });
    expect(orasPackPlan({ hasConfig: true, imageSpec: 'v1.1' })).toMatchObject({
      ok: false,
      error: 'missing artifact type for OCI image-spec v1.1 artifacts',
    });
    expect(orasPackPlan({ hasConfig: false })).toEqual({ ok: true, version: 'v1.1', artifactType: 'application/vnd.unknown.artifact.v1' });
  });

  it('the CNCF layout: wasm config v0 with architecture wasm and the layer digest; application/wasm layer', async () => {
    const s = new OciStore();
    const wasm = readModule('hello.wasm');
    const r = await pushCncfWasm(s, 'ghcr.io/a/b:1', wasm, 'hello.wasm', { created: new Date(0), os: 'wasip1' });
    const m = JSON.parse(r.json);
    expect(m.config.mediaType).toBe(MEDIA.wasmConfigV0);
    expect(m.artifactType).toBeUndefined();
    expect(m.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual(['application/wasm']);
    const cfg = JSON.parse(new TextDecoder().decode(s.getBlob(m.config.digest)!));
    expect(cfg).toEqual({ created: '1970-01-01T00:00:00Z', architecture: 'wasm', os: 'wasip1', layerDigests: [await digestOf(wasm)] });
  });

  it('Go escapes <, > and & in strings as encoding/json does', () => {
    const json = goManifest({ config: { mediaType: 'x', digest: EMPTY_DIGEST, size: 2 }, layers: [], annotations: { a: '<&>' } });
    expect(json).toContain('"a":"\\u003c\\u0026\\u003e"');
  });
});

describe('tags and digests', () => {
  it('a tag moves on re-push; the old digest still names the old manifest; push by digest adds no tag', async () => {
    const s = new OciStore();
    const one = await pushWasmToOci(s, 'ghcr.io/me/app:v1', enc.encode('\0asm one'), 'a.wasm');
    const two = await pushWasmToOci(s, 'ghcr.io/me/app:v1', enc.encode('\0asm two'), 'a.wasm');
    expect(one.digest).not.toBe(two.digest);
    expect(s.resolve('ghcr.io/me/app:v1')?.digest).toBe(two.digest);
    expect(s.resolve(`ghcr.io/me/app@${one.digest}`)?.manifest.layers[0]?.size).toBe(8);
    const three = await pushWasmToOci(s, `ghcr.io/me/app@sha256:${'0'.repeat(64)}`, enc.encode('x'), 'x').catch((e: unknown) => e);
    expect(three).toBeInstanceOf(RegistryError);
    expect((three as RegistryError).code).toBe('DIGEST_INVALID');
    expect(s.tagsOf('ghcr.io/me/app')).toEqual(['v1']);
  });

  it('tag, delete a manifest (its tags go with it), list tags', async () => {
    const s = new OciStore();
    const r = await pushWasmToOci(s, 'localhost:5000/x:1', enc.encode('m'), 'm.wasm');
    s.tag('localhost:5000/x', r.digest, 'stable');
    expect(s.tagsOf('localhost:5000/x')).toEqual(['1', 'stable']);
    expect(() => s.tag('localhost:5000/y', r.digest, 'z')).toThrow(/manifest unknown/);
    expect(s.deleteManifest('localhost:5000/x', r.digest)).toBe(true);
    expect(s.tagsOf('localhost:5000/x')).toEqual([]);
    expect(s.resolve(`localhost:5000/x@${r.digest}`)).toBeUndefined();
    expect(s.usage().blobs).toBe(0); // nothing names the blobs any more
  });

  it('several hosts in one store', async () => {
    const s = new OciStore();
    await pushWasmToOci(s, 'ghcr.io/a/b:1', enc.encode('1'), 'a');
    await pushWasmToOci(s, 'docker.io/a/b:1', enc.encode('2'), 'a');
    await pushWasmToOci(s, 'localhost:5000/a/b:1', enc.encode('3'), 'a');
    expect(s.repositories()).toEqual(['docker.io/a/b', 'ghcr.io/a/b', 'localhost:5000/a/b']);
  });
});

describe('quota and corruption', () => {
  it('refuses a blob past the quota with a clear error, storing nothing', async () => {
    const s = new OciStore({ quotaBytes: 1000 });
    await s.putBlob(new Uint8Array(600), 'x');
    const err = await s.putBlob(new Uint8Array(500).fill(1), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('QUOTA_EXCEEDED');
    expect((err as Error).message).toMatch(/registry is full: 500 more bytes needed, 400 free of 1000/);
    expect(s.usage().blobBytes).toBe(600);
  });

  it('a tampered blob keeps its key but fails verification on fetch and on pullArtifact', async () => {
    const s = new OciStore();
    const r = await pushWasmToOci(s, 'localhost:5000/t:1', readModule('hello.wasm'), 'hello.wasm');
    const layer = r.layers[0]!.digest;
    expect(s.tamperBlob(layer, enc.encode('evil'))).toBe(true);
    const err = await s.fetchBlob(layer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestMismatchError);
    expect((err as DigestMismatchError).actual).toBe(await digestOf(enc.encode('evil')));
    const pulled = await pullArtifact(s, 'localhost:5000/t:1');
    expect(pulled).toMatchObject({ ok: false, code: 'DIGEST_MISMATCH', expected: layer, what: 'blob' });
  });
});

describe('auth', () => {
  it('public registries need a login to push; local ones and ttl.sh do not', () => {
    const s = new OciStore();
    expect(anonymousPushAllowed('localhost:5000')).toBe(true);
    expect(anonymousPushAllowed('ttl.sh')).toBe(true);
    expect(mayPush(s, 'ghcr.io')).toBe(false);
    s.login('https://ghcr.io', 'me');
    expect(mayPush(s, 'ghcr.io')).toBe(true);
    expect(mayPush(s, 'docker.io')).toBe(false);
    expect(s.snapshot().logins).toEqual([['ghcr.io', 'me']]);
  });
});

describe('seeds and pullArtifact', () => {
  it('seeds the primer’s and SpinKube’s images from our modules; pulls come back digest-verified', async () => {
    const s = new OciStore();
    expect(await seedRegistry(s, readModule)).toEqual([SEEDED.helloWasm, SEEDED.myApi, SEEDED.spinRustHello]);
    expect(await seedRegistry(s, readModule)).toEqual([]); // idempotent
    const hello = await pullArtifact(s, SEEDED.helloWasm);
    expect(hello).toMatchObject({ ok: true, kind: 'wasi', architecture: 'wasm' });
    expect(hello.ok && hello.module).toEqual(readModule('hello.wasm'));
    const api = await pullArtifact(s, SEEDED.myApi);
    expect(api).toMatchObject({ ok: true, kind: 'spin', architecture: 'wasm' });
    expect(api.ok && api.spin?.manifestText).toMatch(/name = "my-api"/);
    expect(api.ok && [...api.spin!.modules.keys()]).toEqual(['my-api']);
    expect(await pullArtifact(s, SEEDED.spinRustHello)).toMatchObject({ ok: true, kind: 'spin' });
    expect(await pullArtifact(s, 'ghcr.io/example/nope:1')).toMatchObject({ ok: false, code: 'MANIFEST_UNKNOWN' });
    // Same bytes, same digests, on every machine.
    const again = new OciStore();
    await seedRegistry(again, readModule);
    expect(again.resolve(SEEDED.helloWasm)?.digest).toBe(s.resolve(SEEDED.helloWasm)?.digest);
  });
});
