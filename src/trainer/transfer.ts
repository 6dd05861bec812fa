/**
 * One progress file for everything the learner made: the lesson pane's "Export progress" writes the
 * lesson progress (lessons/progress.ts) with the trainer's deck beside it as a `trainer` member, and
 * importing such a file restores both, or neither: the deck is checked before anything changes, so
 * a damaged deck cannot leave the lessons imported and the practice data not.
 * A file without a `trainer` member (exported before the trainer existed) imports the lessons only.
 */
import type { StoreApi } from 'zustand/vanilla';
import { TRAINER_VERSION, importTrainer, type TrainerData } from './deck';
import type { TrainerStore } from './store';

/** The members a progress export carries for the trainer. */
export function trainerMembers(d: TrainerData): { trainer: TrainerData; trainerVersion: number } {
  return { trainer: d, trainerVersion: TRAINER_VERSION };
}

export interface ImportTargets {
  /** The lesson progress store (its importFrom refuses a bad file and changes nothing). */
  lessons: { importFrom(text: string): { ok: true } | { ok: false; reason: string } };
  trainer?: StoreApi<TrainerStore>;
}

export type FileImport = { ok: true; trainer: boolean } | { ok: false; reason: string };

function holdsTrainer(text: string): boolean {
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'trainer' in doc;
  } catch {
    return false; // the lesson importer names the JSON error
  }
}

/** Imports a progress file into the lessons and, when it holds one, the trainer's deck. */
export function importProgressFile(text: string, to: ImportTargets): FileImport {
  const withTrainer = !!to.trainer && text.length <= 5_000_000 && holdsTrainer(text);
  if (withTrainer) {
    const t = importTrainer(text);
    if (!t.ok) return { ok: false, reason: `its practice data: ${t.reason}` };
  }
  const lessons = to.lessons.importFrom(text);
  if (!lessons.ok) return lessons;
  if (withTrainer) {
    const t = to.trainer!.getState().importFrom(text);
    if (!t.ok) return { ok: false, reason: `its practice data: ${t.reason}` }; // checked above: not reached
  }
  return { ok: true, trainer: withTrainer };
}
