/**
 * Which tools' command lines the least-privilege grader can take apart into grants. Each runtime
 * command owns its own parser and exports `describeGrants(argv)`; this file only maps tool → parser.
 */
import { describeGrants as describeWasmtimeGrants, type Grant } from '../../commands/wasmtime/args';

export type { Grant };
export type GrantDescriber = (argv: string[]) => Grant[];

const byTool = new Map<string, (argv: string[]) => Grant[]>([['wasmtime', describeWasmtimeGrants]]);

// wasmedge lands in its own folder; pick up its parser when it exists (Vite and vitest resolve this
// at build time; a missing file is simply absent), so the grader needs no edit when it arrives.
const optional = import.meta.glob<{ describeGrants?: (argv: string[]) => Grant[] }>('../../commands/wasmedge/args.ts', { eager: true });
for (const mod of Object.values(optional)) if (typeof mod.describeGrants === 'function') byTool.set('wasmedge', mod.describeGrants);

/** Lets another runtime (wasmedge) plug in its parser without this file importing it. */
export function registerGrantDescriber(tool: string, describe: (argv: string[]) => Grant[]): void {
  byTool.set(tool, describe);
}

/** Grants of a tool's argv (argv[0] = tool name); [] for a tool nobody registered. */
export const describeGrantsFor: GrantDescriber = (argv) => {
  const describe = byTool.get(argv[0] ?? '');
  return describe ? describe(argv) : [];
};

export function canDescribeGrants(tool: string): boolean {
  return byTool.has(tool);
}
