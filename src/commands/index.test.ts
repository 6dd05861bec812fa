import { wasmToOciCommand } from './wasm-to-oci';
import { orasCommand } from './oras';
import { wkgCommand } from './wkg';
import { dojoRegistryCommand } from './dojo-registry';
import { kubectlCommand } from './kubectl';
import { helmCommand } from './helm';
import { fastlyCommand } from './fastly';
import { wranglerCommand } from './wrangler';
import { npmCommand } from './npm';
import { tinygoCommand } from './tinygo';
import { describe, expect, it } from 'vitest';
import { MapCommandRegistry } from '../shell/registry';
import { registerShellBuiltins } from '../shell/builtin-list';
import { LAZY_COMMANDS, preloadCommands, registerAllCommands } from './index';
import { EVERYDAY_COMMANDS } from './builtins/lazy-everyday';
import { LAZY_BUILTINS } from './builtins';
import { grep } from './builtins/grep';
import { lazyCommand } from './lazy-command';
import { wasmtimeCommand } from './wasmtime';
import { wasmedgeCommand } from './wasmedge';
import { spinCommand } from './spin';
import { curlCommand } from './curl';
import { rustupCommand } from './rustup';
import { cargoCommand } from './cargo';

describe('registerAllCommands', () => {
  it('registers the builtins, dojo, the runtimes, spin, curl and edit; the shell adds jobs; each once with a summary', () => {
    const registry = new MapCommandRegistry();
    registerAllCommands(registry);
    // The job builtins are the shell's own (their code comes with the interpreter chunk).
    registerShellBuiltins(registry);
    const names = registry.list().map((c) => c.name);
    for (const name of [
      'cat',
      'cd',
      'echo',
      'ls',
      'help',
      'history',
      'which',
      'dojo',
      'wasmtime',
      'wasmedge',
      'edit',
      'spin',
      'curl',
      'rustup',
      'cargo',
      'jobs',
      'fg',
      'kill',
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const def of registry.list()) expect(def.summary.length).toBeGreaterThan(0);
  });

  it('the deferred commands announce the same help lines as the real ones', async () => {
    const real = {
      wasmtime: wasmtimeCommand,
      wasmedge: wasmedgeCommand,
      spin: spinCommand,
      curl: curlCommand,
      rustup: rustupCommand,
      cargo: cargoCommand,
      grep,
      'wasm-to-oci': wasmToOciCommand,
      oras: orasCommand,
      wkg: wkgCommand,
      'dojo-registry': dojoRegistryCommand,
      kubectl: kubectlCommand,
      helm: helmCommand,
      // Issue 15's tools.
      tinygo: tinygoCommand,
      npm: npmCommand,
      wrangler: wranglerCommand,
      fastly: fastlyCommand,
    };
    for (const stub of [...LAZY_COMMANDS, ...LAZY_BUILTINS]) {
      // The everyday builtins (sleep, sort, sed…) are checked against what their chunk loads.
      const copy = { summary: stub.summary, usage: stub.usage };
      const def = real[stub.name as keyof typeof real] ?? (stub.name in real ? undefined : await stub.preload());
      expect(copy.summary, stub.name).toBe(def.summary);
      // The everyday stubs carry only name and summary before the first prompt (lazy-everyday.ts).
      if (!EVERYDAY_COMMANDS.includes(stub)) expect(copy.usage, stub.name).toBe(def.usage);
      else expect(stub.usage, stub.name).toBe(def.usage);
      expect(def, stub.name).toBeDefined();
      // Read before loading: these are the stub's own copies.
      expect(stub.summary).toBe(def.summary);
      expect(stub.usage).toBe(def.usage);
    }
  });

  it('after preloading, flags and completion come from the real definitions', async () => {
    await preloadCommands();
    const wasmtime = LAZY_COMMANDS.find((c) => c.name === 'wasmtime')!;
    expect(wasmtime.flags).toBe(wasmtimeCommand.flags);
  });
});

describe('lazyCommand', () => {
  const ctx = () => {
    let err = '';
    return {
      get err() {
        return err;
      },
      stderr: { isTTY: false, write: (d: string | Uint8Array) => void (err += String(d)) },
    };
  };

  it('runs the real command once loaded', async () => {
    const cmd = lazyCommand({ name: 'x', summary: 's', usage: 'u' }, async () => ({
      name: 'x',
      summary: 'real',
      usage: 'u',
      run: async () => 7,
    }));
    expect(cmd.summary).toBe('s');
    const c = ctx();
    expect(await cmd.run(c as never)).toBe(7);
    expect(cmd.summary).toBe('real');
  });

  it('forwards what the lesson grader reads (describeGrants, control) once loaded', async () => {
    const grants = [{ kind: 'env' as const, text: '--env A', tokenIndexes: [1, 2], name: 'A' }];
    const cmd = lazyCommand({ name: 'x', summary: 's', usage: 'u' }, async () => ({
      name: 'x',
      summary: 's',
      usage: 'u',
      control: true,
      describeGrants: () => grants,
      run: async () => 0,
    }));
    expect(cmd.describeGrants).toBeUndefined();
    await cmd.preload();
    expect(cmd.describeGrants?.(['x', '--env', 'A'])).toBe(grants);
    expect(cmd.control).toBe(true);
  });

  it('a failed load gives status 1 and a message, and can be retried', async () => {
    let attempts = 0;
    const cmd = lazyCommand({ name: 'x', summary: 's', usage: 'u' }, async () => {
      attempts++;
      if (attempts === 1) throw new Error('network down');
      return { name: 'x', summary: 's', usage: 'u', run: async () => 0 };
    });
    const c = ctx();
    expect(await cmd.run(c as never)).toBe(1);
    expect(c.err).toBe('dojo: x could not be loaded: network down\n');
    expect(await cmd.run(ctx() as never)).toBe(0);
  });

  it('a load failing under Tab completion neither escapes as a rejection nor sticks: preload tries again', async () => {
    let attempts = 0;
    const cmd = lazyCommand({ name: 'x', summary: 's', usage: 'u' }, async () => {
      attempts++;
      if (attempts === 1) throw new Error('network down');
      return { name: 'x', summary: 's', usage: 'u', run: async () => 0, complete: () => ['done'] };
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(cmd.complete?.([], '', {} as never)).toEqual([]);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
      await cmd.preload();
      expect(attempts).toBe(2);
      expect(cmd.complete?.([], '', {} as never)).toEqual(['done']);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
