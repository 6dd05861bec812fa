/**
 * Least-privilege check for `allowed_outbound_hosts` by ablation: serve the app once as written, then once
 * per entry with that entry removed. An entry whose removal still leaves the app working (same status,
 * no denied outbound call) is unnecessary; `*://*:*` and other catch-alls are reported as too broad.
 * Runs the real modules through the engine, without the loopback network (so it never collides with
 * the learner's own `spin up`). For the lessons' grader.
 */
import type { WasmEngine } from '../runtime/types';
import { createSpinAppHandler, type SpinLog } from './app-host';
import { parseAllowedHost } from './hosts';
import type { SpinManifest } from './schema';
import type { HttpRequest, HttpResponse } from '../net/http';

/** One outbound HTTP call a component made while answering the probe, allowed or not. */
export interface OutboundCall {
  componentId: string;
  url: string;
  allowed: boolean;
}

export interface ProbeResult {
  status: number;
  body: string;
  denied: string[];
  /** Every outbound call, for graders that ask which origins an entry was really needed for. */
  calls: OutboundCall[];
}

export interface EntryVerdict {
  componentId: string;
  entry: string;
  /** The app still works without it. */
  unnecessary: boolean;
  /** Matches any host (`*://*:*`, `https://*`, ...): least privilege says name the host. */
  tooBroad: boolean;
  withoutIt: ProbeResult;
}

export interface AblationReport {
  baseline: ProbeResult;
  /** The baseline answered 2xx without any denied outbound call. */
  baselineWorks: boolean;
  entries: EntryVerdict[];
}

const decoder = new TextDecoder();

async function probe(
  manifest: SpinManifest,
  modules: ReadonlyMap<string, Uint8Array>,
  engine: WasmEngine,
  request: HttpRequest,
): Promise<ProbeResult> {
  const denied: string[] = [];
  const log: SpinLog = {
    componentOutput: () => undefined,
    logLine: (line) => {
      const m = /Outbound network destination not allowed: (\S+)$/.exec(line);
      if (m?.[1]) denied.push(m[1]);
    },
    warning: () => undefined,
  };
  const calls: OutboundCall[] = [];
  const handler = createSpinAppHandler({
    manifest,
    modules,
    engine,
    log,
    stderrIsTerminal: false,
    onRun: (label, result) => {
      const componentId = label.slice(label.lastIndexOf(' -> ') + 4);
      for (const o of result.outbound ?? []) calls.push({ componentId, url: o.url, allowed: o.allowed });
    },
  });
  const res: HttpResponse = await handler(request, { clientAddr: '127.0.0.1:50000' });
  return { status: res.status, body: decoder.decode(res.body), denied, calls };
}

const works = (p: ProbeResult) => p.status >= 200 && p.status < 300 && p.denied.length === 0;

export function isTooBroad(entry: string): boolean {
  const parsed = parseAllowedHost(entry);
  return parsed.ok && parsed.value.host.kind === 'any';
}

export async function ablateOutboundHosts(
  manifest: SpinManifest,
  modules: ReadonlyMap<string, Uint8Array>,
  engine: WasmEngine,
  request: HttpRequest,
): Promise<AblationReport> {
  const baseline = await probe(manifest, modules, engine, request);
  const entries: EntryVerdict[] = [];
  for (const comp of manifest.components) {
    for (let i = 0; i < comp.allowedOutboundHosts.length; i++) {
      const entry = comp.allowedOutboundHosts[i]!;
      const reduced: SpinManifest = {
        ...manifest,
        components: manifest.components.map((c) =>
          c.id === comp.id ? { ...c, allowedOutboundHosts: c.allowedOutboundHosts.filter((_, j) => j !== i) } : c,
        ),
      };
      const withoutIt = await probe(reduced, modules, engine, request);
      entries.push({
        componentId: comp.id,
        entry,
        unnecessary: works(withoutIt) && withoutIt.status === baseline.status,
        tooBroad: isTooBroad(entry),
        withoutIt,
      });
    }
  }
  return { baseline, baselineWorks: works(baseline), entries };
}

/** A GET request as curl would send it, for probes. */
export function probeRequest(path = '/', port = 3000): HttpRequest {
  return {
    method: 'GET',
    url: `http://127.0.0.1:${port}${path}`,
    headers: [
      ['Host', `127.0.0.1:${port}`],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
    ],
    body: new Uint8Array(),
  };
}
