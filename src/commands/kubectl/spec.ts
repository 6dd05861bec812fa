/**
 * kubectl's commands and flags, declared once (the CLI kit's cobra dialect parses them; help and
 * completion come from here). Summaries are kubectl 1.31's `Short` texts.
 */
import type { CommandSpec, FlagDecl } from '../cli/spec';

export const GLOBAL_FLAGS: FlagDecl[] = [
  { long: 'namespace', short: 'n', value: 'string', help: 'If present, the namespace scope for this CLI request' },
  { long: 'context', value: 'string', help: 'The name of the kubeconfig context to use' },
  { long: 'kubeconfig', value: 'string', help: 'Path to the kubeconfig file to use for CLI requests.' },
  { long: 'request-timeout', value: 'string', help: 'The length of time to wait before giving up on a single server request.', hidden: true },
  { long: 'v', short: 'v', value: 'Level', help: 'number for the log level verbosity', hidden: true },
];

const f = (long: string, help: string, opts: Partial<FlagDecl> = {}): FlagDecl => ({ long, help, ...opts });
const OUTPUT = f(
  'output',
  'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).',
  { short: 'o', value: 'string' },
);
const SELECTOR = f(
  'selector',
  "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  { short: 'l', value: 'string' },
);
const ALL_NS = f(
  'all-namespaces',
  'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  { short: 'A' },
);
const FILENAME = f('filename', 'The files that contain the configurations to apply.', { short: 'f', value: 'strings', repeatable: true });
const DRY_RUN = f(
  'dry-run',
  'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
  { value: 'string', optionalValue: true },
);
const RECURSIVE = f(
  'recursive',
  'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  { short: 'R' },
);

export const SUBCOMMANDS: CommandSpec[] = [
  {
    name: 'create',
    about: 'Create a resource from a file or from stdin',
    flags: [FILENAME, OUTPUT, DRY_RUN],
    subcommands: [
      { name: 'namespace', aliases: ['ns'], about: 'Create a namespace with the specified name', flags: [OUTPUT, DRY_RUN] },
      {
        name: 'deployment',
        aliases: ['deploy'],
        about: 'Create a deployment with the specified name',
        flags: [
          f('image', 'Image names to run. A deployment can have multiple images set for multi-container pod.', {
            value: 'strings',
            repeatable: true,
          }),
          f('replicas', 'Number of replicas to create. Default is 1.', { short: 'r', value: 'int32' }),
          f('port', 'The containerPort that this deployment exposes.', { value: 'int32' }),
          OUTPUT,
          DRY_RUN,
        ],
      },
    ],
  },
  {
    name: 'explain',
    about: 'Get documentation for a resource',
    flags: [
      f('recursive', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their brief description.'),
      f('api-version', 'Use given api-version (group/version) of the resource.', { value: 'string' }),
    ],
  },
  {
    name: 'get',
    about: 'Display one or many resources',
    flags: [
      OUTPUT,
      SELECTOR,
      ALL_NS,
      f('watch', 'After listing/getting the requested object, watch for changes.', { short: 'w' }),
      f('show-labels', 'When printing, show all labels as the last column (default hide labels column).'),
      f('label-columns', 'Accepts a comma separated list of labels that are going to be presented as columns.', {
        short: 'L',
        value: 'strings',
        repeatable: true,
      }),
      FILENAME,
      f('no-headers', "When using the default or custom-column output format, don't print headers (default print headers)."),
      f('show-kind', 'If present, list the resource type for the requested object(s).'),
    ],
  },
  { name: 'edit', about: 'Edit a resource on the server', flags: [FILENAME, OUTPUT] },
  {
    name: 'delete',
    about: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    flags: [
      FILENAME,
      SELECTOR,
      ALL_NS,
      f('all', 'Delete all resources, in the namespace of the specified resource types.'),
      f('now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'),
      f('grace-period', 'Period of time in seconds given to the resource to terminate gracefully.', { value: 'int' }),
      f('force', 'If true, immediately remove resources from API and bypass graceful deletion.'),
      f('wait', 'If true, wait for resources to be gone before returning.', { optionalValue: true, value: 'bool' }),
      f('ignore-not-found', 'Treat "resource not found" as a successful delete.'),
      OUTPUT,
      RECURSIVE,
    ],
  },
  {
    name: 'rollout',
    about: 'Manage the rollout of a resource',
    subcommands: [
      {
        name: 'status',
        about: 'Show the status of the rollout',
        flags: [
          f('watch', "Watch the status of the rollout until it's done.", { short: 'w', value: 'bool', optionalValue: true }),
          f('timeout', 'The length of time to wait before ending watch, zero means never.', { value: 'duration' }),
        ],
      },
      { name: 'restart', about: 'Restart a resource', flags: [SELECTOR] },
      { name: 'history', about: 'View rollout history' },
    ],
  },
  {
    name: 'scale',
    about: 'Set a new size for a deployment, replica set, or replication controller',
    flags: [
      f('replicas', 'The new desired number of replicas. Required.', { value: 'int32' }),
      FILENAME,
      SELECTOR,
      f('current-replicas', 'Precondition for current size.', { value: 'int32' }),
    ],
  },
  { name: 'cluster-info', about: 'Display cluster information' },
  {
    name: 'describe',
    about: 'Show details of a specific resource or group of resources',
    flags: [
      SELECTOR,
      ALL_NS,
      FILENAME,
      f('show-events', 'If true, display events related to the described object.', { value: 'bool', optionalValue: true }),
    ],
  },
  {
    name: 'logs',
    about: 'Print the logs for a container in a pod',
    flags: [
      f('follow', 'Specify if the logs should be streamed.', { short: 'f' }),
      f(
        'tail',
        'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
        { value: 'int' },
      ),
      SELECTOR,
      f('container', 'Print the logs of this container', { short: 'c', value: 'string' }),
      f('previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.', { short: 'p' }),
      f('all-containers', "Get all containers' logs in the pod(s)."),
      f('prefix', 'Prefix each log line with the log source (pod name and container name)'),
      f('timestamps', 'Include timestamps on each line in the log output'),
    ],
  },
  {
    name: 'exec',
    about: 'Execute a command in a container',
    flags: [
      f('container', 'Container name.', { short: 'c', value: 'string' }),
      f('stdin', 'Pass stdin to the container', { short: 'i' }),
      f('tty', 'Stdin is a TTY', { short: 't' }),
    ],
  },
  {
    name: 'port-forward',
    about: 'Forward one or more local ports to a pod',
    flags: [
      f('address', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.', {
        value: 'strings',
        default: 'localhost',
      }),
    ],
  },
  {
    name: 'apply',
    about: 'Apply a configuration to a resource by file name or stdin',
    flags: [
      FILENAME,
      RECURSIVE,
      OUTPUT,
      DRY_RUN,
      f('server-side', 'If true, apply runs in the server instead of the client.'),
      f('validate', 'Must be one of: strict (or true), warn, ignore (or false).', { value: 'string', optionalValue: true }),
    ],
  },
  {
    name: 'wait',
    about: 'Experimental: Wait for a specific condition on one or many resources',
    flags: [
      f(
        'for',
        "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].",
        { value: 'string' },
      ),
      f('timeout', 'The length of time to wait before giving up.', { value: 'duration', default: '30s' }),
      SELECTOR,
      ALL_NS,
      f('all', 'Select all resources in the namespace of the specified resource types'),
    ],
  },
  {
    name: 'label',
    about: 'Update the labels on a resource',
    flags: [
      f('overwrite', 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.'),
      f('all', 'Select all resources, in the namespace of the specified resource types'),
      SELECTOR,
      f('list', 'If true, display the labels for a given resource.'),
    ],
  },
  {
    name: 'annotate',
    about: 'Update the annotations on a resource',
    flags: [
      f('overwrite', 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.'),
      f('all', 'Select all resources, including uninitialized ones, in the namespace of the specified resource types.'),
      SELECTOR,
      f('list', 'If true, display the annotations for a given resource.'),
    ],
  },
  {
    name: 'api-resources',
    about: 'Print the supported API resources on the server',
    flags: [
      f('namespaced', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.', {
        value: 'bool',
        optionalValue: true,
      }),
      OUTPUT,
      f('api-group', 'Limit to resources in the specified API group.', { value: 'string' }),
      f('no-headers', "When using the default or custom-column output format, don't print headers (default print headers)."),
    ],
  },
  {
    name: 'config',
    about: 'Modify kubeconfig files',
    subcommands: [
      { name: 'current-context', about: 'Display the current-context' },
      { name: 'get-contexts', about: 'Describe one or many contexts', flags: [OUTPUT] },
      { name: 'use-context', about: 'Set the current-context in a kubeconfig file' },
      {
        name: 'view',
        about: 'Display merged kubeconfig settings or a specified kubeconfig file',
        flags: [OUTPUT, f('minify', 'Remove all information not used by current-context from the output')],
      },
      {
        name: 'set-context',
        about: 'Set a context entry in kubeconfig',
        flags: [f('current', 'Modify the current context'), f('namespace', 'namespace for the context entry in kubeconfig', { value: 'string' })],
      },
    ],
  },
  {
    name: 'version',
    about: 'Print the client and server version information',
    flags: [f('client', 'If true, shows client version only (no server required).'), OUTPUT],
  },
];

/** The root help's groups (kubectl 1.31 cmd.go), the commands the Dojo models. */
export const GROUPS: Array<[string, string[]]> = [
  ['Basic Commands (Beginner)', ['create']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale']],
  ['Cluster Management Commands', ['cluster-info']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'exec', 'port-forward']],
  ['Advanced Commands', ['apply', 'wait']],
  ['Settings Commands', ['label', 'annotate']],
  ['Other Commands', ['api-resources', 'config', 'version']],
];

export const KUBECTL_SPEC: CommandSpec = {
  name: 'kubectl',
  about: 'kubectl controls the Kubernetes cluster manager',
  flags: GLOBAL_FLAGS,
  subcommands: SUBCOMMANDS,
};

/** kubectl's `Options:` block (templates.go): `    -o, --output='':` then the text after a tab. */
export function optionsBlock(spec: CommandSpec): string {
  const flags = (spec.flags ?? []).filter((fl) => !fl.hidden && !GLOBAL_FLAGS.includes(fl));
  if (!flags.length) return '';
  const lines = flags
    .sort((a, b) => (a.long ?? '').localeCompare(b.long ?? ''))
    .map((fl) => {
      const def =
        fl.value === undefined
          ? 'false'
          : fl.default !== undefined
            ? fl.default
            : fl.value === 'strings'
              ? '[]'
              : fl.value === 'int' || fl.value === 'int32'
                ? '-1'
                : "''";
      const names = fl.short ? `-${fl.short}, --${fl.long}` : `--${fl.long}`;
      return `    ${names}=${def}:\n\t${fl.help}\n`;
    });
  return `Options:\n${lines.join('\n')}\n`;
}
