/**
 * Team training as a feature: once the lessons are up, the team engine (its own chunk) is built
 * over the lesson runtime — the persisted team document, the recorder of grader messages, joining
 * plans, exporting results. `dojo reset` clears it. The Plan and Class tabs are registered by the
 * browser's bootstrap (src/ui/panels/plan.tsx, class.tsx); they reach the engine through `ready`.
 */
import type { StateStorage } from 'zustand/middleware';
import type { LessonSystem } from '../../lessons/setup';
import type { TeamSystem } from '../../team/system';
import type { Feature } from '../features';

export interface TeamFeatureOptions {
  lessons: Promise<LessonSystem>;
  storage?: StateStorage;
  now?: () => number;
}

export interface TeamFeature extends Feature {
  ready: Promise<TeamSystem>;
}

export function teamFeature(opts: TeamFeatureOptions): TeamFeature {
  let resolve!: (t: TeamSystem) => void;
  let reject!: (err: unknown) => void;
  const ready = new Promise<TeamSystem>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  ready.catch(() => undefined);
  return {
    id: 'team',
    ready,
    activate(host) {
      let system: TeamSystem | undefined;
      const { storage } = opts;
      let disposed = false;
      // The engine's chunk is fetched once the lessons are up (after the first prompt), not before.
      void opts.lessons
        .then((lessons) => import('../../team/system').then((m) => [lessons, m] as const))
        .then(([lessons, { createTeamSystem }]) => {
          if (disposed) return;
          system = createTeamSystem({
            runtime: lessons.runtime,
            // localStorage answers at once (zustand's StateStorage type also allows async ones, which the app never passes).
            ...(storage
              ? {
                  storage: {
                    getItem: (k: string) => storage.getItem(k) as string | null,
                    setItem: (k: string, v: string) => void storage.setItem(k, v),
                  },
                }
              : {}),
            ...(opts.now ? { now: opts.now } : {}),
          });
          if (system.setAsideMessage) host.say(system.setAsideMessage);
          resolve(system);
        })
        .catch(reject);
      const unreset = host.onReset(() => system?.reset());
      // `workshop`: defined here (a few bytes), its code loads when it first runs, once the team engine is up.
      if (!host.registry.get('workshop'))
        host.registry.register({
          name: 'workshop',
          summary: 'team training: the session you joined, your display name, your results code',
          usage: 'workshop [status|join LINK|name [NAME]|results|leave]',
          control: true,
          run: async (ctx) => {
            const [{ runWorkshop }, team] = await Promise.all([import('../../commands/workshop'), ready]);
            return runWorkshop(ctx, team, opts.now);
          },
        });
      return () => {
        disposed = true;
        unreset();
        system?.dispose();
      };
    },
  };
}
