import { describe, expect, it } from 'vitest';
import { createSeededFs, HOME, MODULES_DIR } from '../fs/seed';
import { installModules } from './modules';

const HELLO = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1]);
const READER = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2]);
const UPPER = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 3]);

function fakeFetch(files: Record<string, Uint8Array | string>, seen: string[] = []): typeof fetch {
  return (async (input: string) => {
    const url = String(input);
    seen.push(url);
    const body = files[url];
    if (body === undefined) return new Response('missing', { status: 404 });
    return new Response(body as BodyInit);
  }) as unknown as typeof fetch;
}

const manifest = JSON.stringify([
  { name: 'hello', file: 'hello.wasm' },
  { name: 'config-reader', file: 'config-reader.wasm' },
  { name: 'upper', file: 'upper.wasm' },
  { name: 'evil', file: '../../etc/passwd' },
]);

describe('installModules', () => {
  it('puts every module in ~/modules and the primer ones also in ~', async () => {
    const fs = createSeededFs();
    const seen: string[] = [];
    const n = await installModules(
      fs,
      fakeFetch(
        {
          '/modules/manifest.json': manifest,
          '/modules/hello.wasm': HELLO,
          '/modules/config-reader.wasm': READER,
          '/modules/upper.wasm': UPPER,
        },
        seen,
      ),
      '/',
    );
    expect(n).toBe(3);
    expect(fs.readdir(MODULES_DIR)).toEqual(['config-reader.wasm', 'hello.wasm', 'upper.wasm']);
    expect(fs.readFile(`${HOME}/hello.wasm`)).toEqual(HELLO);
    expect(fs.readFile(`${HOME}/config-reader.wasm`)).toEqual(READER);
    expect(fs.exists(`${HOME}/upper.wasm`)).toBe(false);
    // A manifest entry that is not a plain file name is never fetched.
    expect(seen.some((u) => u.includes('passwd'))).toBe(false);
  });

  it('keeps a learner file in ~ but refreshes ~/modules', async () => {
    const fs = createSeededFs();
    fs.writeFile(`${HOME}/hello.wasm`, 'mine');
    fs.writeFile(`${MODULES_DIR}/hello.wasm`, 'old');
    await installModules(
      fs,
      fakeFetch({ '/base/modules/manifest.json': JSON.stringify([{ name: 'hello', file: 'hello.wasm' }]), '/base/modules/hello.wasm': HELLO }),
      '/base/',
    );
    expect(fs.readText(`${HOME}/hello.wasm`)).toBe('mine');
    expect(fs.readFile(`${MODULES_DIR}/hello.wasm`)).toEqual(HELLO);
  });

  it('fails with a clear error when the manifest is missing', async () => {
    await expect(installModules(createSeededFs(), fakeFetch({}), '/')).rejects.toThrow('modules/manifest.json: HTTP 404');
  });
});

describe('resetLearnerMachine (what `dojo reset` runs)', () => {
  it('stops every background job whatever started it, and empties the local registry', async () => {
    const { createMachine } = await import('../machine/services');
    const { resetLearnerMachine } = await import('./dojo');
    const machine = createMachine();
    const stopped: string[] = [];
    machine.jobs.add('kubectl port-forward svc/hello 8083:80', () => stopped.push('port-forward'));
    machine.jobs.add('wrangler dev', () => stopped.push('wrangler'));
    machine.jobs.add('spin up', () => stopped.push('spin'));
    await machine.registry.putBlob(new Uint8Array([1, 2, 3]), 'application/octet-stream');
    const fs = createSeededFs();
    fs.writeFile(`${HOME}/mine.txt`, 'x');
    let at = '';
    resetLearnerMachine(machine, fs, { chdir: (p) => void (at = p) });
    expect(stopped.sort()).toEqual(['port-forward', 'spin', 'wrangler']);
    expect(machine.jobs.list()).toEqual([]);
    expect(machine.registry.snapshot().blobs).toEqual([]);
    expect(fs.exists(`${HOME}/mine.txt`)).toBe(false);
    expect(at).toBe(HOME);
  });
});
