/** Shell variables: plain ones stay in the shell, exported ones reach commands' environments. */
import type { ShellEnv } from './types';

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
