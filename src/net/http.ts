/**
 * One HTTP exchange on the Dojo's machine, as every server (`spin up`, later `kubectl port-forward`,
 * `wrangler dev`) and every client (`curl`, a component's outbound request) sees it. Plain data: no
 * sockets, nothing leaves the browser.
 */

export interface HttpRequest {
  method: string;
  /** Absolute URL as the client sent it, e.g. "http://127.0.0.1:3000/hello?x=1". */
  url: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}
