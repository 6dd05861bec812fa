/**
 * `kind: http` — an app the learner serves (`wrangler dev`, `fastly compute serve`, `spin up`) answers
 * a request with a given status and body. The grader sends the request itself on the learner's loopback
 * network, exactly as `curl` would, so the answer comes from a real module run of the app as it runs
 * now; nothing is served by the grader.
 *
 *   - kind: http
 *     url: http://localhost:8787/      # the served address
 *     status: 200                      # default 200
 *     body: "Hello World!"             # exact body, or
 *     bodyContains: "Hello"            # a part of it
 */
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';

export interface HttpCheck extends CheckBase {
  kind: 'http';
  url: string;
  method: string;
  status: number;
  body?: string;
  bodyContains?: string;
}

const SERVERS = new Set(['curl', 'wrangler', 'fastly', 'spin']);

export async function evaluateHttpCheck(check: HttpCheck, ctx: CheckContext): Promise<CheckResult> {
  const base = { name: check.name, kind: 'http' as const };
  const fail = (why: string): CheckResult => ({ ...base, status: 'fail', message: check.message ? `${check.message} (${why})` : why });
  if (!ctx.network) return { ...base, status: 'error', message: "The grader cannot reach the machine's network; try `check` again." };
  const url = new URL(check.url);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const shown = quoteInput(check.url);
  let res;
  try {
    res = await ctx.network.request(url.hostname, port, {
      method: check.method,
      url: url.href,
      headers: [['host', url.host]],
      body: new Uint8Array(),
    });
  } catch (e) {
    return { ...base, status: 'error', message: `The request to ${shown} failed: ${quoteInput((e as Error).message)}` };
  }
  if (!res) return fail(`Nothing is listening on ${quoteInput(url.host)}: start the app (it keeps running in the background), then \`check\` again.`);
  const body = new TextDecoder().decode(res.body);
  const output = `HTTP ${res.status}\n${body.slice(0, 2000)}`;
  if (res.status !== check.status) return { ...fail(`${check.method} ${shown} answered ${res.status}, expected ${check.status}.`), output };
  if (check.body !== undefined && body !== check.body)
    return { ...fail(`${check.method} ${shown} answered ${quoteInput(body.slice(0, 200))}, expected ${quoteInput(check.body)}.`), output };
  if (check.bodyContains !== undefined && !body.includes(check.bodyContains))
    return { ...fail(`The answer of ${shown} does not contain ${quoteInput(check.bodyContains)}.`), output };
  return { ...base, status: 'pass', message: `${check.method} ${shown} answered ${res.status} as expected.`, output };
}

export const httpCheckKind: CheckKindDefinition<HttpCheck> = {
  kind: 'http',
  keys: ['url', 'method', 'status', 'body', 'bodyContains'],
  validate(c, v, f) {
    const url = v.string(c, 'url', `${f}.url`, { required: true });
    let ok = true;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:') {
        v.fail(`${f}.url`, "must be an http:// URL of the learner's machine");
        ok = false;
      }
    } catch {
      v.fail(`${f}.url`, 'is not a URL');
      ok = false;
    }
    const method = (v.string(c, 'method', `${f}.method`) ?? 'GET').toUpperCase();
    const status = v.number(c, 'status', `${f}.status`, { integer: true, min: 100 }) ?? 200;
    const body = v.string(c, 'body', `${f}.body`);
    const bodyContains = v.string(c, 'bodyContains', `${f}.bodyContains`);
    if (!ok) return undefined;
    return { kind: 'http', url, method, status, ...(body !== undefined ? { body } : {}), ...(bodyContains !== undefined ? { bodyContains } : {}) };
  },
  evaluate: evaluateHttpCheck,
  concerns: (_check, rec) => rec.segments.some((argv) => SERVERS.has(argv[0] ?? '')),
};
