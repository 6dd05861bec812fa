/**
 * One call that builds the lesson system for the app: catalogue, persisted progress, the grader's
 * replayer, the runtime and its terminal commands. bootstrap.ts calls this once; see
 * lessons/README.md for the three hooks it must wire (before/after each line, deep link, pane).
 */
import type { StateStorage } from 'zustand/middleware';
import type { StoreApi } from 'zustand/vanilla';
import type { HostFs } from '../fs/types';
import type { CommandRegistry, DojoServices, InteractiveShell } from '../shell/types';
import { createLessonCommands } from '../commands/lesson';
import { loadCatalog } from './catalog';
import { lessonIdFromHash } from './deep-link';
import { createDefinitionReplayer } from './grader/replay';
import type { ParsedCatalog } from './parser';
import { LessonRuntime } from './runtime';
import { createProgressStore, type ProgressStore } from './store';

export interface LessonSystem {
  runtime: LessonRuntime;
  store: StoreApi<ProgressStore>;
  /** Opens the lesson a `#/lesson/ID` hash names; returns its id, or null when the hash is not a lesson link. */
  openFromHash(hash: string): string | null;
}

export interface LessonSystemOptions {
  fs: HostFs;
  shell: InteractiveShell;
  registry: CommandRegistry;
  services: DojoServices;
  /** Called when a lesson is opened (id) or sandbox entered (null): update location.hash, show the pane. */
  onOpen?(lessonId: string | null): void;
  catalog?: ParsedCatalog;
  storage?: StateStorage;
  /** The clock for progress and timed runs (tests pass a fake one). */
  now?: () => number;
}

export function createLessonSystem(opts: LessonSystemOptions): LessonSystem {
  const store = createProgressStore(opts.storage);
  const runtime = new LessonRuntime({
    fs: opts.fs,
    catalog: opts.catalog ?? loadCatalog(),
    store,
    replay: createDefinitionReplayer({ registry: opts.registry, services: opts.services }),
    home: opts.shell.home,
    cwd: () => opts.shell.cwd,
    env: () => exportedEnv(opts.shell),
    lastRun: () => opts.services.lastRun,
    engine: () => opts.services.engine,
    ...(opts.now ? { now: opts.now } : {}),
  });
  for (const def of createLessonCommands(runtime, { ...(opts.onOpen ? { onOpen: opts.onOpen } : {}) })) {
    if (!opts.registry.get(def.name)) opts.registry.register(def);
  }
  return {
    runtime,
    store,
    openFromHash(hash) {
      const id = lessonIdFromHash(hash);
      if (!id) return null;
      const r = runtime.open(id);
      return r.ok ? id : null;
    },
  };
}

/** The shell's exported variables, if the shell exposes its env (our Shell does as `env`). */
function exportedEnv(shell: InteractiveShell): Array<[string, string]> {
  const env = (shell as unknown as { env?: { exported?: () => Array<[string, string]> } }).env;
  return typeof env?.exported === 'function' ? env.exported() : [];
}
