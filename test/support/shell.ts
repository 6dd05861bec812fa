/**
 * A bare shell for shell and builtin tests: the real Shell with only the builtins and `dojo`
 * (plus any `extra`), captured output. For the whole product as the browser wires it, with
 * lessons and every command, use makeDojo() from ./dojo.
 */
import { MemoryFs } from '../../src/fs/memory-fs';
import { seedWorkspace } from '../../src/fs/seed';
import { MapCommandRegistry } from '../../src/shell/registry';
import { Shell, type ShellOptions } from '../../src/shell/shell';
import type { CommandDefinition, OutputSink, TerminalIO } from '../../src/shell/types';
import { registerBuiltins } from '../../src/commands/builtins';
import { registerDojoCommands } from '../../src/commands/dojo';

export interface Captured {
  stdout: string;
  stderr: string;
  status: number;
}

export function captureIO(tty = true, columns?: number): TerminalIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const decoder = new TextDecoder();
  const sink = (into: string[]): OutputSink => ({
    isTTY: tty,
    columns,
    write: (d) => into.push(typeof d === 'string' ? d : decoder.decode(d)),
  });
  return { stdout: sink(out), stderr: sink(err), prompt: async () => null, out, err };
}

export interface TestShell {
  shell: Shell;
  fs: MemoryFs;
  /** `columns`: the width of the terminal a `tty` run writes to. */
  run(line: string, opts?: { signal?: AbortSignal; tty?: boolean; columns?: number }): Promise<Captured>;
}

/** A seeded machine with every builtin and `dojo` registered, plus any extra commands. */
export function testShell(opts: Partial<ShellOptions> & { extra?: CommandDefinition[] } = {}): TestShell {
  const fs = new MemoryFs({ now: () => Date.UTC(2026, 10, 23, 12, 0) });
  seedWorkspace(fs);
  const registry = new MapCommandRegistry();
  registerBuiltins(registry);
  registerDojoCommands(registry);
  for (const def of opts.extra ?? []) registry.register(def);
  const shell = new Shell({ fs, registry, ...opts });
  return {
    shell,
    fs,
    async run(line, runOpts = {}) {
      const io = captureIO(runOpts.tty ?? false, runOpts.columns);
      const status = await shell.execute(line, io, runOpts.signal ?? new AbortController().signal);
      return { stdout: io.out.join(''), stderr: io.err.join(''), status };
    },
  };
}
