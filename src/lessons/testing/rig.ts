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
import { createDefinitionReplayer, type Replayer } from '../grader/replay';
import { splitSegments, type CommandRecord } from '../records';
import { createMachine } from '../../machine/services';

export const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../../public/modules/', import.meta.url));

export const engine = new WasmerEngine();

export interface LessonRig {
  fs: MemoryFs;
  services: DojoServices;
  registry: MapCommandRegistry;
  replay: Replayer;
  /** Runs one simple command line (no pipes) on the live fs, like the learner typing it. */
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
      const env: Array<[string, string]> = [['HOME', HOME]];
      const argv = splitSegments(line, env)[0] ?? [];
      const before = fs.clone();
      const r = await replay({ argv, fs, cwd, home: HOME, env });
      return { line, segments: [argv], status: r.status, stdout: r.stdout, stderr: r.stderr, ...(r.run ? { run: r.run } : {}), cwd, env, before, at: Date.now() };
    },
  };
}
