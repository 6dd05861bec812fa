/**
 * The spin workflow tests' rig: the shared command rig (test/support/command-context.ts) with the
 * two WAGI modules seeded where the app puts them (~/modules/<name>.wasm).
 */
import type { WasmEngine } from '../../src/runtime/types';
import { createMachine, type Machine } from '../../src/machine/services';
import { markInstalled } from '../../src/toolchain/rust';
import { makeCommandRig } from '../support/command-context';

export { moduleBytes as moduleFile } from '../support/modules';

/** Every machine a rig made, so a test's teardown can stop what it left serving. */
const machines = new Set<Machine>();

/** Stops every job (servers) of every rig's machine (afterEach). */
export function stopAllRigJobs(): void {
  for (const m of machines) m.jobs.stopAll();
  machines.clear();
}

/** `rustTarget: false`: the Rust toolchain without wasm32-wasip1's std (as before `rustup target add`). */
export function makeSpinRig(engine?: WasmEngine, opts: { seedModules?: boolean; machine?: Machine; rustTarget?: boolean } = {}) {
  const machine = opts.machine ?? createMachine();
  machines.add(machine);
  const rig = makeCommandRig(engine, { modules: (opts.seedModules ?? true) ? ['wagi-hello', 'wagi-outbound'] : [], machine });
  if (opts.rustTarget ?? true) markInstalled(rig.fs, rig.home, 'wasm32-wasip1');
  return rig;
}
