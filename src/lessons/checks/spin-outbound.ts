/**
 * `kind: spin-outbound` — least privilege for a Spin component's `allowed_outbound_hosts`.
 *
 * The grader serves the learner's app itself (the manifest as it is on disk now, the module `spin build`
 * wrote), with the real engine and Spin's matching rules, and sends one probe request:
 * 1. the app must work: the probe is answered 2xx and no outbound call was denied;
 * 2. every entry must be needed: the app is served again once per entry with that entry removed
 *    (src/spin/ablation.ts); an entry whose removal still leaves it working is unnecessary;
 * 3. no entry may be wider than what the component called: `*://*:*`, `https://*.example.com`,
 *    `*://api.example.com`, `:*` ports... are too broad when the trace shows the one origin it used.
 * Nothing touches the learner's loopback network or running `spin up`.
 */
import { loadSpinApp } from '../../spin/app-loader';
import { ablateOutboundHosts, probeRequest, type AblationReport, type ProbeResult } from '../../spin/ablation';
import { variableValues } from '../../spin/app-host';
import { isAllowedOutbound, parseAllowedHost, suggestedAllowEntry } from '../../spin/hosts';
import type { SpinManifest } from '../../spin/schema';
import type { WasmEngine } from '../../runtime/types';
import type { CheckResult, Finding } from '../results';
import type { CheckBase } from '../schema';
import type { CheckContext } from './context';
import { resolveLessonPath } from './file';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';

/**
 * Outbound least privilege for a Spin app: served from the learner's spin.toml (and the built module),
 * a probe request must be answered 2xx with no denied outbound call, and every `allowed_outbound_hosts`
 * entry must be needed (ablation) and no wider than the hosts the component really called.
 */
export interface SpinOutboundCheck extends CheckBase {
  kind: 'spin-outbound';
  /** The app's manifest: "~/quote-app/spin.toml", "quote-app/spin.toml" or absolute. */
  manifest: string;
  /** Grade only this component's entries (default: every component's). */
  component?: string;
  /** Path of the probe request (GET http://127.0.0.1:3000<path>); default "/". */
  path: string;
  /** The probe's response body must contain this, too. */
  bodyContains?: string;
}

/** Verdicts keyed by everything they depend on: re-grading after an unrelated `ls` costs nothing. */
const memo = new Map<string, CheckResult>();
const MEMO_LIMIT = 32;

export async function evaluateSpinOutboundCheck(check: SpinOutboundCheck, ctx: CheckContext): Promise<CheckResult> {
  const base = { name: check.name, kind: 'spin-outbound' as const };
  const fail = (message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
    ...base,
    status: 'fail',
    message: check.message ? `${check.message}\n${message}` : message,
    ...extra,
  });
  if (!ctx.engine) return { ...base, status: 'error', message: 'The grader has no Wasm engine to serve the app with; try `check` again in a moment.' };

  const manifestPath = resolveLessonPath(check.manifest, ctx.home);
  if (ctx.fs.stat(manifestPath)?.kind !== 'file') return fail(`${quoteInput(check.manifest)} does not exist.`);
  const app = loadSpinApp(ctx.fs, manifestPath);
  if (!app.ok) {
    const missingModule = app.causes.some((c) => c.startsWith('Failed to load Wasm source'));
    return fail(
      missingModule
        ? `The app's module is not built yet: run \`spin build\` in the app's folder.`
        : `Spin cannot load ${quoteInput(check.manifest)}: fix the manifest first (\`spin up\` shows the same error).`,
      { output: [`Error: ${app.top}`, ...app.causes].join('\n').slice(0, 2000) },
    );
  }
  if (check.component && !app.manifest.components.some((c) => c.id === check.component)) {
    return fail(`${quoteInput(check.manifest)} has no component ${quoteInput(check.component)}.`);
  }

  const key = JSON.stringify([check, app.loaded.text, [...app.modules].map(([id, bytes]) => [id, fingerprint(bytes)])]);
  const cached = memo.get(key);
  if (cached) return cached;
  const started = performance.now();
  const result = await grade(check, app.manifest, app.modules, ctx.engine);
  result.durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, result);
  return result;
}

async function grade(check: SpinOutboundCheck, manifest: SpinManifest, modules: ReadonlyMap<string, Uint8Array>, engine: WasmEngine): Promise<CheckResult> {
  const base = { name: check.name, kind: 'spin-outbound' as const };
  const probe = `GET ${check.path}`;
  const report = await ablateOutboundHosts(manifest, modules, engine, probeRequest(check.path));
  // The outbound calls of the app as written: the ablation's baseline run recorded them.
  const calls = report.baseline.calls;
  const graded = report.entries.filter((e) => !check.component || e.componentId === check.component);
  const findings: Finding[] = [];
  const variables = variableValues(manifest);

  const works = report.baselineWorks && (check.bodyContains === undefined || report.baseline.body.includes(check.bodyContains));
  if (!works) findings.push(failedFinding(check, report, probe));

  // Entries with a wildcard: a reviewer narrows or drops those, and keeps the exact entry they make
  // look redundant (each of the two is removable alone; only the exact one is least privilege).
  const wide = graded.filter((v) => wildcardParts(v.entry).length > 0);
  for (const verdict of graded) {
    const entryCalls = calls.filter((c) => c.componentId === verdict.componentId && c.allowed && entryAllows(verdict.entry, c.url, variables));
    const origins = [...new Set(entryCalls.map((c) => suggestedAllowEntry(c.url)))];
    const wildcard = wildcardParts(verdict.entry);
    const redundantOnlyBesideAWildcard =
      wildcard.length === 0 &&
      entryCalls.length > 0 &&
      entryCalls.every((c) => wide.some((w) => w.componentId === verdict.componentId && entryAllows(w.entry, c.url, variables)));
    if (works && verdict.unnecessary && !redundantOnlyBesideAWildcard) {
      findings.push({
        kind: 'unnecessary',
        grant: verdict.entry,
        message:
          origins.length === 0
            ? `${quoteInput(verdict.entry)} is unnecessary: the component never called a host it allows.`
            : `${quoteInput(verdict.entry)} is unnecessary: another entry already allows ${origins.map((o) => quoteInput(o)).join(', ')}, so the app works without it.`,
        evidence: [`without ${quoteInput(verdict.entry)}: ${describeProbe(probe, verdict.withoutIt)}`],
      });
    }
    // A wildcard is too broad as soon as the trace shows which origins it was really needed for.
    if (wildcard.length > 0 && (verdict.tooBroad || origins.length > 0)) {
      const named = origins.length ? origins.map((o) => quoteInput(o)).join(', ') : 'no host at all';
      findings.push({
        kind: 'too-broad',
        grant: verdict.entry,
        message: `${quoteInput(verdict.entry)} is too broad (${wildcard.join(', ')}): the component only called ${named}. Name ${origins.length > 1 ? 'those origins' : 'that origin'} instead.`,
        evidence: entryCalls.map((c) => `outbound GET ${c.url} → allowed`),
      });
    }
  }

  if (findings.length === 0) {
    const list = graded.map((e) => quoteInput(e.entry)).join(', ') || 'no outbound hosts at all';
    return { ...base, status: 'pass', message: `Least privilege: ${quoteInput(probe)} answers ${report.baseline.status} with ${list}, and each entry is needed.`, findings: [] };
  }
  const lead = works ? `The app works, but its \`allowed_outbound_hosts\` allow more than it needs:` : `The app does not work yet.`;
  return {
    ...base,
    status: 'fail',
    message: [check.message, lead, ...findings.map((f) => `- ${f.message}`)].filter(Boolean).join('\n'),
    findings,
    ...(works ? {} : { output: report.baseline.body.slice(0, 2000) }),
  };
}

function failedFinding(check: SpinOutboundCheck, report: AblationReport, probe: string): Finding {
  const b = report.baseline;
  const evidence = [describeProbe(probe, b), ...b.denied.map((d) => `Outbound network destination not allowed: ${d}`)];
  let message: string;
  if (b.denied.length > 0) {
    const add = [...new Set(b.denied)].map((d) => quoteInput(d)).join(', ');
    message = `Spin denied the component's outbound request to ${add}: allow exactly that in \`allowed_outbound_hosts\`.`;
  } else if (b.status === 404) message = `${quoteInput(probe)} matched no route (404): check the trigger's \`route\`.`;
  else if (b.status < 200 || b.status >= 300) message = `${quoteInput(probe)} answered ${b.status}, not 2xx.`;
  else message = `${quoteInput(probe)} answered ${b.status}, but the body does not contain ${quoteInput(check.bodyContains ?? '')}.`;
  return { kind: 'failed', message, evidence };
}

function describeProbe(probe: string, p: ProbeResult): string {
  const denied = p.denied.length ? `, denied ${p.denied.join(', ')}` : ', no denied request';
  return `${probe} → ${p.status}${denied}`;
}

/** Spin's own matcher on a one-entry list, so "this entry allows it" means what the host enforced. */
function entryAllows(entry: string, url: string, variables: Record<string, string>): boolean {
  return isAllowedOutbound(url, [entry], variables);
}

/** The parts of an entry that match more than one thing, in words; empty for an exact `scheme://host[:port]`. */
export function wildcardParts(entry: string): string[] {
  const parsed = parseAllowedHost(entry);
  if (!parsed.ok) return [];
  const { scheme, host, port } = parsed.value;
  const parts: string[] = [];
  if (host.kind === 'any') parts.push('any host');
  else if (host.kind === 'subdomain') parts.push(`every subdomain of ${host.suffix.slice(1)}`);
  else if (host.kind === 'cidr') parts.push('a whole address range');
  if (scheme === '*') parts.push('any scheme');
  if (port.kind === 'any') parts.push('any port');
  else if (port.kind === 'range') parts.push(`ports ${port.start}..${port.end}`);
  return parts;
}

/** FNV-1a over the bytes: a cheap identity for "the same module as last time". */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

export const spinOutboundCheckKind: CheckKindDefinition<SpinOutboundCheck> = {
  kind: 'spin-outbound',
  keys: ['manifest', 'component', 'path', 'bodyContains'],
  validate(c, v, f) {
    const manifest = v.string(c, 'manifest', `${f}.manifest`, { required: true });
    const component = v.string(c, 'component', `${f}.component`);
    const path = v.string(c, 'path', `${f}.path`) ?? '/';
    if (!path.startsWith('/')) v.fail(`${f}.path`, 'must start with "/" (the path of the probe request)');
    const bodyContains = v.string(c, 'bodyContains', `${f}.bodyContains`);
    return {
      kind: 'spin-outbound',
      manifest,
      ...(component ? { component } : {}),
      path,
      ...(bodyContains !== undefined ? { bodyContains } : {}),
    };
  },
  evaluate: evaluateSpinOutboundCheck,
  // Serving, calling or rebuilding the app is an attempt at its outbound hosts.
  concerns: (_check, rec) => rec.segments.some((argv) => argv[0] === 'spin' || argv[0] === 'curl'),
};
