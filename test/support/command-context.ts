/**
 * A command run by itself: a CommandContext over a real MemoryFs, the shell's real VariableTable
 * (so `export` flags behave as in the product) and the real registry, capturing stdout/stderr, with
 * scripted answers for ctx.prompt. For a command inside the shell and the lessons, use makeDojo().
 */
import { MemoryFs } from '../../src/fs/memory-fs';
import { resolve as resolvePath } from '../../src/fs/path';
import type { RunResult, WasmEngine } from '../../src/runtime/types';
import { VariableTable } from '../../src/shell/env';
import { MapCommandRegistry } from '../../src/shell/registry';
import type { CommandContext, CommandDefinition, DojoServices } from '../../src/shell/types';
import { createMachine, type Machine } from '../../src/machine/services';
import { moduleBytes } from './modules';

export const HOME = '/home/learner';

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  stdin?: string | Uint8Array;
  tty?: boolean;
  signal?: AbortSignal;
}

export interface CommandRig {
  fs: MemoryFs;
  /** The rig's own network, jobs and OCI store (services.machine). */
  machine: Machine;
  env: VariableTable;
  engine: WasmEngine | undefined;
  /** The directory the next exec runs in; a command's `cd` (ctx.shell.chdir) moves it. */
  cwd: string;
  home: string;
  /** Module runs recorded through services.recordRun. */
  runs: Array<{ command: string; result: RunResult }>;
  /** Output written after a command returned (a background server's logs). */
  background: { stdout: string; stderr: string };
  /** Answers for ctx.prompt, in order; past them a question gets null. */
  answers: Array<string | null>;
  questions: string[];
  /** Runs argv (argv[0] = the command's name) and returns what a terminal would show. */
  exec(def: CommandDefinition, argv: string[], opts?: ExecOptions): Promise<RunOutput>;
}

export interface CommandRigOptions {
  /** Modules copied into ~/modules (names without .wasm). */
  modules?: string[];
  machine?: Machine;
  services?: Partial<DojoServices>;
}

export function makeCommandRig(engine?: WasmEngine, opts: CommandRigOptions = {}): CommandRig {
  const fs = new MemoryFs();
  fs.mkdir(`${HOME}/modules`, { recursive: true });
  for (const name of opts.modules ?? []) fs.writeFile(`${HOME}/modules/${name}.wasm`, moduleBytes(name));
  const env = new VariableTable();
  const dec = new TextDecoder();
  const registry = new MapCommandRegistry();
  const machine = opts.machine ?? createMachine();
  const rig: CommandRig = {
    fs,
    machine,
    env,
    engine,
    cwd: HOME,
    home: HOME,
    runs: [],
    background: { stdout: '', stderr: '' },
    answers: [],
    questions: [],
    async exec(def, argv, o = {}) {
      const out = { stdout: '', stderr: '' };
      let running = true;
      const text = (d: string | Uint8Array) => (typeof d === 'string' ? d : dec.decode(d));
      const sink = (key: 'stdout' | 'stderr') => ({
        write: (d: string | Uint8Array) => {
          if (running) out[key] += text(d);
          else rig.background[key] += text(d);
        },
        isTTY: o.tty ?? false,
      });
      const cwd = rig.cwd;
      const stdinBytes = typeof o.stdin === 'string' ? new TextEncoder().encode(o.stdin) : (o.stdin ?? new Uint8Array());
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
          home: HOME,
          resolvePath: (p) => resolvePath(cwd, p, HOME),
          chdir: (p) => void (rig.cwd = p),
          history: () => [],
          registry,
        },
        services: {
          machine,
          engine,
          recordRun: (command, result) => void rig.runs.push({ command, result }),
          ...opts.services,
        },
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
