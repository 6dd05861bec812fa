/**
 * The learner's simulated machine, beyond its file system and shell: the loopback network servers
 * listen on, the table of background jobs, and the local OCI registry. One Machine per Dojo (the
 * browser's, a test rig's, the grader's private one for its re-runs); tools reach it through
 * `ctx.services.machine`, never through a module-level singleton.
 */
import { JobTable } from './jobs';
import { LoopbackNetwork } from './network';
import { OciStore } from '../registry/store';

export interface Machine {
  network: LoopbackNetwork;
  jobs: JobTable;
  registry: OciStore;
}

export function createMachine(parts: Partial<Machine> = {}): Machine {
  return {
    network: parts.network ?? new LoopbackNetwork(),
    jobs: parts.jobs ?? new JobTable(),
    registry: parts.registry ?? new OciStore(),
  };
}

/**
 * Back to a freshly booted machine (`dojo reset`): every job stopped, whatever started it (its listeners
 * close with it), and the local registry emptied.
 */
export function resetMachine(machine: Machine): void {
  machine.jobs.stopAll();
  machine.registry.clear();
}
