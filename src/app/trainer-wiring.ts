/**
 * The trainer's wiring, loaded with its chunk once the lessons are up (never before the first
 * prompt): the system built, its commands registered, failed lesson checks turned into cards,
 * drills and mock tasks checked after each graded line, recordings fed, `dojo reset` hooked.
 */
import { formatClock } from '../lessons/drill';
import type { StepFailedEvent } from '../lessons/runtime';
import type { LessonSystem } from '../lessons/setup';
import type { OutputSink, TerminalIO } from '../shell/types';
import { registerTrainerCommands } from '../commands/trainer';
import { createTrainerSystem, type TrainerSystem } from '../trainer/setup';
import type { FeatureHost } from './features';
import type { TrainerFeatureOptions } from './features/trainer';
import { readRuntimeCommand } from './trainer-readers';

/** Labels for the capability-trace markers of a recording: the calls a mentor wants to jump to. */
const MARKED = new Set(['path_open', 'environ_get', 'sock_accept', 'sock_open', 'fd_prestat_dir_name', 'proc_exit']);
const MAX_MARKERS_PER_RUN = 40;

export function wireTrainer(
  host: FeatureHost,
  lessons: LessonSystem,
  opts: TrainerFeatureOptions,
  /** Checks that failed before this chunk arrived. */
  early: readonly StepFailedEvent[] = [],
): { system: TrainerSystem; dispose: () => void } {
  const undo: Array<() => void> = [];
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
  for (const e of early) trainer.onStepFailed(e);
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
  return {
    system: sys,
    dispose: () => {
      for (const u of undo.splice(0)) u();
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
    ...(io.keys ? { keys: io.keys } : {}),
    ...(io.noticesAtPrompt ? { noticesAtPrompt: true } : {}),
  };
}
