/**
 * Test support (not shipped): a learner's machine with the real MemoryFs, the real `wasmtime`
 * command, the real WasmerEngine and the real precompiled modules, plus helpers that run a line the
 * way the app does and return the CommandRecord the grader reads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryFs } from '../../fs/memory-fs';
import { seedWorkspace } from '../../fs/seed';
import { WasmerEngine } from '../../runtime/wasmer-engine';
import { MapCommandRegistry } from '../../shell/registry';
import type { DojoServices } from '../../shell/types';
import { wasmtimeCommand } from '../../commands/wasmtime';
import { wasmedgeCommand } from '../../commands/wasmedge';
import { registerBuiltins } from '../../commands/builtins';
import { Shell } from '../../shell/shell';
import { captureIO } from '../../shell/testing';
import type { ExecEvent } from '../../shell/exec-events';
import { createDefinitionReplayer, type Replayer } from '../grader/replay';
import { fromEvents, type CommandRecord } from '../records';
import { createMachine } from '../../machine/services';

export const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../../public/modules/', import.meta.url));

export const engine = new WasmerEngine();

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
    fs.writeFile(`${HOME}/modules/${name}.wasm`, new Uint8Array(readFileSync(`${MODULES}${name}.wasm`)));
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
