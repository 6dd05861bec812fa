/**
 * One call that builds the lesson engine for the app: catalogue, persisted progress, the grader's
 * replayer and the runtime. The engine knows no command: the app layer registers the terminal
 * vocabulary (commands/lesson `registerLessonCommands`) and hands in how reports are printed
 * (`print`, commands/lesson `printReport`). The app also wires the line hooks (shell-hooks.ts:
 * grading around each typed line), the deep link (`openFromHash`) and the pane.
 */
import type { StateStorage } from 'zustand/middleware';
import type { StoreApi } from 'zustand/vanilla';
import type { HostFs } from '../fs/types';
import type { CommandRegistry, DojoServices, InteractiveShell } from '../shell/types';
import { loadCatalog } from './catalog';
import type { CheckKindRegistry } from './checks/registry';
import { lessonIdFromHash } from './deep-link';
import { createDefinitionReplayer } from './grader/replay';
import type { ParsedCatalog } from './parser';
import { LessonRuntime, type ReportPrinter } from './runtime';
import { createProgressStore, type ProgressStore } from './store';

export interface LessonSystem {
  runtime: LessonRuntime;
  store: StoreApi<ProgressStore>;
  /** Opens the lesson a `#/lesson/ID` hash names; returns its id, or null when the hash is not a lesson link. */
  openFromHash(hash: string): string | null;
}

export interface LessonSystemOptions {
  fs: HostFs;
  /** The learner's shell: where lines start (cwd), home, and the variables it exports to commands. */
  shell: InteractiveShell & { readonly env: { exported(): Array<[string, string]> } };
  registry: CommandRegistry;
  services: DojoServices;
  /** Prints a grade report after each graded line (commands/lesson `printReport`); absent = silent. */
  print?: ReportPrinter;
  /** The check kinds lessons may use (default: the built-in ones); the catalogue is validated with them. */
  checks?: CheckKindRegistry;
  catalog?: ParsedCatalog;
  storage?: StateStorage;
  /** The clock for progress and timed runs (tests pass a fake one). */
  now?: () => number;
}

export function createLessonSystem(opts: LessonSystemOptions): LessonSystem {
  const store = createProgressStore(opts.storage);
  const runtime = new LessonRuntime({
    fs: opts.fs,
    catalog: opts.catalog ?? loadCatalog(opts.checks),
    store,
    replay: createDefinitionReplayer({ registry: opts.registry, services: opts.services }),
    commands: opts.registry,
    ...(opts.checks ? { checks: opts.checks } : {}),
    ...(opts.print ? { print: opts.print } : {}),
    home: opts.shell.home,
    cwd: () => opts.shell.cwd,
    env: () => opts.shell.env.exported(),
    engine: () => opts.services.engine,
    registry: () => opts.services.machine.registry,
    ...(opts.now ? { now: opts.now } : {}),
  });
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
