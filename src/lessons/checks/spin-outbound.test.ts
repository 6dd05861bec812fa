/**
 * The spin-outbound check on the real `wagi-outbound` component (it calls https://api.example.com/quote
 * through Spin's outbound host), served by the real WasmerEngine with Spin's matching rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryFs } from '../../fs/memory-fs';
import { engine } from '../../../test/support/lesson-rig';
import { wasmtimeCommand } from '../../commands/wasmtime';
import { wasmedgeCommand } from '../../commands/wasmedge';
import { MapCommandRegistry } from '../../shell/registry';
import { grantDescriber } from '../grader/grants';

import { Validator, validateStepMeta } from '../schema';
import type { SpinOutboundCheck } from './spin-outbound';
import type { CheckContext } from './context';
import { evaluateCheck } from './index';
import { wildcardParts } from './spin-outbound';

const runtimes = new MapCommandRegistry();
runtimes.register(wasmtimeCommand);
runtimes.register(wasmedgeCommand);
const describeGrantsFor = grantDescriber(runtimes);

const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../../public/modules/', import.meta.url));
const outbound = new Uint8Array(readFileSync(`${MODULES}wagi-outbound.wasm`));
const hello = new Uint8Array(readFileSync(`${MODULES}wagi-hello.wasm`));

function manifest(hosts: string[], extra = ''): string {
  return `spin_manifest_version = 2

[application]
name = "quote-app"
version = "0.1.0"

[[trigger.http]]
route = "/quote"
component = "quote"
${extra}
[component.quote]
source = "target/wasm32-wasi/release/quote_app.wasm"
allowed_outbound_hosts = [${hosts.map((h) => JSON.stringify(h)).join(', ')}]
`;
}

function machine(toml: string, opts: { built?: boolean } = {}): CheckContext {
  const fs = new MemoryFs();
  fs.mkdir(`${HOME}/quote-app/target/wasm32-wasi/release`, { recursive: true });
  fs.writeFile(`${HOME}/quote-app/spin.toml`, toml);
  if (opts.built !== false) fs.writeFile(`${HOME}/quote-app/target/wasm32-wasi/release/quote_app.wasm`, outbound);
  return { fs, home: HOME, history: [], describeGrants: describeGrantsFor, engine };
}

const check: SpinOutboundCheck = {
  name: 'least-outbound',
  kind: 'spin-outbound',
  manifest: '~/quote-app/spin.toml',
  component: 'quote',
  path: '/quote',
};

beforeAll(async () => {
  await engine.ready();
});

describe('spin-outbound check (real engine, real module)', () => {
  it('passes with exactly the origin the component calls', async () => {
    const r = await evaluateCheck(check, machine(manifest(['https://api.example.com'])));
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toContain('`https://api.example.com`');
    expect(r.message).toContain('answers 200');
  });

  it('accepts the same origin written with its default port', async () => {
    const r = await evaluateCheck(check, machine(manifest(['https://api.example.com:443'])));
    expect(r.status, r.message).toBe('pass');
  });

  it('fails with no entry, naming the denied destination from the trace', async () => {
    const r = await evaluateCheck(check, machine(manifest([])));
    expect(r.status).toBe('fail');
    expect(r.findings?.map((f) => f.kind)).toEqual(['failed']);
    expect(r.message).toContain('`https://api.example.com`');
    expect(r.findings?.[0]?.evidence).toContain('Outbound network destination not allowed: https://api.example.com');
    expect(r.output).toContain('ErrorCode::HttpRequestDenied');
  });

  it('fails when the entry names the wrong scheme (http is not https)', async () => {
    const r = await evaluateCheck(check, machine(manifest(['http://api.example.com'])));
    expect(r.status).toBe('fail');
    expect(r.findings?.[0]?.kind).toBe('failed');
    expect(r.findings?.[0]?.evidence.join('\n')).toContain('denied https://api.example.com');
  });

  it('reports `*://*:*` as too broad, with the call it was really needed for', async () => {
    const r = await evaluateCheck(check, machine(manifest(['*://*:*'])));
    expect(r.status).toBe('fail');
    const f = r.findings?.find((x) => x.grant === '*://*:*');
    expect(f?.kind).toBe('too-broad');
    expect(f?.message).toContain('any host');
    expect(f?.message).toContain('`https://api.example.com`');
    expect(f?.evidence).toEqual(['outbound GET https://api.example.com/quote → allowed']);
  });

  it('reports a subdomain wildcard and a wildcard scheme as wider than needed', async () => {
    const sub = await evaluateCheck(check, machine(manifest(['https://*.example.com'])));
    expect(sub.status).toBe('fail');
    expect(sub.findings?.map((f) => [f.kind, f.grant])).toEqual([['too-broad', 'https://*.example.com']]);
    expect(sub.message).toContain('every subdomain of example.com');
    const scheme = await evaluateCheck(check, machine(manifest(['*://api.example.com:443'])));
    expect(scheme.findings?.map((f) => [f.kind, f.grant])).toEqual([['too-broad', '*://api.example.com:443']]);
  });

  it('reports an extra entry as unnecessary, with the re-run as evidence', async () => {
    const r = await evaluateCheck(check, machine(manifest(['https://api.example.com', 'https://status.example.com'])));
    expect(r.status).toBe('fail');
    expect(r.findings?.map((f) => [f.kind, f.grant])).toEqual([['unnecessary', 'https://status.example.com']]);
    expect(r.findings?.[0]?.evidence).toEqual(['without `https://status.example.com`: GET /quote → 200, no denied request']);
  });

  it('an exact entry next to a catch-all: the catch-all goes, the exact entry is kept (the minimal set)', async () => {
    const r = await evaluateCheck(check, machine(manifest(['https://api.example.com', '*://*:*'])));
    expect(r.status).toBe('fail');
    const kinds = r.findings?.map((f) => `${f.kind} ${f.grant}`) ?? [];
    expect(kinds).toContain('too-broad *://*:*');
    expect(kinds).toContain('unnecessary *://*:*');
    // Each is removable alone, but removing both breaks the app: the exact entry is the one to keep.
    expect(kinds).not.toContain('unnecessary https://api.example.com');
  });

  it('grades only the named component: another component needing nothing is left alone', async () => {
    const toml = `${manifest(['https://api.example.com'], '\n[[trigger.http]]\nroute = "/hello"\ncomponent = "hello"\n')}
[component.hello]
source = "hello.wasm"
allowed_outbound_hosts = ["https://status.example.com"]
`;
    const ctx = machine(toml);
    ctx.fs.writeFile(`${HOME}/quote-app/hello.wasm`, hello);
    expect((await evaluateCheck(check, ctx)).status).toBe('pass');
    const all = await evaluateCheck({ ...check, component: undefined } as SpinOutboundCheck, ctx);
    expect(all.findings?.map((f) => [f.kind, f.grant])).toEqual([['unnecessary', 'https://status.example.com']]);
  });

  it("a manifest Spin refuses (no scheme) fails with Spin's own error", async () => {
    const r = await evaluateCheck(check, machine(manifest(['api.example.com'])));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('fix the manifest first');
    expect(r.output).toContain(`"api.example.com" does not contain a scheme (e.g., 'http://' or '*://')`);
  });

  it('an unbuilt app says to run spin build', async () => {
    const r = await evaluateCheck(check, machine(manifest(['https://api.example.com']), { built: false }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('spin build');
  });

  it('a wrong route is a 404, named as such', async () => {
    const r = await evaluateCheck({ ...check, path: '/nothing-here' }, machine(manifest(['https://api.example.com'])));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('404');
  });

  it('bodyContains must hold too', async () => {
    const ctx = machine(manifest(['https://api.example.com']));
    expect((await evaluateCheck({ ...check, bodyContains: 'The sandbox is the feature' }, ctx)).status).toBe('pass');
    const r = await evaluateCheck({ ...check, bodyContains: 'nope' }, ctx);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('`nope`');
  });

  it('without an engine the grader says it could not judge', async () => {
    const ctx = machine(manifest(['https://api.example.com']));
    delete ctx.engine;
    expect((await evaluateCheck(check, ctx)).status).toBe('error');
  });
});

describe('wildcardParts', () => {
  it.each([
    ['https://api.example.com', []],
    ['https://api.example.com:8443', []],
    ['*://*:*', ['any host', 'any scheme', 'any port']],
    ['https://*.example.com', ['every subdomain of example.com']],
    ['https://api.example.com:8000..9000', ['ports 8000..9000']],
    ['http://10.0.0.0/8', ['a whole address range']],
    ['not a url', []],
  ])('%s', (entry, parts) => {
    expect(wildcardParts(entry)).toEqual(parts);
  });
});

describe('spin-outbound in the lesson format', () => {
  it('accepts the documented fields and defaults path to "/"', () => {
    const v = new Validator('steps/01-x.md');
    const meta = validateStepMeta({ title: 't', checks: [{ kind: 'spin-outbound', manifest: '~/app/spin.toml' }] }, v);
    expect(v.issues).toEqual([]);
    expect(meta.checks[0]).toEqual({ name: 'spin-outbound-1', kind: 'spin-outbound', manifest: '~/app/spin.toml', path: '/' });
  });

  it('names the file and field of each mistake', () => {
    const v = new Validator('steps/01-x.md');
    validateStepMeta({ title: 't', checks: [{ kind: 'spin-outbound', path: 'quote', module: 'x' }] }, v);
    const fields = v.issues.map((i) => i.field);
    expect(fields).toContain('checks[0].manifest');
    expect(fields).toContain('checks[0].path');
    expect(fields).toContain('checks[0].module');
    expect(v.issues.every((i) => i.file === 'steps/01-x.md')).toBe(true);
  });
});
