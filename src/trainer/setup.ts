/**
 * One call that builds the trainer for the app: the bank (drills/, bundled), the persisted deck and
 * the Trainer over the lesson engine. The app hands in the command reader (the terminal's parsers)
 * and registers the commands and the line hooks.
 */
import type { StateStorage } from 'zustand/middleware';
import type { LessonSystem } from '../lessons/setup';
import type { Bank } from './bank';
import { loadBank } from './bank-files';
import type { CommandReader } from './command-reader';
import { Recorder } from './recorder';
import { createTrainerStore } from './store';
import { Trainer } from './trainer';
import { importProgressFile, trainerMembers, type FileImport, type ImportTargets } from './transfer';

export interface TrainerSystem {
  trainer: Trainer;
  recorder: Recorder;
  /** The deck's part of the lesson pane's progress file (transfer.ts). */
  progressFile: {
    members(): Record<string, unknown>;
    importFrom(text: string, lessons: ImportTargets['lessons']): FileImport;
  };
}

export interface TrainerSystemOptions {
  lessons: LessonSystem;
  readCommand: CommandReader;
  storage?: StateStorage;
  now?: () => number;
  /** Default: drills/ as bundled. */
  bank?: Bank;
}

export function createTrainerSystem(opts: TrainerSystemOptions): TrainerSystem {
  const { runtime } = opts.lessons;
  const bank = opts.bank ?? loadBank({ lessonIds: new Set(runtime.lessons.map((l) => l.id)) });
  const store = createTrainerStore(opts.storage, {
    ...(opts.now ? { now: opts.now } : {}),
    carryOver: { progress: runtime.progress(), drills: bank.drills },
  });
  const now = opts.now ?? (() => Date.now());
  const trainer = new Trainer({ bank, store, readCommand: opts.readCommand, lessons: runtime, now });
  return {
    trainer,
    recorder: new Recorder(now),
    progressFile: {
      members: () => trainerMembers(store.getState().data),
      importFrom: (text, lessons) => importProgressFile(text, { lessons, trainer: store }),
    },
  };
}
