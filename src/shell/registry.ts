import type { CommandDefinition, CommandRegistry } from './types';

/** A plain name → definition map; features register their commands at start-up. */
export class MapCommandRegistry implements CommandRegistry {
  private readonly commands = new Map<string, CommandDefinition>();

  register(def: CommandDefinition): void {
    if (this.commands.has(def.name)) throw new Error(`command registered twice: ${def.name}`);
    this.commands.set(def.name, def);
  }

  get(name: string): CommandDefinition | undefined {
    return this.commands.get(name);
  }

  list(): CommandDefinition[] {
    return [...this.commands.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
