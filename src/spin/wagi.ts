/**
 * Spin's WAGI convention (Spin v3.0.0 crates/http/src/wagi): the request goes in as CGI-style
 * environment variables, argv and stdin; the response comes out on stdout as header lines, a blank
 * line and the body. This is how the Dojo's precompiled components (plain WASI commands) serve HTTP.
 */
import type { HttpRequest, HttpResponse } from '../net/http';
import type { RouteMatch } from './router';

export interface WagiInvocation {
  args: string[];
  env: Array<[string, string]>;
  stdin: Uint8Array;
}

/** Default `argv` of a WAGI executor in Spin. */
export const DEFAULT_WAGI_ARGV = '${SCRIPT_NAME} ${ARGS}';

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

export function buildWagiRequest(req: HttpRequest, match: RouteMatch, opts: { clientAddr: string; argv?: string }): WagiInvocation {
  const url = new URL(req.url);
  const query = url.search.replace(/^\?/, '');
  const host = headerValue(req.headers, 'host') ?? url.host;
  const colon = host.lastIndexOf(':');
  const serverName = colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
  const serverPort = colon > 0 && !host.endsWith(']') ? host.slice(colon + 1) : url.protocol === 'https:' ? '443' : '80';
  const clientIp = opts.clientAddr.replace(/:\d+$/, '');
  const rawPath = url.pathname;
  const pathInfo = match.pathInfo;
  const env: Array<[string, string]> = [
    ['AUTH_TYPE', ''],
    ['CONTENT_LENGTH', String(req.body.length)],
    // Spin reads a header literally named CONTENT_TYPE, which HTTP clients never send (crates/http/src/wagi).
    ['CONTENT_TYPE', headerValue(req.headers, 'CONTENT_TYPE') ?? ''],
    ['GATEWAY_INTERFACE', 'CGI/1.1'],
    // Spin's default headers override Wagi's decoded PATH_INFO with the raw one (trigger-http wagi.rs).
    ['PATH_INFO', pathInfo],
    ['PATH_TRANSLATED', safeDecode(pathInfo)],
    ['QUERY_STRING', query],
    ['REMOTE_ADDR', clientIp],
    ['REMOTE_HOST', clientIp],
    ['REMOTE_USER', ''],
    ['REQUEST_METHOD', req.method.toUpperCase()],
    ['SCRIPT_NAME', match.base],
    ['SERVER_NAME', serverName],
    ['SERVER_PORT', serverPort],
    ['SERVER_PROTOCOL', 'HTTP/1.1'],
    ['SERVER_SOFTWARE', 'WAGI/1'],
    ['X_BASE_PATH', '/'],
    ['X_CLIENT_ADDR', opts.clientAddr],
    ['X_COMPONENT_ROUTE', match.base],
    ['X_FULL_URL', `${url.protocol}//${host}${rawPath}${url.search}`],
    ['X_MATCHED_ROUTE', match.rawRoute],
    ['X_RAW_COMPONENT_ROUTE', match.rawRoute],
    ['X_RAW_PATH_INFO', pathInfo],
  ];
  for (const [name, value] of Object.entries(match.params)) env.push([`X_PATH_MATCH_${name.toUpperCase()}`, value]);
  for (const [name, value] of req.headers) {
    const key = `HTTP_${name.toUpperCase().replace(/-/g, '_')}`;
    // Spin keeps credentials and hop-by-hop headers away from the guest.
    if (key === 'HTTP_AUTHORIZATION' || key === 'HTTP_CONNECTION') continue;
    env.push([key, value]);
  }
  // As Spin's Wagi executor: ${SCRIPT_NAME} is the request path, ${ARGS} the query with & -> space,
  // and the result is split on single spaces (so an empty query leaves an empty last argument).
  const args = (opts.argv ?? DEFAULT_WAGI_ARGV).replace('${SCRIPT_NAME}', rawPath).replace('${ARGS}', query.replace(/&/g, ' ')).split(' ');
  return { args, env, stdin: req.body };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type WagiDecodeResult =
  | { ok: true; response: HttpResponse }
  /** Spin answers these with an error status; `log` is what it logs, if anything. */
  | { ok: false; response: HttpResponse; log?: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Turns the guest's stdout into an HTTP response the way Spin's WAGI executor does.
 * `\r` is ignored while scanning headers; the separator is the first empty line.
 */
export function decodeWagiResponse(stdout: Uint8Array, componentId: string): WagiDecodeResult {
  if (stdout.length === 0) {
    return {
      ok: false,
      response: { status: 500, headers: [], body: new Uint8Array() },
      log: `The "${componentId}" component is configured to use the WAGI executor but did not write to stdout. Check the \`executor\` in spin.toml.`,
    };
  }
  // As Spin's compose_response: CRs are dropped while scanning for the first empty line; without one,
  // everything is body and there are no headers (so the response is insufficient).
  let headerText = '';
  let bodyStart = -1;
  let last = -1;
  const headerBytes: number[] = [];
  for (let i = 0; i < stdout.length; i++) {
    const b = stdout[i]!;
    if (b === 13) continue;
    if (b === 10 && last === 10) {
      bodyStart = i + 1;
      break;
    }
    last = b;
    headerBytes.push(b);
  }
  if (bodyStart >= 0) headerText = decoder.decode(new Uint8Array(headerBytes));
  const body = bodyStart >= 0 ? stdout.slice(bodyStart) : stdout.filter((b) => b !== 13);
  const headers: Array<[string, string]> = [];
  for (const line of headerText.trim().split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue; // Spin logs "corrupt header" and skips it
    const name = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) continue; // invalid header names are ignored
    const existing = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    const entry: [string, string] = [name, line.slice(colon + 1).trim()];
    if (existing >= 0) headers[existing] = entry;
    else headers.push(entry);
  }

  let status: number | undefined;
  const out: Array<[string, string]> = [];
  let hasContentType = false;
  let hasLocation = false;
  let hasStatus = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'status') {
      hasStatus = true;
      const codeText = value.split(' ')[0] ?? '';
      const code = Number(codeText);
      if (!/^\d{3}$/.test(codeText) || code < 100) {
        return { ok: false, response: { status: 502, headers: [], body: new Uint8Array() } };
      }
      status = code;
      continue;
    }
    if (lower === 'content-type') hasContentType = true;
    if (lower === 'location') hasLocation = true;
    // hyper sends header names lower-case.
    out.push([lower, value]);
  }
  if (!hasContentType && !hasLocation && !hasStatus) {
    return {
      ok: false,
      response: {
        status: 500,
        headers: [],
        body: encoder.encode("Exactly one of 'location' or 'content-type' must be specified"),
      },
    };
  }
  if (status === undefined) status = hasLocation ? 302 : 200;
  return { ok: true, response: { status, headers: out, body } };
}
