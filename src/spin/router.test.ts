import { describe, expect, it } from 'vitest';
import { Router, describeRoute } from './router';
import type { HttpTrigger } from './schema';

const t = (route: string, component: string): HttpTrigger => ({ route, component, private: false, executor: { type: 'http' } });

describe('Router', () => {
  const router = new Router([
    t('/...', 'catch-all'),
    t('/hello/...', 'hello-any'),
    t('/hello', 'hello-exact'),
    t('/users/:id', 'user'),
    t('/api/v1/...', 'v1'),
  ]);

  it.each([
    ['/', 'catch-all', '', '/'],
    ['/anything/else', 'catch-all', '', '/anything/else'],
    ['/hello', 'hello-exact', '/hello', ''],
    ['/hello/', 'hello-exact', '/hello', ''],
    ['/hello/abc/def', 'hello-any', '/hello', '/abc/def'],
    ['/hellox', 'catch-all', '', '/hellox'],
    ['/users/42', 'user', '/users/42', ''],
    ['/users/42/posts', 'catch-all', '', '/users/42/posts'],
    ['/api/v1/items?x=1', 'v1', '/api/v1', '/items'],
  ])('%s -> %s (base %j, PATH_INFO %j)', (path, component, base, pathInfo) => {
    const m = router.match(path);
    expect(m?.trigger.component).toBe(component);
    expect(m?.base).toBe(base);
    expect(m?.pathInfo).toBe(pathInfo);
  });

  it('captures :name segments', () => {
    expect(router.match('/users/ada')?.params).toEqual({ id: 'ada' });
  });

  it('returns null when nothing matches (404)', () => {
    const exactOnly = new Router([t('/hello', 'a')]);
    expect(exactOnly.match('/')).toBeNull();
    expect(exactOnly.match('/hello/x')).toBeNull();
  });

  it('wildcard also matches its bare prefix; the last duplicate wins; private routes never match', () => {
    const r = new Router([t('/a/...', 'first'), t('/a/...', 'second'), { ...t('/b', 'hidden'), private: true }]);
    expect(r.match('/a')?.trigger.component).toBe('second');
    expect(r.match('/b')).toBeNull();
  });
});

describe('describeRoute (Available Routes lines)', () => {
  it.each([
    ['/...', 'http://127.0.0.1:3000 (wildcard)'],
    ['/hello/...', 'http://127.0.0.1:3000/hello (wildcard)'],
    ['/hello', 'http://127.0.0.1:3000/hello'],
  ])('%s', (route, expected) => {
    expect(describeRoute('http://127.0.0.1:3000', route)).toBe(expected);
  });
});
