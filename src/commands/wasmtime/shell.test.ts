/**
 * The runtimes inside the real Shell: pipes, redirects, exported variables, exit statuses and
 * `dojo trace`, with the real WasmerEngine and precompiled modules.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../runtime/types';
import { WasmerEngine } from '../../runtime/wasmer-engine';
import { testShell, type TestShell } from '../../../test/support/shell';
import type { DojoServices } from '../../shell/types';
import { wasmedgeCommand } from '../wasmedge';
import { wasmtimeCommand } from './index';
import { MODULES_DIR } from '../../../test/support/modules';
import { createMachine } from '../../machine/services';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());

function machine(): TestShell {
  const services: DojoServices = { machine: createMachine(), engine };
  services.recordRun = (command: string, result: RunResult) => {
    services.lastRun = { command, result };
  };
  const t = testShell({ extra: [wasmtimeCommand, wasmedgeCommand], services });
  const home = t.shell.home;
  for (const name of ['hello.wasm', 'upper.wasm', 'env-reader.wasm', 'config-reader.wasm', 'exit-with.wasm'])
    t.fs.writeFile(`${home}/${name}`, new Uint8Array(readFileSync(`${MODULES_DIR}${name}`)));
  if (!t.fs.exists(`${home}/data`)) t.fs.mkdir(`${home}/data`);
  t.fs.writeFile(`${home}/data/config.json`, '{"shell":1}');
  return t;
}

describe('wasmtime and wasmedge in the shell', () => {
  it('pipes and redirects feed stdin and capture stdout', async () => {
    const t = machine();
    expect(await t.run('echo piped | wasmtime upper.wasm')).toEqual({ stdout: 'PIPED\n', stderr: '', status: 0 });
    await t.run('echo from file > in.txt');
    expect((await t.run('wasmtime upper.wasm < in.txt')).stdout).toBe('FROM FILE\n');
    expect(await t.run('wasmtime hello.wasm > out.txt && cat out.txt')).toEqual({ stdout: 'Hello, world!\n', stderr: '', status: 0 });
  });

  it('`-` reads the module itself from stdin', async () => {
    const t = machine();
    expect(await t.run('cat hello.wasm | wasmtime -')).toEqual({ stdout: 'Hello, world!\n', stderr: '', status: 0 });
    expect(await t.run('wasmtime - < hello.wasm')).toEqual({ stdout: 'Hello, world!\n', stderr: '', status: 0 });
  });

  it('exit statuses reach $? and &&/||', async () => {
    const t = machine();
    expect((await t.run('wasmtime exit-with.wasm 7; echo status=$?')).stdout).toBe('status=7\n');
    expect((await t.run('wasmtime nope.wasm || echo failed')).stdout).toBe('failed\n');
    expect((await t.run('wasmtime --mapdir /a::/b hello.wasm; echo $?')).stdout).toBe('2\n');
  });

  it('--env NAME takes exported shell variables only', async () => {
    const t = machine();
    const r = await t.run('export API_KEY=k1; LOCAL=x; wasmtime --env API_KEY --env LOCAL env-reader.wasm API_KEY LOCAL');
    expect(r.stdout).toBe('API_KEY=k1\nLOCAL is not set\n');
  });

  it('writes back through grants and dojo trace shows the run', async () => {
    const t = machine();
    const r = await t.run('wasmedge --dir /data:./data config-reader.wasm && cat data/output.txt');
    expect(r.stdout).toBe('Config: {"shell":1}\nprocessed data');
    const trace = await t.run('dojo trace');
    expect(trace.status).toBe(0);
    expect(trace.stdout).toContain('path_open');
  });
});
