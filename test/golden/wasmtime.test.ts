/**
 * wasmtime's texts against golden transcripts written from wasmtime's sources (test/golden/wasmtime/):
 * each command runs through the real shell, the real wasmtime command and the real engine, on a
 * machine with our precompiled modules in ~.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmtimeCommand } from '../../src/commands/wasmtime';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import type { RunResult } from '../../src/runtime/types';
import { testShell } from '../support/shell';
import type { DojoServices } from '../../src/shell/types';
import { createMachine } from '../../src/machine/services';
import { loadGoldens, parseGolden } from '../support/golden';

const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));
const engine = new WasmerEngine();
beforeAll(() => engine.ready());

function machine() {
  const services: DojoServices = { machine: createMachine(), engine };
  services.recordRun = (command: string, result: RunResult) => {
    services.lastRun = { command, result };
  };
  const t = testShell({ extra: [wasmtimeCommand], services });
  for (const name of ['hello.wasm', 'trap.wasm', 'exit-with.wasm'])
    t.fs.writeFile(`${t.shell.home}/${name}`, new Uint8Array(readFileSync(`${MODULES}${name}`)));
  return t;
}

describe('wasmtime golden transcripts', () => {
  for (const golden of loadGoldens(fileURLToPath(new URL('./wasmtime/', import.meta.url)))) {
    it(`${golden.file}: ${golden.command}`, async () => {
      const r = await machine().run(golden.command);
      expect({ exit: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
    });
  }
});

describe('the golden file format', () => {
  it('keeps a blank last line as a blank line the tool prints, and insists on sources', () => {
    const g = parseGolden('x.txt', '# source: somewhere\n$ tool\nexit 1\n--- stderr\nError: x\n\n');
    expect(g).toMatchObject({ command: 'tool', exit: 1, stdout: '', stderr: 'Error: x\n\n', sources: ['somewhere'] });
    expect(() => parseGolden('y.txt', '$ tool\nexit 0\n')).toThrow(/says nowhere where/);
  });
});
