/**
 * Integration: the real precompiled WAGI components answer real requests through the Dojo's Spin host,
 * run by the real WasmerEngine (@wasmer/wasi) in Node. Nothing here is mocked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { createSpinAppHandler, type SpinLog } from '../../src/spin/app-host';
import { validateManifestText } from '../../src/spin/manifest';
import { LoopbackNetwork } from '../../src/machine/network';
import type { HttpRequest } from '../../src/net/http';

const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));
const wasm = (name: string) => new Uint8Array(readFileSync(`${MODULES}${name}.wasm`));
const engine = new WasmerEngine();
beforeAll(() => engine.ready());

const dec = new TextDecoder();
const enc = new TextEncoder();

function manifestText(allowed: string[], route = '/...'): string {
  return `spin_manifest_version = 2
[application]
name = "my-api"
version = "0.1.0"
[[trigger.http]]
route = "${route}"
component = "my-api"
[[trigger.http]]
route = "/quote"
component = "quoter"
[component.my-api]
source = "target/wasm32-wasip1/release/my_api.wasm"
[component.quoter]
source = "quoter.wasm"
allowed_outbound_hosts = ${JSON.stringify(allowed)}
`;
}

function serve(allowed: string[], route = '/...') {
  const v = validateManifestText(manifestText(allowed, route));
  if (!v.manifest) throw new Error(JSON.stringify(v.diagnostics));
  const logs: string[] = [];
  const log: SpinLog = {
    componentOutput: (id, stream, text) => logs.push(`${id}/${stream}: ${text}`),
    logLine: (line) => logs.push(line),
    warning: (lines) => logs.push(`Warning: ${lines.join('\n')}`),
  };
  const net = new LoopbackNetwork();
  const handler = createSpinAppHandler({
    manifest: v.manifest,
    modules: new Map([
      ['my-api', wasm('wagi-hello')],
      ['quoter', wasm('wagi-outbound')],
    ]),
    engine,
    log,
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  });
  net.listen('127.0.0.1', 3000, handler, 'spin up');
  const send = async (method: string, path: string, body = '', headers: Array<[string, string]> = []) => {
    const req: HttpRequest = {
      method,
      url: `http://127.0.0.1:3000${path}`,
      headers: [['Host', '127.0.0.1:3000'], ['User-Agent', 'curl/8.5.0'], ['Accept', '*/*'], ...headers],
      body: enc.encode(body),
    };
    const res = await net.request('localhost', 3000, req);
    if (!res) throw new Error('nothing listening');
    return { status: res.status, headers: res.headers, body: dec.decode(res.body) };
  };
  return { send, logs };
}

describe('Spin host + WasmerEngine + wagi-hello', () => {
  it('GET /hello answers with the component body through WAGI', async () => {
    const { send } = serve([]);
    const res = await send('GET', '/hello?name=ada');
    expect(res.status).toBe(200);
    expect(res.headers).toEqual([
      ['content-type', 'text/plain'],
      ['content-length', String(res.body.length)],
      ['date', 'Thu, 01 Jan 2026 00:00:00 GMT'],
    ]);
    expect(res.body).toContain('Hello from Wasm! You asked for GET /hello\n');
    expect(res.body).toContain('Query string: name=ada\n');
    expect(res.body).toContain('User-Agent: curl/8.5.0\n');
  });

  it('POST body arrives on stdin', async () => {
    const { send } = serve([]);
    const res = await send('POST', '/submit', '{"x":1}', [['Content-Type', 'application/json']]);
    expect(res.body).toContain('Hello from Wasm! You asked for POST /submit');
    expect(res.body).toContain('You sent 7 bytes: {"x":1}');
  });

  it('an unmatched route is a 404 with an empty body and Spin warns once', async () => {
    const { send, logs } = serve([], '/api/...');
    const res = await send('GET', '/nope');
    expect(res).toMatchObject({ status: 404, body: '' });
    await send('GET', '/nope2');
    expect(logs.filter((l) => l.includes('matched no pattern'))).toEqual([
      'Warning: Request to /nope matched no pattern, and received a generic 404 response. To serve a more informative 404 page, add a catch-all (/...) route.',
    ]);
  });

  it('health endpoint', async () => {
    const { send } = serve([]);
    expect(await send('GET', '/.well-known/spin/health')).toMatchObject({ status: 200, body: 'OK' });
  });
});

describe('Spin host + wagi-outbound: allowed_outbound_hosts enforced', () => {
  it('allowed: the fixture answers and the component relays it', async () => {
    const { send, logs } = serve(['https://api.example.com']);
    const res = await send('GET', '/quote');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Upstream https://api.example.com/quote answered 200:');
    expect(logs.filter((l) => l.includes('Warning'))).toEqual([]);
  });

  it("denied: 500 from the component and Spin's exact warning with the line to add", async () => {
    const { send, logs } = serve(['https://other.example.com']);
    const res = await send('GET', '/quote');
    expect(res.status).toBe(500);
    expect(res.body).toContain('ErrorCode::HttpRequestDenied');
    expect(logs).toContain(
      '2026-01-01T00:00:00.000000Z ERROR spin_runtime_factors: Outbound network destination not allowed: https://api.example.com',
    );
    expect(logs).toContain(
      "Warning: A component tried to make an outbound network connection to disallowed destination 'https://api.example.com'.\n" +
        `To allow this request, add 'allowed_outbound_hosts = ["https://api.example.com"]' to the manifest component section.`,
    );
  });

  it('*.example.com covers api.example.com, the apex entry does not, *://*:* covers all', async () => {
    expect((await serve(['https://*.example.com']).send('GET', '/quote')).status).toBe(200);
    expect((await serve(['https://example.com']).send('GET', '/quote')).status).toBe(500);
    expect((await serve(['*://*:*']).send('GET', '/quote')).status).toBe(200);
  });
});
