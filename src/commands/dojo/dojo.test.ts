import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import type { RunResult } from '../../runtime/types';
import { resetToSeed } from '../../fs/seed';
import { createMachine } from '../../machine/services';

const result: RunResult = {
  outcome: { kind: 'exit', code: 1 },
  trace: [
    { seq: 0, fn: 'fd_prestat_get', args: { fd: 3 }, errno: 0, errnoName: 'ESUCCESS' },
    {
      seq: 1,
      fn: 'path_open',
      args: { fd: 3, path: 'config.json', create: false },
      errno: 76,
      errnoName: 'ENOTCAPABLE',
      resolvedPath: '/data/config.json',
    },
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
    const r = await t.run('dojo reset -y');
    expect(r.status).toBe(0);
    expect(t.fs.exists('/data/config.json')).toBe(true);
    expect(t.fs.exists('/tmp/x')).toBe(false);
    expect(t.shell.cwd).toBe('/home/learner');
  });
  it('reset --help and -h print help and change nothing', async () => {
    const t = testShell();
    let resets = 0;
    t.shell.services.resetWorkspace = async () => void resets++;
    for (const line of ['dojo reset --help', 'dojo reset -h', 'dojo reset -y --help', 'dojo reset -h -y']) {
      const r = await t.run(line);
      expect(r, line).toMatchObject({ status: 0, stderr: '' });
      expect(r.stdout, line).toMatch(/^Usage: dojo reset \[-y\]\n/);
    }
    expect(resets).toBe(0);
  });
  it('reset asks first; without a yes nothing changes', async () => {
    const t = testShell();
    let resets = 0;
    t.shell.services.resetWorkspace = async () => void resets++;
    // No terminal to answer (captureIO's prompt gives null): not reset.
    const r = await t.run('dojo reset');
    expect(r).toMatchObject({ status: 1, stdout: 'dojo: not reset; your files are unchanged\n' });
    expect(resets).toBe(0);
    expect(await t.run('dojo reset --force')).toMatchObject({ status: 2, stderr: expect.stringContaining("dojo reset: unknown option '--force'") });
    expect(resets).toBe(0);
  });
  it('usage errors', async () => {
    const t = testShell();
    expect((await t.run('dojo')).status).toBe(2);
    expect(await t.run('dojo frob')).toMatchObject({ status: 2, stderr: expect.stringContaining("dojo: unknown command 'frob'") });
    expect((await t.run('dojo --help')).stdout).toContain('reset');
    expect((await t.run('dojo reset')).status).toBe(1);
  });
});

describe('asking for help changes nothing', () => {
  it('dojo trace --help, edit --help and -h print help to stdout and succeed', async () => {
    const opened: string[] = [];
    const t = testShell({ services: { machine: createMachine(), openEditor: (p) => void opened.push(p) } });
    t.shell.registry.register((await import('../edit')).editCommand);
    for (const line of ['dojo trace --help', 'dojo trace -h', 'edit --help', 'edit -h', 'edit notes.txt --help']) {
      const r = await t.run(line);
      expect(r, line).toMatchObject({ status: 0, stderr: '' });
      expect(r.stdout, line).toMatch(/^Usage: (dojo trace|edit FILE)\n/);
    }
    expect(opened).toEqual([]);
    expect(await t.run('dojo trace now')).toMatchObject({ status: 2, stderr: expect.stringContaining("dojo trace: unexpected argument 'now'") });
  });
});
