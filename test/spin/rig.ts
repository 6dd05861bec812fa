/**
 * The spin workflow tests' rig: the shared command rig (test/support/command-context.ts) with the
 * two WAGI modules seeded where the app puts them (~/modules/<name>.wasm).
 */
import type { WasmEngine } from '../../src/runtime/types';
import { makeCommandRig } from '../support/command-context';

export { moduleBytes as moduleFile } from '../support/modules';
export type { RunOutput } from '../support/command-context';

export function makeSpinRig(engine?: WasmEngine, opts: { seedModules?: boolean; services?: Record<string, unknown> } = {}) {
  return makeCommandRig(engine, {
    modules: (opts.seedModules ?? true) ? ['wagi-hello', 'wagi-outbound'] : [],
    ...(opts.services ? { services: opts.services } : {}),
  });
}
