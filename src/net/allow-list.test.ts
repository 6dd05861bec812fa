import { describe, expect, it } from 'vitest';
import { isAllowedOutbound, parseAllowedHost } from './allow-list';

describe('parseAllowedHost: valid entries from the reference', () => {
  it.each([
    'https://api.example.com',
    'https://api.example.com:443',
    'https://*.example.com',
    'http://localhost:3000',
    '*://*:*',
    'http://*.spin.internal',
    'redis://myredis:6379',
    'https://192.168.1.0/24',
    'https://api.com/',
    'https://{{ api_host }}',
    'http://self',
    'http://localhost:8000..9000',
  ])('%s parses', (entry) => {
    expect(parseAllowedHost(entry).ok).toBe(true);
  });
});

describe('parseAllowedHost: errors with Spin wording', () => {
  it.each([
    ['api.example.com', `"api.example.com" does not contain a scheme (e.g., 'http://' or '*://')`],
    ['https://example.com:443/api', `"https://example.com:443/api" has a path but is not allowed to`],
    ['https://example.com/api', 'hosts must not contain paths'],
    ['h2c://example.com:80', ' scheme "h2c" contains non alphabetic character'],
    ['http://localhost:80..x', 'port range "80..x" contains non-number'],
    ['https://foo.*.com', 'Invalid allowed host foo.*.com: wildcards are allowed only as subdomains'],
    ['https://*.*.com', 'Invalid allowed host *.*.com: wildcards are allowed only as prefixes'],
    ['ftp://files.example.com', 'no port was provided and the scheme "ftp" does not have a known default port number'],
    ['*://example.com', 'no port was provided and the scheme "*" does not have a known default port number'],
    ['https://example.com:abc', 'port "abc" is not a number'],
    ['insecure:allow-all', `"insecure:allow-all" does not contain a scheme (e.g., 'http://' or '*://')`],
  ])('%s -> %s', (entry, error) => {
    const result = parseAllowedHost(entry);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(error);
  });
});

describe('isAllowedOutbound', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['https://api.example.com/quote', ['https://api.example.com'], true],
    ['https://api.example.com:443/quote', ['https://api.example.com'], true],
    ['https://api.example.com:8443/quote', ['https://api.example.com'], false],
    ['http://api.example.com/quote', ['https://api.example.com'], false],
    ['https://API.Example.com/x', ['https://api.example.com'], true],
    ['https://api.example.com/', ['https://*.example.com'], true],
    ['https://a.b.example.com/', ['https://*.example.com'], true],
    // The apex is not a subdomain of itself.
    ['https://example.com/', ['https://*.example.com'], false],
    ['https://notexample.com/', ['https://*.example.com'], false],
    ['https://anything.org:1234/x', ['*://*:*'], true],
    ['http://localhost:3000/', ['http://localhost:3000'], true],
    ['http://localhost:3001/', ['http://localhost:3000'], false],
    ['http://localhost:8500/', ['http://localhost:8000..9000'], true],
    ['http://localhost:9000/', ['http://localhost:8000..9000'], false],
    ['https://api.example.com/', ['https://api.example.com:*'], true],
    ['https://api.example.com/', ['*://api.example.com:443'], true],
    ['https://192.168.1.77/', ['https://192.168.1.0/24'], true],
    ['https://192.168.2.77/', ['https://192.168.1.0/24'], false],
    ['https://api.com/v1', ['https://api.com/'], true],
    // A malformed entry allows nothing, even if its host would match.
    ['https://api.example.com/', ['api.example.com'], false],
    ['/internal', ['http://self'], true],
    ['/internal', ['https://api.example.com'], false],
    ['/internal', ['*://*:*'], true],
    ['https://api.example.com/', [], false],
    ['not a url', ['*://*:*'], false],
  ];
  it.each(cases)('%s with %j -> %s', (url, allowed, expected) => {
    expect(isAllowedOutbound(url, allowed)).toBe(expected);
  });

  it('resolves {{ var }} templates from the app variables', () => {
    expect(isAllowedOutbound('https://api.example.com/', ['https://{{ api_host }}'], { api_host: 'api.example.com' })).toBe(true);
    expect(isAllowedOutbound('https://api.example.com/', ['https://{{ api_host }}'])).toBe(false);
  });
});
