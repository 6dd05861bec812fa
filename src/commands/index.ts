/**
 * Every command the learner can type, registered in one place at start-up. (Lesson commands
 * are registered by the lesson system when its chunk loads, see app/bootstrap.ts.)
 */
import type { CommandDefinition, CommandRegistry } from '../shell/types';
import { registerBuiltins } from './builtins';
import { registerDojoCommands } from './dojo';
import { editCommand } from './edit';
import { wasmtimeCommand } from './wasmtime';

/**
 * Runtimes that land later are picked up when their folder exists (Vite resolves the glob at
 * build time), so the registry never imports a file that is not there yet.
 */
const laterRuntimes = import.meta.glob<Record<string, unknown>>(['./wasmedge/index.ts'], { eager: true });

function isCommand(value: unknown): value is CommandDefinition {
  return typeof value === 'object' && value !== null && typeof (value as CommandDefinition).run === 'function';
}

export function registerAllCommands(registry: CommandRegistry): void {
  registerBuiltins(registry);
  registerDojoCommands(registry);
  registry.register(wasmtimeCommand);
  registry.register(editCommand);
  for (const mod of Object.values(laterRuntimes)) {
    for (const value of Object.values(mod)) {
      if (isCommand(value) && !registry.get(value.name)) registry.register(value);
    }
  }
}
