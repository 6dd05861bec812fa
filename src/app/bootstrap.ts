/**
 * The browser's adapters around createDojo(): the workspace and history in IndexedDB, lesson progress
 * in localStorage, the Wasm engine in a Web Worker (spawned once the terminal is up, so it is warm
 * before the first `wasmtime`), the UI store (trace, last run, side pane), `#/lesson/ID` links, and
 * the terminal. Views get one DojoApp object.
 */
import { autoSave, loadOrSeed } from '../fs/persist';
import type { MemoryFs } from '../fs/memory-fs';
import { MODULES_DIR } from '../fs/seed';
import { CommandHistory } from '../shell/history';
import { HistoryStore } from '../shell/history-store';
import type { Shell } from '../shell/shell';
import type { CommandRegistry, DojoServices, InteractiveShell } from '../shell/types';
import type { LessonSystem } from '../lessons/setup';
import type { StateStorage } from 'zustand/middleware';
import { editorStore } from '../editor/store';
import type { RunRequest } from '../runtime/types';
import { WorkerEngine } from '../runtime/worker-engine';
import { preloadCommands } from '../commands';
import { createDojo } from './dojo';
import { LiveTrace } from './live-trace';
import { routeOf, type PanelRegistry } from './panels';
import { useUi, type UiState } from './store';
import { importFile, type UploadResult } from './upload';
import { reasonOf, RELOAD_ADVICE } from './load-failure';
import { createMachine } from '../machine/services';
import { persistMachine } from './machine-persistence';
import { lessonsPanel } from '../ui/panels/lessons';
import { practicePanel } from '../ui/panels/practice';
import { tracePanel } from '../ui/panels/trace';
import { registryPanel } from '../ui/panels/registry';
import { planPanel } from '../ui/panels/plan';
import { classPanel } from '../ui/panels/class';
import type { TeamSystem } from '../team/system';

/** What the terminal view offers back to the app once it is mounted. */
export interface TerminalHandle {
  print(text: string): void;
  clearScreen(): void;
  /** Raw input, as if typed. */
  input(data: string): void;
  /** Drops a command left unfinished at `> ` and shows a fresh prompt (no `^C`, `$?` unchanged). */
  abandonUnfinished(): void;
}

export interface DojoApp {
  fs: MemoryFs;
  shell: Shell;
  /** What the terminal drives: the shell, with the lesson hooks around each line once lessons load. */
  terminalShell: InteractiveShell;
  /** The lesson system (catalogue, progress, grader); undefined until its chunk has loaded. */
  readonly lessons: LessonSystem | undefined;
  /** Resolves when lessons are ready (their commands registered, the pane can show them); rejects when they failed to load. */
  lessonsReady: Promise<LessonSystem>;
  /** Team training (plans, results), once the lessons are up. */
  teamReady: Promise<TeamSystem>;
  /** Types a command line into the terminal and runs it (lesson "run" buttons). */
  typeCommand(command: string): void;
  registry: CommandRegistry;
  services: DojoServices;
  /** The side pane's tabs. */
  panels: PanelRegistry;
  /** Lines to show in the terminal before the first prompt (storage trouble, etc.). */
  startupMessages: string[];
  /** Resolves when the precompiled modules are on the host filesystem. */
  readonly modulesReady: Promise<void>;
  /** Resolves once xterm shows the first prompt (what attachTerminal was told): work that must not compete with it waits for this. */
  promptShown: Promise<void>;
  /**
   * The terminal is mounted: startup lines go to it and the Wasm worker starts now. The rest the first
   * prompt must not wait for (lessons, the big commands) starts once `promptShown` resolves.
   */
  attachTerminal(handle: TerminalHandle, promptShown?: Promise<void>): void;
  /** "Load .wasm" and drag-and-drop: writes the file into the shell's current directory and says so. */
  loadFile(name: string, bytes: Uint8Array): UploadResult;
}

function baseUrl(): string {
  return import.meta.env?.BASE_URL ?? '/';
}

/** A run with no grants and no output sink: warms the worker's code paths, not the learner's trace. */
function silentRun(wasm: Uint8Array): RunRequest {
  return { wasm, args: ['hello.wasm'], env: [], preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array() };
}

/**
 * Resolves in a task after the next frame has been drawn; at once where nothing draws frames, and
 * after 100 ms at the latest (a tab opened in the background draws none until it is shown).
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const task = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame !== 'function') return task();
    requestAnimationFrame(task);
    setTimeout(resolve, 100);
  });
}

/** Trace entries arrive per WASI call; React gets them at most once a frame, and none after the run ends. */
const liveTrace = new LiveTrace({ request: (cb) => requestAnimationFrame(cb), cancel: (h) => cancelAnimationFrame(h) }, (batch) =>
  useUi.getState().appendLiveTrace(batch),
);

/** The live view of the run in progress is over (the run ended, or its line did). */
function endLiveTrace(): void {
  liveTrace.end();
  if (useUi.getState().liveTrace.length) useUi.setState({ liveTrace: [] });
}

/**
 * Spawns the Wasm worker and gets it hot: wasmer's init(), hello.wasm compiled, and one silent run,
 * so the learner's first `wasmtime` pays none of the cold-start costs (budget ≤ 30 ms; npm run bench measures it).
 * The live trace is posted from the worker only while the Trace tab is visible (a message per call).
 */
function startEngine(services: DojoServices, modulesReady: () => Promise<void>, fs: MemoryFs, say: (text: string) => void): void {
  const engine = new WorkerEngine();
  services.engine = engine;
  const watchTrace = (state: UiState) => {
    const visible = state.sidePaneOpen && state.sideTab === 'trace';
    engine.setTraceListener(visible ? (entry) => liveTrace.push(entry) : undefined);
  };
  watchTrace(useUi.getState());
  useUi.subscribe(watchTrace);
  engine
    .ready()
    .then(async () => {
      useUi.getState().setEngineReady(true);
      await modulesReady();
      const hello = `${MODULES_DIR}/hello.wasm`;
      if (!fs.exists(hello)) return;
      const wasm = fs.readFile(hello);
      engine.precompile(wasm);
      await engine.run(silentRun(wasm), { onStdout() {}, onStderr() {} });
      endLiveTrace();
    })
    .catch((err: unknown) => say(`dojo: the Wasm engine failed to start: ${err instanceof Error ? err.message : String(err)}`));
}

export async function bootstrap(): Promise<DojoApp> {
  const ui = useUi.getState();
  const startupMessages: string[] = [];

  // The workspace and the command history are separate IndexedDB reads: start both, then wait.
  const history = new CommandHistory();
  const historyStore = new HistoryStore();
  const historyAttached = historyStore.attach(history);
  const loaded = await loadOrSeed();
  if (loaded.message) startupMessages.push(loaded.message);
  const fs = loaded.fs;
  let terminal: TerminalHandle | null = null;
  const saver = autoSave(fs, {
    onError: (err) => terminal?.print(`dojo: could not save your files: ${err instanceof Error ? err.message : String(err)}`),
  });
  // A reload right after a write must not lose it: save as the page goes away.
  globalThis.addEventListener?.('pagehide', () => void saver.flush());
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void saver.flush();
  });

  await historyAttached;
  if (historyStore.setAsideMessage) startupMessages.push(historyStore.setAsideMessage);
  else if (historyStore.lastError) startupMessages.push('dojo: saved command history could not be read; starting a new one');

  // Lessons load in their own chunk once the first prompt is up (attachTerminal).
  let startLessons: () => void = () => undefined;
  const lessonsStart = new Promise<void>((resolve) => (startLessons = resolve));

  const machine = createMachine();
  const dojo = createDojo({
    fs,
    machine,
    storage: pageStorage(),
    history,
    fetch: (input, init) => fetch(input, init),
    base: baseUrl(),
    services: {
      clearScreen() {
        terminal?.clearScreen();
      },
      openEditor(path: string) {
        editorStore.getState().open(path);
      },
    },
    onRun(command, result) {
      // The finished run's trace has every call: the live view ends here, before a late frame can land.
      endLiveTrace();
      useUi.getState().setLastRun({ command, result, at: Date.now() });
    },
    onReset() {
      useUi.getState().setLastRun(null);
    },
    lessonsStart,
    lessonsPanel,
    // Opened on a lesson link: that lesson comes first, and lines typed before it opens wait for it.
    ...(/^#\/lesson\//.test(globalThis.location?.hash ?? '') ? { lessonLink: globalThis.location.hash } : {}),
    // The trainer's Practice tab (#/practice); its code and the player's load only when used.
    trainer: {
      panel: practicePanel,
      openPanel: showPractice,
      openPlayer(text, name) {
        void import('../ui/trainer/player-store').then((m) => {
          m.showRecording(text, name);
          showPractice();
        });
      },
    },
    onLessonOpen(id) {
      showLessons();
      const target = id ? `#/lesson/${id}` : '#/';
      if (globalThis.location && globalThis.location.hash !== target) globalThis.history?.replaceState(null, '', target);
    },
  });
  dojo.panels.register(tracePanel);
  dojo.panels.register(registryPanel);
  dojo.panels.register(planPanel);
  dojo.panels.register(classPanel);
  const { say, services } = dojo;
  // The local OCI registry is kept in IndexedDB beside the workspace.
  void persistMachine(machine, say);

  // Whatever streamed live (the line's runs, a grader's re-runs) is over with the line: the
  // outermost wrapper, so it ends after the lesson hooks' grading too.
  dojo.activate({
    id: 'live-trace',
    activate: (host) =>
      host.wrapLines(
        (next) => async (line, io, signal) => {
          try {
            return await next(line, io, signal);
          } finally {
            endLiveTrace();
          }
        },
        100,
      ),
  });

  dojo.lessonsReady.then(
    (lessons) => {
      const openHash = () => {
        if (lessons.openFromHash(globalThis.location?.hash ?? '')) showLessons();
      };
      openHash();
      globalThis.addEventListener?.('hashchange', openHash);
      useUi.getState().setLessons('ready');
    },
    // A failed download, or a lesson system that failed to build: either way said, not thrown.
    (err: unknown) => {
      useUi.getState().setLessons('failed');
      say(`dojo: lessons could not be loaded: ${loadFailure(err)}`);
    },
  );

  /** Once the first prompt shows: lessons, the big commands, spin.toml diagnostics. */
  const startBackgroundWork = (): void => {
    startLessons();
    // The prompt is up: now fetch the big commands so they are ready before anyone types them.
    preloadCommands().catch((err: unknown) => say(`dojo: some commands could not be loaded: ${loadFailure(err)}`));
    // spin.toml opened in the editor shows the same errors `spin up` would print (loaded with spin).
    void import('./spin-diagnostics').then(
      (m) => m.registerSpinManifestDiagnostics(),
      () => undefined,
    );
  };

  // Settles with the promise the terminal hands attachTerminal (once xterm has drawn the prompt).
  let promptSeen: (shown: Promise<void>) => void = () => undefined;
  const firstPrompt = new Promise<void>((resolve) => (promptSeen = (shown) => void shown.then(resolve, resolve)));

  const app: DojoApp = {
    fs,
    shell: dojo.shell,
    terminalShell: dojo.terminalShell,
    get lessons() {
      return dojo.lessons;
    },
    lessonsReady: dojo.lessonsReady,
    teamReady: dojo.teamReady,
    registry: dojo.registry,
    services,
    panels: dojo.panels,
    startupMessages,
    get modulesReady() {
      return dojo.modulesReady;
    },
    promptShown: firstPrompt,
    attachTerminal(handle, promptShown = Promise.resolve()) {
      promptSeen(promptShown);
      terminal = handle;
      dojo.setOutput((text) => handle.print(text));
      // The prompt is written: start the Wasm worker now (a command typed ahead needs it), so its
      // 190 KB never delays the first prompt; the worker fetches its code itself, off this thread.
      startEngine(services, () => dojo.modulesReady, fs, say);
      // The rest only once xterm shows the prompt: bytes fetched before that count against the first prompt
      // (pre-prompt JS budget), and they would compete with it for the main thread. Not in the task
      // that parsed the prompt either: its frame, the prompt on the screen, would wait for all of it.
      void promptShown.then(afterNextFrame).then(startBackgroundWork);
    },
    loadFile(name, bytes) {
      const result = importFile(fs, dojo.shell.cwd, dojo.shell.home, name, bytes);
      say(result.message);
      return result;
    },
    typeCommand(command) {
      // On a phone the side pane covers the terminal: show the terminal, or the output is unseen.
      if (narrowScreen()) useUi.getState().setSidePaneOpen(false);
      // A command left open at `> ` would swallow this one; then End, Ctrl-U: replace whatever
      // was half-typed, and run the command.
      terminal?.abandonUnfinished();
      terminal?.input(`\x05\x15${command.replace(/[\r\n]+/g, ' ')}\r`);
    },
  };

  // Deep links to panels (`#/lab`, `#/practice`, `#/plan/…`): on load, on every hash change, and
  // when a panel registers late (its feature's chunk arrived after the page opened on its link).
  let routed = '';
  const openRoute = () => {
    const hash = globalThis.location?.hash ?? '';
    const hit = routeOf(dojo.panels.list(), hash);
    if (!hit || routed === hash) return;
    routed = hash;
    const ui = useUi.getState();
    ui.setSideTab(hit.panel.id);
    ui.setSidePaneOpen(true);
    hit.panel.onRoute?.(hit.rest, app);
  };
  dojo.panels.subscribe(openRoute);
  globalThis.addEventListener?.('hashchange', () => {
    routed = '';
    openRoute();
  });
  openRoute();

  ui.setStatus('ready');
  return app;
}

/** Below the tablet breakpoint the side pane is laid over the terminal (styles.css). */
function narrowScreen(): boolean {
  try {
    return globalThis.matchMedia?.('(max-width: 899px)').matches ?? false;
  } catch {
    return false;
  }
}

/** Why a chunk did not load, for a terminal line, with what to do when the network is gone. */
function loadFailure(err: unknown): string {
  const reason = reasonOf(err);
  return globalThis.navigator?.onLine === false ? `${reason} (offline). ${RELOAD_ADVICE}` : reason;
}

function showPractice(): void {
  const ui = useUi.getState();
  ui.setSideTab('practice');
  ui.setSidePaneOpen(true);
}

function showLessons(): void {
  const ui = useUi.getState();
  ui.setSideTab('lessons');
  ui.setSidePaneOpen(true);
}

/** Lesson progress lives in localStorage; where the page may not use it (privacy mode, a sandboxed
 * iframe), access throws and progress stays in memory for this session. */
function pageStorage(): StateStorage | undefined {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // fall through: memory
  }
  return undefined;
}
