/** Shared helpers for the runtime integration tests: load our precompiled modules, run, collect output. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunRequest, RunResult, WasmEngine } from '../../src/runtime/types';

export const MODULES_DIR = fileURLToPath(new URL('../../public/modules/', import.meta.url));

export function moduleBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${MODULES_DIR}${name}.wasm`));
}

export function request(wasm: Uint8Array, overrides: Partial<RunRequest> = {}): RunRequest {
  return {
    wasm,
    args: ['module.wasm'],
    env: [],
    preopens: [],
    image: { dirs: [], files: [] },
    stdin: new Uint8Array(),
    ...overrides,
  };
}

export interface Collected extends RunResult {
  stdout: string;
  stderr: string;
  /** Number of separate stdout chunks delivered (proves streaming). */
  stdoutChunks: number;
}

export async function runCollect(engine: WasmEngine, req: RunRequest, signal?: AbortSignal): Promise<Collected> {
  const dec = new TextDecoder();
  let stdout = '';
  let stderr = '';
  let stdoutChunks = 0;
  const result = await engine.run(
    req,
    {
      onStdout: (b) => {
        stdoutChunks++;
        stdout += dec.decode(b);
      },
      onStderr: (b) => {
        stderr += dec.decode(b);
      },
    },
    signal,
  );
  return { ...result, stdout, stderr, stdoutChunks };
}
