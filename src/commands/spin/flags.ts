/**
 * Every `spin` subcommand's arguments, declared once (Spin v3.0.0's clap definitions in
 * src/commands/*.rs): the parsers (clap dialect), the shell's Tab completion and clap's "a similar
 * argument exists" all come from here. Hidden flags are ones Spin accepts but does not list in the
 * help we show (e.g. `--file`, an alias of `--from`).
 */
import type { CommandSpec, FlagDecl } from '../cli/spec';

const FROM_BUILD: FlagDecl = {
  short: 'f',
  long: 'from',
  aliases: ['file'],
  value: 'APP_MANIFEST_FILE',
  help: 'The application to build. This may be a manifest (spin.toml) file, or a directory containing a spin.toml file',
};

export const SPIN_NEW: CommandSpec = {
  name: 'new',
  aliases: ['n'],
  about: 'Scaffold a new application based on a template',
  usage: 'spin new [OPTIONS] [NAME] [TEMPLATE_ID]',
  positionals: [{ name: '[NAME]' }, { name: '[TEMPLATE_ID]' }],
  flags: [
    { short: 't', long: 'template', value: 'TEMPLATE_ID', help: 'The template from which to create the new application or component' },
    { long: 'tag', value: 'TAGS', repeatable: true, help: 'Filter templates to select by tags' },
    { short: 'o', long: 'output', value: 'OUTPUT_PATH', help: 'The directory in which to create the new application or component' },
    { long: 'init', help: 'Create the new application or component in the current directory' },
    { short: 'v', long: 'value', value: 'VALUES', repeatable: true, help: 'Parameter values to be passed to the template, in the form name=value' },
    { long: 'values-file', value: 'VALUES_FILE', help: 'A TOML file which contains parameter values in name = "value" format' },
    { short: 'a', long: 'accept-defaults', help: 'Accept the defaults instead of prompting' },
    { long: 'no-vcs', help: 'Skip creating .gitignore' },
    { long: 'allow-overwrite', help: 'Generate into a non-empty directory, overwriting files with the same names' },
  ],
};

export const SPIN_TEMPLATES_LIST: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  about: 'List the installed templates',
  usage: 'spin templates list [OPTIONS]',
  flags: [
    { long: 'tag', value: 'TAGS', repeatable: true, help: 'Filter templates to select by tags' },
    { long: 'format', value: 'FORMAT', default: 'table', help: 'The format in which to list the templates' },
    { long: 'verbose', help: 'Whether to show additional template details in the list' },
  ],
};

export const SPIN_BUILD: CommandSpec = {
  name: 'build',
  aliases: ['b'],
  about: 'Build the Spin application (simulated in the Dojo)',
  usage: 'spin build [OPTIONS] [UP_ARGS]...',
  positionals: [{ name: '[UP_ARGS]', variadic: true }],
  flags: [
    FROM_BUILD,
    {
      short: 'c',
      long: 'component-id',
      value: 'COMPONENT_ID',
      repeatable: true,
      help: 'Component ID to build. This can be specified multiple times',
    },
    { short: 'u', long: 'up', help: 'Run the application after building' },
  ],
};

export const SPIN_UP: CommandSpec = {
  name: 'up',
  aliases: ['u'],
  about: 'Start the Spin application',
  usage: 'spin up [OPTIONS]',
  flags: [
    {
      short: 'f',
      long: 'from',
      aliases: ['file'],
      value: 'APPLICATION',
      help: 'The application to run: a manifest, a directory holding spin.toml, a registry reference or a .wasm file',
    },
    // Hidden in Spin's help: `--from` forced to mean a registry reference.
    { long: 'from-registry', value: 'REGISTRY_SOURCE', hidden: true, help: 'The application to run, as a registry reference' },
    { short: 'k', long: 'insecure', help: 'Ignore server certificate errors from a registry' },
    {
      short: 'e',
      long: 'env',
      value: 'ENV',
      repeatable: true,
      help: 'Pass an environment variable (key=value) to all components of the application',
    },
    { long: 'build', help: 'For local apps, perform `spin build` before running the application' },
    { short: 'L', long: 'log-dir', value: 'APP_LOG_DIR', help: 'Log directory for the stdout and stderr of components' },
    { long: 'follow', value: 'FOLLOW_ID', repeatable: true, help: 'Print output to stdout/stderr only for given component(s)' },
    { short: 'q', long: 'quiet', aliases: ['sh', 'shush'], help: 'Silence all component output to stdout/stderr' },
    { long: 'listen', value: 'ADDRESS', default: '127.0.0.1:3000', help: 'IP address and port to listen on' },
    { long: 'temp', value: 'TMP', hidden: true, help: 'Temporary directory for the static assets of the components' },
    { long: 'cache-dir', value: 'CACHE_DIR', hidden: true, help: 'Cache directory for downloaded registry data' },
    { short: 'c', long: 'component-id', value: 'COMPONENT_ID', repeatable: true, hidden: true, help: 'Run only the given components' },
    { long: 'runtime-config-file', value: 'RUNTIME_CONFIG_FILE', hidden: true, help: 'Configuration file for config providers and wasmtime config' },
    { long: 'state-dir', value: 'STATE_DIR', hidden: true, help: 'Directory for application state' },
    { long: 'cache', value: 'WASMTIME_CACHE_FILE', hidden: true, help: 'Wasmtime cache configuration file' },
    { long: 'key-value', value: 'KEY_VALUES', repeatable: true, hidden: true, help: 'Set a key/value pair (key=value) in the default store' },
    { long: 'sqlite', value: 'SQLITE_STATEMENT', repeatable: true, hidden: true, help: 'Run a SQLite statement against the default database' },
    { long: 'tls-cert', value: 'TLS_CERT', hidden: true, help: 'The path to the certificate to use for https' },
    { long: 'tls-key', value: 'TLS_KEY', hidden: true, help: 'The path to the certificate key to use for https' },
    { long: 'direct-mounts', hidden: true, help: 'Mount files directly instead of copying them' },
    { long: 'disable-cache', hidden: true, help: 'Disable Wasmtime cache' },
    { long: 'disable-pooling', hidden: true, help: 'Disable Wasmtime pooling' },
    { long: 'allow-transient-write', hidden: true, help: 'Allow components to write to their mounted files' },
  ],
};

export const SPIN_DEPLOY: CommandSpec = {
  name: 'deploy',
  aliases: ['d'],
  about: 'Package and upload an application to the Fermyon Cloud (simulated)',
  usage: 'spin deploy [OPTIONS]',
  flags: [
    {
      short: 'f',
      long: 'from',
      aliases: ['file'],
      value: 'APPLICATION',
      help: 'The application to deploy: a manifest or a directory holding spin.toml',
    },
    { long: 'build', help: 'For local apps, perform `spin build` before deploying the application' },
  ],
};

export const SPIN_REGISTRY_PUSH: CommandSpec = {
  name: 'push',
  about: 'Push a Spin application to a registry',
  usage: 'spin registry push [OPTIONS] <REFERENCE>',
  positionals: [{ name: '<REFERENCE>', required: true }],
  flags: [
    {
      short: 'f',
      long: 'from',
      aliases: ['file'],
      value: 'APPLICATION',
      help: 'The application to push: a manifest or a directory holding spin.toml',
    },
    { long: 'cache-dir', value: 'CACHE_DIR', hidden: true, help: 'Cache directory for downloaded registry data' },
    { long: 'annotation', value: 'ANNOTATIONS', repeatable: true, help: 'Specifies an OCI annotation (key=value) for the pushed application' },
    { short: 'k', long: 'insecure', help: 'Ignore server certificate errors' },
    { long: 'build', help: 'Perform `spin build` before pushing the application' },
  ],
};

export const SPIN_REGISTRY_PULL: CommandSpec = {
  name: 'pull',
  about: 'Pull a Spin application from a registry',
  usage: 'spin registry pull [OPTIONS] <REFERENCE>',
  positionals: [{ name: '<REFERENCE>', required: true }],
  flags: [
    { short: 'k', long: 'insecure', help: 'Ignore server certificate errors' },
    { long: 'cache-dir', value: 'CACHE_DIR', hidden: true, help: 'Cache directory for downloaded registry data' },
  ],
};

export const SPIN_REGISTRY_LOGIN: CommandSpec = {
  name: 'login',
  about: 'Log in to a registry',
  usage: 'spin registry login [OPTIONS] <SERVER>',
  positionals: [{ name: '<SERVER>', required: true }],
  flags: [
    { short: 'u', long: 'username', value: 'USERNAME', help: 'Username for the registry' },
    { short: 'p', long: 'password', value: 'PASSWORD', help: 'Password for the registry' },
    { long: 'password-stdin', help: 'Take the password from stdin' },
  ],
};

/** The whole tree, for completion (only what the Dojo runs carries flags). */
export const SPIN_SPEC: CommandSpec = {
  name: 'spin',
  about: 'The Spin CLI',
  usage: 'spin <COMMAND>',
  flags: [{ short: 'V', long: 'version', help: 'Print version' }],
  subcommands: [
    SPIN_NEW,
    {
      name: 'templates',
      aliases: ['template'],
      about: 'Commands for working with WebAssembly component templates',
      subcommands: [SPIN_TEMPLATES_LIST, { name: 'install', about: 'Install templates' }],
    },
    SPIN_BUILD,
    SPIN_UP,
    SPIN_DEPLOY,
    {
      name: 'registry',
      aliases: ['oci'],
      about: 'Commands for working with OCI registries (simulated)',
      subcommands: [SPIN_REGISTRY_PUSH, SPIN_REGISTRY_PULL, SPIN_REGISTRY_LOGIN],
    },
    { name: 'login', about: 'Log into the Fermyon Cloud (simulated)' },
    { name: 'plugins', aliases: ['plugin'], about: 'Install/uninstall Spin plugins' },
    { name: 'doctor', about: 'Detect and fix problems with Spin applications' },
    { name: 'add', aliases: ['a'], about: 'Scaffold a new component into an existing application' },
    { name: 'watch', aliases: ['w'], about: 'Build and run the Spin application, rebuilding and restarting it when files change' },
  ],
};
