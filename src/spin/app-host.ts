/**
 * The Dojo's Spin HTTP trigger: routes a request, runs the component's module once per request in the
 * Wasm engine with Spin's WAGI convention, enforces `allowed_outbound_hosts` through the engine's outbound
 * HTTP hook, and logs what Spin logs (denied destinations, 404s, failed requests).
 *
 * Pure of any terminal or filesystem: `spin up` passes in the loaded modules and a log sink, tests
 * pass a real engine and collect the log lines.
 */
import type { RunResult, WasmEngine } from '../runtime/types';
import { OUTBOUND_FIXTURES } from './fixtures';
import { outboundDeniedLines } from './hosts';
import type { ConnectionInfo, RequestHandler } from '../machine/network';
import { Router } from './router';
import type { ComponentManifest, SpinManifest } from './schema';
import { buildWagiRequest, decodeWagiResponse } from './wagi';
import type { HttpRequest, HttpResponse } from '../net/http';
import { concatBytes } from '../lib/bytes';

export interface SpinLog {
  /**
   * A component instance is about to run (Spin's `prepare_instance` hook): Spin opens, creating them,
   * the component's `<component>_stdout.txt` and `_stderr.txt` in the log directory then.
   */
  instanceStarting?(componentId: string): void;
  /** Component output, as Spin echoes it and writes `<component>_stdout.txt` / `_stderr.txt`. */
  componentOutput(componentId: string, stream: 'stdout' | 'stderr', text: string): void;
  /** A tracing line, e.g. "<ts> ERROR spin_trigger_http::server: Error processing request: ...". */
  logLine(line: string): void;
  /** A `Warning: ...` block (first line gets the bold-yellow prefix). */
  warning(lines: string[]): void;
}

export interface SpinAppHostOptions {
  manifest: SpinManifest;
  /** Module bytes per component id (loaded at startup, as Spin does). */
  modules: ReadonlyMap<string, Uint8Array>;
  engine: WasmEngine;
  log: SpinLog;
  fixtures?: Record<string, { status: number; headers: Record<string, string>; body: string }>;
  /** Per-request cap so a looping component cannot wedge the server. */
  requestTimeoutMs?: number;
  /** Spin prints the unmatched-route warning only when stderr is a terminal. */
  stderrIsTerminal?: boolean;
  now?: () => Date;
  /** Aborted when the server stops: in-flight runs are killed. */
  signal?: AbortSignal;
  /** Called after each component run (for `dojo trace` and the grader), e.g. ("GET /hello -> my-api", result). */
  onRun?: (label: string, result: RunResult) => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function logTimestamp(d: Date): string {
  return d.toISOString().replace(/Z$/, '000Z');
}

function emptyResponse(status: number): HttpResponse {
  return { status, headers: [], body: new Uint8Array() };
}

/** Spin-style error text of a failed run, as `Error processing request: ...` shows it. */
function runFailure(result: RunResult): string | null {
  const o = result.outcome;
  switch (o.kind) {
    case 'exit':
      return o.code === 0 ? null : `Exited with i32 exit status ${o.code}`;
    case 'trap':
      return o.message;
    case 'error':
      return o.message;
    case 'killed':
      return o.reason === 'timeout' ? 'the request timed out' : 'the request was interrupted';
  }
}

export function variableValues(manifest: SpinManifest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, def] of Object.entries(manifest.variables)) if (def.default !== undefined) out[name] = def.default;
  return out;
}

/** What hyper adds to every response Spin sends: the body length and the date. */
function withServerHeaders(res: HttpResponse, now: Date): HttpResponse {
  const headers = [...res.headers];
  if (!headers.some(([n]) => n.toLowerCase() === 'content-length')) headers.push(['content-length', String(res.body.length)]);
  headers.push(['date', now.toUTCString()]);
  return { ...res, headers };
}

export function createSpinAppHandler(opts: SpinAppHostOptions): RequestHandler {
  const inner = createInnerHandler(opts);
  const now = opts.now ?? (() => new Date());
  return async (req, conn) => withServerHeaders(await inner(req, conn), now());
}

function createInnerHandler(opts: SpinAppHostOptions): RequestHandler {
  const router = new Router(opts.manifest.httpTriggers);
  const components = new Map<string, ComponentManifest>(opts.manifest.components.map((c) => [c.id, c]));
  const now = opts.now ?? (() => new Date());
  let warnedUnmatched = false;

  return async (req: HttpRequest, conn: ConnectionInfo): Promise<HttpResponse> => {
    const url = new URL(req.url);
    const path = url.pathname;

    // Spin's built-in endpoints.
    if (path === '/.well-known/spin/health') {
      return { status: 200, headers: [['content-type', 'text/plain']], body: encoder.encode('OK') };
    }
    if (path === '/.well-known/spin/info') {
      const info = { version: '3.0.0', commit: '737778e9', app: opts.manifest.application.name };
      return { status: 200, headers: [['content-type', 'application/json']], body: encoder.encode(JSON.stringify(info)) };
    }
    if (path.startsWith('/.well-known/spin/')) return emptyResponse(404);

    const match = router.match(path);
    if (!match) {
      if (!warnedUnmatched && (opts.stderrIsTerminal ?? true)) {
        warnedUnmatched = true;
        opts.log.warning([
          `Request to ${path} matched no pattern, and received a generic 404 response. To serve a more informative 404 page, add a catch-all (/...) route.`,
        ]);
      }
      return emptyResponse(404);
    }

    const component = components.get(match.trigger.component);
    const wasm = opts.modules.get(match.trigger.component);
    if (!component || !wasm) {
      opts.log.logLine(
        `${logTimestamp(now())} ERROR spin_trigger_http::server: Error processing request: no such component "${match.trigger.component}"`,
      );
      return emptyResponse(500);
    }

    const invocation = buildWagiRequest(req, match, { clientAddr: conn.clientAddr, argv: match.trigger.executor.argv });
    // Component `environment` first; the request variables override, as Spin sets them last.
    const envMap = new Map<string, string>(Object.entries(component.environment));
    for (const [k, v] of invocation.env) envMap.set(k, v);

    const stdoutChunks: Uint8Array[] = [];
    opts.log.instanceStarting?.(component.id);
    let result: RunResult;
    try {
      result = await opts.engine.run(
        {
          wasm,
          args: invocation.args,
          env: [...envMap],
          preopens: [],
          image: { dirs: [], files: [] },
          stdin: invocation.stdin,
          limits: { timeoutMs: opts.requestTimeoutMs ?? 10_000 },
          host: {
            outboundHttp: {
              allowedHosts: resolveAllowedHosts(component.allowedOutboundHosts, variableValues(opts.manifest)),
              fixtures: opts.fixtures ?? OUTBOUND_FIXTURES,
            },
          },
        },
        {
          onStdout: (bytes) => stdoutChunks.push(bytes.slice()),
          onStderr: (bytes) => opts.log.componentOutput(component.id, 'stderr', decoder.decode(bytes)),
        },
        opts.signal,
      );
    } catch (err) {
      opts.log.logLine(
        `${logTimestamp(now())} ERROR spin_trigger_http::server: Error processing request: ${err instanceof Error ? err.message : String(err)}`,
      );
      return emptyResponse(500);
    }

    opts.onRun?.(`${req.method.toUpperCase()} ${path} -> ${component.id}`, result);
    for (const attempt of result.outbound ?? []) {
      if (attempt.allowed) continue;
      const lines = outboundDeniedLines(attempt.url, now());
      opts.log.logLine(lines.log);
      opts.log.warning(lines.warning);
    }

    const failure = runFailure(result);
    if (failure) {
      opts.log.logLine(`${logTimestamp(now())} ERROR spin_trigger_http::server: Error processing request: ${failure}`);
      return emptyResponse(500);
    }

    const stdout = concatBytes(stdoutChunks);
    const decoded = decodeWagiResponse(stdout, component.id);
    if (!decoded.ok && decoded.log) {
      opts.log.logLine(`${logTimestamp(now())} ERROR spin_trigger_http::server: Error processing request: ${decoded.log}`);
    }
    return decoded.response;
  };
}

function resolveAllowedHosts(entries: string[], variables: Record<string, string>): string[] {
  return entries.map((e) => e.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi, (whole, name: string) => variables[name.toLowerCase()] ?? whole));
}
