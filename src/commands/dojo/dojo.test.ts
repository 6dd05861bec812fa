import { describe, expect, it } from 'vitest';
import { testShell } from '../../shell/testing';
import type { RunResult } from '../../runtime/types';
import { resetToSeed } from '../../fs/seed';
import { createMachine } from '../../machine/services';

const result: RunResult = {
  outcome: { kind: 'exit', code: 1 },
  trace: [
    { seq: 0, fn: 'fd_prestat_get', args: { fd: 3 }, errno: 0, errnoName: 'ESUCCESS' },
    { seq: 1, fn: 'path_open', args: { fd: 3, path: 'config.json', create: false }, errno: 76, errnoName: 'ENOTCAPABLE', resolvedPath: '/data/config.json' },
  ],
  changes: [],
  timings: { compileMs: 1, runMs: 1 },
};

describe('dojo', () => {
  it('trace prints the last run strace-style', async () => {
    const t = testShell({ services: { machine: createMachine(), lastRun: { command: 'wasmtime run app.wasm', result } } });
    const r = await t.run('dojo trace');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '# wasmtime run app.wasm\n' +
        'fd_prestat_get(fd=3) = 0\n' +
        'path_open(fd=3, path="config.json", create=false) = -1 ENOTCAPABLE  [/data/config.json]\n' +
        '+++ exited with 1 +++\n',
    );
  });
  it('trace without a run says so', async () => {
    const t = testShell();
    expect(await t.run('dojo trace')).toMatchObject({ status: 0, stdout: expect.stringContaining('no module has run yet') });
  });
  it('reset restores the seed and goes home', async () => {
    const t = testShell();
    t.shell.services.resetWorkspace = async () => resetToSeed(t.fs);
    await t.run('rm /data/config.json; mkdir /tmp/x; cd /tmp/x');
    const r = await t.run('dojo reset');
    expect(r.status).toBe(0);
    expect(t.fs.exists('/data/config.json')).toBe(true);
    expect(t.fs.exists('/tmp/x')).toBe(false);
    expect(t.shell.cwd).toBe('/home/learner');
  });
  it('usage errors', async () => {
    const t = testShell();
    expect((await t.run('dojo')).status).toBe(2);
    expect(await t.run('dojo frob')).toMatchObject({ status: 2, stderr: expect.stringContaining("dojo: unknown command 'frob'") });
    expect((await t.run('dojo --help')).stdout).toContain('reset');
    expect((await t.run('dojo reset')).status).toBe(1);
  });
});
