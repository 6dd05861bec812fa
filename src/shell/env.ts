/** Shell variables: plain ones stay in the shell, exported ones reach commands' environments. */
import type { ShellEnv } from './types';

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The longest value a shell variable may hold, and the most text expansions may produce for one
 * command, in characters. bash has no limit of its own (it grows until malloc fails), but here
 * every value lives in the tab's memory and is copied on each expansion: `A=$A$A$A$A$A$A$A$A`
 * a few times over froze the tab and crashed it at 262 MB. 1 MiB is as long as a typed line may
 * be (MAX_LINE_LENGTH) and as much as one command may print to the terminal; no lesson comes near.
 */
export const MAX_VALUE_LENGTH = 1024 * 1024;

/** A shell limit was hit (a value or an expansion too long): reported as `dojo: …`, never as an internal error. */
export class ShellLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLimitError';
  }
}

function valueTooLong(name: string): ShellLimitError {
  return new ShellLimitError(`${name}: value too long (the limit is 1 MB)`);
}

export class VariableTable implements ShellEnv {
  private readonly vars = new Map<string, { value: string; exported: boolean }>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.set(name, value, { exported: true });
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Without `opts.exported` an existing variable keeps its export flag, like `FOO=1` after `export FOO`. */
  set(name: string, value: string, opts: { exported?: boolean } = {}): void {
    if (value.length > MAX_VALUE_LENGTH) throw valueTooLong(name);
    const prev = this.vars.get(name);
    const exported = opts.exported ?? prev?.exported ?? false;
    if (prev) {
      prev.value = value;
      prev.exported = exported;
    } else this.vars.set(name, { value, exported });
  }

  unset(name: string): void {
    this.vars.delete(name);
  }

  exported(): Array<[string, string]> {
    return [...this.vars].filter(([, v]) => v.exported).map(([k, v]) => [k, v.value]);
  }

  /** Every variable, exported or not, in definition order (`set` with no arguments). */
  all(): Array<[string, string]> {
    return [...this.vars].map(([k, v]) => [k, v.value]);
  }

  /** A subshell's copy: changes in it do not reach this table. */
  clone(): VariableTable {
    const copy = new VariableTable();
    for (const [k, v] of this.vars) copy.vars.set(k, { ...v });
    return copy;
  }

  /** The variable as it is now (for `local`, which restores it when the function returns). */
  snapshot(name: string): { value: string; exported: boolean } | undefined {
    const v = this.vars.get(name);
    return v && { ...v };
  }

  restore(name: string, saved: { value: string; exported: boolean } | undefined): void {
    if (saved) this.vars.set(name, { ...saved });
    else this.vars.delete(name);
  }
}

/**
 * `NAME=value command`: the assignment reaches only that command's environment. Reads see the
 * overlay first; writes go through to the shell, as they would for a builtin.
 */
export class OverlayEnv implements ShellEnv {
  constructor(
    private readonly base: ShellEnv,
    private readonly overlay: Map<string, string>,
  ) {}

  get(name: string): string | undefined {
    return this.overlay.has(name) ? this.overlay.get(name) : this.base.get(name);
  }

  set(name: string, value: string, opts?: { exported?: boolean }): void {
    this.overlay.delete(name);
    this.base.set(name, value, opts);
  }

  unset(name: string): void {
    this.overlay.delete(name);
    this.base.unset(name);
  }

  exported(): Array<[string, string]> {
    const out = this.base.exported().filter(([k]) => !this.overlay.has(k));
    return [...out, ...this.overlay];
  }
}
