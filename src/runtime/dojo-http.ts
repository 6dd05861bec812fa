/**
 * Host side of the `dojo_http::send` import (ABI v1, modules/abi/dojo_http.md): Spin's outbound
 * HTTP for our WAGI components. The destination is checked against the component's
 * `allowed_outbound_hosts` with Spin's own rules (src/net/allow-list.ts) before anything is "sent";
 * allowed requests are answered from offline fixtures because nothing leaves the browser.
 */
import { isAllowedOutbound } from '../net/allow-list';
import type { Tracer } from './trace';
import type { OutboundHttpPolicy, RunResult } from './types';

export const DOJO_HTTP_MODULE = 'dojo_http';
export const DOJO_HTTP_FUNCS: ReadonlySet<string> = new Set(['send']);

export const DOJO_HTTP_OK = 0;
export const DOJO_HTTP_DENIED = 1;
export const DOJO_HTTP_ERROR = 2;
const RESULT_NAMES = ['OK', 'DENIED', 'ERROR'];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

export function createOutboundHttp(
  policy: OutboundHttpPolicy,
  memory: () => WebAssembly.Memory | undefined,
  tracer: Tracer,
): { imports: WebAssembly.ModuleImports; log: NonNullable<RunResult['outbound']> } {
  const log: NonNullable<RunResult['outbound']> = [];
  const record = (url: string, method: string, result: number, status?: number) => {
    tracer.push('dojo_http::send', { url, method }, result);
    const last = tracer.entries[tracer.entries.length - 1];
    if (last && last.fn === 'dojo_http::send') last.errnoName = RESULT_NAMES[result] ?? String(result);
    if (result !== DOJO_HTTP_ERROR || url !== '') {
      const entry: { url: string; allowed: boolean; status?: number } = { url, allowed: result !== DOJO_HTTP_DENIED };
      if (status !== undefined) entry.status = status;
      log.push(entry);
    }
  };

  const send = (...raw: unknown[]): number => {
    const [urlPtr, urlLen, methodPtr, methodLen, bodyPtr, bodyCap, statusOut, bodyLenOut] = raw.map((v) => Number(v) >>> 0) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const mem = memory();
    if (!mem) return DOJO_HTTP_ERROR;
    // Read at call time: the guest may have grown its memory since instantiation.
    const buf = mem.buffer;
    const size = buf.byteLength;
    const ranges: Array<[number, number]> = [
      [urlPtr, urlLen],
      [methodPtr, methodLen],
      [bodyPtr, bodyCap],
      [statusOut, 4],
      [bodyLenOut, 4],
    ];
    if (!ranges.every(([p, n]) => p + n <= size)) {
      record('', '', DOJO_HTTP_ERROR);
      return DOJO_HTTP_ERROR;
    }
    const view = new DataView(buf);
    view.setUint32(statusOut, 0, true);
    view.setUint32(bodyLenOut, 0, true);
    let url: string;
    let method: string;
    try {
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      url = utf8.decode(new Uint8Array(buf, urlPtr, urlLen));
      method = utf8.decode(new Uint8Array(buf, methodPtr, methodLen));
      new URL(url);
    } catch {
      record('', '', DOJO_HTTP_ERROR);
      return DOJO_HTTP_ERROR;
    }
    if (!METHODS.has(method)) {
      record(url, method, DOJO_HTTP_ERROR);
      return DOJO_HTTP_ERROR;
    }
    if (!isAllowedOutbound(url, policy.allowedHosts)) {
      record(url, method, DOJO_HTTP_DENIED);
      return DOJO_HTTP_DENIED;
    }
    const answer = Object.prototype.hasOwnProperty.call(policy.fixtures, url) ? policy.fixtures[url] : undefined;
    if (!answer) {
      record(url, method, DOJO_HTTP_ERROR);
      return DOJO_HTTP_ERROR;
    }
    const body = new TextEncoder().encode(answer.body);
    new Uint8Array(buf, bodyPtr, Math.min(body.length, bodyCap)).set(body.subarray(0, bodyCap));
    view.setUint32(statusOut, answer.status, true);
    view.setUint32(bodyLenOut, body.length, true);
    record(url, method, DOJO_HTTP_OK, answer.status);
    return DOJO_HTTP_OK;
  };

  return { imports: { send }, log };
}
