/**
 * `kubectl` (kubernetes/kubectl 1.31) over the Dojo's cluster: cobra's flag parsing and errors
 * (through the CLI kit), kubectl's help layout (pkg/util/templates), every error through checkErr.
 */
import type { CommandContext, CommandDefinition, ShellApi } from '../../shell/types';
import { cobraParse, cobraUnknownCommand } from '../cli/cobra';
import { toFlagSpecs, toSubcommandSpecs, type CommandSpec } from '../cli/spec';
import { ApiError } from '../../cluster/errors';
import { clusterOf } from '../../cluster/attach';
import { GLOBAL_FLAGS, GROUPS, KUBECTL_SPEC, optionsBlock, SUBCOMMANDS } from './spec';
import { fail, host, KubectlError } from './session';
import { runApiResources, runClusterInfo, runConfig, runDescribe, runExplain, runGet, runLogs, runVersion } from './read';
import {
  runApply,
  runCreateKind,
  runDelete,
  runDojoPlugin,
  runEdit,
  runExec,
  runLabelOrAnnotate,
  runPortForward,
  runRollout,
  runScale,
  runWait,
} from './write';

const ROOT_HELP = (() => {
  const width = 16;
  let out = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  for (const [title, names] of GROUPS) {
    out += `${title}:\n`;
    for (const n of names) out += `  ${n.padEnd(width)}${SUBCOMMANDS.find((s) => s.name === n)!.about}\n`;
    out += '\n';
  }
  out +=
    'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
})();

function subHelp(path: string[], spec: CommandSpec): string {
  let out = `${spec.about}.\n\n`;
  if (spec.subcommands?.length) {
    out += 'Available Commands:\n';
    for (const s of spec.subcommands) out += `  ${s.name.padEnd(16)}${s.about}\n`;
    out += '\n';
  }
  out += optionsBlock(spec);
  out += `Usage:\n  kubectl ${path.join(' ')} ${spec.subcommands?.length ? '[flags] [options]' : '[options]'}\n\n`;
  if (spec.subcommands?.length) out += `Use "kubectl ${path.join(' ')} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

/** Resource words completion offers (plural names of a fresh cluster and the CR kinds once installed). */
async function dispatch(ctx: CommandContext): Promise<number> {
  const argv = ctx.argv.slice(1);
  // Global flags may come before the subcommand (`kubectl -n x get pods`).
  const lead: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const a = argv[i]!;
    lead.push(a);
    i++;
    if (['-n', '--namespace', '--context', '--kubeconfig'].includes(a) && i < argv.length) lead.push(argv[i++]!);
  }
  const word = argv[i];
  if (word === undefined) {
    if (lead.some((a) => a === '-h' || a === '--help') || lead.length === 0) {
      ctx.stdout.write(ROOT_HELP);
      return 0;
    }
    const root = cobraParse(KUBECTL_SPEC, lead, 'kubectl', 'kubectl');
    if (!root.ok) {
      ctx.stderr.write(root.stderr);
      return root.status;
    }
    ctx.stdout.write(ROOT_HELP);
    return 0;
  }
  if (word === 'dojo') {
    const h = await host(ctx);
    return h ? runDojoPlugin(ctx, h, argv.slice(i + 1)) : 1;
  }
  const top = SUBCOMMANDS.find((s) => s.name === word);
  if (!top) {
    ctx.stderr.write(
      `error: unknown command "${word}" for "kubectl"${(() => {
        const s = cobraUnknownCommand(
          'kubectl',
          word,
          SUBCOMMANDS.map((x) => x.name),
        ).match(/Did you mean this\?\n((?:\t.*\n)+)/);
        return s ? `\n\nDid you mean this?\n${s[1]!.trimEnd()}` : '';
      })()}\n`,
    );
    return 1;
  }
  const path = [word];
  let rest = [...lead, ...argv.slice(i + 1)];
  let spec: CommandSpec = top;
  if (top.subcommands?.length) {
    const j = rest.findIndex((a) => !a.startsWith('-'));
    const next = j >= 0 ? rest[j] : undefined;
    const sub = next ? top.subcommands.find((s) => s.name === next || (s.aliases ?? []).includes(next)) : undefined;
    if (sub) {
      path.push(sub.name);
      spec = sub;
      rest = [...rest.slice(0, j), ...rest.slice(j + 1)];
    } else if (word === 'rollout' || word === 'config') {
      if (rest.some((a) => a === '-h' || a === '--help') || !next) {
        ctx.stdout.write(subHelp(path, top));
        return 0;
      }
      ctx.stderr.write(`error: unknown command "${next}" for "kubectl ${word}"\n`);
      return 1;
    }
  }
  const parsed = cobraParse(
    { ...spec, flags: [...(spec.flags ?? []), ...GLOBAL_FLAGS.filter((g) => !(spec.flags ?? []).some((f) => f.long === g.long))] },
    rest,
    'kubectl',
    `kubectl ${path.join(' ')}`,
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
  if (path[0] === 'version' && p.has('client')) return runVersion(ctx, p);
  if (path[0] === 'config') {
    const r = runConfig(ctx, path, p);
    if (r >= 0) return r;
  }
  const h = await host(ctx);
  if (!h) return 1;
  const commandLine = ctx.argv.join(' ');
  try {
    switch (path[0]) {
      case 'get':
        return await runGet(ctx, h, p);
      case 'describe':
        return await runDescribe(ctx, h, p);
      case 'logs':
        return await runLogs(ctx, h, p);
      case 'apply':
        return await runApply(ctx, h, p, 'apply');
      case 'create':
        if (path[1]) {
          const r = runCreateKind(ctx, h, path, p);
          if (r >= 0) return r;
        }
        return await runApply(ctx, h, p, 'create');
      case 'delete':
        return await runDelete(ctx, h, p);
      case 'scale':
        return await runScale(ctx, h, p);
      case 'rollout':
        return await runRollout(ctx, h, path, p);
      case 'wait':
        return await runWait(ctx, h, p);
      case 'label':
      case 'annotate':
        return runLabelOrAnnotate(ctx, h, path[0], p);
      case 'edit':
        return runEdit(ctx, h, p);
      case 'port-forward':
        return runPortForward(ctx, h, p, commandLine);
      case 'exec':
        return runExec(ctx, h, p);
      case 'explain':
        return runExplain(ctx, h, p);
      case 'api-resources':
        return runApiResources(ctx, h, p);
      case 'version':
        return runVersion(ctx, p);
      case 'cluster-info':
        return runClusterInfo(ctx, h);
      default:
        ctx.stdout.write(subHelp(path, spec));
        return 0;
    }
  } catch (err) {
    if (err instanceof ApiError || err instanceof KubectlError) return fail(ctx, err);
    throw err;
  }
}

const TYPE_WORDS = [
  'pods',
  'deployments',
  'replicasets',
  'services',
  'nodes',
  'namespaces',
  'events',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'endpoints',
  'runtimeclasses',
  'customresourcedefinitions',
  'spinapps',
  'spinappexecutors',
];

export const kubectlCommand: CommandDefinition = {
  name: 'kubectl',
  summary: 'kubectl controls the Kubernetes cluster manager (the Dojo cluster: Wasm pods really run)',
  usage: 'kubectl [flags] [options]',
  flags: toFlagSpecs({ ...KUBECTL_SPEC, flags: GLOBAL_FLAGS }),
  subcommands: toSubcommandSpecs(KUBECTL_SPEC),
  complete(args: string[], partial: string, shell: ShellApi): string[] {
    void shell;
    const words = args.filter((a) => !a.startsWith('-'));
    if (words.length === 0) return [...SUBCOMMANDS.map((s) => s.name), 'dojo'].filter((n) => n.startsWith(partial));
    const verb = words[0]!;
    const typeVerbs = ['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'explain', 'scale', 'wait'];
    if (typeVerbs.includes(verb) && words.length === 1) return TYPE_WORDS.filter((t) => t.startsWith(partial));
    const h = lastHost;
    if (h && (typeVerbs.includes(verb) || verb === 'logs' || verb === 'port-forward' || verb === 'exec')) {
      const typeWord = verb === 'logs' || verb === 'exec' ? 'pods' : words[1]!;
      const t = h.cluster.api.resolveType(typeWord);
      if (t)
        return h.cluster.api
          .list(t)
          .map((o) => o.metadata.name)
          .filter((n) => n.startsWith(partial));
    }
    if (verb === 'rollout' && words.length === 1) return ['history', 'restart', 'status'].filter((n) => n.startsWith(partial));
    return [];
  },
  async run(ctx) {
    const pending = clusterOf(ctx.services.machine);
    if (pending) void pending.then((h) => (lastHost = h));
    return dispatch(ctx);
  },
};

let lastHost: import('../../cluster/host').ClusterHost | undefined;
