/**
 * Spin as a feature: its command (a lazy stub that loads after the first prompt, so `help` lists it
 * at once), and on `dojo reset` every app it serves stops before the files behind it vanish.
 */
import { registerSpinCommands } from '../../commands';
import type { Feature } from '../features';
import { spinJobsOf } from '../../spin/jobs';

export const spinFeature: Feature = {
  id: 'spin',
  activate(host) {
    registerSpinCommands(host.registry);
    return host.onReset(async () => {
      (await import('../../commands/spin')).stopAllSpinApps(spinJobsOf(host.services));
    });
  },
};
