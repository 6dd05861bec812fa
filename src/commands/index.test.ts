import { describe, expect, it } from 'vitest';
import { MapCommandRegistry } from '../shell/registry';
import { registerAllCommands } from './index';

describe('registerAllCommands', () => {
  it('registers the builtins, dojo, wasmtime and edit, each once with a summary', () => {
    const registry = new MapCommandRegistry();
    registerAllCommands(registry);
    const names = registry.list().map((c) => c.name);
    for (const name of ['cat', 'cd', 'echo', 'ls', 'help', 'history', 'which', 'dojo', 'wasmtime', 'edit']) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const def of registry.list()) expect(def.summary.length).toBeGreaterThan(0);
  });
});
