/**
 * Which command lines the least-privilege grader can take apart into grants: any command whose
 * definition describes its grants (CommandDefinition.describeGrants: wasmtime, wasmedge today).
 * Read from the command registry, so the grader knows no CLI and a new runtime needs no edit here.
 */
import type { Grant } from '../../runtime/grants';
import type { CommandRegistry } from '../../shell/types';

export type { Grant };
export type GrantDescriber = (argv: string[]) => Grant[];

/** Grants of a tool's argv (argv[0] = tool name), from the registry; [] for a tool that describes none. */
export function grantDescriber(registry: Pick<CommandRegistry, 'get'>): GrantDescriber {
  return (argv) => registry.get(argv[0] ?? '')?.describeGrants?.(argv) ?? [];
}

/** Can the grader replay this tool's lines grant by grant? */
export function canDescribeGrants(registry: Pick<CommandRegistry, 'get'>, tool: string): boolean {
  return typeof registry.get(tool)?.describeGrants === 'function';
}
