import { describe, expect, it } from 'vitest';
import { Router } from './router';
import { buildWagiRequest, decodeWagiResponse } from './wagi';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('buildWagiRequest', () => {
  const router = new Router([{ route: '/hello/...', component: 'hello', private: false, executor: { type: 'wagi' } }]);
  const match = router.match('/hello/abc/def')!;
  const body = enc.encode('{"a":1}');
  const inv = buildWagiRequest(
    {
      method: 'post',
      url: 'http://localhost:3000/hello/abc/def?foo=bar&x=1',
      headers: [
        ['Host', 'localhost:3000'],
        ['User-Agent', 'curl/8.5.0'],
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer secret'],
        ['Connection', 'keep-alive'],
      ],
      body,
    },
    match,
    { clientAddr: '127.0.0.1:51234' },
  );
  const env = Object.fromEntries(inv.env);

  it('sets the CGI variables Spin sets', () => {
    expect(env).toMatchObject({
      REQUEST_METHOD: 'POST',
      PATH_INFO: '/abc/def',
      X_RAW_PATH_INFO: '/abc/def',
      QUERY_STRING: 'foo=bar&x=1',
      SCRIPT_NAME: '/hello',
      X_COMPONENT_ROUTE: '/hello',
      X_MATCHED_ROUTE: '/hello/...',
      X_RAW_COMPONENT_ROUTE: '/hello/...',
      X_FULL_URL: 'http://localhost:3000/hello/abc/def?foo=bar&x=1',
      X_BASE_PATH: '/',
      X_CLIENT_ADDR: '127.0.0.1:51234',
      REMOTE_ADDR: '127.0.0.1',
      SERVER_NAME: 'localhost',
      SERVER_PORT: '3000',
      SERVER_PROTOCOL: 'HTTP/1.1',
      SERVER_SOFTWARE: 'WAGI/1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      CONTENT_LENGTH: '7',
      CONTENT_TYPE: '',
      HTTP_CONTENT_TYPE: 'application/json',
      HTTP_USER_AGENT: 'curl/8.5.0',
      HTTP_HOST: 'localhost:3000',
    });
  });

  it('skips Authorization and Connection', () => {
    expect(env.HTTP_AUTHORIZATION).toBeUndefined();
    expect(env.HTTP_CONNECTION).toBeUndefined();
  });

  it('argv is "${SCRIPT_NAME} ${ARGS}" (request path, & turned into spaces); body on stdin', () => {
    expect(inv.args).toEqual(['/hello/abc/def', 'foo=bar', 'x=1']);
    expect(dec.decode(inv.stdin)).toBe('{"a":1}');
  });
});

describe('argv without a query', () => {
  it('keeps the empty last argument, as splitting on single spaces does', () => {
    const m = new Router([{ route: '/...', component: 'c', private: false, executor: { type: 'wagi' } }]).match('/x')!;
    const inv = buildWagiRequest({ method: 'GET', url: 'http://127.0.0.1:3000/x', headers: [], body: new Uint8Array() }, m, {
      clientAddr: '127.0.0.1:1',
    });
    expect(inv.args).toEqual(['/x', '']);
  });
});

describe('decodeWagiResponse', () => {
  it('without an empty line everything is body: insufficient -> 500', () => {
    const r = decodeWagiResponse(enc.encode('content-type: text/plain\nhello'), 'c');
    expect(r.response.status).toBe(500);
  });

  it('content-type, blank line, body -> 200', () => {
    const r = decodeWagiResponse(enc.encode('content-type: text/plain\r\nx-a: b\r\n\r\nhello world\n'), 'c');
    expect(r.ok).toBe(true);
    expect(r.response.status).toBe(200);
    expect(r.response.headers).toEqual([
      ['content-type', 'text/plain'],
      ['x-a', 'b'],
    ]);
    expect(dec.decode(r.response.body)).toBe('hello world\n');
  });

  it('status header sets the code (number only)', () => {
    const r = decodeWagiResponse(enc.encode('status: 404 Not Found\ncontent-type: text/plain\n\nnope'), 'c');
    expect(r.response.status).toBe(404);
    expect(r.response.headers).toEqual([['content-type', 'text/plain']]);
  });

  it('location without status -> 302', () => {
    const r = decodeWagiResponse(enc.encode('location: /elsewhere\n\n'), 'c');
    expect(r.response.status).toBe(302);
  });

  it('unparseable status -> 502', () => {
    expect(decodeWagiResponse(enc.encode('status: teapot\n\n'), 'c').response.status).toBe(502);
  });

  it('neither content-type nor location -> 500 with Spin text', () => {
    const r = decodeWagiResponse(enc.encode('x-foo: 1\n\nbody'), 'c');
    expect(r.ok).toBe(false);
    expect(r.response.status).toBe(500);
    expect(dec.decode(r.response.body)).toBe("Exactly one of 'location' or 'content-type' must be specified");
  });

  it('no stdout -> 500, empty body, Spin log text', () => {
    const r = decodeWagiResponse(new Uint8Array(), 'my-api');
    expect(r.response).toEqual({ status: 500, headers: [], body: new Uint8Array() });
    expect(!r.ok && r.log).toBe(
      'The "my-api" component is configured to use the WAGI executor but did not write to stdout. Check the `executor` in spin.toml.',
    );
  });

  it('keeps a binary body byte for byte', () => {
    const head = enc.encode('content-type: application/octet-stream\n\n');
    const bytes = new Uint8Array([...head, 0, 255, 10, 10, 13, 1]);
    expect([...decodeWagiResponse(bytes, 'c').response.body]).toEqual([0, 255, 10, 10, 13, 1]);
  });
});
