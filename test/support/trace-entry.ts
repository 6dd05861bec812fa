import type { TraceEntry } from '../../src/runtime/types';

/** A WASI trace entry for tests: a successful `path_open` with no arguments, changed by `over`. */
export const traceEntry = (over: Partial<TraceEntry>): TraceEntry => ({
  seq: 1,
  fn: 'path_open',
  args: {},
  errno: 0,
  errnoName: 'ESUCCESS',
  ...over,
});
