/**
 * Spin as a feature: its command (a lazy stub that loads after the first prompt, so `help` lists it
 * at once). What it serves runs as machine jobs on the machine's network, so `dojo reset` stops it
 * with every other job.
 */
import { registerSpinCommands } from '../../commands';
import type { Feature } from '../features';

export const spinFeature: Feature = {
  id: 'spin',
  activate(host) {
    registerSpinCommands(host.registry);
  },
};
