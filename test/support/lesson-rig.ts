/**
 * Test support (not shipped): a learner's machine with the real MemoryFs, the real `wasmtime`
 * command, the real WasmerEngine and the real precompiled modules, plus helpers that run a line the
 * way the app does and return the CommandRecord the grader reads.
 */
import { MemoryFs } from '../../src/fs/memory-fs';
import { seedWorkspace } from '../../src/fs/seed';
import { MapCommandRegistry } from '../../src/shell/registry';
import type { DojoServices } from '../../src/shell/types';
import { wasmtimeCommand } from '../../src/commands/wasmtime';
import { wasmedgeCommand } from '../../src/commands/wasmedge';
import { registerBuiltins } from '../../src/commands/builtins';
import { Shell } from '../../src/shell/shell';
import type { ExecEvent } from '../../src/shell/exec-events';
import { captureIO } from './shell';
import { createDefinitionReplayer, type Replayer } from '../../src/lessons/grader/replay';
import { fromEvents, type CommandRecord } from '../../src/lessons/records';
import { createMachine } from '../../src/machine/services';
import { engine, moduleBytes } from './modules';

export const HOME = '/home/learner';
export { engine };

export interface LessonRig {
  fs: MemoryFs;
  services: DojoServices;
  registry: MapCommandRegistry;
  replay: Replayer;
  /** Runs a line through a real Shell on the live fs, like the learner typing it; the record comes from its exec events. */
  type(line: string, cwd?: string): Promise<CommandRecord>;
}

export function makeLessonRig(): LessonRig {
  const fs = new MemoryFs();
  seedWorkspace(fs);
  for (const name of ['hello', 'config-reader', 'env-reader', 'args-echo', 'escape-artist', 'exit-with']) {
    fs.writeFile(`${HOME}/modules/${name}.wasm`, moduleBytes(name));
  }
  fs.mkdir(`${HOME}/data`);
  fs.writeFile(`${HOME}/data/config.json`, '{"service":"inventory"}\n');
  const registry = new MapCommandRegistry();
  registerBuiltins(registry);
  registry.register(wasmtimeCommand);
  registry.register(wasmedgeCommand);
  const services: DojoServices = { machine: createMachine(), engine };
  const replay = createDefinitionReplayer({ registry, services });
  return {
    fs,
    services,
    registry,
    replay,
    async type(line, cwd = HOME) {
      const shell = new Shell({ fs, registry, services, home: HOME, cwd, recordHistory: false });
      const env = shell.env.exported();
      const before = fs.clone();
      const events: ExecEvent[] = [];
      const off = shell.onExec((e) => events.push(e));
      const io = captureIO(false);
      const status = await shell.execute(line, io, new AbortController().signal);
      off();
      return { line, ...fromEvents(events), status, stdout: io.out.join(''), stderr: io.err.join(''), cwd, env, before, at: Date.now() };
    },
  };
}
