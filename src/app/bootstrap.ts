/**
 * Wires the app together at page load: the learner's filesystem (restored or seeded), the
 * saved history, every command, the Wasm engine (spawned now so it is warm before the first
 * `wasmtime`), and the services commands use to reach the UI. Views get one DojoApp object.
 */
import { autoSave, loadOrSeed } from '../fs/persist';
import type { MemoryFs } from '../fs/memory-fs';
import { HOME, MODULES_DIR, resetToSeed } from '../fs/seed';
import { CommandHistory } from '../shell/history';
import { HistoryStore } from '../shell/history-store';
import { MapCommandRegistry } from '../shell/registry';
import { Shell } from '../shell/shell';
import type { CommandRegistry, DojoServices, InteractiveShell } from '../shell/types';
import type { LessonSystem } from '../lessons/setup';
import { editorStore } from '../editor/store';
import type { RunRequest, RunResult, TraceEntry } from '../runtime/types';
import { WorkerEngine } from '../runtime/worker-engine';
import { preloadCommands, registerAllCommands } from '../commands';
import { useUi, type UiState } from './store';
import { importFile, type UploadResult } from './upload';
import { sameBytes } from '../lib/bytes';
import { reasonOf, RELOAD_ADVICE } from './load-failure';

/** What the terminal view offers back to the app once it is mounted. */
export interface TerminalHandle {
  print(text: string): void;
  clearScreen(): void;
  /** Raw input, as if typed. */
  input(data: string): void;
  /** Drops a command left unfinished at `> ` and shows a fresh prompt (no `^C`, `$?` unchanged). */
  abandonUnfinished(): void;
}

/**
 * The shell the terminal holds, with `execute` routed through whatever currently wraps it
 * (the lesson hooks arrive after the first prompt, in their own chunk).
 */
function delegatingShell(base: Shell, current: () => InteractiveShell): InteractiveShell {
  return new Proxy(base, {
    get(target, prop) {
      if (prop === 'execute') {
        return async (...args: Parameters<InteractiveShell['execute']>) => {
          try {
            return await current().execute(...args);
          } finally {
            // Whatever streamed live (the line's runs, a grader's re-runs) is over with the line.
            useUi.setState({ liveTrace: [] });
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface DojoApp {
  fs: MemoryFs;
  shell: Shell;
  /** What the terminal drives: the shell, with the lesson hooks around each line once lessons load. */
  terminalShell: InteractiveShell;
  /** The lesson system (catalogue, progress, grader); undefined until its chunk has loaded. */
  lessons?: LessonSystem;
  /** Resolves when lessons are ready (their commands registered, the pane can show them). */
  lessonsReady: Promise<void>;
  /** Types a command line into the terminal and runs it (lesson "run" buttons). */
  typeCommand(command: string): void;
  registry: CommandRegistry;
  services: DojoServices;
  /** Lines to show in the terminal before the first prompt (storage trouble, etc.). */
  startupMessages: string[];
  /** Resolves when the precompiled modules are on the host filesystem. */
  modulesReady: Promise<void>;
  /**
   * The terminal is mounted: startup lines go to it and the Wasm worker starts now. The rest the first
   * prompt must not wait for (lessons, the big commands) starts once `promptShown` resolves.
   */
  attachTerminal(handle: TerminalHandle, promptShown?: Promise<void>): void;
  /** "Load .wasm" and drag-and-drop: writes the file into the shell's current directory and says so. */
  loadFile(name: string, bytes: Uint8Array): UploadResult;
}

/** Modules lessons and the primer name directly, also placed in ~ so `wasmtime hello.wasm` works there. */
export const HOME_COPIES = ['hello.wasm', 'config-reader.wasm'];

interface ManifestEntry {
  name: string;
  file: string;
}

function baseUrl(): string {
  return import.meta.env?.BASE_URL ?? '/';
}

/**
 * Copies our precompiled modules from public/modules into ~/modules (refreshed when a new
 * version ships) and the primer's two into ~ (only when missing, so a learner's own file wins).
 */
export async function installModules(fs: MemoryFs, fetchFn: typeof fetch = fetch, base = baseUrl()): Promise<number> {
  const res = await fetchFn(`${base}modules/manifest.json`);
  if (!res.ok) throw new Error(`modules/manifest.json: HTTP ${res.status}`);
  const manifest = (await res.json()) as ManifestEntry[];
  if (!Array.isArray(manifest)) throw new Error('modules/manifest.json is not a list');
  const files = await Promise.all(
    manifest
      .filter((m) => typeof m?.file === 'string' && /^[A-Za-z0-9._-]+\.(wasm|wat)$/.test(m.file))
      .map(async (m) => {
        const r = await fetchFn(`${base}modules/${m.file}`);
        if (!r.ok) throw new Error(`modules/${m.file}: HTTP ${r.status}`);
        return { file: m.file, bytes: new Uint8Array(await r.arrayBuffer()) };
      }),
  );
  fs.mkdir(MODULES_DIR, { recursive: true });
  for (const { file, bytes } of files) {
    const path = `${MODULES_DIR}/${file}`;
    const current = fs.stat(path) ? fs.readFile(path) : null;
    if (!current || !sameBytes(current, bytes)) fs.writeFile(path, bytes);
    if (HOME_COPIES.includes(file) && !fs.exists(`${HOME}/${file}`)) fs.writeFile(`${HOME}/${file}`, bytes);
  }
  return files.length;
}

/** A run with no grants and no output sink: warms the worker's code paths, not the learner's trace. */
function silentRun(wasm: Uint8Array): RunRequest {
  return { wasm, args: ['hello.wasm'], env: [], preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array() };
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
    engine.setTraceListener(visible ? (entry) => queueLiveTrace(entry) : undefined);
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
      useUi.setState({ liveTrace: [] });
    })
    .catch((err: unknown) => say(`dojo: the Wasm engine failed to start: ${err instanceof Error ? err.message : String(err)}`));
}

/** Trace entries arrive per WASI call; hand them to React at most once a frame. */
let pendingTrace: TraceEntry[] = [];
function queueLiveTrace(entry: TraceEntry): void {
  if (pendingTrace.length === 0) {
    requestAnimationFrame(() => {
      const batch = pendingTrace;
      pendingTrace = [];
      useUi.getState().appendLiveTrace(batch);
    });
  }
  pendingTrace.push(entry);
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
  const saver = autoSave(fs, {
    onError: (err) => terminal?.print(`dojo: could not save your files: ${err instanceof Error ? err.message : String(err)}`),
  });
  // A reload right after a write must not lose it: save as the page goes away.
  globalThis.addEventListener?.('pagehide', () => void saver.flush());
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void saver.flush();
  });

  await historyAttached;
  if (historyStore.lastError) startupMessages.push('dojo: saved command history could not be read; starting a new one');

  let terminal: TerminalHandle | null = null;
  const pending: string[] = [];
  const say = (text: string): void => {
    if (terminal) terminal.print(text);
    else pending.push(text);
  };
  /** Puts the precompiled modules on the learner's machine (at start-up and after `dojo reset`); a failure is said, not thrown. */
  const installModulesSaying = (): Promise<void> =>
    installModules(fs).then(
      () => undefined,
      (err: unknown) => say(`dojo: precompiled modules unavailable: ${err instanceof Error ? err.message : String(err)}`),
    );

  const registry = new MapCommandRegistry();
  registerAllCommands(registry);

  let modulesReady: Promise<void> = Promise.resolve();
  const services: DojoServices = {
    recordRun(command: string, result: RunResult) {
      services.lastRun = { command, result };
      useUi.getState().setLastRun({ command, result, at: Date.now() });
    },
    async resetWorkspace() {
      // A served app would keep answering from files that are about to disappear.
      (await import('../commands/spin')).stopAllSpinApps();
      resetToSeed(fs);
      shell.chdir(HOME);
      modulesReady = installModulesSaying();
      await modulesReady;
      useUi.getState().setLastRun(null);
    },
    clearScreen() {
      terminal?.clearScreen();
    },
    openEditor(path: string) {
      editorStore.getState().open(path);
    },
  };

  const shell = new Shell({ fs, registry, services, history });
  let hooked: InteractiveShell = shell;
  const terminalShell = delegatingShell(shell, () => hooked);

  modulesReady = installModulesSaying();

  let loadLessons: () => Promise<void> = () => Promise.resolve();
  /** Once the first prompt shows: lessons, the big commands, spin.toml diagnostics. */
  const startBackgroundWork = (): void => {
    void loadLessons();
    // The prompt is up: now fetch the big commands so they are ready before anyone types them.
    preloadCommands().catch((err: unknown) => say(`dojo: some commands could not be loaded: ${loadFailure(err)}`));
    // spin.toml opened in the editor shows the same errors `spin up` would print (loaded with spin).
    void import('./spin-diagnostics').then(
      (m) => m.registerSpinManifestDiagnostics(),
      () => undefined,
    );
  };

  const app: DojoApp = {
    fs,
    shell,
    terminalShell,
    lessonsReady: Promise.resolve(),
    registry,
    services,
    startupMessages,
    get modulesReady() {
      return modulesReady;
    },
    attachTerminal(handle, promptShown = Promise.resolve()) {
      terminal = handle;
      for (const line of pending.splice(0)) handle.print(line);
      // The prompt is written: start the Wasm worker now (a command typed ahead needs it), so its
      // 190 KB never delays the first prompt; the worker fetches its code itself, off this thread.
      startEngine(services, () => modulesReady, fs, say);
      // The rest only once xterm shows the prompt: bytes fetched before that count against the first prompt
      // (pre-prompt JS budget), and they would compete with it for the main thread.
      void promptShown.then(startBackgroundWork);
    },
    loadFile(name, bytes) {
      const result = importFile(fs, shell.cwd, shell.home, name, bytes);
      say(result.message);
      return result;
    },
    typeCommand(command) {
      // A command left open at `> ` would swallow this one; then End, Ctrl-U: replace whatever
      // was half-typed, and run the command.
      terminal?.abandonUnfinished();
      terminal?.input(`\x05\x15${command.replace(/[\r\n]+/g, ' ')}\r`);
    },
  };

  // Lessons load in their own chunk once the first prompt is up (attachTerminal): parsing the
  // catalogue costs main-thread time the prompt must not wait for.
  let lessonsLoaded: () => void = () => undefined;
  app.lessonsReady = new Promise<void>((resolve) => (lessonsLoaded = resolve));
  loadLessons = () =>
    // Both chunks in one Promise.all, so a failed fetch of either (the network dropped before
    // they arrived) is reported by the catch below instead of escaping as an unhandled rejection.
    Promise.all([import('../lessons/setup'), import('../lessons/shell-hooks')])
      .then(([{ createLessonSystem }, { withLessonHooks }]) => {
        const lessons = createLessonSystem({
          fs,
          shell,
          registry,
          services,
          onOpen: (id) => {
            showLessons();
            const target = id ? `#/lesson/${id}` : '#/';
            if (globalThis.location && globalThis.location.hash !== target) globalThis.history?.replaceState(null, '', target);
          },
        });
        hooked = withLessonHooks(shell, lessons.runtime);
        app.lessons = lessons;
        const openHash = () => {
          if (lessons.openFromHash(globalThis.location?.hash ?? '')) showLessons();
        };
        openHash();
        globalThis.addEventListener?.('hashchange', openHash);
        useUi.getState().setLessons('ready');
      })
      // A failed download, or a lesson system that failed to build: either way said, not thrown.
      .catch((err: unknown) => {
        useUi.getState().setLessons('failed');
        say(`dojo: lessons could not be loaded: ${loadFailure(err)}`);
      })
      .finally(() => lessonsLoaded());

  ui.setStatus('ready');
  return app;
}

/** Why a chunk did not load, for a terminal line, with what to do when the network is gone. */
function loadFailure(err: unknown): string {
  const reason = reasonOf(err);
  return globalThis.navigator?.onLine === false ? `${reason} (offline). ${RELOAD_ADVICE}` : reason;
}

function showLessons(): void {
  const ui = useUi.getState();
  ui.setSideTab('lessons');
  ui.setSidePaneOpen(true);
}
