import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory-fs';
import { OciStore } from '../../registry/store';
import { pushOras, pushWasmToOci } from '../../registry/layouts';
import { Validator } from '../schema/validator';
import type { CheckContext } from './context';
import { evaluateRegistryCheck, registryCheckKind, type RegistryCheck } from './oci';

const HOME = '/home/learner';
const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

async function setup() {
  const fs = new MemoryFs();
  fs.mkdir(HOME, { recursive: true });
  fs.writeFile(`${HOME}/hello.wasm`, wasm);
  const registry = new OciStore();
  const ctx: CheckContext = { fs, home: HOME, history: [], describeGrants: () => [], registry };
  return { fs, registry, ctx };
}

const check = (over: Partial<RegistryCheck>): RegistryCheck => ({
  kind: 'registry',
  name: 'r',
  reference: 'localhost:5000/hello:v1',
  exists: true,
  ...over,
});

describe('kind: registry', () => {
  it('passes when the tag points at a manifest holding the file, with the asked media types', async () => {
    const { registry, ctx } = await setup();
    const c = check({
      layerDigestOf: '~/hello.wasm',
      configMediaType: 'application/vnd.wasm.config.v1+json',
      layerMediaTypes: ['application/vnd.wasm.content.layer.v1+wasm'],
    });
    expect((await evaluateRegistryCheck(c, ctx)).status).toBe('fail'); // nothing pushed yet
    await pushWasmToOci(registry, 'localhost:5000/hello:v1', wasm, 'hello.wasm');
    expect(await evaluateRegistryCheck(c, ctx)).toMatchObject({ status: 'pass' });
  });

  it('fails on another file, other media types, a tag that did not move, and a clean pull when tampering was asked', async () => {
    const { fs, registry, ctx } = await setup();
    await pushOras(registry, 'localhost:5000/hello:v1', [{ name: 'hello.wasm', bytes: wasm }], { created: new Date(0) });
    registry.tag('localhost:5000/hello', registry.resolve('localhost:5000/hello:v1')!.digest, 'stable');
    fs.writeFile(`${HOME}/other.wasm`, new Uint8Array([9]));
    expect((await evaluateRegistryCheck(check({ layerDigestOf: '~/other.wasm' }), ctx)).message).toMatch(/No layer of/);
    expect((await evaluateRegistryCheck(check({ layerMediaTypes: ['application/wasm'] }), ctx)).message).toContain(
      'application/vnd.oci.image.layer.v1.tar`]',
    );
    expect((await evaluateRegistryCheck(check({ differentFrom: 'localhost:5000/hello:stable' }), ctx)).status).toBe('fail');
    expect((await evaluateRegistryCheck(check({ sameAs: 'localhost:5000/hello:stable' }), ctx)).status).toBe('pass');
    expect((await evaluateRegistryCheck(check({ verifies: false }), ctx)).message).toMatch(/still pulls cleanly/);
    const layer = registry.resolve('localhost:5000/hello:v1')!.manifest.layers[0]!.digest;
    registry.tamperBlob(layer, new Uint8Array([1, 2]));
    expect((await evaluateRegistryCheck(check({ verifies: false }), ctx)).status).toBe('pass');
    expect((await evaluateRegistryCheck(check({ exists: false }), ctx)).status).toBe('fail');
  });

  it('validates its keys as data', () => {
    const v = new Validator('step.md');
    registryCheckKind.validate({ kind: 'registry', reference: 'not a ref', verifies: 'yes' }, v, 'checks[0]');
    expect(v.issues.map((i) => i.field)).toEqual(['checks[0].reference', 'checks[0].verifies']);
  });
});
