/**
 * URL allow-lists in the grammar Spin's `allowed_outbound_hosts` uses (Spin v3.0.0
 * crates/factor-outbound-networking/src/config.rs): each entry parsed with its scheme, host pattern
 * (`*`, `self`, `*.example.com` = subdomains only, exact, IPv4 CIDR, `{{ variable }}`) and port pattern
 * (default port per scheme, `*`, a number, a half-open range), and a URL matched against a list.
 *
 * Pure and tool-neutral on purpose: the Wasm engine's outbound HTTP host function, Spin's manifest
 * validator and the lesson grader all call this code, so "allowed" means one thing everywhere.
 */

/** Scheme → port used when an entry or a URL gives none (Spin's well-known ports). */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  redis: 6379,
  postgres: 5432,
  mysql: 3306,
  mqtt: 1883,
};

export type HostPattern =
  | { kind: 'any' }
  | { kind: 'self' }
  /** Suffix including the leading dot, e.g. ".example.com" (the apex itself does not match). */
  | { kind: 'subdomain'; suffix: string }
  | { kind: 'exact'; host: string }
  | { kind: 'cidr'; base: number; bits: number }
  /** `{{ var }}`: resolved when the app runs; unresolved it matches nothing. */
  | { kind: 'template'; raw: string };

export type PortPattern =
  | { kind: 'any' }
  | { kind: 'port'; port: number }
  /** Half-open range `start..end` (end exclusive), as Spin parses it. */
  | { kind: 'range'; start: number; end: number }
  | { kind: 'template'; raw: string };

export interface AllowedHost {
  /** The entry as written in spin.toml. */
  original: string;
  /** Lower-cased scheme, or "*" for any. */
  scheme: string;
  host: HostPattern;
  port: PortPattern;
}

export type ParseHostResult = { ok: true; value: AllowedHost } | { ok: false; error: string };

/** Rust's `{:?}` of a string: double-quoted with `"` and `\` escaped. */
function debugQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Parses one `allowed_outbound_hosts` entry exactly as Spin v3.0.0 does
 * (crates/factor-outbound-networking/src/config.rs `AllowedHostConfig::parse`), with its error texts.
 * Entries holding a `{{ variable }}` template are deferred by Spin until the variable is resolved.
 */
export function parseAllowedHost(entry: string): ParseHostResult {
  const url = entry.trim();
  if (/\{\{.*\}\}/.test(url)) {
    return { ok: true, value: { original: entry, scheme: '*', host: { kind: 'template', raw: url }, port: { kind: 'template', raw: url } } };
  }
  const sep = url.indexOf('://');
  if (sep < 0) {
    return { ok: false, error: `${debugQuote(url)} does not contain a scheme (e.g., 'http://' or '*://')` };
  }
  const scheme = url.slice(0, sep);
  const rest = url.slice(sep + 3);
  // Spin splits host and port at the LAST colon, then anything after a "/" in the port part is a path.
  const colon = rest.lastIndexOf(':');
  const hostText = colon >= 0 ? rest.slice(0, colon) : rest;
  let portText = colon >= 0 ? rest.slice(colon + 1) : '';
  const slash = portText.indexOf('/');
  if (slash >= 0) {
    if (portText.slice(slash + 1) !== '') return { ok: false, error: `${debugQuote(url)} has a path but is not allowed to` };
    portText = portText.slice(0, slash);
  }
  if (scheme !== '*') {
    if (scheme.startsWith('{')) return { ok: false, error: 'scheme lists are not yet supported' };
    if (!/^\p{L}*$/u.test(scheme)) return { ok: false, error: ` scheme ${debugQuote(scheme)} contains non alphabetic character` };
  }
  const host = parseHostPattern(hostText);
  if (!host.ok) return host;
  const port = parsePortPattern(portText, scheme.toLowerCase());
  if (!port.ok) return port;
  return { ok: true, value: { original: entry, scheme: scheme.toLowerCase(), host: host.value, port: port.value } };
}

function parseHostPattern(host: string): { ok: true; value: HostPattern } | { ok: false; error: string } {
  let h = host.trim();
  if (h === '*') return { ok: true, value: { kind: 'any' } };
  if (h === 'self') return { ok: true, value: { kind: 'self' } };
  if (h.startsWith('{')) return { ok: false, error: 'host lists are not yet supported' };
  const cidr = parseIpv4Cidr(h);
  if (cidr) return { ok: true, value: cidr };
  const afterSlash = h.split('/')[1];
  if (afterSlash !== undefined && afterSlash !== '') return { ok: false, error: 'hosts must not contain paths' };
  if (h.startsWith('*.')) {
    if (h.slice(2).includes('*')) {
      return { ok: false, error: `Invalid allowed host ${h}: wildcards are allowed only as prefixes` };
    }
    return { ok: true, value: { kind: 'subdomain', suffix: h.slice(1).toLowerCase() } };
  }
  if (h.includes('*')) {
    return { ok: false, error: `Invalid allowed host ${h}: wildcards are allowed only as subdomains` };
  }
  h = h.replace(/\/+$/, '');
  return { ok: true, value: { kind: 'exact', host: h.toLowerCase() } };
}

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

function parseIpv4Cidr(text: string): HostPattern | null {
  const [ip, bitsText] = text.split('/');
  if (ip === undefined || bitsText === undefined || !/^\d{1,2}$/.test(bitsText)) return null;
  const base = parseIpv4(ip);
  const bits = Number(bitsText);
  if (base === null || bits > 32) return null;
  return { kind: 'cidr', base, bits };
}

function parsePortPattern(port: string, scheme: string): { ok: true; value: PortPattern } | { ok: false; error: string } {
  const p = port.trim();
  if (p === '') {
    const known = DEFAULT_PORTS[scheme];
    if (known === undefined) {
      return {
        ok: false,
        error: `no port was provided and the scheme ${debugQuote(scheme)} does not have a known default port number`,
      };
    }
    return { ok: true, value: { kind: 'port', port: known } };
  }
  if (p === '*') return { ok: true, value: { kind: 'any' } };
  if (p.startsWith('{')) return { ok: false, error: 'port lists are not yet supported' };
  const dots = p.indexOf('..');
  if (dots >= 0) {
    const start = p.slice(0, dots);
    const end = p.slice(dots + 2);
    const u16 = (x: string) => /^\d+$/.test(x) && Number(x) <= 65535;
    if (!u16(start) || !u16(end)) return { ok: false, error: `port range ${debugQuote(p)} contains non-number` };
    return { ok: true, value: { kind: 'range', start: Number(start), end: Number(end) } };
  }
  if (!/^\d+$/.test(p) || Number(p) > 65535) return { ok: false, error: `port ${debugQuote(p)} is not a number` };
  return { ok: true, value: { kind: 'port', port: Number(p) } };
}

/** A request target, split the way the matcher needs it. */
export interface OutboundTarget {
  scheme: string;
  host: string;
  port: number | null;
  /** True for relative URLs ("/api"): a request to the app itself. */
  self: boolean;
}

export function parseTarget(url: string): OutboundTarget | null {
  if (url.startsWith('/')) return { scheme: 'http', host: 'self', port: null, self: true };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  let host = parsed.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = parsed.port === '' ? (DEFAULT_PORTS[scheme] ?? null) : Number(parsed.port);
  return { scheme, host, port, self: false };
}

function hostMatches(pattern: HostPattern, target: OutboundTarget): boolean {
  // Relative URLs (the app itself) are allowed by `self` or by a host of `*` (Spin's allows_relative).
  if (target.self) return pattern.kind === 'self' || pattern.kind === 'any';
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'self':
      return false;
    case 'subdomain':
      return target.host.endsWith(pattern.suffix) && target.host.length > pattern.suffix.length;
    case 'exact':
      return target.host === pattern.host.replace(/^\[|\]$/g, '');
    case 'cidr': {
      const ip = parseIpv4(target.host);
      if (ip === null) return false;
      if (pattern.bits === 0) return true;
      const shift = 32 - pattern.bits;
      return Math.floor(ip / 2 ** shift) === Math.floor(pattern.base / 2 ** shift);
    }
    case 'template':
      return false;
  }
}

function portMatches(pattern: PortPattern, target: OutboundTarget): boolean {
  if (target.self) return true;
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'port':
      return target.port === pattern.port;
    case 'range':
      return target.port !== null && target.port >= pattern.start && target.port < pattern.end;
    case 'template':
      return false;
  }
}

export function hostAllows(entry: AllowedHost, url: string): boolean {
  const target = parseTarget(url);
  if (!target) return false;
  if (target.self) {
    if (entry.scheme !== '*' && entry.scheme !== 'http' && entry.scheme !== 'https') return false;
  } else if (entry.scheme !== '*' && entry.scheme !== target.scheme) return false;
  return hostMatches(entry.host, target) && portMatches(entry.port, target);
}

/**
 * Substitutes `{{ name }}` with the app's variable values (Spin resolves these at runtime).
 * Unknown names stay as they are, and an unresolved template never matches.
 */
export function resolveTemplates(entry: string, variables: Record<string, string> = {}): string {
  return entry.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi, (whole, name: string) => variables[name.toLowerCase()] ?? whole);
}

/**
 * Whether Spin would let a component with these `allowed_outbound_hosts` reach `url`.
 * Malformed entries allow nothing (Spin refuses to load such a component at all; validation reports them).
 */
export function isAllowedOutbound(url: string, allowed: readonly string[], variables: Record<string, string> = {}): boolean {
  for (const raw of allowed) {
    const parsed = parseAllowedHost(resolveTemplates(raw, variables));
    if (parsed.ok && hostAllows(parsed.value, url)) return true;
  }
  return false;
}
