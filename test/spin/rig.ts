/**
 * Test support: a CommandContext over a real MemoryFs and the real WasmerEngine, capturing output,
 * with scripted answers for ctx.prompt. The precompiled modules are seeded where src/app/bootstrap.ts
 * puts them (~/modules/<name>.wasm).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryFs } from '../../src/fs/memory-fs';
import { resolve as resolvePath } from '../../src/fs/path';
import type { WasmEngine } from '../../src/runtime/types';
import { MapCommandRegistry } from '../../src/shell/registry';
import type { CommandContext, CommandDefinition, ShellEnv } from '../../src/shell/types';

const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));
export const moduleFile = (name: string) => new Uint8Array(readFileSync(`${MODULES}${name}.wasm`));

class Env implements ShellEnv {
  private vars = new Map<string, { value: string; exported: boolean }>();
  get(name: string) {
    return this.vars.get(name)?.value;
  }
  set(name: string, value: string, opts?: { exported?: boolean }) {
    this.vars.set(name, { value, exported: opts?.exported ?? false });
  }
  unset(name: string) {
    this.vars.delete(name);
  }
  exported(): Array<[string, string]> {
    return [...this.vars].filter(([, v]) => v.exported).map(([k, v]) => [k, v.value]);
  }
}

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export function makeSpinRig(engine?: WasmEngine, opts: { seedModules?: boolean; services?: Record<string, unknown> } = {}) {
  const fs = new MemoryFs();
  const home = '/home/learner';
  fs.mkdir(`${home}/modules`, { recursive: true });
  if (opts.seedModules ?? true) {
    for (const name of ['wagi-hello', 'wagi-outbound']) fs.writeFile(`${home}/modules/${name}.wasm`, moduleFile(name));
  }
  const env = new Env();
  const dec = new TextDecoder();
  /** Output written after a command returned (the background server's logs). */
  const background = { stdout: '', stderr: '' };
  const rig = {
    fs,
    env,
    cwd: home,
    home,
    background,
    answers: [] as Array<string | null>,
    questions: [] as string[],
    async exec(def: CommandDefinition, argv: string[], o: { tty?: boolean; stdin?: string; signal?: AbortSignal } = {}): Promise<RunOutput> {
      const out = { stdout: '', stderr: '' };
      let running = true;
      const text = (d: string | Uint8Array) => (typeof d === 'string' ? d : dec.decode(d));
      const sink = (key: 'stdout' | 'stderr') => ({
        write: (d: string | Uint8Array) => {
          if (running) out[key] += text(d);
          else background[key] += text(d);
        },
        isTTY: o.tty ?? false,
      });
      const cwd = rig.cwd;
      const stdinBytes = new TextEncoder().encode(o.stdin ?? '');
      const ctx: CommandContext = {
        argv,
        stdin: { readAll: async () => stdinBytes, isTTY: o.stdin === undefined },
        stdout: sink('stdout'),
        stderr: sink('stderr'),
        env,
        fs,
        cwd,
        signal: o.signal ?? new AbortController().signal,
        shell: {
          cwd,
          home,
          resolvePath: (p) => resolvePath(cwd, p, home),
          chdir: (p) => void (rig.cwd = p),
          history: () => [],
          registry: new MapCommandRegistry(),
        },
        services: { engine, ...opts.services },
        prompt: async (q) => {
          rig.questions.push(q);
          return rig.answers.length ? (rig.answers.shift() as string | null) : null;
        },
      };
      const code = await def.run(ctx);
      running = false;
      return { code, ...out };
    },
  };
  return rig;
}
