/**
 * The open seam for lesson checks. A check kind is one file under src/lessons/checks/ that exports a
 * CheckKindDefinition: the keys its front matter may use, how to validate them (into the kind's own
 * spec type), how to evaluate a spec against the learner's machine, and which commands are an attempt
 * at a step that uses it (so a failure is printed at once instead of waiting for `check`).
 *
 * The engine only ever talks to this registry: the step validator asks it for the kind's keys and
 * validator, the grader for its evaluator, the runtime for `concerns`. Adding a kind is its file plus
 * one line in builtin.ts (or a feature's `host.checks.register(def)`); lessons/README.md says how.
 */
import type { CommandRecord } from '../records';
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import type { Validator } from '../schema/validator';
import type { CheckContext } from './context';

/** What a kind's validator returns: its spec without the fields every check shares (filled in by the step validator). */
export type CheckFields<S extends CheckBase> = Omit<S, 'name' | 'message'>;

export interface CheckKindDefinition<S extends CheckBase = CheckBase> {
  kind: string;
  /** The kind's own front-matter keys (kind, name and message are allowed for every kind). */
  keys: readonly string[];
  /**
   * Turns a raw check mapping (unknown keys already reported) into the kind's spec, reporting every
   * problem on `v` with fields under `where` (e.g. "checks[1]"). Returns undefined when it cannot.
   */
  validate(raw: Record<string, unknown>, v: Validator, where: string): CheckFields<S> | undefined;
  evaluate(spec: S, ctx: CheckContext): CheckResult | Promise<CheckResult>;
  /** This command is an attempt at a step with this check (its failure is news, not noise). */
  concerns?(spec: S, rec: CommandRecord): boolean;
}

/** The keys every check may carry whatever its kind. */
export const COMMON_CHECK_KEYS = ['kind', 'name', 'message'] as const;

export class CheckKindRegistry {
  private readonly defs = new Map<string, CheckKindDefinition>();

  /** Adds a kind; returns the function that removes it again (a feature's dispose). */
  register<S extends CheckBase>(def: CheckKindDefinition<S>): () => void {
    if (this.defs.has(def.kind)) throw new Error(`check kind "${def.kind}" is already registered`);
    // Stored as the base type: evaluate/concerns are only ever called with a spec this kind validated.
    const stored = def as unknown as CheckKindDefinition;
    this.defs.set(def.kind, stored);
    return () => {
      if (this.defs.get(def.kind) === stored) this.defs.delete(def.kind);
    };
  }

  get(kind: string): CheckKindDefinition | undefined {
    return this.defs.get(kind);
  }

  kinds(): string[] {
    return [...this.defs.keys()];
  }
}
