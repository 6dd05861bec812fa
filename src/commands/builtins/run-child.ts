/**
 * Runs a command from the registry with an argv of its own, as find -exec and xargs do (they
 * exec(2) a program: shell functions and aliases are out of reach, as with the real tools).
 */
import type { CommandContext } from '../../shell/types';

const EMPTY_INPUT = { isTTY: false, readAll: () => Promise.resolve(new Uint8Array(0)) };

/** The child's status, or null when no such command exists (the caller says so in its voice). */
export async function runChild(ctx: CommandContext, argv: string[]): Promise<number | null> {
  const def = ctx.shell.registry.get(argv[0]!);
  if (!def) return null;
  return def.run({ ...ctx, argv, stdin: EMPTY_INPUT });
}

/** Like runChild, with `input` as the child's standard input (awk's `print | "sort"`). */
export async function runChildWithInput(ctx: CommandContext, argv: string[], input: Uint8Array): Promise<number | null> {
  const def = ctx.shell.registry.get(argv[0]!);
  if (!def) return null;
  return def.run({ ...ctx, argv, stdin: { isTTY: false, readAll: () => Promise.resolve(input) } });
}
