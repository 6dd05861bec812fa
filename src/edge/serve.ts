/**
 * An edge app served on the Dojo's loopback network (`wrangler dev` on localhost:8787, `fastly compute
 * serve` on 127.0.0.1:7676), through the same HTTP host as `spin up`: the app becomes a one-component
 * Spin app with a catch-all route and the WAGI executor (src/spin/app-host.ts), so every request is a real
 * run of a Wasm module in the engine. Which module: the shared stand-in build's choice for the project's
 * source (a module answering its one literal reply, else the WAGI hello handler), see `edgeStandIn`.
 *
 * The tool only adds its own log lines, from `onRequest` (method, path, status, milliseconds).
 */
import { createSpinAppHandler } from '../spin/app-host';
import type { SpinManifest } from '../spin/schema';
import type { RequestHandler } from '../machine/network';
import type { RunResult, WasmEngine } from '../runtime/types';
import type { HostFs } from '../fs/types';
import { scanSources } from '../toolchain/stand-in';
import { replyModule, sourceReply } from '../toolchain/reply-module';
import { STAND_INS, precompiled } from '../toolchain/stand-in-build';
import { readStandInModule } from '../toolchain/stand-in';

export interface EdgeRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface EdgeServeOptions {
  name: string;
  wasm: Uint8Array;
  engine: WasmEngine;
  signal: AbortSignal;
  onRequest(req: EdgeRequest): void;
  /** What the module writes to stderr (console output of the worker). */
  onOutput?(text: string): void;
  onRun?(label: string, result: RunResult): void;
  now?: () => number;
}

export function createEdgeHandler(opts: EdgeServeOptions): RequestHandler {
  const id =
    opts.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app';
  const componentId = /^[a-z]/.test(id) ? id : `app-${id}`;
  const manifest: SpinManifest = {
    manifestVersion: 2,
    application: { name: opts.name, authors: [] },
    variables: {},
    components: [
      {
        id: componentId,
        source: { kind: 'file', path: `${componentId}.wasm` },
        variables: {},
        environment: {},
        allowedOutboundHosts: [],
        keyValueStores: [],
        tool: {},
      },
    ],
    httpTriggers: [{ route: '/...', private: false, component: componentId, executor: { type: 'wagi' } }],
    otherTriggerTypes: [],
  };
  const inner = createSpinAppHandler({
    manifest,
    modules: new Map([[componentId, opts.wasm]]),
    engine: opts.engine,
    signal: opts.signal,
    stderrIsTerminal: false,
    log: {
      componentOutput: (_c, _s, text) => opts.onOutput?.(text),
      logLine: (line) => opts.onOutput?.(`${line}\n`),
      warning: (lines) => opts.onOutput?.(`${lines.join('\n')}\n`),
    },
    onRun: opts.onRun,
  });
  const now = opts.now ?? (() => performance.now());
  return async (req, conn) => {
    const started = now();
    const res = await inner(req, conn);
    const url = new URL(req.url);
    opts.onRequest({
      method: req.method.toUpperCase(),
      path: `${url.pathname}${url.search}`,
      status: res.status,
      ms: Math.max(1, Math.round(now() - started)),
    });
    return res;
  };
}

export interface EdgeStandIn {
  wasm: Uint8Array;
  /** For the build's dojo: line. */
  what: string;
}

/**
 * The module that stands in for an edge project's compiled code: one answering the handler's literal
 * reply (`Response::ok("Hello World!")`, `new Response('Hello World!')`, `.with_body("…")`), else the
 * precompiled WAGI hello handler, said plainly. Null when that precompiled module is missing.
 */
export async function edgeStandIn(fs: HostFs, home: string, projectDir: string): Promise<EdgeStandIn | null> {
  const reply = sourceReply(scanSources(fs, projectDir));
  if (reply) {
    const shown = reply.path.startsWith(`${projectDir}/`) ? reply.path.slice(projectDir.length + 1) : reply.path;
    return {
      wasm: replyModule(reply.contentType, reply.body),
      what: `a module that answers ${JSON.stringify(reply.body)} to every request, the reply in ${shown}; only that text comes from your code`,
    };
  }
  const wasm = await readStandInModule(fs, home, STAND_INS.edgeHttp);
  if (!wasm) return null;
  return { wasm, what: `${precompiled(STAND_INS.edgeHttp)} (your code has no single literal reply, so it does not shape the answer)` };
}

/** An HTTP status line's reason, as wrangler's request log prints it (`200 OK`). */
export const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
