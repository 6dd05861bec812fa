/**
 * The files-or-stdin loop shared by the text filters (cat-like commands: head, tail, grep, wc):
 * each operand is read in order, `-` or no operand means standard input, and an unreadable
 * operand prints coreutils' message and makes the command's status 1 without stopping the rest.
 */
import type { CommandContext } from '../../shell/types';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { standardStream } from '../../fs/devices';

export interface NamedInput {
  /** The operand as typed ("-" for standard input). */
  name: string;
  /** As read: byte counts must not go through a decode (invalid UTF-8 would become U+FFFD). */
  bytes: Uint8Array;
  text: string;
}

export async function readInputs(ctx: CommandContext, command: string, operands: string[]): Promise<{ inputs: NamedInput[]; status: number }> {
  const decoder = new TextDecoder();
  const inputs: NamedInput[] = [];
  let status = 0;
  for (const name of operands.length ? operands : ['-']) {
    // `/dev/stdin` is the same input as `-` (on Linux a link to the process's own fd 0).
    if (name === '-' || standardStream(ctx.shell.resolvePath(name)) === 0) {
      const bytes = await ctx.stdin.readAll();
      inputs.push({ name, bytes, text: decoder.decode(bytes) });
      continue;
    }
    try {
      const bytes = ctx.fs.readFile(ctx.shell.resolvePath(name));
      inputs.push({ name, bytes, text: decoder.decode(bytes) });
    } catch (err) {
      ctx.stderr.write(`${command}: ${shellEscapeName(name, false)}: ${errorText(err)}\n`);
      status = 1;
    }
  }
  return { inputs, status };
}

/** Lines of a text, without the empty string after a final newline. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
