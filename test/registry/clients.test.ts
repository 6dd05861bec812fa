/**
 * The OCI clients against one registry, through the whole product (makeDojo): push with one client,
 * pull with another, and the bytes and digests stay identical; auth before login; a tampered layer
 * refused by every client; `spin registry push` then `spin up --from` serving the app; the seeds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeDojo, type DojoRig } from '../support/dojo';
import { digestOf, OciStore } from '../../src/registry/store';
import { createMachine } from '../../src/machine/services';

const hello = new Uint8Array(readFileSync(fileURLToPath(new URL('../../public/modules/hello.wasm', import.meta.url))));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function rig(): Promise<DojoRig> {
  const d = await makeDojo({ tty: false });
  await d.modulesReady;
  return d;
}

async function ok(d: DojoRig, line: string) {
  const r = await d.type(line);
  expect(r.status, `${line}\n${r.out}`).toBe(0);
  return r;
}

describe('push with one client, pull with another', () => {
  it('wasm-to-oci push → oras pull: the file comes back under its title, same bytes; digests agree', async () => {
    const d = await rig();
    const pushed = await ok(d, 'wasm-to-oci push hello.wasm localhost:5000/hello:v1');
    const manifestDigest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.stderr)![1]!;
    await ok(d, 'mkdir out');
    const pulled = await ok(d, 'oras pull localhost:5000/hello:v1 -o out');
    expect(pulled.stdout).toBe(
      `Downloading ${(await digestOf(hello)).slice(7, 19)} hello.wasm\nDownloaded  ${(await digestOf(hello)).slice(7, 19)} hello.wasm\nPulled [registry] localhost:5000/hello:v1\nDigest: ${manifestDigest}\n`,
    );
    expect(d.fs.readFile('/home/learner/out/hello.wasm')).toEqual(hello);
    // The manifest oras fetches hashes to the digest wasm-to-oci printed.
    const fetched = await ok(d, 'oras manifest fetch localhost:5000/hello:v1');
    expect(await digestOf(new TextEncoder().encode(fetched.stdout))).toBe(manifestDigest);
    expect(JSON.parse(fetched.stdout)).not.toHaveProperty('mediaType');
  });

  it('oras push (CNCF layout) → wkg oci pull and wasm-to-oci refuses it; pull by digest', async () => {
    const d = await rig();
    await ok(d, `echo '{"architecture":"wasm","os":"wasip1"}' > config.json`);
    const pushed = await ok(
      d,
      'oras push --config config.json:application/vnd.wasm.config.v0+json localhost:5000/app:v1 hello.wasm:application/wasm',
    );
    expect(pushed.stdout).toContain('ArtifactType: application/vnd.wasm.config.v0+json\n');
    const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1]!;
    const w = await ok(d, `wkg oci pull localhost:5000/app@${digest} -o from-wkg.wasm`);
    expect(w.stdout).toBe(`Successfully wrote localhost:5000/app@${digest} to from-wkg.wasm\n`);
    expect(d.fs.readFile('/home/learner/from-wkg.wasm')).toEqual(hello);
    const refused = await d.type('wasm-to-oci pull localhost:5000/app:v1');
    expect(refused.status).toBe(2);
  });

  it('wkg pulls the seeded hello-wasm image; wkg push refuses a core module with wkg’s error', async () => {
    const d = await rig();
    const r = await ok(d, 'wkg oci pull ghcr.io/example/hello-wasm:latest');
    expect(r.stdout).toBe('Successfully wrote ghcr.io/example/hello-wasm:latest to example_hello-wasm.wasm\n');
    expect(d.fs.readFile('/home/learner/example_hello-wasm.wasm')).toEqual(hello);
    const push = await d.type('wkg oci push localhost:5000/x:1 hello.wasm');
    expect(push.status).toBe(1);
    expect(push.stderr).toMatch(/^Error: Unable to parse component\n\nCaused by:\n {4}failed to decode WIT component\n/);
    const wrongLayout = await d.type('wkg oci pull ghcr.io/example/my-api:latest');
    expect(wrongLayout.stderr).toContain('Wasm components must have a config of type application/vnd.wasm.config.v0+json');
  });
});

describe('auth as the clients see it', () => {
  it('a push to ghcr.io before login is refused with each client’s text, then one dojo: line; after login it works', async () => {
    const d = await rig();
    const oras = await d.type('oras push ghcr.io/myorg/myapp:v1.0.0 hello.wasm');
    expect(oras.status).toBe(1);
    expect(oras.stderr.split('\n')[0]).toBe(
      'Error response from registry: unauthorized: unauthenticated: User cannot be authenticated with the token provided.',
    );
    expect(oras.stderr.match(/^dojo: /gm)).toHaveLength(1);
    const w2o = await d.type('wasm-to-oci push hello.wasm ghcr.io/myorg/myapp:v1.0.0');
    expect(w2o.stderr).toMatch(
      /^Error: unexpected status from POST request to https:\/\/ghcr.io\/v2\/myorg\/myapp\/blobs\/uploads\/: 401 Unauthorized\n/,
    );
    expect(d.services.machine.registry.resolve('ghcr.io/myorg/myapp:v1.0.0')).toBeUndefined();
    const login = await ok(d, 'echo secret | oras login ghcr.io -u me --password-stdin');
    expect(login.stdout.split('\n')[0]).toBe('Login Succeeded');
    await ok(d, 'wasm-to-oci push hello.wasm ghcr.io/myorg/myapp:v1.0.0');
    // The password is nowhere in what the Dojo keeps.
    expect(JSON.stringify(d.services.machine.registry.snapshot().logins)).not.toContain('secret');
  });

  it('public sample images pull without login', async () => {
    const d = await rig();
    await ok(d, 'oras pull ghcr.io/example/hello-wasm:latest');
    expect(d.fs.readFile('/home/learner/hello.wasm')).toEqual(hello);
  });
});

describe('tags move, digests do not', () => {
  it('re-pushing a tag moves it; the old digest still pulls the old bytes', async () => {
    const d = await rig();
    const one = await ok(d, 'oras push localhost:5000/t:v1 hello.wasm');
    const first = /Digest: (\S+)/.exec(one.stdout)![1]!;
    await ok(d, 'echo changed > hello.wasm');
    const two = await ok(d, 'oras push localhost:5000/t:v1 hello.wasm');
    const second = /Digest: (\S+)/.exec(two.stdout)![1]!;
    expect(second).not.toBe(first);
    await ok(d, 'mkdir a b');
    await ok(d, `oras pull localhost:5000/t@${first} -o a`);
    await ok(d, 'oras pull localhost:5000/t:v1 -o b');
    expect(d.fs.readFile('/home/learner/a/hello.wasm')).toEqual(hello);
    expect(d.fs.readText('/home/learner/b/hello.wasm')).toBe('changed\n');
    await ok(d, `oras tag localhost:5000/t@${first} stable`);
    expect((await ok(d, 'oras repo tags localhost:5000/t')).stdout).toBe('stable\nv1\n');
  });
});

describe('a tampered layer', () => {
  it('is refused by oras, wasm-to-oci, wkg and spin, and no file is written', async () => {
    const d = await rig();
    await ok(d, 'oras push localhost:5000/evil:1 hello.wasm:application/wasm');
    await ok(d, 'dojo-registry tamper localhost:5000/evil:1');
    await ok(d, 'mkdir out');
    const oras = await d.type('oras pull localhost:5000/evil:1 -o out');
    expect(oras.status).toBe(1);
    expect(oras.stderr.split('\n')[0]).toBe('Error: failed to copy content to /home/learner/out/hello.wasm: mismatched digest');
    expect(d.fs.exists('/home/learner/out/hello.wasm')).toBe(false);
    const blob = await d.type(`oras blob fetch -o x localhost:5000/evil@${await digestOf(hello)}`);
    expect(blob.stderr).toBe('Error: mismatched digest\n');
    const spin = await d.type('spin up --from ghcr.io/example/my-api:latest');
    expect(spin.status).toBe(0); // untouched image still runs
    await d.type('kill %1');
    await ok(d, 'dojo-registry tamper ghcr.io/example/my-api:latest');
    const refused = await d.type('spin up --from ghcr.io/example/my-api:latest');
    expect(refused.status).toBe(1);
    expect(strip(refused.stderr)).toMatch(
      /cannot pull Spin application from registry reference "ghcr.io\/example\/my-api:latest"\n\nCaused by:\n {6}layer digest mismatch: expected sha256:/,
    );
  });
});

describe('spin registry push, then spin up --from', () => {
  it('serves the pushed app, with Spin’s layout and `Pushed with digest`', async () => {
    const d = await rig();
    await ok(d, 'spin new -t http-rust my-app --accept-defaults');
    await ok(d, 'cd my-app');
    await ok(d, 'rustup target add wasm32-wasip1');
    await ok(d, 'spin build');
    const denied = await d.type('spin registry push ghcr.io/me/my-app:v1');
    expect(denied.status).toBe(1);
    expect(strip(denied.stderr)).toMatch(
      /^Error: cannot push Spin application\n\nCaused by:\n {6}Server error: url https:\/\/ghcr.io\/v2\/me\/my-app\/blobs\/uploads\/, code: 401, message: \{"errors":\[\{"code":"UNAUTHORIZED"/,
    );
    await ok(d, 'spin registry login ghcr.io -u me -p pw');
    const pushed = await ok(d, 'spin registry push --annotation com.example.team=dojo ghcr.io/me/my-app:v1');
    const digest = /Pushed with digest (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1]!;
    const m = JSON.parse((await ok(d, `oras manifest fetch ghcr.io/me/my-app@${digest}`)).stdout);
    expect(m.config.mediaType).toBe('application/vnd.oci.image.config.v1+json');
    expect(m.annotations).toMatchObject({ 'org.opencontainers.image.title': 'my-app', 'com.example.team': 'dojo' });
    expect(m.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual([
      'application/vnd.wasm.content.layer.v1+wasm',
      'application/vnd.fermyon.spin.application.v1+config',
    ]);
    await ok(d, 'cd /tmp');
    await ok(d, `spin up --from ghcr.io/me/my-app@${digest} --listen 127.0.0.1:3001`);
    const curl = await ok(d, 'curl -s http://127.0.0.1:3001/');
    expect(curl.stdout.length).toBeGreaterThan(0);
  });

  it('runs the seeded SpinKube sample: /hello answers Hello world from Spin!', async () => {
    const d = await rig();
    await ok(d, 'spin up -f ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0');
    expect((await ok(d, 'curl -s http://127.0.0.1:3000/hello')).stdout).toBe('Hello world from Spin!\n');
  });
});

describe('storage view and persistence', () => {
  it('dojo-registry df lists each host and the quota', async () => {
    const d = await rig();
    await ok(d, 'oras push localhost:5000/x:1 hello.wasm');
    const df = await ok(d, 'dojo-registry df');
    expect(df.stdout).toMatch(/^REGISTRY {9}REPOSITORIES {3}TAGS {3}MANIFESTS {3}SIZE\nghcr\.io {10}3 {14}3 {6}3 {11}\d/);
    expect(df.stdout).toMatch(/\nlocalhost:5000 {3}1 {14}1 {6}1 {11}4\.\d+kB\n/);
    expect(df.stdout).toMatch(/used of the 256MiB quota \(0\.\d\d%\)/);
  });
});

describe('dojo reset and reloads', () => {
  it('dojo reset empties the registry (pushes and logins) and the sample images come back', async () => {
    const d = await rig();
    await ok(d, 'oras login ghcr.io -u me -p pw');
    await ok(d, 'oras push ghcr.io/me/x:1 hello.wasm');
    await ok(d, 'dojo reset -y');
    await d.modulesReady;
    const store = d.services.machine.registry;
    expect(store.resolve('ghcr.io/me/x:1')).toBeUndefined();
    expect(store.loggedInAs('ghcr.io')).toBeUndefined();
    expect(store.resolve('ghcr.io/example/hello-wasm:latest')).toBeDefined();
  });

  it('a saved registry restores over the seeds: the learner’s moved tag wins, pushes and logins are back', async () => {
    const d = await rig();
    await ok(d, 'oras login ghcr.io -u me -p pw');
    await ok(d, 'echo {} > config.json');
    await ok(d, 'oras push ghcr.io/example/hello-wasm:latest config.json');
    const saved = d.services.machine.registry.snapshot();
    const fresh = await rig(); // seeded at start-up, as the browser is before IndexedDB answers
    fresh.services.machine.registry.restore(saved);
    const store = fresh.services.machine.registry;
    expect(store.resolve('ghcr.io/example/hello-wasm:latest')?.manifest.layers[0]?.annotations?.['org.opencontainers.image.title']).toBe(
      'config.json',
    );
    expect(store.loggedInAs('ghcr.io')).toBe('me');
    expect(store.resolve('ghcr.io/example/my-api:latest')).toBeDefined();
  });
});

describe('a full registry', () => {
  it('refuses a push past the quota with a clear error in each client, and keeps what it had', async () => {
    const d = await makeDojo({ tty: false, machine: createMachine({ registry: new OciStore({ quotaBytes: 120_000 }) }) });
    await d.modulesReady;
    const before = d.services.machine.registry.usage().used;
    const oras = await d.type('oras push localhost:5000/big:1 config-reader.wasm');
    expect(oras.status).toBe(1);
    expect(oras.stderr).toMatch(
      /^Error: the Dojo's registry is full: 113822 more bytes needed, \d+ free of 120000 \(delete manifests or run `dojo reset`\)\n$/,
    );
    const w2o = await d.type('wasm-to-oci push config-reader.wasm localhost:5000/big:1');
    expect(w2o.stderr).toMatch(/^Error: the Dojo's registry is full/);
    expect(d.services.machine.registry.usage().used).toBe(before);
    expect(d.services.machine.registry.resolve('localhost:5000/big:1')).toBeUndefined();
  });
});
