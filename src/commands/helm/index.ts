/**
 * `helm` (helm/helm v3.16.0, cmd/helm/*.go) over the Dojo's cluster, with the charts SpinKube's
 * docs use shipped offline. Installing renders the chart's objects and creates them in the order
 * Helm's kube client does after building them all first: a kind the cluster has no mapping for
 * (cert-manager's Certificate before cert-manager) fails the whole install before anything is
 * created, as `unable to build kubernetes objects from release manifest` does.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { cobraParse, cobraUnknownCommand } from '../cli/cobra';
import { toFlagSpecs, toSubcommandSpecs, type CommandSpec, type FlagDecl } from '../cli/spec';
import { clusterOf } from '../../cluster/attach';
import type { ClusterHost, HelmRelease } from '../../cluster/host';
import { ApiError } from '../../cluster/errors';
import { CHARTS, OFFLINE_REPOS, type OfflineChart } from '../../cluster/offline';
import { toYaml } from '../../cluster/yaml';
import { dig, num, type Manifest } from '../../cluster/types';
import { dojoLine } from '../../lib/dojo-line';

const G: FlagDecl[] = [
  { long: 'namespace', short: 'n', value: 'string', help: 'namespace scope for this request' },
  { long: 'kube-context', value: 'string', help: 'name of the kubeconfig context to use' },
  { long: 'debug', help: 'enable verbose output' },
];
const INSTALL_FLAGS: FlagDecl[] = [
  { long: 'create-namespace', help: 'create the release namespace if not present' },
  {
    long: 'version',
    value: 'string',
    help: 'specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used',
  },
  {
    long: 'wait',
    help: 'if set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment, StatefulSet, or ReplicaSet are in a ready state before marking the release as successful. It will wait for as long as --timeout',
  },
  { long: 'timeout', value: 'duration', help: 'time to wait for any individual Kubernetes operation (like Jobs for hooks)', default: '5m0s' },
  {
    long: 'set',
    value: 'stringArray',
    repeatable: true,
    help: 'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  },
  { long: 'values', short: 'f', value: 'strings', repeatable: true, help: 'specify values in a YAML file or a URL (can specify multiple)' },
  { long: 'dry-run', help: 'simulate an install' },
];

const SPEC: CommandSpec = {
  name: 'helm',
  about: 'The Helm package manager for Kubernetes.',
  flags: G,
  subcommands: [
    {
      name: 'get',
      about: 'download extended information of a named release',
      subcommands: [
        {
          name: 'values',
          about: 'download the values file for a named release',
          flags: [
            { long: 'all', short: 'a', help: 'dump all (computed) values' },
            {
              long: 'output',
              short: 'o',
              value: 'format',
              help: 'prints the output in the specified format. Allowed values: table, json, yaml',
              default: 'table',
            },
          ],
        },
        { name: 'manifest', about: 'download the manifest for a named release' },
        { name: 'notes', about: 'download the notes for a named release' },
        { name: 'all', about: 'download all information for a named release' },
      ],
    },
    { name: 'install', about: 'install a chart', flags: INSTALL_FLAGS },
    {
      name: 'list',
      aliases: ['ls'],
      about: 'list releases',
      flags: [
        { long: 'all-namespaces', short: 'A', help: 'list releases across all namespaces' },
        { long: 'short', short: 'q', help: 'output short (quiet) listing format' },
      ],
    },
    {
      name: 'repo',
      about: 'add, list, remove, update, and index chart repositories',
      subcommands: [
        {
          name: 'add',
          about: 'add a chart repository',
          flags: [{ long: 'force-update', help: 'replace (overwrite) the repo if it already exists' }],
        },
        { name: 'list', aliases: ['ls'], about: 'list chart repositories' },
        { name: 'remove', aliases: ['rm'], about: 'remove one or more chart repositories' },
        { name: 'update', aliases: ['up'], about: 'update information of available charts locally from chart repositories' },
      ],
    },
    {
      name: 'search',
      about: 'search for a keyword in charts',
      subcommands: [{ name: 'repo', about: 'search repositories for a keyword in charts' }],
    },
    {
      name: 'status',
      about: 'display the status of the named release',
      flags: [{ long: 'show-desc', help: 'if set, display the description message of the named release' }],
    },
    {
      name: 'uninstall',
      aliases: ['del', 'delete', 'un'],
      about: 'uninstall a release',
      flags: [{ long: 'wait', help: 'if set, will wait until all the resources are deleted before returning' }],
    },
    {
      name: 'upgrade',
      about: 'upgrade a release',
      flags: [{ long: 'install', short: 'i', help: "if a release by this name doesn't already exist, run an install" }, ...INSTALL_FLAGS],
    },
    { name: 'version', about: 'print the client version information', flags: [{ long: 'short', help: 'print the version number' }] },
  ],
};

const ROOT_HELP = `The Kubernetes package manager

Common actions for Helm:

- helm search:    search for charts
- helm pull:      download a chart to your local directory to view
- helm install:   upload the chart to Kubernetes
- helm list:      list releases of charts

Usage:
  helm [command]

Available Commands:
${SPEC.subcommands!.map((s) => `  ${s.name.padEnd(11)}${s.about}`).join('\n')}

Flags:
      --debug                 enable verbose output
  -h, --help                  help for helm
      --kube-context string   name of the kubeconfig context to use
  -n, --namespace string      namespace scope for this request

Use "helm [command] --help" for more information about a command.
`;

function subHelp(path: string[], spec: CommandSpec): string {
  const flags = [...(spec.flags ?? []), { long: 'help', short: 'h', help: `help for ${spec.name}` } as FlagDecl];
  const names = flags.map((f) => `${f.short ? `-${f.short}, ` : '    '}--${f.long}${f.value ? ` ${f.value}` : ''}`);
  const w = Math.max(...names.map((n) => n.length)) + 3;
  return `${spec.about.charAt(0).toUpperCase()}${spec.about.slice(1)}\n\nUsage:\n  helm ${path.join(' ')}${spec.subcommands ? ' [command]' : ' [flags]'}\n\n${spec.subcommands ? `Available Commands:\n${spec.subcommands.map((s) => `  ${s.name.padEnd(11)}${s.about}`).join('\n')}\n\n` : ''}Flags:\n${flags.map((f, i) => `  ${names[i]!.padEnd(w)}${f.help}${f.default ? ` (default ${JSON.stringify(f.default).replace(/"/g, '')})` : ''}`).join('\n')}\n`;
}

const err = (ctx: CommandContext, msg: string) => {
  ctx.stderr.write(`Error: ${msg}\n`);
  return 1;
};

/** Go's time.ANSIC: `Mon Jan  2 15:04:05 2006`. */
function ansic(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Go's default time.Time String: `2024-11-14 10:15:01.123456789 +0000 UTC`. */
function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}${String(ms % 1000).padStart(3, '0')}000 +0000 UTC`;
}

function statusBlock(r: HelmRelease, withNotes: boolean): string {
  let out = `NAME: ${r.name}\nLAST DEPLOYED: ${ansic(r.updated)}\nNAMESPACE: ${r.namespace}\nSTATUS: ${r.status}\nREVISION: ${r.revision}\nTEST SUITE: None\n`;
  if (withNotes && r.notes) out += `NOTES:\n${r.notes.trim()}\n`;
  return out;
}

function setValue(values: Record<string, unknown>, expr: string): void {
  for (const pair of expr.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new Error(`failed parsing --set data: key "${pair}" has no value`);
    const keys = pair.slice(0, eq).split('.');
    let cur = values;
    for (const k of keys.slice(0, -1)) cur = (cur[k] = typeof cur[k] === 'object' && cur[k] !== null ? cur[k] : {}) as Record<string, unknown>;
    const raw = pair.slice(eq + 1);
    cur[keys[keys.length - 1]!] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
}

async function install(
  ctx: CommandContext,
  h: ClusterHost,
  release: string,
  chartRef: string,
  p: import('../cli/spec').Parsed,
  upgrade: boolean,
): Promise<number> {
  const ns = p.value('namespace') || 'default';
  const prefix = upgrade ? 'UPGRADE FAILED' : 'INSTALLATION FAILED';
  let chart: OfflineChart | undefined;
  if (chartRef.startsWith('oci://')) {
    chart = CHARTS.find((c) => c.refs.includes(chartRef.replace(/:[^/:]+$/, '')));
    const version = p.value('version') ?? chart?.version;
    if (!chart || (p.value('version') && p.value('version') !== chart.version)) {
      const ref = `${chartRef.slice(6)}:${version ?? 'latest'}`;
      return err(ctx, `${prefix}: failed to perform "FetchReference" on source: ${ref}: not found`);
    }
    ctx.stderr.write(
      `Pulled: ${chartRef.slice(6)}:${chart.version}\nDigest: sha256:${'d6f0c5f5d2b6c8a1e4f3b2a19c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d'}\n`,
    );
  } else if (chartRef.includes('/')) {
    const [repoName, chartName] = chartRef.split('/');
    const repo = h.helm.repos.find((r) => r.name === repoName);
    if (!repo) return err(ctx, `${prefix}: repo ${repoName} not found`);
    chart = CHARTS.find((c) => c.name === chartName && (OFFLINE_REPOS[repo.url] ?? []).includes(c.name));
    if (!chart)
      return err(
        ctx,
        `${prefix}: chart "${chartName}" matching ${p.value('version') ?? ''} not found in ${repoName} index. (try 'helm repo update'): no chart name found`,
      );
  } else {
    return err(ctx, `${prefix}: non-absolute URLs should be in form of repo_name/path_to_chart, got: ${chartRef}`);
  }
  const existing = h.helm.releases.find((r) => r.name === release && r.namespace === ns && r.status === 'deployed');
  if (existing && !upgrade) return err(ctx, `${prefix}: cannot re-use a name that is still in use`);
  const api = h.cluster.api;
  const nsType = api.resolveType('namespaces')!;
  if (!api.get(nsType, undefined, ns)) {
    if (!p.has('create-namespace')) return err(ctx, `${prefix}: create: failed to create: namespaces "${ns}" not found`);
  }
  const values = structuredClone(chart.values) as Record<string, unknown>;
  try {
    for (const s of p.all('set')) setValue(values, s);
  } catch (e) {
    return err(ctx, (e as Error).message);
  }
  const objs = chart.manifests(release, ns, values) as Manifest[];
  // Helm builds every object first (kube client Build): kinds with no mapping fail the install.
  const unmapped = objs.filter((o) => !api.typeFor(String(o.apiVersion), String(o.kind)));
  if (unmapped.length) {
    const parts = unmapped.map(
      (o) =>
        `resource mapping not found for name: "${String(o.metadata?.name)}" namespace: "${o.metadata?.namespace ?? ''}" from "": no matches for kind "${String(o.kind)}" in version "${String(o.apiVersion)}"\nensure CRDs are installed first`,
    );
    return err(ctx, `${prefix}: unable to build kubernetes objects from release manifest: [${parts.join(', ')}]`);
  }
  if (!api.get(nsType, undefined, ns)) api.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const labelled = objs.map((o) => ({
    ...o,
    metadata: {
      ...o.metadata,
      labels: { ...(o.metadata?.labels ?? {}), 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { ...(o.metadata?.annotations ?? {}), 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': ns },
    },
  }));
  try {
    for (const o of labelled) {
      const t = api.typeFor(String(o.apiVersion), String(o.kind))!;
      const cur = api.get(t, t.namespaced ? (o.metadata.namespace ?? ns) : undefined, String(o.metadata.name));
      if (cur) api.update(t, { ...o, metadata: { ...o.metadata, namespace: cur.metadata.namespace } } as Manifest, ns);
      else api.create(t, o as Manifest, ns);
    }
  } catch (e) {
    if (e instanceof ApiError) return err(ctx, `${prefix}: ${e.message}`);
    throw e;
  }
  if (p.has('wait')) {
    const deps = api.resolveType('deployments')!;
    const names = labelled.filter((o) => o.kind === 'Deployment').map((o) => String(o.metadata.name));
    const deadline = Date.now() + 60_000;
    while (names.some((n) => (num(dig(api.get(deps, ns, n), 'status', 'availableReplicas')) ?? 0) < 1)) {
      if (ctx.signal.aborted) return 130;
      if (Date.now() > deadline) return err(ctx, `${prefix}: context deadline exceeded`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const rel: HelmRelease = {
    name: release,
    namespace: ns,
    revision: existing ? existing.revision + 1 : 1,
    updated: api.now(),
    status: 'deployed',
    chart: chart.name,
    chartVersion: chart.version,
    appVersion: chart.appVersion,
    values: Object.keys(values).length && p.all('set').length ? values : {},
    manifest: labelled.map((o) => `---\n# Source: ${chart!.name}/templates/${String(o.kind).toLowerCase()}.yaml\n${toYaml(o)}`).join(''),
    notes: chart.notes(release, ns),
  };
  if (p.all('set').length) {
    const userValues: Record<string, unknown> = {};
    for (const s of p.all('set')) setValue(userValues, s);
    rel.values = userValues;
  }
  h.helm.releases = h.helm.releases.filter((r) => !(r.name === release && r.namespace === ns));
  h.helm.releases.push(rel);
  h.saveHelm();
  if (upgrade && existing) ctx.stdout.write(`Release "${release}" has been upgraded. Happy Helming!\n`);
  ctx.stdout.write(statusBlock(rel, true));
  return 0;
}

async function dispatch(ctx: CommandContext): Promise<number> {
  const argv = ctx.argv.slice(1);
  const j = argv.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && ['-n', '--namespace', '--kube-context'].includes(argv[i - 1]!)));
  const word = j >= 0 ? argv[j] : undefined;
  if (!word) {
    if (argv.length && !argv.some((a) => a === '-h' || a === '--help')) {
      const r = cobraParse(SPEC, argv, 'helm', 'helm');
      if (!r.ok) {
        ctx.stderr.write(r.stderr);
        return r.status;
      }
    }
    ctx.stdout.write(ROOT_HELP);
    return 0;
  }
  const top = SPEC.subcommands!.find((s) => s.name === word || (s.aliases ?? []).includes(word));
  if (!top) {
    ctx.stderr.write(
      cobraUnknownCommand(
        'helm',
        word,
        SPEC.subcommands!.map((s) => s.name),
      ),
    );
    return 1;
  }
  let rest = [...argv.slice(0, j), ...argv.slice(j + 1)];
  const path = [top.name];
  let spec = top;
  if (top.subcommands) {
    const k = rest.findIndex((a) => !a.startsWith('-'));
    const sub = k >= 0 ? top.subcommands.find((s) => s.name === rest[k] || (s.aliases ?? []).includes(rest[k]!)) : undefined;
    if (sub) {
      spec = sub;
      path.push(sub.name);
      rest = [...rest.slice(0, k), ...rest.slice(k + 1)];
    } else if (k >= 0) {
      ctx.stderr.write(
        cobraUnknownCommand(
          `helm ${top.name}`,
          rest[k]!,
          top.subcommands.map((s) => s.name),
        ),
      );
      return 1;
    } else {
      ctx.stdout.write(subHelp(path, top));
      return 0;
    }
  }
  const parsed = cobraParse(
    { ...spec, flags: [...(spec.flags ?? []), ...G.filter((g) => !(spec.flags ?? []).some((f) => f.long === g.long))] },
    rest,
    'helm',
    `helm ${path.join(' ')}`,
  );
  if (!parsed.ok) {
    ctx.stderr.write(parsed.stderr);
    return parsed.status;
  }
  if (parsed.help) {
    ctx.stdout.write(subHelp(path, spec));
    return 0;
  }
  const p = parsed.parsed;
  const args = p.positionals;
  if (path[0] === 'version') {
    ctx.stdout.write(
      p.has('short')
        ? 'v3.16.0+g0d439e1\n'
        : 'version.BuildInfo{Version:"v3.16.0", GitCommit:"0d439e1a09683f21a0ab9401eb661401f185b00b", GitTreeState:"clean", GoVersion:"go1.22.7"}\n',
    );
    return 0;
  }
  const pending = clusterOf(ctx.services.machine);
  if (!pending)
    return err(ctx, 'Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused');
  const h = await pending;
  const ns = p.value('namespace') || 'default';
  const need = (n: number, usage: string) => {
    if (args.length < n)
      throw new Error(`"helm ${path.join(' ')}" requires ${n === 1 ? 'at least 1 argument' : `${n} arguments`}\n\nUsage:  helm ${usage}`);
  };
  try {
    switch (path.join(' ')) {
      case 'repo add': {
        need(2, 'repo add [NAME] [URL] [flags]');
        const [name, url] = args as [string, string];
        const existing = h.helm.repos.find((r) => r.name === name);
        if (existing && existing.url === url) {
          ctx.stdout.write(`"${name}" already exists with the same configuration, skipping\n`);
          return 0;
        }
        if (existing && !p.has('force-update')) return err(ctx, `repository name (${name}) already exists, please specify a different name`);
        if (!OFFLINE_REPOS[url]) {
          ctx.stderr.write(
            `Error: looks like "${url}" is not a valid chart repository or cannot be reached: failed to fetch ${url.replace(/\/$/, '')}/index.yaml : 404 Not Found\n`,
          );
          if (/spinkube\.github\.io\/charts/.test(url)) {
            ctx.stderr.write(
              dojoLine(
                'SpinKube publishes no Helm repository: its chart is an OCI artifact. Install it with `helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 --wait oci://ghcr.io/spinkube/charts/spin-operator`',
                ctx.stderr.isTTY,
              ),
            );
          }
          return 1;
        }
        h.helm.repos = [...h.helm.repos.filter((r) => r.name !== name), { name, url }];
        h.saveHelm();
        ctx.stdout.write(`"${name}" has been added to your repositories\n`);
        return 0;
      }
      case 'repo list':
        if (!h.helm.repos.length) return err(ctx, 'no repositories to show');
        ctx.stdout.write(uitable([['NAME', 'URL'], ...h.helm.repos.map((r) => [r.name, r.url])]));
        return 0;
      case 'repo remove': {
        need(1, 'repo remove [REPO1 [REPO2 ...]] [flags]');
        for (const name of args) {
          if (!h.helm.repos.some((r) => r.name === name)) return err(ctx, `no repo named "${name}" found`);
          h.helm.repos = h.helm.repos.filter((r) => r.name !== name);
          ctx.stdout.write(`"${name}" has been removed from your repositories\n`);
        }
        h.saveHelm();
        return 0;
      }
      case 'repo update':
        if (!h.helm.repos.length) return err(ctx, 'no repositories found. You must add one before updating');
        ctx.stdout.write(
          `Hang tight while we grab the latest from your chart repositories...\n${h.helm.repos.map((r) => `...Successfully got an update from the "${r.name}" chart repository\n`).join('')}Update Complete. ⎈Happy Helming!⎈\n`,
        );
        return 0;
      case 'search repo': {
        const kw = (args[0] ?? '').toLowerCase();
        const rows = h.helm.repos
          .flatMap((r) => (OFFLINE_REPOS[r.url] ?? []).map((c) => ({ r, c: CHARTS.find((x) => x.name === c)! })))
          .filter(({ r, c }) => `${r.name}/${c.name}`.includes(kw));
        if (!rows.length) {
          ctx.stdout.write('No results found\n');
          return 0;
        }
        ctx.stdout.write(
          uitable([
            ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'],
            ...rows.map(({ r, c }) => [`${r.name}/${c.name}`, c.version, c.appVersion, c.description]),
          ]),
        );
        return 0;
      }
      case 'install': {
        need(2, 'install [NAME] [CHART] [flags]');
        return await install(ctx, h, args[0]!, args[1]!, p, false);
      }
      case 'upgrade': {
        need(2, 'upgrade [RELEASE] [CHART] [flags]');
        const exists = h.helm.releases.some((r) => r.name === args[0] && r.namespace === ns && r.status === 'deployed');
        if (!exists && !p.has('install')) return err(ctx, `UPGRADE FAILED: "${args[0]}" has no deployed releases`);
        if (!exists) ctx.stdout.write(`Release "${args[0]}" does not exist. Installing it now.\n`);
        return await install(ctx, h, args[0]!, args[1]!, p, exists);
      }
      case 'list': {
        const all = p.has('all-namespaces');
        const rels = h.helm.releases.filter((r) => r.status === 'deployed' && (all || r.namespace === ns));
        if (p.has('short')) {
          ctx.stdout.write(rels.map((r) => `${r.name}\n`).join(''));
          return 0;
        }
        ctx.stdout.write(
          uitable(
            [
              ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
              ...rels.map((r) => [
                r.name,
                r.namespace,
                String(r.revision),
                goTime(r.updated),
                r.status,
                `${r.chart}-${r.chartVersion}`,
                r.appVersion,
              ]),
            ],
            true,
          ),
        );
        return 0;
      }
      case 'status': {
        need(1, 'status RELEASE_NAME [flags]');
        const r = h.helm.releases.find((x) => x.name === args[0] && x.namespace === ns);
        if (!r) return err(ctx, 'release: not found');
        ctx.stdout.write(statusBlock(r, true));
        return 0;
      }
      case 'uninstall': {
        need(1, 'uninstall RELEASE_NAME [...] [flags]');
        for (const name of args) {
          const r = h.helm.releases.find((x) => x.name === name && x.namespace === ns && x.status === 'deployed');
          if (!r) return err(ctx, `uninstall: Release not loaded: ${name}: release: not found`);
          const chart = CHARTS.find((c) => c.name === r.chart)!;
          for (const o of chart.manifests(r.name, r.namespace, r.values).reverse() as Manifest[]) {
            const t = h.cluster.api.typeFor(String(o.apiVersion), String(o.kind));
            if (!t) continue;
            try {
              h.cluster.api.delete(t, t.namespaced ? (o.metadata?.namespace ?? r.namespace) : undefined, String(o.metadata?.name));
            } catch {
              /* already gone */
            }
          }
          h.helm.releases = h.helm.releases.filter((x) => x !== r);
          ctx.stdout.write(`release "${name}" uninstalled\n`);
        }
        h.saveHelm();
        return 0;
      }
      case 'get values':
      case 'get manifest':
      case 'get notes':
      case 'get all': {
        need(1, `get ${path[1]} RELEASE_NAME [flags]`);
        const r = h.helm.releases.find((x) => x.name === args[0] && x.namespace === ns);
        if (!r) return err(ctx, 'release: not found');
        if (path[1] === 'values') {
          const vals = p.has('all') ? { ...CHARTS.find((c) => c.name === r.chart)!.values, ...r.values } : r.values;
          const o = p.value('output');
          if (o === 'json') ctx.stdout.write(`${JSON.stringify(vals)}\n`);
          else if (o === 'yaml') ctx.stdout.write(Object.keys(vals).length ? toYaml(vals) : '{}\n');
          else
            ctx.stdout.write(`${p.has('all') ? 'COMPUTED VALUES:' : 'USER-SUPPLIED VALUES:'}\n${Object.keys(vals).length ? toYaml(vals) : 'null\n'}`);
        } else if (path[1] === 'manifest') ctx.stdout.write(r.manifest);
        else if (path[1] === 'notes') ctx.stdout.write(`NOTES:\n${r.notes.trim()}\n`);
        else
          ctx.stdout.write(
            `${statusBlock(r, false)}USER-SUPPLIED VALUES:\n${Object.keys(r.values).length ? toYaml(r.values) : 'null\n'}\nCOMPUTED VALUES:\n${toYaml(CHARTS.find((c) => c.name === r.chart)!.values)}\nHOOKS:\nMANIFEST:\n${r.manifest}\nNOTES:\n${r.notes.trim()}\n`,
          );
        return 0;
      }
      default:
        ctx.stdout.write(subHelp(path, spec));
        return 0;
    }
  } catch (e) {
    if (e instanceof Error && !(e instanceof ApiError) && e.message.startsWith('"helm')) return err(ctx, e.message);
    if (e instanceof ApiError) return err(ctx, e.message);
    throw e;
  }
}

/** gosuri/uitable as Helm uses it: cells right-padded to the column width (last too), joined by a tab. */
function uitable(rows: string[][], padLast = false): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 || padLast ? c.padEnd(widths[i]!) : c)).join('\t')).join('\n') + '\n';
}

export const helmCommand: CommandDefinition = {
  name: 'helm',
  summary: 'The Kubernetes package manager (charts ship offline with the Dojo)',
  usage: 'helm [command]',
  flags: toFlagSpecs({ ...SPEC, flags: G }),
  subcommands: toSubcommandSpecs(SPEC),
  run: dispatch,
};
