/**
 * Every command the learner can type, registered in one place at start-up. Features land in
 * their own folders at different times, so each group is picked up only when its module exists
 * (Vite's import.meta.glob resolves this at build time; a missing group is simply absent).
 */
import type { CommandDefinition, CommandRegistry } from '../shell/types';

type Group = Record<string, unknown>;

const groups = import.meta.glob<Group>(
  ['./builtins/index.ts', './dojo/index.ts', './wasmtime/index.ts', './wasmedge/index.ts', './edit/index.ts'],
  { eager: true },
);

/** The exports each group offers: a register function, or command definitions by name. */
const KNOWN: Array<{ file: string; register?: string; commands?: string[] }> = [
  { file: './builtins/index.ts', register: 'registerBuiltins' },
  { file: './dojo/index.ts', commands: ['dojoCommand'], register: 'registerDojo' },
  { file: './wasmtime/index.ts', commands: ['wasmtimeCommand'] },
  { file: './wasmedge/index.ts', commands: ['wasmedgeCommand'] },
  { file: './edit/index.ts', commands: ['editCommand'] },
];

function isCommand(value: unknown): value is CommandDefinition {
  return typeof value === 'object' && value !== null && typeof (value as CommandDefinition).run === 'function';
}

export function registerAllCommands(registry: CommandRegistry): void {
  for (const group of KNOWN) {
    const mod = groups[group.file];
    if (!mod) continue;
    const register = group.register ? mod[group.register] : undefined;
    if (typeof register === 'function') {
      (register as (r: CommandRegistry) => void)(registry);
      continue;
    }
    for (const name of group.commands ?? []) {
      const def = mod[name];
      if (isCommand(def) && !registry.get(def.name)) registry.register(def);
    }
  }
}
