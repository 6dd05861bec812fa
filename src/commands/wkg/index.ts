/**
 * `wkg oci push|pull` (bytecodealliance/wasm-pkg-tools, crates/wkg/src/oci.rs, v0.16.1 and later) over
 * the Dojo's registry, with oci-wasm's layout (registry/layouts.ts `pushCncfWasm`, `os: "wasip2"`):
 * - push reads the file with `WasmConfig::from_component` (context `Unable to parse component`): a core
 *   module is refused, so only components push; the layer is titled with the file name; prints
 *   `pushed: <ref>` and `digest: <digest>` (the manifest URL's last segment).
 * - pull (context `Unable to pull image`) goes through oci-wasm's checks (src/client.rs): manifest type,
 *   config type `application/vnd.wasm.config.v0+json`, exactly one layer; writes the first layer to
 *   `-o FILE` or `<repository with / as _>.wasm`; prints `Successfully wrote <ref> to <path>`.
 * - `-u`/`-p` must come together (`Must provide both a username and password`); otherwise the Docker
 *   credential store (in the Dojo: the one store every client shares), else anonymous.
 * Errors are anyhow's `Error: <context>` + `Caused by:` chain (main returns anyhow::Result). The
 * network is simulated.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { clapHelp, clapParse, clapUsageError, type ClapCommand } from '../cli/clap';
import type { CommandSpec } from '../cli/spec';
import { dojoLine } from '../../lib/dojo-line';
import { parseReference } from '../../registry/reference';
import { MEDIA, pushCncfWasm } from '../../registry/layouts';
import { DigestMismatchError, OCI_MANIFEST_MEDIA_TYPE } from '../../registry/store';
import { loginHint, mayPush, unauthorizedMessage } from '../../registry/auth';

const AUTH = [
  {
    short: 'u',
    value: 'USERNAME',
    key: 'username',
    help: 'The username to use for authentication. If no credentials are provided, wkg will load them from a local docker config and credential store and default to anonymous if none are found [env: WKG_OCI_USERNAME=]',
  },
  {
    short: 'p',
    value: 'PASSWORD',
    key: 'password',
    help: 'The password to use for authentication. This is required if username is set [env: WKG_OCI_PASSWORD=]',
  },
  {
    long: 'insecure',
    value: 'INSECURE',
    help: 'A comma delimited list of allowed registries to use for http instead of https [env: WKG_OCI_INSECURE=] [default: ]',
  },
];

const PULL: CommandSpec = {
  name: 'pull',
  about: 'Pull a component from an OCI registry and write it to a file',
  flags: [...AUTH, { short: 'o', long: 'output', value: 'OUTPUT', help: 'The output path to write the file to' }],
  positionals: [{ name: '<REFERENCE>', required: true, help: 'The OCI reference to pull' }],
};
const PUSH: CommandSpec = {
  name: 'push',
  about: 'Push a component to an OCI registry',
  flags: [
    ...AUTH,
    { short: 'a', long: 'author', value: 'AUTHOR', help: 'An optional author to set for the pushed component' },
    { long: 'annotation', value: 'ANNOTATION', repeatable: true, help: 'Add an OCI annotation to the image manifest' },
  ],
  positionals: [
    { name: '<REFERENCE>', required: true, help: 'The OCI reference to push' },
    { name: '<FILE>', required: true, help: 'The path to the file to push' },
  ],
};
const OCI_HELP = `Commands for interacting with OCI registries

Usage: wkg oci <COMMAND>

Commands:
  pull  Pull a component from an OCI registry and write it to a file
  push  Push a component to an OCI registry
  help  Print this message or the help of the given subcommand(s)

Options:
  -h, --help  Print help
`;
const WKG_HELP = `Usage: wkg <COMMAND>

Commands:
  config   Manage configuration
  get      Get a package
  publish  Publish a package
  oci      Commands for interacting with OCI registries
  wit      Commands for interacting with wit
  help     Print this message or the help of the given subcommand(s)

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

const cmd = (spec: CommandSpec): ClapCommand => {
  const c: ClapCommand = { spec, bin: `wkg oci ${spec.name}`, help: () => clapHelp(c) };
  return c;
};

/** anyhow's Debug form, as `fn main() -> anyhow::Result<()>` prints it. */
function anyhowError(ctx: CommandContext, top: string, causes: string[]): number {
  let out = `Error: ${top}\n`;
  if (causes.length === 1) out += `\nCaused by:\n    ${causes[0]}\n`;
  else if (causes.length) out += `\nCaused by:\n${causes.map((c, i) => `    ${i}: ${c}`).join('\n')}\n`;
  ctx.stderr.write(out);
  return 1;
}

function missingArgs(ctx: CommandContext, spec: CommandSpec, missing: string[]): number {
  ctx.stderr.write(
    clapUsageError(
      `the following required arguments were not provided:\n${missing.map((m) => `  ${m}`).join('\n')}`,
      `wkg oci ${spec.name} [OPTIONS] ${(spec.positionals ?? []).map((p) => p.name).join(' ')}`,
      ctx.stderr.isTTY,
    ),
  );
  return 2;
}

function checkAuth(ctx: CommandContext, user: string | undefined, password: string | undefined): number | undefined {
  if ((user === undefined) === (password === undefined)) return undefined;
  return anyhowError(ctx, 'Must provide both a username and password', []);
}

async function push(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = clapParse(ctx, cmd(PUSH), argv);
  if (typeof a === 'number') return a;
  const [reference, file] = a.positionals;
  if (!reference || !file) return missingArgs(ctx, PUSH, ['<REFERENCE>', '<FILE>'].slice(reference ? 1 : 0));
  const ref = parseReference(reference);
  if (!ref) return anyhowError(ctx, `dojo: ${reference} is not a registry reference (registry/repository[:tag])`, []);
  const annotations: Record<string, string> = {};
  for (const kv of a.all('annotation')) {
    const eq = kv.indexOf('=');
    if (eq < 0) {
      ctx.stderr.write(
        `error: invalid value '${kv}' for '--annotation <ANNOTATION>': invalid KEY=value: no \`=\` found in \`${kv}\`\n\nFor more information, try '--help'.\n`,
      );
      return 2;
    }
    annotations[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const path = ctx.shell.resolvePath(file);
  if (!ctx.fs.stat(path) || ctx.fs.stat(path)?.kind !== 'file')
    return anyhowError(ctx, 'Unable to parse component', [`No such file or directory (os error 2)`]);
  const bytes = ctx.fs.readFile(path);
  const isWasm = bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  const isComponent = isWasm && bytes[4] === 0x0d && bytes[6] === 0x01;
  if (!isComponent) {
    const code = anyhowError(ctx, 'Unable to parse component', ['failed to decode WIT component']);
    ctx.stderr.write(
      dojoLine(
        isWasm
          ? `${file} is a core Wasm module, not a component: wkg pushes components only. For a module, use \`oras push --config config.json:${MEDIA.wasmConfigV0} ${reference} ${file}:application/wasm\` (or wasm-to-oci)`
          : `${file} is not WebAssembly at all`,
        ctx.stderr.isTTY,
      ),
    );
    return code;
  }
  const bad = checkAuth(ctx, a.value('username'), a.value('password'));
  if (bad !== undefined) return bad;
  const store = ctx.services.machine.registry;
  if (a.value('username') === undefined && !mayPush(store, ref.registry)) {
    // [V*] oci-client's ServerError Display (`Server error: url …, code: …, message: …`), as real Spin/wkg
    // users report it for GHCR; the body is the registry's error envelope.
    const [code, ...msg] = unauthorizedMessage(ref.registry).split(': ');
    const body = JSON.stringify({ errors: [{ code: code!.toUpperCase(), message: msg.join(': ') }] });
    anyhowError(ctx, 'Unable to push image', [
      `Server error: url https://${ref.registry}/v2/${ref.path}/blobs/uploads/, code: 401, message: ${body}`,
    ]);
    ctx.stderr.write(dojoLine(loginHint(ref.registry, `oras login ${ref.registry}\` or \`wkg oci push -u USER -p PASS …`), ctx.stderr.isTTY));
    return 1;
  }
  const name = file.split('/').at(-1) || `${ref.path.replace(/\//g, '_')}.wasm`;
  const r = await pushCncfWasm(store, reference, bytes, name, {
    created: new Date(),
    os: 'wasip2',
    ...(a.value('author') ? { author: a.value('author')! } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  });
  ctx.stdout.write(`pushed: ${reference}\n`);
  ctx.stdout.write(`digest: ${r.digest}\n`);
  return 0;
}

async function pull(ctx: CommandContext, argv: string[]): Promise<number> {
  const a = clapParse(ctx, cmd(PULL), argv);
  if (typeof a === 'number') return a;
  const reference = a.positionals[0];
  if (!reference) return missingArgs(ctx, PULL, ['<REFERENCE>']);
  const bad = checkAuth(ctx, a.value('username'), a.value('password'));
  if (bad !== undefined) return bad;
  const ref = parseReference(reference);
  if (!ref) return anyhowError(ctx, `dojo: ${reference} is not a registry reference (registry/repository[:tag])`, []);
  const store = ctx.services.machine.registry;
  const found = store.resolve(reference);
  if (!found) {
    // [V*] oci-client's ImageManifestNotFoundError Display with the registry's MANIFEST_UNKNOWN message.
    const code = anyhowError(ctx, 'Unable to pull image', ['Image manifest not found: manifest unknown']);
    ctx.stderr.write(dojoLine(`simulated registry: nothing is stored as ${reference} in the Dojo (it reaches no real registry)`, ctx.stderr.isTTY));
    return code;
  }
  // oci-wasm src/client.rs pull: the three layout checks, in this order.
  const m = found.manifest;
  const rule =
    found.mediaType !== OCI_MANIFEST_MEDIA_TYPE
      ? `Wasm components must have a manifest of type ${OCI_MANIFEST_MEDIA_TYPE}`
      : m.config.mediaType !== MEDIA.wasmConfigV0
        ? `Wasm components must have a config of type ${MEDIA.wasmConfigV0}`
        : m.layers.length !== 1
          ? 'Wasm components must have exactly one layer'
          : undefined;
  if (rule) {
    const code = anyhowError(ctx, 'Unable to pull image', [rule]);
    ctx.stderr.write(
      dojoLine(`${reference} is not in the CNCF Wasm layout wkg reads; \`oras manifest fetch ${reference}\` shows its media types`, ctx.stderr.isTTY),
    );
    return code;
  }
  let bytes: Uint8Array;
  try {
    bytes = await store.fetchBlob(m.layers[0]!.digest);
  } catch (err) {
    if (err instanceof DigestMismatchError)
      return anyhowError(ctx, 'Unable to pull image', [`Digest error: expected ${err.expected}, got ${err.actual}`]);
    throw err;
  }
  const out = a.value('output') ?? `${ref.path.replace(/\//g, '_')}.wasm`;
  ctx.fs.writeFile(ctx.shell.resolvePath(out), bytes);
  ctx.stdout.write(`Successfully wrote ${reference} to ${out}\n`);
  return 0;
}

export const wkgCommand: CommandDefinition = {
  name: 'wkg',
  summary: 'WebAssembly package tool: wkg oci push|pull components (the network is simulated)',
  usage: 'wkg <COMMAND>',
  subcommands: [
    {
      name: 'oci',
      summary: 'Commands for interacting with OCI registries',
      subcommands: [
        { name: 'pull', summary: PULL.about },
        { name: 'push', summary: PUSH.about },
      ],
    },
  ],
  async run(ctx) {
    const [, first, sub, ...rest] = ctx.argv;
    if (first === '--version' || first === '-V') {
      ctx.stdout.write('wkg 0.16.1\n');
      return 0;
    }
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      (first === undefined ? ctx.stderr : ctx.stdout).write(WKG_HELP);
      return first === undefined ? 2 : 0;
    }
    if (first !== 'oci') {
      if (['config', 'get', 'publish', 'wit'].includes(first)) {
        ctx.stderr.write(dojoLine(`\`wkg ${first}\` is not simulated in the Dojo; \`wkg oci push|pull\` is`, ctx.stderr.isTTY));
        return 1;
      }
      ctx.stderr.write(clapUsageError(`unrecognized subcommand '${first}'`, 'wkg <COMMAND>', ctx.stderr.isTTY));
      return 2;
    }
    if (sub === 'push') return push(ctx, rest);
    if (sub === 'pull') return pull(ctx, rest);
    if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
      (sub === undefined ? ctx.stderr : ctx.stdout).write(OCI_HELP);
      return sub === undefined ? 2 : 0;
    }
    ctx.stderr.write(clapUsageError(`unrecognized subcommand '${sub}'`, 'wkg oci <COMMAND>', ctx.stderr.isTTY));
    return 2;
  },
};
