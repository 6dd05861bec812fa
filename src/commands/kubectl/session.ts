/**
 * What every kubectl subcommand shares: reaching the cluster, resolving types the way kubectl's
 * RESTMapper does, and printing errors as pkg/cmd/util/helpers.go checkErr does (exit 1).
 */
import type { CommandContext } from '../../shell/types';
import { clusterOf } from '../../cluster/attach';
import type { ClusterHost } from '../../cluster/host';
import { ApiError, formatForKubectl } from '../../cluster/errors';
import type { ResourceType } from '../../cluster/schema';

export class KubectlError extends Error {}

export async function host(ctx: CommandContext): Promise<ClusterHost | null> {
  const h = clusterOf(ctx.services.machine);
  if (!h) {
    // helpers.go: a refused connection; localhost:8080 is client-go's default with no kubeconfig.
    ctx.stderr.write('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    return null;
  }
  const got = await h;
  if (got.startupMessage) {
    ctx.stderr.write(`${got.startupMessage}\n`);
    delete got.startupMessage;
  }
  return got;
}

/** Prints an error as kubectl does; returns 1. */
export function fail(ctx: CommandContext, err: unknown, sourcePrefix = ''): number {
  if (err instanceof ApiError) ctx.stderr.write(`${formatForKubectl(err, sourcePrefix)}\n`);
  else if (err instanceof KubectlError) ctx.stderr.write(err.message.startsWith('error: ') ? `${err.message}\n` : `error: ${err.message}\n`);
  else throw err;
  return 1;
}

/** A type word on the command line, or the error kubectl prints for an unknown one. */
export function typeOrFail(h: ClusterHost, word: string): ResourceType {
  const t = h.cluster.api.resolveType(word);
  if (!t) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
  return t;
}

/** `TYPE NAME…`, `TYPE/NAME…` and `TYPE1,TYPE2` as kubectl's resource builder reads them. */
export function parseTargets(h: ClusterHost, args: string[]): { types: ResourceType[]; names: Array<{ type: ResourceType; name: string }> } {
  const names: Array<{ type: ResourceType; name: string }> = [];
  if (args.length === 0) return { types: [], names };
  if (args.every((a) => a.includes('/'))) {
    for (const a of args) {
      const [w, n] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      if (!n) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      names.push({ type: typeOrFail(h, w), name: n });
    }
    return { types: [], names };
  }
  if (args.slice(1).some((a) => a.includes('/')))
    throw new KubectlError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>')",
    );
  const types = args[0]!
    .split(',')
    .filter(Boolean)
    .map((w) => typeOrFail(h, w));
  for (const n of args.slice(1)) for (const t of types) names.push({ type: t, name: n });
  return { types: args.length > 1 ? [] : types, names };
}

export function namespaceOf(ctx: CommandContext, parsed: { value(k: string): string | undefined }): string {
  return parsed.value('namespace') || ctx.env.get('DOJO_KUBE_NAMESPACE') || 'default';
}
