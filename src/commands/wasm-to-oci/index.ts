/**
 * `wasm-to-oci` v0.1.2 (engineerd/wasm-to-oci 5d8576f, 2021): `push <module> <reference>` and
 * `pull <reference> [--out|-o FILE]` against the Dojo's registry. Followed from its sources:
 * cmd/main.go (cobra v1.2.1 root without SilenceUsage, so an error prints `Error: …` and the usage;
 * persistent flags), cmd/push.go, cmd/pull.go, pkg/oci/push.go and pull.go (logrus `Infof` lines on
 * stderr: `Pushed:`/`Pulled:`, `Size:`, `Digest:` — push's digest is the manifest's, pull's is the
 * layer's, because pull.go prints the descriptor `store.Get(layer)` returns), pkg/oci/mediatypes.go.
 * The layout is registry/layouts.ts `pushWasmToOci`. Logrus (v1.8.1 TextFormatter): on a terminal
 * `INFO[0000] <message padded to 44> `, coloured; otherwise `time="…" level=info msg="…"`.
 * Credentials: it reads Docker's config (`docker login`, `oras login` write it); in the Dojo every
 * client shares one credential store. The network is simulated.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { cobraParse } from '../cli/cobra';
import { cobraHelp, cobraUsage, type CobraFlag, type CobraHelpSpec } from '../cli/cobra-help';
import type { CommandSpec } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { parseReference } from '../../registry/reference';
import { pushWasmToOci, MEDIA } from '../../registry/layouts';
import { DigestMismatchError, RegistryError } from '../../registry/store';
import { loginHint, mayPush } from '../../registry/auth';

const GLOBAL: CobraFlag[] = [
  {
    short: 'd',
    long: 'dir',
    value: 'string',
    goType: 'string',
    default: '/home/learner/.wasm-to-oci',
    help: 'Directory where the trust data is persisted to',
  },
  { long: 'insecure', help: 'Allow connections to SSL registry without certs' },
  { long: 'log', value: 'string', goType: 'string', default: 'info', help: 'Set the logging level ("debug"|"info"|"warn"|"error"|"fatal")' },
  { long: 'server', value: 'string', goType: 'string', default: 'https://notary.docker.io', help: 'The trust server used' },
  { short: 't', long: 'timeout', value: 'string', goType: 'string', default: '5s', help: 'Timeout for the trust server' },
  { long: 'tlscacert', value: 'string', goType: 'string', help: 'Trust certs signed only by this CA' },
  { long: 'use-http', help: 'Use plain http instead of https' },
];
const HELP_FLAG = (name: string): CobraFlag => ({ short: 'h', long: 'help', help: `help for ${name}` });

const PUSH: CobraHelpSpec = {
  path: 'wasm-to-oci push',
  use: 'push <module> <reference> [options]',
  short: 'Pushes a WASM module to an OCI registry',
  flags: [HELP_FLAG('push'), { long: 'sign', help: 'Signs the WebAssembly module and pushes the metadata to a trust server' }],
  globalFlags: GLOBAL,
};
const PULL: CobraHelpSpec = {
  path: 'wasm-to-oci pull',
  use: 'pull <reference> [options]',
  short: 'Pulls a WASM module from an OCI registry',
  flags: [
    HELP_FLAG('pull'),
    { short: 'o', long: 'out', value: 'string', goType: 'string', default: 'module.wasm', help: 'Name of the output module' },
    { long: 'sign', help: 'Verifies the signature of the WebAssembly module from a trust server' },
  ],
  globalFlags: GLOBAL,
};
const ROOT: CobraHelpSpec = {
  path: 'wasm-to-oci',
  use: 'wasm-to-oci <subcommand> [options]',
  short: '',
  flags: [HELP_FLAG('wasm-to-oci'), ...GLOBAL],
  subcommands: [
    { name: 'completion', short: 'generate the autocompletion script for the specified shell' },
    { name: 'help', short: 'Help about any command' },
    { name: 'pull', short: PULL.short },
    { name: 'push', short: PUSH.short },
  ],
};

const toSpec = (h: CobraHelpSpec): CommandSpec => ({
  name: h.path.split(' ').at(-1)!,
  about: h.short,
  flags: [...h.flags.filter((f) => f.long !== 'help'), ...(h.globalFlags ?? [])],
});

function logrus(ctx: CommandContext, message: string): void {
  if (ctx.stderr.isTTY) ctx.stderr.write(`\x1b[36mINFO\x1b[0m[0000] ${message.padEnd(44)} \n`);
  else ctx.stderr.write(`time="${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}" level=info msg=${JSON.stringify(message)}\n`);
}

/** cobra's failure: `Error: <err>`, then the usage (this root does not silence it), exit 1. */
function fail(ctx: CommandContext, spec: CobraHelpSpec, message: string): number {
  ctx.stderr.write(`Error: ${message}\n${cobraUsage(spec)}\n`);
  return 1;
}

async function push(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = cobraParse(toSpec(PUSH), argv, 'helm', PUSH.path);
  if (!parsed.ok) return fail(ctx, PUSH, parsed.stderr.replace(/^Error: /, '').trimEnd());
  if (parsed.help) {
    ctx.stdout.write(cobraHelp(PUSH));
    return 0;
  }
  const args = parsed.parsed.positionals;
  if (args.length !== 2) return fail(ctx, PUSH, `accepts 2 arg(s), received ${args.length}`);
  const [file, reference] = args as [string, string];
  if (parsed.parsed.has('sign')) return fail(ctx, PUSH, 'cannot sign and publish trust data: dojo: the Notary trust server is not simulated');
  const path = ctx.shell.resolvePath(file);
  const st = ctx.fs.stat(path);
  if (!st) return fail(ctx, PUSH, `open ${file}: no such file or directory`);
  if (st.kind === 'dir') return fail(ctx, PUSH, `read ${file}: is a directory`);
  const ref = parseReference(reference);
  if (!ref) return fail(ctx, PUSH, `failed to resolve reference "${reference}": invalid reference format`);
  const store = ctx.services.machine.registry;
  if (!mayPush(store, ref.registry)) {
    // containerd's docker pusher (remotes/docker/pusher.go) refusing the blob upload; [V*] assembled from
    // containerd's ErrUnexpectedStatus text, UNVERIFIED against a real 2021 binary.
    ctx.stderr.write(
      `Error: unexpected status from POST request to https://${ref.registry}/v2/${ref.path}/blobs/uploads/: 401 Unauthorized\n${cobraUsage(PUSH)}\n`,
    );
    ctx.stderr.write(dojoLine(loginHint(ref.registry, `oras login ${ref.registry}`), ctx.stderr.isTTY));
    return 1;
  }
  try {
    const r = await pushWasmToOci(store, reference, ctx.fs.readFile(path), file);
    logrus(ctx, `Pushed: ${reference}`);
    logrus(ctx, `Size: ${r.layers[0]!.size}`);
    logrus(ctx, `Digest: ${r.digest}`);
    return 0;
  } catch (err) {
    if (err instanceof RegistryError) return fail(ctx, PUSH, err.message);
    throw err;
  }
}

async function pull(ctx: CommandContext, argv: string[]): Promise<number> {
  const parsed = cobraParse(toSpec(PULL), argv, 'helm', PULL.path);
  if (!parsed.ok) return fail(ctx, PULL, parsed.stderr.replace(/^Error: /, '').trimEnd());
  if (parsed.help) {
    ctx.stdout.write(cobraHelp(PULL));
    return 0;
  }
  const args = parsed.parsed.positionals;
  if (args.length !== 1) return fail(ctx, PULL, `accepts 1 arg(s), received ${args.length}`);
  const reference = args[0]!;
  const out = parsed.parsed.value('out') ?? 'module.wasm';
  if (!parseReference(reference)) return fail(ctx, PULL, `failed to resolve reference "${reference}": invalid reference format`);
  const store = ctx.services.machine.registry;
  const found = store.resolve(reference);
  // containerd's resolver (remotes/docker/resolver.go): `<ref>: not found`.
  if (!found) {
    const code = fail(ctx, PULL, `${reference}: not found`);
    ctx.stderr.write(dojoLine(`simulated registry: nothing is stored as ${reference} in the Dojo (it reaches no real registry)`, ctx.stderr.isTTY));
    return code;
  }
  // oras-go v0.4 pulls only the layers of the allowed media type (WithAllowedMediaType).
  const layer = found.manifest.layers.find((l) => l.mediaType === MEDIA.wasmToOciLayer);
  if (!layer) {
    // With nothing to keep, pull.go's `layers[0]` is out of range: the Go runtime panics.
    ctx.stderr.write('panic: runtime error: index out of range [0] with length 0\n');
    ctx.stderr.write(
      dojoLine(`${reference} has no ${MEDIA.wasmToOciLayer} layer; \`oras manifest fetch ${reference}\` shows what it has`, ctx.stderr.isTTY),
    );
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await store.fetchBlob(layer.digest);
  } catch (err) {
    if (err instanceof DigestMismatchError) {
      // containerd content.Copy over oras-go v0.4's memory store writer: [V*] assembled, UNVERIFIED.
      return fail(
        ctx,
        PULL,
        `failed commit on ref "layer-${err.expected}": unexpected commit digest ${err.actual}, expected ${err.expected}: failed precondition`,
      );
    }
    throw err;
  }
  ctx.fs.writeFile(ctx.shell.resolvePath(out), bytes);
  logrus(ctx, `Pulled: ${reference}`);
  logrus(ctx, `Size: ${layer.size}`);
  logrus(ctx, `Digest: ${layer.digest}`);
  return 0;
}

export const wasmToOciCommand: CommandDefinition = {
  name: 'wasm-to-oci',
  summary: 'Push and pull Wasm modules as OCI artifacts (engineerd, 2021; the network is simulated)',
  usage: 'wasm-to-oci <subcommand> [options]',
  subcommands: [
    { name: 'push', summary: PUSH.short },
    { name: 'pull', summary: PULL.short },
  ],
  async run(ctx) {
    const [, sub, ...rest] = ctx.argv;
    if (sub === 'push') return push(ctx, rest);
    if (sub === 'pull') return pull(ctx, rest);
    if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
      ctx.stdout.write(cobraHelp(ROOT));
      return 0;
    }
    ctx.stderr.write(`Error: unknown command "${sub}" for "wasm-to-oci"\nRun 'wasm-to-oci --help' for usage.\n`);
    return 1;
  },
};
