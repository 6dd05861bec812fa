/**
 * `oras` v1.2.0 (oras-project/oras dcef719, with oras-go v2.5.0) over the Dojo's registry: push, pull,
 * tag, login, logout, version, manifest fetch, blob fetch, repo tags, repo ls. Followed from the sources:
 * - errors (cmd/oras/internal/errors/errors.go, option/target.go `Modify`): cobra prints `Error: <err>`;
 *   an error the registry answered gets the prefix `Error response from registry:` and only its inner
 *   `code: message` (oras-go errcode: the code lower-cased with spaces); a missing manifest is
 *   `<ref>: not found`; argument counts: `"oras pull" requires exactly 1 argument but got 0`, the usage
 *   and a `Please specify …` line. SilenceUsage is set, so no usage block after errors.
 * - output (display/status/text.go, print.go, metadata/text/push.go, pull.go): `Uploading`/`Uploaded `/
 *   `Exists   ` + the first 12 hex of the digest + the file's title; untitled blobs (the config, the
 *   manifest) print only with --verbose, named by media type; then `Pushed [registry] <ref>`,
 *   `ArtifactType: …`, `Digest: …`. Pull: `Downloading`/`Downloaded `, `Pulled [registry] <ref>`,
 *   `Digest: …`, or the `Skipped pulling layers without file name in "org.opencontainers.image.title"`
 *   note. The Dojo always prints these text lines; on a real terminal oras draws progress bars instead
 *   (their exact layout was not read), and says so in a dojo: line once per session.
 * - layouts: registry/layouts.ts. The network is simulated: nothing leaves the browser.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { cobraParse } from '../cli/cobra';
import { cobraHelp, type CobraHelpSpec } from '../cli/cobra-help';
import type { CommandSpec, Parsed } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { parseReference, type ImageReference } from '../../registry/reference';
import { orasPackPlan, pushOras, type OrasFile } from '../../registry/layouts';
import { decodeText, DigestMismatchError, normalizeHost, type OciDescriptor, RegistryError } from '../../registry/store';
import { loginHint, mayPush, unauthorizedMessage } from '../../registry/auth';
import { ORAS_COMMANDS, ORAS_GROUPS, ORAS_ROOT, type OrasCommandName } from './flags';

const TITLE = 'org.opencontainers.image.title';

class OrasError extends Error {
  constructor(
    message: string,
    readonly prefix = 'Error:',
    readonly after = '',
  ) {
    super(message);
  }
}

const spec = (h: CobraHelpSpec): CommandSpec => ({
  name: h.path.split(' ').at(-1)!,
  about: h.short,
  flags: h.flags.filter((f) => f.long !== 'help'),
});

function args(ctx: CommandContext, name: OrasCommandName, argv: string[]): Parsed | number {
  const h = ORAS_COMMANDS[name];
  const parsed = cobraParse(spec(h), argv, 'helm', h.path);
  if (!parsed.ok) {
    ctx.stderr.write(parsed.stderr);
    return parsed.status;
  }
  if (parsed.help) {
    ctx.stdout.write(cobraHelp(h));
    return 0;
  }
  return parsed.parsed;
}

/** argument.Exactly / AtLeast with oerrors.CheckArgs' three lines. */
function checkArgs(name: OrasCommandName, got: number, want: { exactly?: number; atLeast?: number }, what: string): void {
  const h = ORAS_COMMANDS[name];
  const ok = want.exactly !== undefined ? got === want.exactly : got >= (want.atLeast ?? 0);
  if (ok) return;
  const text = want.exactly !== undefined ? `exactly ${want.exactly} argument` : `at least ${want.atLeast} argument`;
  throw new OrasError(
    `"${h.path}" requires ${text} but got ${got}\nUsage: ${h.path.split(' ').slice(0, -1).join(' ')} ${h.use}\nPlease specify ${text} as ${what}. Run "${h.path} -h" for more options and examples`,
  );
}

/** option.Target.Parse: a registry reference, or oras-go's invalid-reference error with the recommendation. */
function target(raw: string): ImageReference {
  const ref = parseReference(raw);
  if (ref) return ref;
  const why = raw.includes('/') ? `invalid repository "${raw.slice(raw.indexOf('/') + 1).split(/[:@]/)[0]}"` : 'missing registry or repository';
  throw new OrasError(
    `"${raw}": invalid reference: ${why}\nPlease make sure the provided reference is in the form of <registry>/<repo>[:tag|@digest]`,
  );
}

/** What the registry answers an anonymous write, as oras prints it, plus the dojo: line. */
function requireLogin(ctx: CommandContext, ref: ImageReference): void {
  if (mayPush(ctx.services.machine.registry, ref.registry)) return;
  throw new OrasError(
    unauthorizedMessage(ref.registry),
    'Error response from registry:',
    dojoLine(loginHint(ref.registry, `oras login ${ref.registry}`), ctx.stderr.isTTY),
  );
}

const short = (d: string) => d.slice('sha256:'.length, 'sha256:'.length + 12);

function status(ctx: CommandContext, verbose: boolean, word: string, d: OciDescriptor): void {
  const name = d.annotations?.[TITLE] ?? (verbose ? d.mediaType : undefined);
  if (name !== undefined) ctx.stdout.write(`${word} ${short(d.digest)} ${name}\n`);
}

let progressNoted = false;
function noteProgress(ctx: CommandContext): void {
  if (!ctx.stdout.isTTY || progressNoted) return;
  progressNoted = true;
  ctx.stdout.write(dojoLine('oras draws progress bars on a real terminal; the Dojo prints its plain-text status lines (as with --no-tty)', true));
}

async function push(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'push', argv);
  if (typeof a === 'number') return a;
  checkArgs('push', a.positionals.length, { atLeast: 1 }, 'the destination for pushing');
  const [rawRefs, ...fileRefs] = a.positionals as [string, ...string[]];
  const [first, ...extraTags] = rawRefs.split(',');
  const ref = target(first!);
  const imageSpec = a.value('image-spec');
  if (imageSpec !== undefined && imageSpec !== 'v1.0' && imageSpec !== 'v1.1')
    throw new OrasError(`invalid argument "${imageSpec}" for "--image-spec" flag: unknown image specification flag: ${imageSpec}`);
  const configRef = a.value('config');
  const artifactType = a.value('artifact-type');
  const plan = orasPackPlan({ hasConfig: configRef !== undefined, ...(artifactType ? { artifactType } : {}), ...(imageSpec ? { imageSpec } : {}) });
  if (!plan.ok) throw new OrasError(plan.recommendation ? `${plan.error}\n${plan.recommendation}` : plan.error);
  const readRef = (fileRef: string, fallbackType: string | undefined): OrasFile => {
    // fileref.Parse: the last `:` splits a media type off (a Windows drive letter aside).
    const colon = fileRef.lastIndexOf(':');
    const name = colon > 0 ? fileRef.slice(0, colon) : fileRef;
    const type = colon > 0 ? fileRef.slice(colon + 1) : fallbackType;
    if (colon > 0 && !type) throw new OrasError(`found empty media type for artifact ${JSON.stringify(fileRef)}`);
    const path = ctx.shell.resolvePath(name);
    const st = ctx.fs.stat(path);
    // oras' addFile unwraps oras-go's `failed to stat` to the os.PathError, whose path is made absolute.
    if (!st) throw new OrasError(`stat ${path}: no such file or directory`);
    if (st.kind === 'dir')
      throw new OrasError(`dojo: ${name} is a directory; oras would push it as a tar+gzip archive, which the Dojo does not build`);
    const f: OrasFile = { name: name.replace(/^\.\//, ''), bytes: ctx.fs.readFile(path) };
    if (type) f.mediaType = type;
    return f;
  };
  const files = fileRefs.map((r) => readRef(r, undefined));
  const config = configRef !== undefined ? readRef(configRef, 'application/vnd.unknown.config.v1+json') : undefined;
  const annotations: Record<string, string> = {};
  for (const kv of a.all('annotation')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new OrasError(`missing key in \`--annotation\` flag: ${kv}`);
    annotations[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  requireLogin(ctx, ref);
  if (files.length === 0) ctx.stdout.write('Uploading empty artifact\n');
  const verbose = a.has('verbose');
  noteProgress(ctx);
  const store = ctx.services.machine.registry;
  const r = await pushOras(store, first!, files, {
    ...(artifactType ? { artifactType } : {}),
    ...(config ? { config: { bytes: config.bytes, mediaType: config.mediaType! } } : {}),
    ...(imageSpec === 'v1.0' || imageSpec === 'v1.1' ? { imageSpec } : {}),
    annotations,
    created: new Date(),
  });
  for (const l of [...r.layers, r.config]) {
    if (r.existed.has(l.digest)) status(ctx, verbose, 'Exists   ', l);
    else {
      status(ctx, verbose, 'Uploading', l);
      status(ctx, verbose, 'Uploaded ', l);
    }
  }
  const root: OciDescriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: r.digest, size: r.json.length };
  status(ctx, verbose, 'Uploading', root);
  status(ctx, verbose, 'Uploaded ', root);
  ctx.stdout.write(`Pushed [registry] ${first}\n`);
  for (const t of extraTags) {
    store.tag(ref.repository, r.digest, t);
    ctx.stdout.write(`Tagged ${t}\n`);
  }
  // v1.0 packs report the config's media type as the artifact type (oras-go pack.go packManifestV1_0).
  ctx.stdout.write(`ArtifactType: ${plan.artifactType ?? r.config.mediaType}\n`);
  ctx.stdout.write(`Digest: ${r.digest}\n`);
  const exportPath = a.value('export-manifest');
  if (exportPath) ctx.fs.writeFile(ctx.shell.resolvePath(exportPath), r.json);
  return 0;
}

function notFound(ctx: CommandContext, raw: string): never {
  throw new OrasError(
    `${raw}: not found`,
    'Error response from registry:',
    dojoLine(
      `simulated registry: nothing is stored as ${raw} in the Dojo (it reaches no real registry); \`oras repo tags ${raw.split(/[:@]/)[0]}\` lists what is`,
      ctx.stderr.isTTY,
    ),
  );
}

async function pull(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'pull', argv);
  if (typeof a === 'number') return a;
  checkArgs('pull', a.positionals.length, { exactly: 1 }, 'the artifact reference you want to pull');
  const raw = a.positionals[0]!;
  target(raw);
  const store = ctx.services.machine.registry;
  const found = store.resolve(raw);
  if (!found) notFound(ctx, raw);
  if (found.index) throw new OrasError('dojo: pulling an image index (choosing a platform) is not simulated');
  const outDir = ctx.shell.resolvePath(a.value('output') ?? '.');
  const verbose = a.has('verbose');
  noteProgress(ctx);
  let skipped = false;
  const configPath = a.value('config');
  for (const d of [...found.manifest.layers, ...(configPath ? [found.manifest.config] : [])]) {
    const title = d === found.manifest.config ? configPath! : d.annotations?.[TITLE];
    if (!title) {
      skipped = true;
      status(ctx, verbose, 'Skipped    ', d);
      continue;
    }
    const dest = title.startsWith('/') ? title : `${outDir}/${title}`.replace(/\/+/g, '/');
    const normal = ctx.shell.resolvePath(dest);
    if (!a.has('allow-path-traversal') && !(normal === outDir || normal.startsWith(`${outDir}/`)))
      throw new OrasError(`${title}: path traversal disallowed, \`--allow-path-traversal\` to allow it`);
    if (a.has('keep-old-files') && ctx.fs.exists(normal)) throw new OrasError(`${title}: file already exists`);
    status(ctx, verbose, 'Downloading', { ...d, annotations: { [TITLE]: title } });
    let bytes: Uint8Array;
    try {
      bytes = await store.fetchBlob(d.digest);
    } catch (err) {
      // oras-go v2.5.0 content/file/file.go saveFile → internal/ioutil.CopyBuffer's verifying reader.
      if (err instanceof DigestMismatchError)
        throw new OrasError(
          `failed to copy content to ${normal}: mismatched digest`,
          'Error:',
          dojoLine(
            `the stored bytes of layer ${d.digest} hash to ${err.actual}: the registry's copy was tampered with, so oras refused it`,
            ctx.stderr.isTTY,
          ),
        );
      throw err;
    }
    const parent = normal.slice(0, normal.lastIndexOf('/')) || '/';
    ctx.fs.mkdir(parent, { recursive: true });
    ctx.fs.writeFile(normal, bytes);
    status(ctx, verbose, 'Downloaded ', { ...d, annotations: { [TITLE]: title } });
  }
  if (skipped) {
    ctx.stdout.write(`Skipped pulling layers without file name in "${TITLE}"\n`);
    ctx.stdout.write(`Use 'oras copy ${raw} --to-oci-layout <layout-dir>' to pull all layers.\n`);
  } else {
    ctx.stdout.write(`Pulled [registry] ${raw}\n`);
    ctx.stdout.write(`Digest: ${found.digest}\n`);
  }
  return 0;
}

/** encoding/json Indent with two spaces, as utils.PrintJSON does for --pretty. */
const pretty = (json: string) => `${JSON.stringify(JSON.parse(json), null, 2)}\n`;

async function manifestFetch(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'manifest fetch', argv);
  if (typeof a === 'number') return a;
  checkArgs('manifest fetch', a.positionals.length, { exactly: 1 }, 'the manifest to fetch');
  const raw = a.positionals[0]!;
  const output = a.value('output');
  if (output === '-' && a.has('descriptor')) throw new OrasError('`--descriptor` cannot be used with `--output -` at the same time');
  target(raw);
  const found = ctx.services.machine.registry.resolve(raw);
  if (!found) notFound(ctx, raw);
  const json = decodeText(found.bytes);
  if (a.has('descriptor')) {
    const d = JSON.stringify({ mediaType: found.mediaType, digest: found.digest, size: found.bytes.length });
    ctx.stdout.write(a.has('pretty') ? pretty(d) : d);
    if (!output) return 0;
  }
  if (output && output !== '-') {
    ctx.fs.writeFile(ctx.shell.resolvePath(output), json);
    return 0;
  }
  // The raw bytes as stored, with no newline after them (oras writes the body as it came).
  ctx.stdout.write(a.has('pretty') ? pretty(json) : json);
  return 0;
}

async function blobFetch(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'blob fetch', argv);
  if (typeof a === 'number') return a;
  const output = a.value('output');
  if (output === undefined && !a.has('descriptor')) throw new OrasError('either `--output` or `--descriptor` must be provided');
  if (output === '-' && a.has('descriptor')) throw new OrasError('`--output -` cannot be used with `--descriptor` at the same time');
  checkArgs('blob fetch', a.positionals.length, { exactly: 1 }, 'the target blob to fetch');
  const raw = a.positionals[0]!;
  const ref = target(raw);
  if (!ref.digest) {
    const h = ORAS_COMMANDS['blob fetch'];
    throw new OrasError(
      `"${raw}": no digest specified\nUsage: oras blob ${h.use}\nPlease specify a reference in the form of "<name>@<digest>". Run "${h.path} -h" for more options and examples`,
    );
  }
  const store = ctx.services.machine.registry;
  if (!store.hasBlob(ref.digest) || !store.repositories().includes(ref.repository)) notFound(ctx, raw);
  let bytes: Uint8Array;
  try {
    bytes = await store.fetchBlob(ref.digest);
  } catch (err) {
    if (err instanceof DigestMismatchError) throw new OrasError('mismatched digest');
    throw err;
  }
  if (output === '-') ctx.stdout.write(bytes);
  else if (output) ctx.fs.writeFile(ctx.shell.resolvePath(output), bytes);
  if (a.has('descriptor')) {
    const d = JSON.stringify({ mediaType: 'application/octet-stream', digest: ref.digest, size: bytes.length });
    ctx.stdout.write(a.has('pretty') ? pretty(d) : d);
  }
  return 0;
}

async function repoTags(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'repo tags', argv);
  if (typeof a === 'number') return a;
  checkArgs('repo tags', a.positionals.length, { exactly: 1 }, 'the target repository to list tags from');
  const raw = a.positionals[0]!;
  const ref = target(raw);
  const store = ctx.services.machine.registry;
  if (!store.repositories().includes(ref.repository))
    throw new OrasError('name unknown: repository name not known to registry', 'Error response from registry:');
  const tags = store.tagMap(ref.repository);
  let filter: string | undefined;
  if (ref.tag || ref.digest) {
    filter = ref.digest ?? tags.get(ref.tag!);
    if (!filter) notFound(ctx, raw);
    ctx.stderr.write(`[Experimental] querying tags associated to ${filter}, it may take a while...\n`);
  }
  const last = a.value('last');
  for (const t of [...tags.keys()].sort()) {
    if (last !== undefined && t <= last) continue;
    if (a.has('exclude-digest-tags') && /^sha256-[a-f0-9]{64}(\..*)?$/.test(t)) continue;
    if (filter && tags.get(t) !== filter) continue;
    ctx.stdout.write(`${t}\n`);
  }
  return 0;
}

async function repoLs(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'repo ls', argv);
  if (typeof a === 'number') return a;
  checkArgs('repo ls', a.positionals.length, { exactly: 1 }, 'the target registry to list repositories from');
  const raw = a.positionals[0]!.replace(/\/+$/, '');
  const slash = raw.indexOf('/');
  const host = normalizeHost(slash < 0 ? raw : raw.slice(0, slash));
  const namespace = slash < 0 ? '' : `${raw.slice(slash + 1)}/`;
  const last = a.value('last');
  for (const repo of ctx.services.machine.registry.repositories()) {
    if (!repo.startsWith(`${host}/`)) continue;
    const path = repo.slice(host.length + 1);
    if (!path.startsWith(namespace)) continue;
    if (last !== undefined && path <= last) continue;
    ctx.stdout.write(`${path.slice(namespace.length)}\n`);
  }
  return 0;
}

async function tag(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'tag', argv);
  if (typeof a === 'number') return a;
  checkArgs('tag', a.positionals.length, { atLeast: 2 }, 'the reference to be tagged and the new tags');
  const [raw, ...newTags] = a.positionals as [string, ...string[]];
  const ref = target(raw);
  const store = ctx.services.machine.registry;
  const found = store.resolve(raw);
  if (!found) notFound(ctx, raw);
  requireLogin(ctx, ref);
  ctx.stdout.write(`Tagging [registry] ${ref.repository}@${found.digest}\n`);
  for (const t of newTags) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t)) throw new OrasError(`invalid reference: invalid tag ${JSON.stringify(t)}`);
    store.tag(ref.repository, found.digest, t);
    ctx.stdout.write(`Tagged ${t}\n`);
  }
  return 0;
}

async function login(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'login', argv);
  if (typeof a === 'number') return a;
  checkArgs('login', a.positionals.length, { exactly: 1 }, 'the registry to log in to');
  const host = a.positionals[0]!;
  let user = a.value('username') ?? '';
  let secret = a.value('password') ?? a.value('identity-token') ?? '';
  if (a.has('password')) ctx.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  else if (a.has('password-stdin') || a.has('identity-token-stdin')) secret = decodeText(await ctx.stdin.readAll()).replace(/\r?\n$/, '');
  if (!secret) {
    if (!user) {
      const answer = await ctx.prompt('Username: ');
      if (answer === null) throw new OrasError('EOF');
      user = answer.trim();
    }
    const answer = await ctx.prompt(user ? 'Password: ' : 'Token: ');
    if (answer === null) throw new OrasError('EOF');
    secret = answer;
    if (!secret) throw new OrasError(user ? 'password required' : 'token required');
  }
  ctx.services.machine.registry.login(host, user || '<token>');
  ctx.stdout.write('Login Succeeded\n');
  ctx.stdout.write(
    dojoLine(
      `simulated: no server checked the credentials; the Dojo keeps only the user name for ${normalizeHost(host)}, in this browser`,
      ctx.stdout.isTTY,
    ),
  );
  return 0;
}

async function logout(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = args(ctx, 'logout', argv);
  if (typeof a === 'number') return a;
  checkArgs('logout', a.positionals.length, { exactly: 1 }, 'the registry to log out from');
  ctx.services.machine.registry.logout(a.positionals[0]!);
  return 0;
}

function version(ctx: CommandContext, argv: string[]): number {
  const a = args(ctx, 'version', argv);
  if (typeof a === 'number') return a;
  // cmd/oras/root/version.go: aligned `Key: value` lines; a release build's values (v1.2.0 tag dcef719,
  // built with the Go of its release workflow, 1.22.3).
  ctx.stdout.write(
    'Version:        1.2.0\nGo version:     go1.22.3\nGit commit:     dcef719e208a9b226b15bc6512ad729a7dd93270\nGit tree state: clean\n',
  );
  return 0;
}

const RUN: Record<string, (ctx: CommandContext, argv: string[]) => Promise<number> | number> = {
  push,
  pull,
  tag,
  login,
  logout,
  version,
  'manifest fetch': manifestFetch,
  'manifest get': manifestFetch,
  'blob fetch': blobFetch,
  'blob get': blobFetch,
  'repo tags': repoTags,
  'repo show-tags': repoTags,
  'repo ls': repoLs,
  'repo list': repoLs,
};

const NOT_SIMULATED = new Set([
  'attach',
  'cp',
  'copy',
  'discover',
  'resolve',
  'completion',
  'manifest delete',
  'manifest fetch-config',
  'manifest push',
  'blob delete',
  'blob push',
]);

export const orasCommand: CommandDefinition = {
  name: 'oras',
  summary: 'OCI registry as storage: push and pull artifacts (the network is simulated)',
  usage: 'oras [command]',
  subcommands: ORAS_ROOT.subcommands!.map((s) => ({ name: s.name, summary: s.short })),
  async run(ctx) {
    let [, first, ...rest] = ctx.argv;
    if (first === 'repository') first = 'repo';
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      ctx.stdout.write(cobraHelp(ORAS_ROOT));
      return 0;
    }
    let key = first;
    if (ORAS_GROUPS[first]) {
      const sub = rest[0];
      if (sub === undefined || sub === '-h' || sub === '--help') {
        ctx.stdout.write(cobraHelp(ORAS_GROUPS[first]!));
        return 0;
      }
      key = `${first} ${sub}`;
      rest = rest.slice(1);
      if (!RUN[key] && !NOT_SIMULATED.has(key)) {
        ctx.stderr.write(`Error: unknown command "${sub}" for "oras ${first}"\nRun 'oras ${first} --help' for usage.\n`);
        return 1;
      }
    }
    const run = RUN[key];
    try {
      if (!run) {
        if (NOT_SIMULATED.has(key) && rest.some((a) => a === '-h' || a === '--help')) {
          const [group, sub] = key.split(' ');
          const about = (sub ? ORAS_GROUPS[group!]?.subcommands : ORAS_ROOT.subcommands)?.find((c) => c.name === (sub ?? group))?.short ?? '';
          ctx.stdout.write(`${about}\n\nUsage:\n  oras ${key} [flags]\n\n`);
          ctx.stdout.write(dojoLine(`\`oras ${key}\` is not simulated in the Dojo, so its flags are not listed here`, ctx.stdout.isTTY));
          return 0;
        }
        if (NOT_SIMULATED.has(key)) {
          ctx.stderr.write(
            dojoLine(
              `\`oras ${key}\` is not simulated in the Dojo; push, pull, tag, login, manifest fetch, blob fetch and repo tags/ls are`,
              ctx.stderr.isTTY,
            ),
          );
          return 1;
        }
        ctx.stderr.write(`Error: unknown command "${first}" for "oras"\nRun 'oras --help' for usage.\n`);
        return 1;
      }
      return await run(ctx, rest);
    } catch (err) {
      if (err instanceof OrasError) {
        ctx.stderr.write(`${err.prefix} ${err.message}\n${err.after}`);
        return 1;
      }
      if (err instanceof RegistryError) {
        ctx.stderr.write(`Error: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
