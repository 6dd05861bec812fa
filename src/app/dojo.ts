/**
 * The headless composition root: the whole product (shell, every command, services, the features —
 * lessons with their hooks, spin — module install, `dojo reset`) wired once, without a DOM. The
 * browser's bootstrap.ts is adapters around this (IndexedDB, the Web Worker, the UI store, hash
 * links); the test rig (test/support/dojo.ts) is the same call with in-memory ones, so what tests
 * run is what the browser runs.
 */
import type { MemoryFs } from '../fs/memory-fs';
import { HOME, MODULES_DIR, resetToSeed } from '../fs/seed';
import type { StateStorage } from 'zustand/middleware';
import { CommandHistory } from '../shell/history';
import { MapCommandRegistry } from '../shell/registry';
import { Shell } from '../shell/shell';
import type { CommandRegistry, DojoServices, InteractiveShell } from '../shell/types';
import type { RunResult, WasmEngine } from '../runtime/types';
import type { ParsedCatalog } from '../lessons/parser';
import type { LessonSystem } from '../lessons/setup';
import { registerCoreCommands } from '../commands';
import { CheckKindRegistry } from '../lessons/checks/registry';
import type { ExecuteLine, Feature, FeatureHost, LineWrapper } from './features';
import { lessonsFeature } from './features/lessons';
import { spinFeature } from './features/spin';
import { labFeature } from './features/lab';
import { trainerFeature, type TrainerFeatureOptions } from './features/trainer';
import type { TrainerSystem } from '../trainer/setup';
import { teamFeature } from './features/team';
import type { TeamSystem } from '../team/system';
import { clusterFeature } from './features/cluster';
import { edgeFeature } from './features/edge';
import { installModules } from './modules';
import { settledOrAborted } from '../lib/wait';
import { PanelRegistry, type PanelDefinition } from './panels';
import { HookedShell } from './hooked-shell';
import { createMachine, resetMachine, type Machine } from '../machine/services';

/** The longest a line typed before the precompiled modules arrived waits for them. */
export const MODULES_WAIT_MS = 10_000;

/**
 * `dojo reset`'s machine half: every background job stopped whatever started it (a served app would
 * keep answering from files that are about to disappear), the local registry emptied, the files
 * back to the seed and the shell at home.
 */
export function resetLearnerMachine(machine: Machine, fs: MemoryFs, shell: { chdir(path: string): void }): void {
  resetMachine(machine);
  resetToSeed(fs);
  shell.chdir(HOME);
}

export interface DojoOptions {
  /** The learner's machine, already restored or seeded. */
  fs: MemoryFs;
  /** The network, jobs and OCI store (default: a fresh one; the browser restores its registry into it). */
  machine?: Machine;
  /** Runs Wasm; may also be set later on `services.engine` (the browser's worker starts after the prompt). */
  engine?: WasmEngine;
  /** Lesson progress (localStorage in the browser). */
  storage?: StateStorage;
  /** The clock lessons and drills read. */
  clock?: () => number;
  /** Fetches public/modules/ for the module install; without it no modules are installed (the caller seeds them). */
  fetch?: typeof fetch;
  /** Where public/ is served ("/" unless the app lives under a sub-path). */
  base?: string;
  /** How long a line typed before the modules' files arrived waits for them (default MODULES_WAIT_MS). */
  modulesWaitMs?: number;
  history?: CommandHistory;
  /** Services the embedding provides (the browser: clearScreen, openEditor). */
  services?: Partial<DojoServices>;
  /** A module run finished (the Trace tab, "n seconds ago"). */
  onRun?(command: string, result: RunResult): void;
  /** `dojo reset` finished. */
  onReset?(): void;
  /** Lessons start loading when this resolves (the browser: once the first prompt shows). Default: at once. */
  lessonsStart?: Promise<void>;
  /** The lesson catalogue (default: lessons/ as bundled). */
  catalog?: ParsedCatalog;
  /** A lesson was opened (id) or the sandbox entered (null). */
  onLessonOpen?(lessonId: string | null): void;
  /** The lessons pane, for a host with a UI. */
  lessonsPanel?: PanelDefinition;
  /** The page opened on a lesson link (`#/lesson/ID`): that lesson opens first, and lines wait for it. */
  lessonLink?: string;
  /** The trainer's browser hooks (the Practice tab, its player); the trainer loads after the lessons. */
  trainer?: Omit<TrainerFeatureOptions, 'lessonsReady' | 'storage' | 'now'>;
  /** More features, activated after the built-in ones. */
  features?: Feature[];
}

export interface Dojo {
  fs: MemoryFs;
  /** The shell itself; commands see it as ctx.shell. */
  shell: Shell;
  /** What the terminal drives: the shell, with every feature's line hooks (lessons) around each line. */
  terminalShell: InteractiveShell;
  registry: CommandRegistry;
  services: DojoServices;
  checks: CheckKindRegistry;
  panels: PanelRegistry;
  /** Resolves with the lesson system once its chunk loaded; rejects when it could not be loaded. */
  lessonsReady: Promise<LessonSystem>;
  /** The lesson system, once loaded. */
  readonly lessons: LessonSystem | undefined;
  /** Resolves with the trainer (bank, deck, recorder) once its chunk loaded, after the lessons'. */
  trainerReady: Promise<TrainerSystem>;
  /** Team training (plans, results): built once the lessons are up; rejects when they failed to load. */
  teamReady: Promise<TeamSystem>;
  /** Resolves when the precompiled modules are on the machine (after start-up or the last reset). */
  readonly modulesReady: Promise<void>;
  /** A line for the terminal; held until `setOutput` names where lines go. */
  say(text: string): void;
  setOutput(print: (text: string) => void): void;
  /** Activates one more feature; returns its dispose. */
  activate(feature: Feature): () => void;
}

export function createDojo(opts: DojoOptions): Dojo {
  const { fs } = opts;
  let print: ((text: string) => void) | null = null;
  const pending: string[] = [];
  const say = (text: string): void => {
    if (print) print(text);
    else pending.push(text);
  };

  const registry = new MapCommandRegistry();
  registerCoreCommands(registry);
  const checks = new CheckKindRegistry();
  const panels = new PanelRegistry();
  const resetSteps = new Set<() => void | Promise<void>>();

  let modulesReady: Promise<void> = Promise.resolve();
  const fetchFn = opts.fetch;
  /**
   * A failure is said, not thrown: the shell works without the modules. `files`: the files are in
   * ~/modules (or their install failed); `all`: the registry's sample images are built from them too.
   */
  const installModulesSaying = (): { files: Promise<void>; all: Promise<void> } => {
    if (!fetchFn) return { files: Promise.resolve(), all: Promise.resolve() };
    const installed = installModules(fs, fetchFn, opts.base ?? '/').then(
      () => true,
      (err: unknown) => {
        say(`dojo: precompiled modules unavailable: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      },
    );
    return { files: installed.then(() => undefined), all: installed.then((ok) => (ok ? seedRegistrySaying() : undefined)) };
  };
  // The registry's public sample images, built from the modules just installed (its own chunk, after them).
  // In the browser it waits for the first prompt: its chunks must not count against the prompt's bytes.
  const seedRegistrySaying = (): Promise<void> =>
    (opts.lessonsStart ?? Promise.resolve())
      .then(() => import('../registry/seeds'))
      .then((m) => m.seedRegistry(machine.registry, (file) => (fs.exists(`${MODULES_DIR}/${file}`) ? fs.readFile(`${MODULES_DIR}/${file}`) : null)))
      .then(
        () => undefined,
        (err: unknown) => say(`dojo: the registry's sample images are unavailable: ${err instanceof Error ? err.message : String(err)}`),
      );

  const machine = opts.machine ?? createMachine();
  const services: DojoServices = {
    ...opts.services,
    machine,
    ...(opts.engine ? { engine: opts.engine } : {}),
    recordRun(command: string, result: RunResult) {
      services.lastRun = { command, result };
      opts.onRun?.(command, result);
    },
    async resetWorkspace() {
      for (const step of resetSteps) await step();
      resetLearnerMachine(machine, fs, shell);
      modulesReady = installModulesSaying().all;
      await modulesReady;
      services.lastRun = undefined;
      opts.onReset?.();
    },
  };

  const shell = new Shell({ fs, registry, services, history: opts.history ?? new CommandHistory() });

  // The line executor: the shell's own, inside every feature's wrapper (first added = innermost).
  const wrappers: Array<{ wrap: LineWrapper; layer: number }> = [];
  let execute: ExecuteLine = (line, io, signal) => shell.execute(line, io, signal);
  const rebuild = () => {
    // A stable sort: within a layer, the order they were added.
    const ordered = [...wrappers].sort((a, b) => a.layer - b.layer);
    execute = ordered.reduce<ExecuteLine>(
      (next, w) => w.wrap(next),
      (line, io, signal) => shell.execute(line, io, signal),
    );
  };
  const terminalShell = new HookedShell(shell, () => execute);

  const host: FeatureHost = {
    registry,
    checks,
    panels,
    services,
    say,
    fs,
    shell,
    wrapLines(wrap, layer = 0) {
      const entry = { wrap, layer };
      wrappers.push(entry);
      rebuild();
      return () => {
        const i = wrappers.indexOf(entry);
        if (i >= 0) wrappers.splice(i, 1);
        rebuild();
      };
    },
    onReset(step) {
      resetSteps.add(step);
      return () => void resetSteps.delete(step);
    },
  };
  const activate = (feature: Feature): (() => void) => {
    const dispose = feature.activate(host);
    return typeof dispose === 'function' ? dispose : () => undefined;
  };

  const firstInstall = installModulesSaying();
  modulesReady = firstInstall.all;
  // A line typed right after the first prompt, before the modules' files have arrived, waits for
  // them, so `wasmtime modules/hello.wasm` typed at once finds its file. The wait is bounded and
  // Ctrl-C ends it: a download that never answers leaves the line to run and say what is missing.
  // Layer 2, outside the lesson hooks: a lesson's grading of the line sees the files too. Once they
  // are in (or one line has waited the bound), the wrapper goes, and lines run through the chain as
  // if it had never been there. (After `dojo reset` no line runs before the new install: the reset
  // line waits for it.)
  const firstFiles = firstInstall.files;
  const unwrapWait = host.wrapLines(
    (next) => async (line, io, signal) => {
      await settledOrAborted(firstFiles, signal, opts.modulesWaitMs ?? MODULES_WAIT_MS);
      // The files are in, or this line waited the whole bound: no later line waits (Ctrl-C keeps it).
      if (!signal.aborted) unwrapWait();
      return next(line, io, signal);
    },
    2,
  );
  void firstFiles.then(unwrapWait);

  const lessons = lessonsFeature({
    ...(opts.lessonsStart ? { start: opts.lessonsStart } : {}),
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.clock ? { now: opts.clock } : {}),
    ...(opts.catalog ? { catalog: opts.catalog } : {}),
    ...(opts.onLessonOpen ? { onOpen: opts.onLessonOpen } : {}),
    ...(opts.lessonsPanel ? { panel: opts.lessonsPanel } : {}),
    ...(opts.lessonLink !== undefined ? { lessonLink: opts.lessonLink } : {}),
  });
  const lab = labFeature({
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.lessonsStart ? { start: opts.lessonsStart } : {}),
  });
  const trainer = trainerFeature({
    lessonsReady: lessons.ready,
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.clock ? { now: opts.clock } : {}),
    ...opts.trainer,
  });
  const team = teamFeature({
    lessons: lessons.ready,
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.clock ? { now: opts.clock } : {}),
  });
  // The cluster is kept beside lesson progress (localStorage in the browser) as one JSON document.
  const st = opts.storage;
  const clusterStorage = st
    ? { get: (k: string) => st.getItem(k), set: (k: string, v: unknown) => (v === null ? st.removeItem(k) : st.setItem(k, String(v))) }
    : undefined;
  const cluster = clusterFeature({
    lessons: lessons.ready,
    ...(clusterStorage ? { storage: clusterStorage } : {}),
    ...(opts.lessonsStart ? { start: opts.lessonsStart } : {}),
  });
  const edge = edgeFeature(opts.lessonsStart ? { start: opts.lessonsStart } : {});
  for (const feature of [spinFeature, cluster, edge, lessons, lab, trainer, team, ...(opts.features ?? [])]) activate(feature);
  // Mock-interview scores travel in the learner's results file (team training). Both chunks load
  // after the first prompt; the link is made once both are up, and neither waits for the other.
  void Promise.all([trainer.ready, team.ready]).then(
    ([t, tm]) =>
      import('../trainer/results').then(({ mockContribution }) =>
        tm.contributors.register({ id: 'trainer', label: 'Mock interviews', collect: () => mockContribution(t.trainer.store.getState().data) }),
      ),
    () => undefined,
  );

  return {
    fs,
    shell,
    terminalShell,
    registry,
    services,
    checks,
    panels,
    lessonsReady: lessons.ready,
    trainerReady: trainer.ready,
    teamReady: team.ready,
    get lessons() {
      return lessons.system;
    },
    get modulesReady() {
      return modulesReady;
    },
    say,
    setOutput(p) {
      print = p;
      for (const line of pending.splice(0)) p(line);
    },
    activate,
  };
}
