/**
 * oras v1.2.0's commands and flags, declared once (cmd/oras/root/*.go and cmd/oras/internal/option/*.go
 * at dcef719): the Use and Short lines, each command's own flags, and the option groups every command
 * shares (Common: debug/verbose/no-tty; Remote: credentials, TLS, headers; Target: --oci-layout).
 */
import type { CobraFlag, CobraHelpSpec } from '../cli/cobra-help';

const help = (name: string): CobraFlag => ({ short: 'h', long: 'help', help: `help for ${name}` });

const COMMON: CobraFlag[] = [
  { short: 'd', long: 'debug', help: 'output debug logs (implies --no-tty)' },
  { short: 'v', long: 'verbose', help: 'verbose output' },
  { long: 'no-tty', help: '[Preview] do not show progress output' },
];

const REMOTE: CobraFlag[] = [
  { short: 'u', long: 'username', value: 'string', goType: 'string', help: 'registry username' },
  { short: 'p', long: 'password', value: 'string', goType: 'string', help: 'registry password or identity token' },
  { long: 'identity-token', value: 'string', goType: 'string', help: 'registry identity token' },
  { long: 'password-stdin', help: 'read password from stdin' },
  { long: 'identity-token-stdin', help: 'read identity token from stdin' },
  { long: 'insecure', help: 'allow connections to SSL registry without certs' },
  { long: 'plain-http', help: 'allow insecure connections to registry without SSL check' },
  { long: 'ca-file', value: 'string', goType: 'string', help: 'server certificate authority file for the remote registry' },
  { long: 'cert-file', value: 'string', goType: 'string', help: 'client certificate file for the remote registry' },
  { long: 'key-file', value: 'string', goType: 'string', help: 'client private key file for the remote registry' },
  {
    long: 'resolve',
    value: 'stringArray',
    goType: 'stringArray',
    repeatable: true,
    help: 'customized DNS for registry, formatted in `host:port:address[:address_port]`',
  },
  { long: 'registry-config', value: 'path', goType: 'stringArray', repeatable: true, help: '`path` of the authentication file for registry' },
  { short: 'H', long: 'header', value: 'stringArray', goType: 'stringArray', repeatable: true, help: 'add custom headers to requests' },
];

const TARGET: CobraFlag[] = [{ long: 'oci-layout', help: 'set target as an OCI image layout' }];

const FORMAT: CobraFlag[] = [
  { long: 'format', value: 'string', goType: 'string', help: 'format in which to display output' },
  { long: 'template', value: 'string', goType: 'string', help: '[Experimental] template string used to format output' },
];

const ANNOTATIONS: CobraFlag[] = [
  { short: 'a', long: 'annotation', value: 'stringArray', goType: 'stringArray', repeatable: true, help: 'manifest annotations' },
  { long: 'annotation-file', value: 'string', goType: 'string', help: 'path of the annotation file' },
];

const with_ = (name: string, ...groups: CobraFlag[][]): CobraFlag[] => [help(name), ...COMMON, ...groups.flat()];

export const ORAS_COMMANDS = {
  push: {
    path: 'oras push',
    use: 'push [flags] <name>[:<tag>[,<tag>][...]] <file>[:<type>] [...]',
    short: 'Push files to a registry or an OCI image layout',
    flags: with_(
      'push',
      [
        { long: 'config', value: 'path', goType: 'string', help: '`path` of image config file' },
        { long: 'artifact-type', value: 'string', goType: 'string', help: 'artifact type' },
        { long: 'concurrency', value: 'int', goType: 'int', default: '5', help: 'concurrency level' },
        {
          long: 'image-spec',
          value: 'string',
          goType: 'string',
          help: '[Preview] specify manifest type for building artifact. Options: v1.1, v1.0 (default v1.1)',
        },
        { long: 'export-manifest', value: 'path', goType: 'string', help: '`path` of the pushed manifest' },
      ],
      ANNOTATIONS,
      REMOTE,
      TARGET,
      FORMAT,
    ),
  },
  pull: {
    path: 'oras pull',
    use: 'pull [flags] <name>{:<tag>|@<digest>}',
    short: 'Pull files from a registry or an OCI image layout',
    flags: with_(
      'pull',
      [
        { short: 'k', long: 'keep-old-files', help: 'do not replace existing files when pulling, treat them as errors' },
        { short: 'T', long: 'allow-path-traversal', help: 'allow storing files out of the output directory' },
        { long: 'include-subject', help: '[Preview] recursively pull the subject of artifacts' },
        { short: 'o', long: 'output', value: 'string', goType: 'string', default: '.', help: 'output directory' },
        { long: 'config', value: 'string', goType: 'string', help: 'output manifest config file' },
        { long: 'concurrency', value: 'int', goType: 'int', default: '3', help: 'concurrency level' },
      ],
      REMOTE,
      TARGET,
      FORMAT,
    ),
  },
  tag: {
    path: 'oras tag',
    use: 'tag [flags] <name>{:<tag>|@<digest>} <new_tag> [...]',
    short: 'Tag a manifest in a registry or an OCI image layout',
    flags: with_('tag', [{ long: 'concurrency', value: 'int', goType: 'int', default: '5', help: 'concurrency level' }], REMOTE, TARGET),
  },
  login: {
    path: 'oras login',
    use: 'login [flags] <registry>',
    short: 'Log in to a remote registry',
    flags: with_('login', REMOTE),
  },
  logout: {
    path: 'oras logout',
    use: 'logout [flags] <registry>',
    short: 'Log out from a remote registry',
    flags: [
      help('logout'),
      { short: 'd', long: 'debug', help: 'debug mode' },
      { long: 'registry-config', value: 'string', goType: 'stringArray', repeatable: true, help: 'auth config path' },
    ],
  },
  version: { path: 'oras version', use: 'version', short: 'Show the oras version information', flags: [help('version')] },
  'manifest fetch': {
    path: 'oras manifest fetch',
    use: 'fetch [flags] <name>{:<tag>|@<digest>}',
    short: 'Fetch manifest of the target artifact',
    aliases: ['get'],
    flags: with_(
      'fetch',
      [
        { long: 'media-type', value: 'strings', goType: 'strings', repeatable: true, help: 'accepted media types' },
        { short: 'o', long: 'output', value: 'path', goType: 'string', help: 'file `path` to write the fetched manifest to, use - for stdout' },
        { long: 'descriptor', help: 'output the descriptor' },
        { long: 'pretty', help: 'prettify JSON objects printed to stdout' },
      ],
      REMOTE,
      TARGET,
      FORMAT,
    ),
  },
  'blob fetch': {
    path: 'oras blob fetch',
    use: 'fetch [flags] {--output <file> | --descriptor} <name>@<digest>',
    short: 'Fetch a blob from a registry or an OCI image layout',
    aliases: ['get'],
    flags: with_(
      'fetch',
      [
        { short: 'o', long: 'output', value: 'path', goType: 'string', help: 'output file `path`, use - for stdout' },
        { long: 'descriptor', help: 'output the descriptor' },
        { long: 'pretty', help: 'prettify JSON objects printed to stdout' },
      ],
      REMOTE,
      TARGET,
    ),
  },
  'repo tags': {
    path: 'oras repo tags',
    use: 'tags [flags] <name>',
    short: 'Show tags of the target repository',
    aliases: ['show-tags'],
    flags: with_(
      'tags',
      [
        { long: 'last', value: 'last', goType: 'string', help: 'start after the tag specified by `last`' },
        { long: 'exclude-digest-tags', help: "[Preview] exclude all digest-like tags such as 'sha256-aaaa...'" },
      ],
      REMOTE,
      TARGET,
    ),
  },
  'repo ls': {
    path: 'oras repo ls',
    use: 'ls [flags] <registry>',
    short: 'List the repositories under the registry',
    aliases: ['list'],
    flags: with_('ls', [{ long: 'last', value: 'last', goType: 'string', help: 'start after the repository specified by `last`' }], REMOTE),
  },
} satisfies Record<string, CobraHelpSpec>;

export type OrasCommandName = keyof typeof ORAS_COMMANDS;

const group = (path: string, short: string, subs: Array<{ name: string; short: string }>, aliases?: string[]): CobraHelpSpec => ({
  path,
  use: `${path.split(' ').at(-1)} [command]`,
  short,
  flags: [help(path.split(' ').at(-1)!)],
  subcommands: subs,
  ...(aliases ? { aliases } : {}),
});

export const ORAS_GROUPS: Record<string, CobraHelpSpec> = {
  manifest: group('oras manifest', 'Manifest operations', [
    { name: 'delete', short: 'Delete a manifest from remote registry' },
    { name: 'fetch', short: 'Fetch manifest of the target artifact' },
    { name: 'fetch-config', short: 'Fetch the config of a manifest from a registry or an OCI image layout' },
    { name: 'push', short: 'Push a manifest to a registry or an OCI image layout' },
  ]),
  blob: group('oras blob', 'Blob operations', [
    { name: 'delete', short: 'Delete a blob from a remote registry' },
    { name: 'fetch', short: 'Fetch a blob from a registry or an OCI image layout' },
    { name: 'push', short: 'Push a blob to a registry or an OCI image layout' },
  ]),
  repo: group(
    'oras repo',
    'Repository operations',
    [
      { name: 'ls', short: 'List the repositories under the registry' },
      { name: 'tags', short: 'Show tags of the target repository' },
    ],
    ['repository'],
  ),
};

export const ORAS_ROOT: CobraHelpSpec = {
  path: 'oras',
  use: 'oras [command]',
  short: '',
  flags: [help('oras')],
  runnable: false,
  subcommands: [
    { name: 'attach', short: 'Attach files to an existing artifact' },
    { name: 'blob', short: 'Blob operations' },
    { name: 'completion', short: 'Generate the autocompletion script for the specified shell' },
    { name: 'cp', short: 'Copy artifacts from one target to another' },
    { name: 'discover', short: '[Preview] Discover referrers of a manifest in a registry or an OCI image layout' },
    { name: 'help', short: 'Help about any command' },
    { name: 'login', short: 'Log in to a remote registry' },
    { name: 'logout', short: 'Log out from a remote registry' },
    { name: 'manifest', short: 'Manifest operations' },
    { name: 'pull', short: 'Pull files from a registry or an OCI image layout' },
    { name: 'push', short: 'Push files to a registry or an OCI image layout' },
    { name: 'repo', short: 'Repository operations' },
    { name: 'resolve', short: '[Preview] Resolves digest of the target artifact' },
    { name: 'tag', short: 'Tag a manifest in a registry or an OCI image layout' },
    { name: 'version', short: 'Show the oras version information' },
  ],
};
