/**
 * The interview trainer as a feature: once the lessons are up, its chunk loads (bank, deck, engine,
 * commands), failed lesson checks become practice cards, hands-on drills and mock tasks are checked
 * after each graded line, `record` captures what the terminal shows, and `dojo reset` clears the
 * deck. Nothing of it loads before the first prompt: the chunk is imported inside activation.
 */
import type { StateStorage } from 'zustand/middleware';
import { formatClock } from '../../lessons/drill';
import type { LessonSystem } from '../../lessons/setup';
import type { CommandRegistry, OutputSink, TerminalIO } from '../../shell/types';
import type { TrainerSystem } from '../../trainer/setup';
import type { Feature } from '../features';
import type { PanelDefinition } from '../panels';

export interface TrainerFeatureOptions {
  lessonsReady: Promise<LessonSystem>;
  storage?: StateStorage;
  now?: () => number;
  /** The Practice tab, for a host with a UI. */
  panel?: PanelDefinition;
  openPanel?(): void;
  openPlayer?(castText: string, name: string): void;
  /** The terminal's size, for recordings. */
  size?(): { cols: number; rows: number };
}

/** The trainer of the Dojo whose command registry this is (the Practice panel finds it so). */
const systems = new WeakMap<CommandRegistry, Promise<TrainerSystem>>();
export function trainerOf(app: { registry: CommandRegistry }): Promise<TrainerSystem> {
  return systems.get(app.registry) ?? Promise.reject(new Error('the trainer is not part of this Dojo'));
}

/** Labels for the capability-trace markers of a recording: the calls a mentor wants to jump to. */
const MARKED = new Set(['path_open', 'environ_get', 'sock_accept', 'sock_open', 'fd_prestat_dir_name', 'proc_exit']);
const MAX_MARKERS_PER_RUN = 40;

export function trainerFeature(opts: TrainerFeatureOptions): Feature & { ready: Promise<TrainerSystem> } {
  let resolve!: (s: TrainerSystem) => void;
  let reject!: (e: unknown) => void;
  const ready = new Promise<TrainerSystem>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  ready.catch(() => undefined);
  return {
    id: 'trainer',
    ready,
    activate(host) {
      systems.set(host.registry, ready);
      let disposed = false;
      const undo: Array<() => void> = [];
      if (opts.panel) undo.push(host.panels.register(opts.panel));
      void opts.lessonsReady
        .then(async (lessons) => {
          const chunks = await Promise.all([import('../../trainer/setup'), import('../../commands/trainer'), import('../trainer-readers')]);
          return [lessons, ...chunks] as const;
        })
        .then(([lessons, { createTrainerSystem }, { registerTrainerCommands }, { readRuntimeCommand }]) => {
          if (disposed) return;
          const sys = createTrainerSystem({
            lessons,
            readCommand: readRuntimeCommand,
            ...(opts.storage ? { storage: opts.storage } : {}),
            ...(opts.now ? { now: opts.now } : {}),
          });
          const { trainer, recorder } = sys;
          registerTrainerCommands(host.registry, trainer, recorder, {
            ...(opts.openPanel ? { openPanel: opts.openPanel } : {}),
            ...(opts.openPlayer ? { openPlayer: opts.openPlayer } : {}),
            ...(opts.size ? { size: opts.size } : {}),
          });
          const setAside = trainer.store.getState().setAsideMessage;
          if (setAside) host.say(setAside);
          undo.push(lessons.runtime.onStepFailed((e) => void trainer.onStepFailed(e)));

          // Capability-trace events become markers of a running recording.
          const services = host.services;
          const recordRun = services.recordRun;
          services.recordRun = (command, result) => {
            recordRun?.call(services, command, result);
            if (!recorder.recording) return;
            let n = 0;
            for (const e of result.trace) {
              if (!MARKED.has(e.fn) || n++ >= MAX_MARKERS_PER_RUN) continue;
              const path = e.resolvedPath ?? (typeof e.args.path === 'string' ? e.args.path : '');
              recorder.marker(`${e.fn}${path ? ` ${path}` : ''} → ${e.errnoName}`);
            }
          };
          undo.push(() => {
            services.recordRun = recordRun;
          });

          // Outermost (above the lesson hooks): a recording sees the line, its output and the
          // lesson's report; a drill or a mock task is checked once the line has been graded.
          let handsOnSaid = -1;
          undo.push(
            host.wrapLines(
              (next) => async (line, io, signal) => {
                const rec = recorder.recording;
                const run = rec ? recordingIO(io, (text) => recorder.output(text)) : io;
                if (rec) {
                  recorder.marker(`$ ${line}`.slice(0, 200));
                  recorder.output(`${host.shell.promptText()}${line}\r\n`);
                }
                const status = await next(line, run, signal);
                const drill = trainer.checkDrill();
                const say = (text: string) => run.stdout.write(text + '\n');
                if (drill) {
                  const best = drill.bestMs !== undefined ? ` (best ${formatClock(drill.bestMs)})` : '';
                  const target = drill.drill.minutes * 60_000;
                  say(
                    `Drill ${drill.drill.id} done in ${formatClock(drill.ms)}: ${drill.ms <= target ? 'within' : 'over'} the ${formatClock(target)} target` +
                      (drill.newBest
                        ? ', a new personal best.'
                        : drill.clean
                          ? `.${best}`
                          : `; a hint or a shown solution keeps it out of the best time${best}.`),
                  );
                }
                const mock = trainer.currentMock();
                if (mock && trainer.handsOnOpen() === mock.index && handsOnSaid !== mock.index && trainer.handsOnDone()) {
                  handsOnSaid = mock.index;
                  say('Hands-on task complete. Type `interview` to go on with the mock interview.');
                }
                return status;
              },
              50,
            ),
          );
          undo.push(
            host.onReset(() => {
              trainer.abandonMock();
              trainer.stopDrill();
              recorder.stop();
              trainer.store.getState().resetAll();
            }),
          );
          resolve(sys);
        })
        .catch((err: unknown) => reject(err));
      return () => {
        disposed = true;
        systems.delete(host.registry);
        for (const u of undo.splice(0)) u();
      };
    },
  };
}

/** The line's io with everything written (and every question asked and answered) also recorded. */
function recordingIO(io: TerminalIO, record: (text: string) => void): TerminalIO {
  const tee = (sink: OutputSink): OutputSink => {
    const decoder = new TextDecoder();
    return {
      get isTTY() {
        return sink.isTTY;
      },
      get columns() {
        return sink.columns;
      },
      write(data) {
        const text = typeof data === 'string' ? data : decoder.decode(data, { stream: true });
        record(text.replace(/\r?\n/g, '\r\n'));
        sink.write(data);
      },
    };
  };
  return {
    stdout: tee(io.stdout),
    stderr: tee(io.stderr),
    async prompt(question, defaultValue) {
      record(question);
      const answer = await io.prompt(question, defaultValue);
      record(`${answer ?? '^C'}\r\n`);
      return answer;
    },
  };
}
