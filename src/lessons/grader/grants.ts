/**
 * Which tools' command lines the least-privilege grader can take apart into grants. Each runtime
 * command owns its own parser and exports `describeGrants(argv)`; this file only maps tool → parser.
 */
import { describeGrants as describeWasmedgeGrants } from '../../commands/wasmedge/args';
import { describeGrants as describeWasmtimeGrants, type Grant } from '../../commands/wasmtime/args';

export type { Grant };
export type GrantDescriber = (argv: string[]) => Grant[];

const byTool = new Map<string, GrantDescriber>([
  ['wasmtime', describeWasmtimeGrants],
  ['wasmedge', describeWasmedgeGrants],
]);

/** Grants of a tool's argv (argv[0] = tool name); [] for a tool nobody registered. */
export const describeGrantsFor: GrantDescriber = (argv) => {
  const describe = byTool.get(argv[0] ?? '');
  return describe ? describe(argv) : [];
};

export function canDescribeGrants(tool: string): boolean {
  return byTool.has(tool);
}
