/**
 * Test support (not shipped): a learner's machine for playing lessons — the real shell with the
 * runtimes, Spin, curl and rustup, the real engine and precompiled modules, the lesson engine wired
 * as the app wires it (commands registered by the app layer, reports printed by commands/lesson) —
 * and `type(line)`, which runs a line through the lesson hooks like the terminal does.
 *
 * `tty: true` gives the sinks the browser terminal has: tools colour their output there, and a check
 * that only passes on plain text passes here and blocks in the browser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StateStorage } from 'zustand/middleware';
import { testShell, captureIO } from '../../src/shell/testing';
import type { DojoServices } from '../../src/shell/types';
import { wasmtimeCommand } from '../../src/commands/wasmtime';
import { wasmedgeCommand } from '../../src/commands/wasmedge';
import { rustupCommand } from '../../src/commands/rustup';
import { registerSpin } from '../../src/commands/spin';
import { curlCommand } from '../../src/commands/curl';
import { printReport, registerLessonCommands } from '../../src/commands/lesson';
import { engine } from '../../src/lessons/testing/rig';
import { createLessonSystem } from '../../src/lessons/setup';
import { LoopbackNetwork } from '../../src/spin/network';
import { JobTable } from '../../src/spin/jobs';

export { engine };
export const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));

function memStorage(): StateStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

export function bootLessonMachine(opts: { tty?: boolean } = {}) {
  // Each machine gets its own loopback network and job table, so one lesson's `spin up` on port
  // 3000 never collides with the next one's.
  const services: DojoServices & { spinNetwork: LoopbackNetwork; spinJobs: JobTable } = {
    engine,
    recordRun(command, result) {
      services.lastRun = { command, result };
    },
    spinNetwork: new LoopbackNetwork(),
    spinJobs: new JobTable(),
  };
  const t = testShell({ extra: [wasmtimeCommand, wasmedgeCommand, curlCommand, rustupCommand], services });
  registerSpin(t.shell.registry);
  t.fs.mkdir(`${HOME}/modules`, { recursive: true });
  for (const name of readdirSync(MODULES)) {
    if (name.endsWith('.wasm')) t.fs.writeFile(`${HOME}/modules/${name}`, new Uint8Array(readFileSync(`${MODULES}${name}`)));
  }
  const sys = createLessonSystem({ fs: t.fs, shell: t.shell, registry: t.shell.registry, services, storage: memStorage(), print: printReport });
  registerLessonCommands(t.shell.registry, sys.runtime);
  async function type(line: string, answer = 'y') {
    const io = { ...captureIO(opts.tty ?? false), prompt: async () => answer };
    const wrapped = sys.runtime.beforeCommand(line, io);
    const status = await t.shell.execute(line, wrapped, new AbortController().signal);
    const report = await sys.runtime.afterCommand(line, status, io);
    return { status, out: io.out.join(''), err: io.err.join(''), report };
  }
  return { ...t, services, sys, type };
}

export type LessonMachine = ReturnType<typeof bootLessonMachine>;
