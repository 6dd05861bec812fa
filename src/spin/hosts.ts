/**
 * Spin's `allowed_outbound_hosts` as Spin speaks about it: the list validation with Spin's messages,
 * the entry Spin suggests for a denied URL, and the log and warning lines it prints. The entry grammar
 * and the matching itself are tool-neutral and live in net/allow-list.ts.
 */
import { DEFAULT_PORTS, parseAllowedHost, parseTarget } from '../net/allow-list';

export { isAllowedOutbound, parseAllowedHost } from '../net/allow-list';

/**
 * The whole list as Spin validates it: a lone `insecure:allow-all` gets its own message, otherwise the
 * first malformed entry's error. Null when the list is fine.
 */
export function validateAllowedHosts(entries: readonly string[]): { index: number; error: string } | null {
  if (entries.length === 1 && entries[0] === 'insecure:allow-all') {
    return {
      index: 0,
      error: "'insecure:allow-all' is not allowed - use '*://*:*' instead if you really want to allow all outbound traffic'",
    };
  }
  for (let i = 0; i < entries.length; i++) {
    const parsed = parseAllowedHost(entries[i]!);
    if (!parsed.ok) return { index: i, error: parsed.error };
  }
  return null;
}

/**
 * The entry Spin suggests adding for a denied URL: `scheme://host[:port]`, default ports omitted.
 */
export function suggestedAllowEntry(url: string): string {
  const target = parseTarget(url);
  if (!target) return url;
  if (target.self) return 'http://self';
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const isDefault = target.port === null || DEFAULT_PORTS[target.scheme] === target.port;
  return `${target.scheme}://${host}${isDefault ? '' : `:${target.port}`}`;
}

/**
 * What Spin 3.x prints on stderr for one blocked request (Spin v3.0.0
 * crates/runtime-factors/src/lib.rs, whose tracing target is `spin_runtime_factors`; Spin 3.3 moved it to
 * `spin_trigger::factors`): an ERROR log line, then the warning with the manifest line to add.
 * `timestamp` is injectable so tests are deterministic.
 */
export function outboundDeniedLines(url: string, timestamp: Date = new Date()): { log: string; warning: string[] } {
  const target = parseTarget(url);
  if (target?.self) {
    return {
      log: `${timestamp.toISOString().replace(/Z$/, '000Z')} ERROR spin_runtime_factors: Outbound network destination not allowed: http://self`,
      warning: [
        'A component tried to make an HTTP request to its own app but it does not have permission.',
        `To allow this request, add 'allowed_outbound_hosts = ["http://self"]' to the manifest component section.`,
      ],
    };
  }
  const entry = suggestedAllowEntry(url);
  return {
    log: `${timestamp.toISOString().replace(/Z$/, '000Z')} ERROR spin_runtime_factors: Outbound network destination not allowed: ${entry}`,
    warning: [
      `A component tried to make an outbound network connection to disallowed destination '${entry}'.`,
      `To allow this request, add 'allowed_outbound_hosts = ["${entry}"]' to the manifest component section.`,
    ],
  };
}
