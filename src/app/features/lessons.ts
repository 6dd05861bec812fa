/**
 * Lessons as a feature: their commands (`lesson`, `hint`, `check`, `undo`…), the hooks that grade
 * around each typed line, and the Lessons tab. The lesson engine is its own chunk, loaded when
 * `start` resolves (in the browser, once the first prompt shows: parsing the catalogue costs
 * main-thread time the prompt must not wait for).
 */
import type { StateStorage } from 'zustand/middleware';
import type { ParsedCatalog } from '../../lessons/parser';
import type { LessonSystem } from '../../lessons/setup';
import type { ExecuteLine, Feature } from '../features';
import { HookedShell } from '../hooked-shell';
import type { PanelDefinition } from '../panels';
import { settledOrAborted } from '../../lib/wait';

export interface LessonsFeatureOptions {
  /** Loading starts when this resolves (default: at once). */
  start?: Promise<void>;
  storage?: StateStorage;
  now?: () => number;
  catalog?: ParsedCatalog;
  /** A lesson was opened (id) or the sandbox entered (null). */
  onOpen?(lessonId: string | null): void;
  /** The Lessons tab, for a host with a UI. */
  panel?: PanelDefinition;
  /**
   * The location hash the page opened on, when it links to a lesson (`#/lesson/ID`): that lesson
   * opens as soon as the chunk arrives, and every line typed before then waits for it, so the
   * first commands typed on a lesson link are graded like the rest.
   */
  lessonLink?: string;
}

export interface LessonsFeature extends Feature {
  /** The lesson system once loaded; rejects with why it could not be. */
  ready: Promise<LessonSystem>;
  readonly system: LessonSystem | undefined;
}

/** The commands the lessons chunk registers (commands/lesson), known here without loading it. */
const LESSON_COMMANDS = new Set([
  'lesson',
  'lessons',
  'check',
  'hint',
  'answer',
  'solution',
  'objectives',
  'restart',
  'sandbox',
  'show',
  'lp',
  'undo',
  'reset',
]);

/** The line starts with a lesson command that is not registered yet. */
function isLessonCommandIn(registry: { get(name: string): unknown }, line: string): boolean {
  const word = /^\s*([\w-]+)/.exec(line)?.[1];
  return word !== undefined && LESSON_COMMANDS.has(word) && !registry.get(word);
}

export function lessonsFeature(opts: LessonsFeatureOptions = {}): LessonsFeature {
  let loaded!: (sys: LessonSystem) => void;
  let failed!: (err: unknown) => void;
  const ready = new Promise<LessonSystem>((resolve, reject) => {
    loaded = resolve;
    failed = reject;
  });
  // Whoever does not listen (a test that never opens a lesson) must not see an unhandled rejection.
  ready.catch(() => undefined);
  let system: LessonSystem | undefined;
  return {
    id: 'lessons',
    ready,
    get system() {
      return system;
    },
    activate(host) {
      let disposed = false;
      const undo: Array<() => void> = [];
      if (opts.panel) undo.push(host.panels.register(opts.panel));
      // A lesson command typed before the lessons chunk has arrived (right after the first prompt)
      // waits for it, as a lazy command waits for its code, instead of being "command not found".
      // On a lesson link, every line waits. A waiting line then goes on through the chain as it is
      // now, with the lesson hooks the chunk added (`latest`), not the one it started through.
      let latest: ExecuteLine;
      const isLessonCommand = (line: string) => isLessonCommandIn(host.registry, line);
      undo.push(
        host.wrapLines((next) => {
          latest = next;
          return async (line, io, signal) => {
            if (!system && (opts.lessonLink !== undefined || isLessonCommand(line))) await settledOrAborted(ready, signal);
            return latest(line, io, signal);
          };
        }, 1),
      );
      void (opts.start ?? Promise.resolve())
        // Both chunks in one Promise.all, so a failed fetch of either (the network dropped before
        // they arrived) rejects `ready` instead of escaping as an unhandled rejection.
        .then(() =>
          Promise.all([
            import('../../lessons/setup'),
            import('../../lessons/shell-hooks'),
            import('../../commands/lesson'),
            import('../../lessons/checks/builtin'),
          ]),
        )
        .then(([{ createLessonSystem }, { withLessonHooks }, { registerLessonCommands, printReport }, { createCheckKindRegistry }]) => {
          if (disposed) return;
          // The built-in check kinds join the host's registry, beside any a feature brought.
          const builtin = createCheckKindRegistry();
          for (const kind of builtin.kinds()) {
            const def = builtin.get(kind);
            if (def && !host.checks.get(kind)) undo.push(host.checks.register(def));
          }
          const sys = createLessonSystem({
            checks: host.checks,
            fs: host.fs,
            shell: host.shell,
            registry: host.registry,
            services: host.services,
            print: printReport,
            ...(opts.catalog ? { catalog: opts.catalog } : {}),
            ...(opts.storage ? { storage: opts.storage } : {}),
            ...(opts.now ? { now: opts.now } : {}),
          });
          // The engine knows no command: the lesson vocabulary is registered here.
          registerLessonCommands(host.registry, sys.runtime, { ...(opts.onOpen ? { onOpen: opts.onOpen } : {}) });
          // Damaged saved progress was kept aside: say so once, in the terminal.
          const setAside = sys.store.getState().setAsideMessage;
          if (setAside) host.say(setAside);
          // The lesson hooks decorate a shell; here they decorate the next step of the line chain:
          // the real shell for every member but `execute`.
          undo.push(
            host.wrapLines((next) => {
              const hooked = withLessonHooks(new HookedShell(host.shell, () => next), sys.runtime);
              return (line, io, signal) => hooked.execute(line, io, signal);
            }),
          );
          system = sys;
          if (opts.lessonLink !== undefined) sys.openFromHash(opts.lessonLink);
          loaded(sys);
        })
        .catch((err: unknown) => failed(err));
      return () => {
        disposed = true;
        for (const u of undo.splice(0)) u();
      };
    },
  };
}
