/**
 * kubectl's writing commands: apply, create, delete, scale, rollout, wait, label, annotate, edit,
 * port-forward, exec. Followed: kubectl pkg/cmd/apply (client-side apply: last-applied annotation,
 * created/configured/unchanged), delete (`"x" deleted from <ns> namespace` since 1.34 — the Dojo
 * speaks 1.31, so without it), scale, rollout, wait (`condition met`), portforward (the Forwarding
 * lines, `Handling connection for`), and cli-runtime's resource builder for -f FILE|DIR|-|URL.
 */
import type { CommandContext } from '../../shell/types';
import type { Parsed } from '../cli/spec';
import type { ClusterHost } from '../../cluster/host';
import { ApiError, formatForKubectl, notFound } from '../../cluster/errors';
import { apiVersionOf, kindGroup, qualifiedResource, type ResourceType } from '../../cluster/schema';
import { clone, dig, isDict, listOf, num, str, type Dict, type KObject, type Manifest } from '../../cluster/types';
import { loadManifests, toYaml } from '../../cluster/yaml';
import { OFFLINE_MANIFESTS } from '../../cluster/offline';
import { KubectlError, namespaceOf, parseTargets } from './session';
import { podsFor, selectorOf } from './read';
import { nameOf } from './output';
import { dojoLine } from '../../lib/dojo-line';
import { AddressInUseError } from '../../machine/network';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Source {
  /** As kubectl names it in errors: the path, "STDIN", or the URL. */
  name: string;
  docs: Manifest[];
}

/** -f FILE|DIR|-|URL → documents, or the builder's error (thrown as KubectlError). */
export async function readSources(ctx: CommandContext, files: string[], recursive: boolean): Promise<Source[]> {
  const out: Source[] = [];
  const parse = (name: string, text: string) => {
    const r = loadManifests(text);
    if (!r.ok) throw new KubectlError(`error parsing ${name}: ${r.message}`);
    out.push({ name, docs: r.docs });
  };
  for (const f of files) {
    if (f === '-') {
      parse('STDIN', new TextDecoder().decode(await ctx.stdin.readAll()));
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const known = OFFLINE_MANIFESTS[f];
      if (!known) {
        const host = new URL(f).host;
        // What an unresolvable host gives (Go net/http through cli-runtime's URL visitor); the Dojo is offline.
        throw new KubectlError(`unable to read URL "${f}", server reported Get "${f}": dial tcp: lookup ${host}: no such host, status code=0`);
      }
      out.push({ name: f, docs: clone(known) as Manifest[] });
      continue;
    }
    const path = ctx.shell.resolvePath(f);
    const st = ctx.fs.stat(path);
    if (!st) throw new KubectlError(`the path "${f}" does not exist`);
    if (st.kind === 'dir') {
      const walk = (dir: string, rel: string) => {
        for (const e of ctx.fs.readdir(dir).sort()) {
          const p = `${dir}/${e}`;
          const s = ctx.fs.stat(p);
          if (s?.kind === 'dir') {
            if (recursive) walk(p, `${rel}/${e}`);
          } else if (/\.(ya?ml|json)$/.test(e)) parse(`${rel}/${e}`, new TextDecoder().decode(ctx.fs.readFile(p)));
        }
      };
      walk(path, f.replace(/\/$/, ''));
    } else parse(f, new TextDecoder().decode(ctx.fs.readFile(path)));
  }
  return out;
}

/** Client-side validation of apiVersion/kind and the REST mapping, with kubectl's texts. */
function mapDoc(h: ClusterHost, src: Source, doc: Manifest): ResourceType {
  if ('__notAnObject' in doc)
    throw new KubectlError(
      `error validating "${src.name}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  const missing = [
    ...(typeof doc.apiVersion !== 'string' || !doc.apiVersion ? ['apiVersion not set'] : []),
    ...(typeof doc.kind !== 'string' || !doc.kind ? ['kind not set'] : []),
  ];
  if (missing.length)
    throw new KubectlError(
      `error validating "${src.name}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  const t = h.cluster.api.typeFor(String(doc.apiVersion), String(doc.kind));
  if (!t) {
    const name = str(doc.metadata?.name) ?? '';
    const ns = str(doc.metadata?.namespace) ?? '';
    throw new KubectlError(
      `resource mapping not found for name: "${name}" namespace: "${ns}" from "${src.name}": no matches for kind "${String(doc.kind)}" in version "${String(doc.apiVersion)}"\nensure CRDs are installed first`,
    );
  }
  return t;
}

/** A strategic-merge-like merge: maps merge, lists of named items merge by `name` (containers, env, ports), other lists by position. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && patch.every(isDict) && base.every(isDict)) {
    const keyed = patch.every((x) => typeof x.name === 'string') && base.every((x) => typeof x.name === 'string');
    return patch.map((x, i) => deepMerge(keyed ? base.find((b) => b.name === x.name) : base[i], x));
  }
  if (!isDict(base) || !isDict(patch)) return clone(patch);
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Removes from `obj` what the previous apply set and this one does not (the three-way part of the patch). */
function dropRemoved(obj: unknown, last: unknown, now: unknown): void {
  if (!isDict(obj) || !isDict(last)) return;
  for (const k of Object.keys(last)) {
    if (!isDict(now) || !(k in now)) delete obj[k];
    else dropRemoved(obj[k], last[k], now[k]);
  }
}

function stripForCompare(o: KObject): string {
  const c = clone(o) as Dict;
  const m = { ...(c.metadata as Dict) };
  delete m.resourceVersion;
  delete m.generation;
  const ann = { ...((m.annotations as Dict | undefined) ?? {}) };
  delete ann[LAST_APPLIED];
  m.annotations = Object.keys(ann).length ? ann : undefined;
  c.metadata = m;
  delete c.status;
  return JSON.stringify(c);
}

export async function runApply(ctx: CommandContext, h: ClusterHost, p: Parsed, verb: 'apply' | 'create'): Promise<number> {
  const files = p.all('filename');
  if (!files.length) {
    ctx.stderr.write(verb === 'apply' ? 'error: must specify one of -f and -k\n\n' : 'error: must specify one of -f and -k\n\n');
    return 1;
  }
  const sources = await readSources(ctx, files, p.has('recursive'));
  const ns = namespaceOf(ctx, p);
  const dry = p.has('dry-run') ? (p.value('dry-run') === 'server' ? ' (server dry run)' : ' (dry run)') : '';
  const api = h.cluster.api;
  let docs = 0;
  const errors: string[] = [];
  const nameOnly = p.value('output') === 'name';
  for (const src of sources) {
    for (const doc of src.docs) {
      docs++;
      let t: ResourceType;
      try {
        t = mapDoc(h, src, doc);
      } catch (err) {
        errors.push(`error: ${(err as Error).message}`);
        continue;
      }
      const m = (doc.metadata ??= {});
      if (t.namespaced && m.namespace && p.value('namespace') && m.namespace !== p.value('namespace')) {
        errors.push(
          `error: the namespace from the provided object "${m.namespace}" does not match the namespace "${p.value('namespace')}". You must pass '--namespace=${m.namespace}' to perform this operation.`,
        );
        continue;
      }
      const name = str(m.name) ?? '';
      const existing = name ? api.get(t, t.namespaced ? m.namespace || ns : undefined, name) : undefined;
      const line = (v: string) => ctx.stdout.write(nameOnly ? `${kindGroup(t)}/${name}\n` : `${kindGroup(t)}/${name} ${v}${dry}\n`);
      try {
        if (verb === 'create' || !existing) {
          if (verb === 'apply') m.annotations = { ...(m.annotations ?? {}), [LAST_APPLIED]: `${JSON.stringify(doc)}\n` };
          const created = api.create(t, doc, ns, { dryRun: !!dry });
          if (nameOnly) ctx.stdout.write(`${nameOf(t, created)}\n`);
          else ctx.stdout.write(`${kindGroup(t)}/${created.metadata.name} created${dry}\n`);
          continue;
        }
        const lastText = existing.metadata.annotations?.[LAST_APPLIED];
        if (!lastText) {
          ctx.stderr.write(
            `Warning: resource ${t.plural}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        }
        let last: unknown = undefined;
        try {
          last = lastText ? JSON.parse(lastText) : undefined;
        } catch {
          last = undefined;
        }
        const base = clone(existing) as Dict;
        delete base.status;
        dropRemoved(base, last, doc);
        const next = deepMerge(base, doc) as KObject;
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [LAST_APPLIED]: `${JSON.stringify(doc)}\n` };
        if (stripForCompare(next) === stripForCompare(existing) && lastText === `${JSON.stringify(doc)}\n`) {
          line('unchanged');
          continue;
        }
        api.update(t, next as unknown as Manifest, ns, { dryRun: !!dry });
        line('configured');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const verbWord = verb === 'create' || !existing ? 'creating' : 'applying patch';
        if (err.reason === 'Invalid' && err.details.causes?.length) errors.push(formatForKubectl(err));
        else if (verbWord === 'applying patch')
          errors.push(
            `Error from server (${err.reason}): error when applying patch:\n${JSON.stringify(doc)}\nto:\nResource: "${t.group}/${t.version}, Resource=${t.plural}", GroupVersionKind: "${apiVersionOf(t)}, Kind=${t.kind}"\nName: "${name}", Namespace: "${t.namespaced ? (m.namespace ?? ns) : ''}"\nfor: "${src.name}": error when patching "${src.name}": ${err.message}`,
          );
        else errors.push(`Error from server (${err.reason}): error when ${verbWord} "${src.name}": ${err.message}`);
      }
    }
  }
  if (docs === 0 && !errors.length) errors.push(verb === 'apply' ? 'error: no objects passed to apply' : 'error: no objects passed to create');
  for (const e of errors) ctx.stderr.write(`${e}\n`);
  return errors.length ? 1 : 0;
}

export function runCreateKind(ctx: CommandContext, h: ClusterHost, path: string[], p: Parsed): number {
  const api = h.cluster.api;
  const kind = path[1];
  const name = p.positionals[0];
  const dry = p.has('dry-run') ? ' (dry run)' : '';
  if (kind === 'namespace' || kind === 'ns') {
    if (!name) throw new KubectlError("exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples");
    api.create(api.resolveType('namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, undefined, { dryRun: !!dry });
    ctx.stdout.write(`namespace/${name} created${dry}\n`);
    return 0;
  }
  if (kind === 'deployment' || kind === 'deploy') {
    if (!name) throw new KubectlError("exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples");
    const images = p.all('image');
    if (!images.length) throw new KubectlError('required flag(s) "image" not set');
    const replicas = Number(p.value('replicas') ?? '1');
    const port = p.value('port');
    const containerName = (img: string) => (img.split('/').pop() ?? img).split(/[:@]/)[0]!.replace(/[^a-z0-9-]/g, '-');
    const ns = namespaceOf(ctx, p);
    api.create(
      api.resolveType('deployments')!,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels: { app: name } },
        spec: {
          replicas,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: images.map((image) => ({
                name: containerName(image),
                image,
                ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
              })),
            },
          },
        },
      },
      ns,
      { dryRun: !!dry },
    );
    ctx.stdout.write(`deployment.apps/${name} created${dry}\n`);
    return 0;
  }
  return -1;
}

export async function runDelete(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const targets: Array<{ type: ResourceType; ns: string | undefined; name: string; source?: string }> = [];
  const files = p.all('filename');
  if (files.length) {
    for (const src of await readSources(ctx, files, p.has('recursive'))) {
      for (const doc of src.docs) {
        const t = mapDoc(h, src, doc);
        targets.push({
          type: t,
          ns: t.namespaced ? str(doc.metadata?.namespace) || ns : undefined,
          name: str(doc.metadata?.name) ?? '',
          source: src.name,
        });
      }
    }
  } else {
    if (!p.positionals.length)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const { types, names } = parseTargets(h, p.positionals);
    const sel = selectorOf(p);
    if (names.length) for (const n of names) targets.push({ type: n.type, ns, name: n.name });
    else {
      if (!sel && !p.has('all')) throw new KubectlError('resource(s) were provided, but no name was specified');
      for (const t of types)
        for (const o of api.list(t, p.has('all-namespaces') ? undefined : ns, sel))
          targets.push({ type: t, ns: o.metadata.namespace, name: o.metadata.name });
      if (!targets.length) {
        ctx.stdout.write('No resources found\n');
        return 0;
      }
    }
  }
  let status = 0;
  const deleted: Array<{ type: ResourceType; ns: string | undefined; name: string }> = [];
  for (const x of targets) {
    try {
      api.delete(x.type, x.ns, x.name, { grace: !(p.has('force') && p.value('grace-period') === '0') });
      const force = p.value('grace-period') === '0' && p.has('force');
      ctx.stdout.write(
        p.value('output') === 'name'
          ? `${kindGroup(x.type)}/${x.name}\n`
          : `${kindGroup(x.type)} "${x.name}" ${force ? 'force deleted' : 'deleted'}\n`,
      );
      deleted.push(x);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.reason === 'NotFound' && p.has('ignore-not-found')) continue;
      ctx.stderr.write(`Error from server (${err.reason}): ${x.source ? `error when deleting "${x.source}": ` : ''}${err.message}\n`);
      status = 1;
    }
  }
  // --wait (default true): return when the objects are gone (graceful pods take a moment).
  if (p.value('wait') !== 'false') {
    const deadline = api.now() + 60_000;
    while (deleted.some((x) => api.get(x.type, x.ns, x.name)) && api.now() < deadline && !ctx.signal.aborted)
      await new Promise((r) => setTimeout(r, 50));
    if (ctx.signal.aborted) return 130;
  }
  return status;
}

export async function runScale(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const r = p.value('replicas');
  if (r === undefined) throw new KubectlError('required flag(s) "replicas" not set');
  const n = Number(r);
  if (!Number.isInteger(n) || n < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const { names } = parseTargets(h, p.positionals);
  if (!names.length) throw new KubectlError('resource(s) were provided, but no name was specified');
  for (const { type, name } of names) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(type.kind)) throw new KubectlError(`cannot scale ${type.plural}`);
    const o = api.mustGet(type, ns, name);
    const next = clone(o);
    (next.spec as Dict).replicas = n;
    api.update(type, next as unknown as Manifest, ns);
    ctx.stdout.write(`${kindGroup(type)}/${name} scaled\n`);
  }
  return 0;
}

export async function runRollout(ctx: CommandContext, h: ClusterHost, path: string[], p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const { names } = parseTargets(h, p.positionals);
  if (!names.length) throw new KubectlError(`required resource not specified`);
  const sub = path[1];
  for (const { type, name } of names) {
    if (type.kind !== 'Deployment')
      throw new KubectlError(
        `no ${sub === 'restart' ? 'restarter' : 'status viewer'} has been implemented for ${kindGroup(type).replace('deployment.apps', 'Deployment')}`,
      );
    const o = api.mustGet(type, ns, name);
    if (sub === 'restart') {
      const next = clone(o);
      const tmeta = dig(next, 'spec', 'template', 'metadata') as Dict;
      tmeta.annotations = {
        ...(isDict(tmeta.annotations) ? tmeta.annotations : {}),
        'kubectl.kubernetes.io/restartedAt': new Date(api.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      api.update(type, next as unknown as Manifest, ns);
      ctx.stdout.write(`deployment.apps/${name} restarted\n`);
      continue;
    }
    if (sub === 'history') {
      const rss = api
        .list(api.resolveType('replicasets')!, ns)
        .filter((r) => (r.metadata.ownerReferences ?? []).some((x) => x.uid === o.metadata.uid));
      ctx.stdout.write(
        `deployment.apps/${name} \nREVISION  CHANGE-CAUSE\n${rss
          .map((r) => `${r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1'}         <none>`)
          .sort()
          .join('\n')}\n\n`,
      );
      continue;
    }
    // rollout status (pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer).
    let lastMsg = '';
    const timeoutMs = parseDuration(p.value('timeout') ?? '0s');
    const start = api.now();
    for (;;) {
      const d = api.get(type, ns, name);
      if (!d) throw notFound(qualifiedResource(type), name);
      const want = num(dig(d, 'spec', 'replicas')) ?? 1;
      const updated = num(dig(d, 'status', 'updatedReplicas')) ?? 0;
      const total = num(dig(d, 'status', 'replicas')) ?? 0;
      const avail = num(dig(d, 'status', 'availableReplicas')) ?? 0;
      const observed = (num(dig(d, 'status', 'observedGeneration')) ?? 0) >= (d.metadata.generation ?? 1);
      let msg = '';
      if (!observed) msg = 'Waiting for deployment spec update to be observed...';
      else if (updated < want)
        msg = `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`;
      else if (total > updated)
        msg = `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`;
      else if (avail < updated) msg = `Waiting for deployment "${name}" rollout to finish: ${avail} of ${updated} updated replicas are available...`;
      if (!msg) {
        ctx.stdout.write(`deployment "${name}" successfully rolled out\n`);
        break;
      }
      if (msg !== lastMsg) ctx.stdout.write(`${msg}\n`);
      lastMsg = msg;
      if (p.value('watch') === 'false') return 0;
      if (timeoutMs && api.now() - start > timeoutMs) throw new KubectlError('timed out waiting for the condition');
      if (ctx.signal.aborted) return 130;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return 0;
}

export function parseDuration(text: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(text))) {
    matched += m[0];
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (matched !== text) throw new KubectlError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return ms;
}

export async function runWait(ctx: CommandContext, h: ClusterHost, p: Parsed): Promise<number> {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const forText = p.value('for');
  if (!forText) throw new KubectlError('--for must be specified');
  const timeoutMs = parseDuration(p.value('timeout') ?? '30s');
  const { types, names } = parseTargets(h, p.positionals);
  const sel = selectorOf(p);
  const targets = names.length ? names : types.flatMap((t) => api.list(t, ns, sel).map((o) => ({ type: t, name: o.metadata.name })));
  if (!targets.length) throw new KubectlError('no matching resources found');
  const m = /^condition=([^=]+)(?:=(.*))?$/.exec(forText);
  const jp = /^jsonpath=\{?\.?(.*?)\}?=(.*)$/.exec(forText.replace(/'/g, ''));
  if (!m && !jp && forText !== 'delete' && forText !== 'create') throw new KubectlError(`unrecognized condition: "${forText}"`);
  const start = api.now();
  for (const { type, name } of targets) {
    for (;;) {
      const o = api.get(type, ns, name);
      let met = false;
      if (forText === 'delete') met = !o;
      else if (forText === 'create') met = !!o;
      else if (!o) throw notFound(qualifiedResource(type), name);
      else if (m) {
        const want = (m[2] ?? 'true').toLowerCase();
        met = listOf(dig(o, 'status', 'conditions')).some(
          (c) => isDict(c) && String(c.type).toLowerCase() === m[1]!.toLowerCase() && String(c.status).toLowerCase() === want,
        );
      } else if (jp) met = String(dig(o, ...jp[1]!.split('.').filter(Boolean)) ?? '') === jp[2];
      if (met) {
        ctx.stdout.write(forText === 'delete' ? `${kindGroup(type)}/${name} condition met\n` : `${kindGroup(type)}/${name} condition met\n`);
        break;
      }
      if (api.now() - start >= timeoutMs) {
        ctx.stderr.write(`error: timed out waiting for the condition on ${type.plural}/${name}\n`);
        return 1;
      }
      if (ctx.signal.aborted) return 130;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return 0;
}

export function runLabelOrAnnotate(ctx: CommandContext, h: ClusterHost, which: 'label' | 'annotate', p: Parsed): number {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const args = p.positionals;
  const changes = args.filter(
    (a) =>
      (/^[^=]+=.*$|^[^=]+-$/.test(a) && !a.includes('/')) ||
      /^[A-Za-z0-9.\-_]+\/[A-Za-z0-9.\-_]+=/.test(a) ||
      (/\/[^=]*-$/.test(a) && args.indexOf(a) > 0),
  );
  const rest = args.filter((a) => !changes.includes(a));
  if (!rest.length) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const sel = selectorOf(p);
  let targets: Array<{ type: ResourceType; obj: KObject }>;
  if (p.has('all') || (sel && rest.length === 1 && !rest[0]!.includes('/'))) {
    const t = parseTargets(h, [rest[0]!]).types[0]!;
    targets = api.list(t, t.namespaced ? ns : undefined, sel).map((obj) => ({ type: t, obj }));
  } else {
    const { names } = parseTargets(h, rest);
    targets = names.map((n) => ({ type: n.type, obj: api.mustGet(n.type, ns, n.name) }));
  }
  const field = which === 'label' ? 'labels' : 'annotations';
  if (p.has('list')) {
    for (const { obj } of targets) for (const [k, v] of Object.entries(obj.metadata[field] ?? {})) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  if (!changes.length) throw new KubectlError(`at least one ${which === 'label' ? 'label' : 'annotation'} update is required`);
  for (const { type, obj } of targets) {
    const cur = { ...(obj.metadata[field] ?? {}) };
    for (const c of changes) {
      if (c.endsWith('-') && !c.includes('=')) {
        delete cur[c.slice(0, -1)];
        continue;
      }
      const [k, ...v] = c.split('=');
      if (cur[k!] !== undefined && cur[k!] !== v.join('=') && !p.has('overwrite')) {
        throw new KubectlError(`'${k}' already has a value (${cur[k!]}), and --overwrite is false`);
      }
      cur[k!] = v.join('=');
    }
    const next = clone(obj);
    next.metadata[field] = cur;
    const was = JSON.stringify(obj.metadata[field] ?? {});
    if (type.kind === 'Node' || type.kind === 'Pod') api.patchStatus(type, obj, (x) => (x.metadata[field] = cur));
    else api.update(type, next as unknown as Manifest, ns);
    const verb = was === JSON.stringify(cur) ? 'not labeled' : which === 'label' ? 'labeled' : 'annotated';
    ctx.stdout.write(`${kindGroup(type)}/${obj.metadata.name} ${which === 'annotate' && verb === 'not labeled' ? 'annotated' : verb}\n`);
  }
  return 0;
}

/** `kubectl edit`: the object's YAML into a temp file in the editor; `kubectl apply -f` of it is how a save applies. */
export function runEdit(ctx: CommandContext, h: ClusterHost, p: Parsed): number {
  const api = h.cluster.api;
  const ns = namespaceOf(ctx, p);
  const { names } = parseTargets(h, p.positionals);
  if (!names.length) throw new KubectlError('edit requires a resource type and name');
  const { type, name } = names[0]!;
  const o = api.mustGet(type, ns, name);
  const body = clone(o) as Dict;
  delete body.status;
  const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;
  const dir = '/tmp';
  const file = `${dir}/kubectl-edit-${type.plural}-${name}.yaml`;
  ctx.fs.mkdir(dir, { recursive: true });
  ctx.fs.writeFile(file, header + toYaml(body));
  const open = ctx.services.openEditor;
  if (!open) {
    ctx.stderr.write(`error: no editor is available: the object is in ${file}; change it, then \`kubectl apply -f ${file}\`\n`);
    return 1;
  }
  open(file);
  ctx.stdout.write(
    dojoLine(
      `opened ${file} in the editor; saving it applies the change (as closing $EDITOR would), or run \`kubectl apply -f ${file}\``,
      ctx.stdout.isTTY,
    ),
  );
  return 0;
}

export function runPortForward(ctx: CommandContext, h: ClusterHost, p: Parsed, commandLine: string): number {
  const ns = namespaceOf(ctx, p);
  const [target, ...specs] = p.positionals;
  if (!target || !specs.length) throw new KubectlError('TYPE/NAME and list of ports are required for port-forward');
  const found = podsFor(h, ns, target);
  const pod = found.pods.find((x) => dig(x, 'status', 'phase') === 'Running') ?? found.pods[0];
  if (!pod) throw new KubectlError(`unable to forward port because pod is not running. Current status=Pending`);
  const phase = str(dig(pod, 'status', 'phase')) ?? 'Pending';
  if (phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase}`);
  const network = ctx.services.machine.network;
  const listeners: ReturnType<typeof network.listen>[] = [];
  const lines: string[] = [];
  for (const spec of specs) {
    const [localText, remoteText] = spec.includes(':') ? spec.split(':') : [spec, spec];
    let remote = Number(remoteText);
    if (found.type.kind === 'Service') {
      const svc = h.cluster.api.get(found.type, ns, found.name)!;
      const sp = listOf(dig(svc, 'spec', 'ports'))
        .filter(isDict)
        .find((x) => x.port === remote || x.name === remoteText);
      if (!sp) throw new KubectlError(`Service ${found.name} does not have a service port ${remoteText}`);
      const tp = sp.targetPort;
      if (typeof tp === 'number') remote = tp;
      else {
        for (const c of listOf(dig(pod, 'spec', 'containers')))
          for (const cp of listOf(dig(c, 'ports'))) if (isDict(cp) && cp.name === tp) remote = Number(cp.containerPort);
      }
    }
    const local = localText === '' ? 0 : Number(localText);
    if (!Number.isInteger(local) || !Number.isInteger(remote))
      throw new KubectlError(`Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax`);
    const uid = pod.metadata.uid;
    const podName = pod.metadata.name;
    const stdout = ctx.stdout;
    const stderr = ctx.stderr;
    try {
      listeners.push(
        network.listen(
          '127.0.0.1',
          local,
          async (req, conn) => {
            stdout.write(`Handling connection for ${local}\n`);
            const server = h.cluster.podServer(h.cluster.api.get(h.cluster.api.resolveType('pods')!, ns, podName) ?? pod, remote);
            if (!server || !h.cluster.kubelet.hasPod(uid)) {
              // client-go portforward.go: the error the kubelet's stream returns is logged (klog E-line).
              stderr.write(
                `E${new Date().toISOString().slice(5, 10).replace('-', '')} portforward.go:413] an error occurred forwarding ${local} -> ${remote}: error forwarding port ${remote} to pod ${uid}, uid : failed to execute portforward in network namespace: failed to connect to localhost:${remote} inside namespace, IPv4: dial tcp4 127.0.0.1:${remote}: connect: connection refused\n`,
              );
              return { status: 502, headers: [], body: new Uint8Array() };
            }
            return server(req, conn);
          },
          commandLine,
        ),
      );
    } catch (err) {
      for (const l of listeners) network.close(l);
      if (err instanceof AddressInUseError)
        throw new KubectlError(
          `Unable to listen on port ${local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${local} ${remote}}]`,
        );
      throw err;
    }
    lines.push(`Forwarding from 127.0.0.1:${local} -> ${remote}`, `Forwarding from [::1]:${local} -> ${remote}`);
  }
  ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
  const job = ctx.services.machine.jobs.add(commandLine, () => {
    for (const l of listeners) network.close(l);
  });
  ctx.stdout.write(
    dojoLine(
      `forwarding in the background as job [${job.id}] (like \`${commandLine} &\`): \`jobs\` lists it, \`kill %${job.id}\` stops it`,
      ctx.stdout.isTTY,
    ),
  );
  return 0;
}

export function runExec(ctx: CommandContext, h: ClusterHost, p: Parsed): number {
  const ns = namespaceOf(ctx, p);
  const target = p.positionals[0];
  if (!target) throw new KubectlError('pod, type/name or --filename must be specified');
  const { pods } = podsFor(h, ns, target);
  const pod = pods[0];
  if (!pod) throw new KubectlError('no pods found');
  if (!dig(pod, 'spec', 'nodeName')) throw new ApiError('BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
  const rcName = str(dig(pod, 'spec', 'runtimeClassName'));
  const rc = rcName ? h.cluster.api.get(h.cluster.api.resolveType('runtimeclasses')!, undefined, rcName) : undefined;
  const handler = str(rc?.handler) ?? 'runc';
  if (dig(pod, 'status', 'phase') !== 'Running')
    throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${String(dig(pod, 'status', 'phase') ?? 'Pending')}`);
  if (handler !== 'runc') {
    // runwasi's task service has no exec (containerd-shim-wasm: Exec is unimplemented); the kubelet's
    // wrapping of it is assembled here, not captured.
    ctx.stderr.write(
      `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${pod.metadata.uid.replace(/-/g, '')}": ttrpc: exec is not supported by the ${handler} shim: unimplemented\n`,
    );
    ctx.stderr.write(
      dojoLine(
        'a Wasm container has no shell or other binaries to run: it is one module; read its output with `kubectl logs` instead',
        ctx.stderr.isTTY,
      ),
    );
    return 1;
  }
  ctx.stderr.write(dojoLine('this container is simulated (the Dojo runs no Linux processes): there is nothing to exec into', ctx.stderr.isTTY));
  return 1;
}

/**
 * The Dojo's own kubectl plugin (`kubectl dojo …`, as a `kubectl-dojo` binary on PATH would be):
 * stages the node for lessons and resets the cluster.
 */
export function runDojoPlugin(ctx: CommandContext, h: ClusterHost, args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === 'node') {
    const without = rest.flatMap((a, i) => (a === '--without' ? [rest[i + 1] ?? ''] : a.startsWith('--without=') ? [a.slice(10)] : []));
    const handlers = ['spin', 'wasmtime', 'wasmedge'].filter((x) => !without.includes(x));
    h.cluster.stageNode(handlers);
    ctx.stdout.write(`node/dojo-control-plane containerd runtimes: ${['runc', ...handlers].join(', ')}\n`);
    return 0;
  }
  if (sub === 'reset') {
    h.reset();
    ctx.stdout.write('cluster reset: a fresh dojo-control-plane with the spin, wasmtime and wasmedge shims\n');
    return 0;
  }
  ctx.stderr.write(
    "usage: kubectl dojo node [--without HANDLER]... | kubectl dojo reset\n  (a Dojo plugin: stages the node's containerd runtimes for lessons, or resets the cluster)\n",
  );
  return sub ? 1 : 0;
}
