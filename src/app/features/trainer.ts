/**
 * The interview trainer as a feature: once the lessons are up, its chunk loads (bank, deck, engine,
 * commands), failed lesson checks become practice cards, hands-on drills and mock tasks are checked
 * after each graded line, `record` captures what the terminal shows, and `dojo reset` clears the
 * deck. Nothing of it loads before the first prompt: the chunk is imported inside activation.
 */
import type { StateStorage } from 'zustand/middleware';
import type { StepFailedEvent } from '../../lessons/runtime';
import type { LessonSystem } from '../../lessons/setup';
import type { CommandRegistry } from '../../shell/types';
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
          // A check that fails while the trainer's chunk is still on its way is kept for it.
          const early: StepFailedEvent[] = [];
          const stopEarly = lessons.runtime.onStepFailed((e) => void early.push(e));
          const { wireTrainer } = await import('../trainer-wiring').finally(stopEarly);
          if (disposed) return;
          const { system, dispose } = wireTrainer(host, lessons, opts, early);
          if (disposed) return dispose();
          undo.push(dispose);
          resolve(system);
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
