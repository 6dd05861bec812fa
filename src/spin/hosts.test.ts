import { describe, expect, it } from 'vitest';
import { outboundDeniedLines, validateAllowedHosts, suggestedAllowEntry } from './hosts';

describe('validateAllowedHosts', () => {
  it('a lone insecure:allow-all gets its own message; otherwise the first bad entry', () => {
    expect(validateAllowedHosts(['insecure:allow-all'])).toEqual({
      index: 0,
      error: "'insecure:allow-all' is not allowed - use '*://*:*' instead if you really want to allow all outbound traffic'",
    });
    expect(validateAllowedHosts(['https://ok.example.com', 'bad', 'also bad'])?.index).toBe(1);
    expect(validateAllowedHosts(['https://{{ host }}', '{{ anything }}'])).toBeNull();
    expect(validateAllowedHosts([])).toBeNull();
  });
});

describe('denied-request warning', () => {
  it('suggests scheme://host with default ports omitted', () => {
    expect(suggestedAllowEntry('https://api.example.com/quote?x=1')).toBe('https://api.example.com');
    expect(suggestedAllowEntry('https://api.example.com:443/quote')).toBe('https://api.example.com');
    expect(suggestedAllowEntry('http://localhost:8000/')).toBe('http://localhost:8000');
  });

  it("prints Spin 3's log line and warning", () => {
    const lines = outboundDeniedLines('https://www.fermyon.com/', new Date('2025-04-08T01:45:54.257Z'));
    expect(lines.log).toBe(
      '2025-04-08T01:45:54.257000Z ERROR spin_runtime_factors: Outbound network destination not allowed: https://www.fermyon.com',
    );
    expect(lines.warning).toEqual([
      "A component tried to make an outbound network connection to disallowed destination 'https://www.fermyon.com'.",
      `To allow this request, add 'allowed_outbound_hosts = ["https://www.fermyon.com"]' to the manifest component section.`,
    ]);
  });
});
