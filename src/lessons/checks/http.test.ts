import { describe, expect, it } from 'vitest';
import { LoopbackNetwork } from '../../machine/network';
import { Validator } from '../schema/validator';
import { evaluateHttpCheck, httpCheckKind, type HttpCheck } from './http';
import type { CheckContext } from './context';

function ctxWith(network?: LoopbackNetwork): CheckContext {
  return { fs: undefined as never, home: '/home/learner', history: [], describeGrants: () => [], ...(network ? { network } : {}) };
}

function served(status: number, body: string): LoopbackNetwork {
  const n = new LoopbackNetwork();
  n.listen(
    '127.0.0.1',
    8787,
    async (req) => ({ status, headers: [], body: new TextEncoder().encode(req.url.endsWith('/x') ? 'other' : body) }),
    'wrangler dev',
  );
  return n;
}

const check = (extra: Partial<HttpCheck> = {}): HttpCheck => ({
  kind: 'http',
  name: 'served',
  url: 'http://localhost:8787/',
  method: 'GET',
  status: 200,
  ...extra,
});

describe('kind: http', () => {
  it('passes when the served app answers the status and body', async () => {
    expect(await evaluateHttpCheck(check({ body: 'Hello World!' }), ctxWith(served(200, 'Hello World!')))).toMatchObject({ status: 'pass' });
    expect(await evaluateHttpCheck(check({ bodyContains: 'World' }), ctxWith(served(200, 'Hello World!')))).toMatchObject({ status: 'pass' });
  });

  it('fails with the reason: nothing listening, another status, another body', async () => {
    expect((await evaluateHttpCheck(check(), ctxWith(new LoopbackNetwork()))).message).toMatch(/^Nothing is listening on `localhost:8787`/);
    expect((await evaluateHttpCheck(check(), ctxWith(served(404, '')))).message).toBe('GET `http://localhost:8787/` answered 404, expected 200.');
    expect(
      await evaluateHttpCheck(check({ url: 'http://localhost:8787/x', body: 'Hello World!' }), ctxWith(served(200, 'Hello World!'))),
    ).toMatchObject({
      status: 'fail',
      message: 'GET `http://localhost:8787/x` answered `other`, expected `Hello World!`.',
    });
    expect(await evaluateHttpCheck(check(), ctxWith())).toMatchObject({ status: 'error' });
  });

  it('validates its keys', () => {
    const v = new Validator('lesson.md');
    expect(httpCheckKind.validate({ url: 'http://localhost:8787/', status: 201, body: 'x' }, v, 'checks[0]')).toEqual({
      kind: 'http',
      url: 'http://localhost:8787/',
      method: 'GET',
      status: 201,
      body: 'x',
    });
    expect(httpCheckKind.validate({ url: 'ftp://x' }, v, 'checks[1]')).toBeUndefined();
    expect(httpCheckKind.validate({ url: 'not a url' }, v, 'checks[2]')).toBeUndefined();
    expect(v.issues.map((i) => i.field)).toEqual(['checks[1].url', 'checks[2].url']);
  });
});
