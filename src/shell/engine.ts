/** What the lazily loaded interpreter chunk offers the Shell (see engine-loader.ts). */
import { LANGUAGE_BUILTINS } from './builtins';
import type { CommandDefinition } from './types';

export { Interp, Flow, TERMINAL_INPUT } from './executor';
export { parse, IncompleteInput } from './parser';

const byName = new Map(LANGUAGE_BUILTINS.map((d) => [d.name, d]));

export function languageBuiltin(name: string): CommandDefinition | undefined {
  return byName.get(name);
}
