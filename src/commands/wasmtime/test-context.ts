/** Moved to test/support/command-context.ts; this path stays for the tests that still import it. */
import type { WasmEngine } from '../../runtime/types';
import { makeCommandRig, type CommandRig } from '../../../test/support/command-context';

export { MODULES_DIR, moduleBytes } from '../../../test/support/modules';
export type TestRig = CommandRig;

export function makeRig(engine?: WasmEngine): TestRig {
  return makeCommandRig(engine);
}
