/**
 * What the lazily loaded interpreter chunk offers the Shell (see engine-loader.ts, which imports
 * this module dynamically: the exports are used through that namespace).
 */
import { LANGUAGE_BUILTINS } from './builtins';
import { JOB_BUILTINS } from './job-builtins';
import type { CommandDefinition } from './types';

/** @public */
export { Interp, Flow, TERMINAL_INPUT } from './executor';
/** @public */
export { parse, IncompleteInput, heredocsOf } from './parser';

const byName = new Map([...LANGUAGE_BUILTINS, ...JOB_BUILTINS].map((d) => [d.name, d]));

/** @public */
export function languageBuiltin(name: string): CommandDefinition | undefined {
  return byName.get(name);
}
