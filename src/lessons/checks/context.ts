/** What every check evaluator may look at. Built by the engine; tests build it by hand. */
import type { HostFs } from '../../fs/types';
import type { WasmEngine } from '../../runtime/types';
import type { CommandRecord } from '../records';
import type { Replayer } from '../grader/replay';
import type { GrantDescriber } from '../grader/grants';
import type { OciStore } from '../../registry/store';

export interface CheckContext {
  /** The learner's filesystem now. */
  fs: HostFs;
  home: string;
  /** Commands since the lesson opened, oldest first. */
  history: readonly CommandRecord[];
  /** The learner's answer to this step's quiz, if given. */
  quizAnswer?: string;
  /** Re-runs a command line on another filesystem (least-privilege ablation). */
  replay?: Replayer;
  describeGrants: GrantDescriber;
  /** Runs Wasm for checks that serve an app themselves (spin-outbound). */
  engine?: WasmEngine;
  /** The learner's machine registry, for `kind: registry` checks. */
  registry?: OciStore;
}
