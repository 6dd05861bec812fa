import type { CommandRegistry } from '../../shell/types';
import { dojo } from './dojo';

export { dojo };

export function registerDojoCommands(registry: CommandRegistry): void {
  registry.register(dojo);
}
