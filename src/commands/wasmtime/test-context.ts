/**
 * Test support (not shipped): a hand-built CommandContext over a real MemoryFs and a real engine,
 * capturing stdout/stderr, so command tests run exactly the code the terminal runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryFs } from '../../fs/memory-fs';
import { resolve as resolvePath } from '../../fs/path';
import type { RunResult, WasmEngine } from '../../runtime/types';
import { MapCommandRegistry } from '../../shell/registry';
import type { CommandContext, CommandDefinition, ShellEnv } from '../../shell/types';
import { createMachine } from '../../machine/services';

export const MODULES_DIR = fileURLToPath(new URL('../../../public/modules/', import.meta.url));

export function moduleBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${MODULES_DIR}${name}`));
}

class TestEnv implements ShellEnv {
  private vars = new Map<string, { value: string; exported: boolean }>();
  get(name: string) {
    return this.vars.get(name)?.value;
  }
  set(name: string, value: string, opts?: { exported?: boolean }) {
    const prev = this.vars.get(name);
    this.vars.set(name, { value, exported: opts?.exported ?? prev?.exported ?? false });
  }
  unset(name: string) {
    this.vars.delete(name);
  }
  exported(): Array<[string, string]> {
    return [...this.vars].filter(([, v]) => v.exported).map(([k, v]) => [k, v.value]);
  }
}

export interface TestRig {
  fs: MemoryFs;
  env: TestEnv;
  engine: WasmEngine | undefined;
  cwd: string;
  runs: Array<{ command: string; result: RunResult }>;
  /** Runs argv (argv[0] = command name) and returns what a terminal would show. */
  exec(
    def: CommandDefinition,
    argv: string[],
    opts?: { stdin?: string | Uint8Array; tty?: boolean; signal?: AbortSignal },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
}

export function makeRig(engine?: WasmEngine): TestRig {
  const fs = new MemoryFs();
  const home = '/home/learner';
  fs.mkdir(home, { recursive: true });
  const env = new TestEnv();
  const runs: TestRig['runs'] = [];
  const rig: TestRig = {
    fs,
    env,
    engine,
    cwd: home,
    runs,
    async exec(def, argv, opts = {}) {
      let stdout = '';
      let stderr = '';
      const dec = new TextDecoder();
      const text = (d: string | Uint8Array) => (typeof d === 'string' ? d : dec.decode(d));
      const stdinBytes = typeof opts.stdin === 'string' ? new TextEncoder().encode(opts.stdin) : (opts.stdin ?? new Uint8Array());
      const cwd = rig.cwd;
      const ctx: CommandContext = {
        argv,
        stdin: { readAll: async () => stdinBytes, isTTY: opts.stdin === undefined },
        stdout: { write: (d) => void (stdout += text(d)), isTTY: opts.tty ?? false },
        stderr: { write: (d) => void (stderr += text(d)), isTTY: opts.tty ?? false },
        env,
        fs,
        cwd,
        signal: opts.signal ?? new AbortController().signal,
        shell: {
          cwd,
          home,
          resolvePath: (p) => resolvePath(cwd, p, home),
          chdir: () => undefined,
          history: () => [],
          registry: new MapCommandRegistry(),
        },
        services: {
          machine: createMachine(),
          engine,
          recordRun: (command, result) => void runs.push({ command, result }),
        },
        prompt: async () => null,
      };
      const code = await def.run(ctx);
      return { code, stdout, stderr };
    },
  };
  return rig;
}
