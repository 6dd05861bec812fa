/** The exec events: one per simple command that ran, with what it really received. */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runtime/types';
import type { ExecEvent } from './exec-events';
import { testShell } from '../../test/support/shell';
import type { CommandDefinition } from './types';
import { createMachine } from '../machine/services';

const HOME = '/home/learner';
const dec = new TextDecoder();

/** A command that reads its stdin and, like wasmtime, records a module run. */
const fakeRun: CommandDefinition = {
  name: 'fake-run',
  summary: 'test',
  usage: 'fake-run',
  async run(ctx) {
    const input = await ctx.stdin.readAll();
    ctx.services.recordRun?.(ctx.argv.join(' '), { outcome: { kind: 'exit', code: 3 }, trace: [], stdin: input } as unknown as RunResult);
    ctx.stdout.write(`read ${input.byteLength}\n`);
    return 3;
  },
};

const controlCmd: CommandDefinition = { name: 'ctl', summary: 'test', usage: 'ctl', control: true, run: async () => 0 };

function shellWithEvents() {
  const recorded: string[] = [];
  const t = testShell({ extra: [fakeRun, controlCmd], services: { machine: createMachine(), recordRun: (c) => void recorded.push(c) } });
  const events: ExecEvent[] = [];
  const off = t.shell.onExec((e) => events.push(e));
  return { ...t, events, off, recorded };
}

describe('exec events', () => {
  it('argv is expanded, with assignments and redirects removed; redirects are resolved', async () => {
    const t = shellWithEvents();
    await t.run('D=/tmp; echo 2>err.txt "a b" $D >> out.txt');
    const echo = t.events.find((e) => e.argv[0] === 'echo')!;
    expect(echo.argv).toEqual(['echo', 'a b', '/tmp']);
    expect(echo.redirects).toEqual([
      { fd: 2, op: '2>', path: `${HOME}/err.txt` },
      { fd: 1, op: '>>', path: `${HOME}/out.txt` },
    ]);
    expect(echo.line).toBe('D=/tmp; echo 2>err.txt "a b" $D >> out.txt');
    expect(echo.stdin).toBeNull();
    expect(echo.status).toBe(0);
    // The assignment-only command is reported too, with no argv.
    expect(t.events[0]).toMatchObject({ argv: [], assignments: [['D', '/tmp']] });
  });

  it('one event per simple command that ran, in order, each with its own cwd and status', async () => {
    const t = shellWithEvents();
    await t.run('mkdir -p sub && cd sub && pwd; false || true; false && echo skipped');
    expect(t.events.map((e) => [e.argv[0], e.cwd, e.status])).toEqual([
      ['mkdir', HOME, 0],
      ['cd', HOME, 0],
      ['pwd', `${HOME}/sub`, 0],
      ['false', `${HOME}/sub`, 1],
      ['true', `${HOME}/sub`, 0],
      ['false', `${HOME}/sub`, 1],
    ]);
  });

  it('env is the exported environment the command received, prefix assignments included', async () => {
    const t = shellWithEvents();
    await t.run('export A=1; B=2; C=3 fake-run');
    const e = t.events.find((x) => x.argv[0] === 'fake-run')!;
    expect(e.assignments).toEqual([['C', '3']]);
    const env = new Map(e.env);
    expect(env.get('A')).toBe('1');
    expect(env.has('B')).toBe(false);
    expect(env.get('C')).toBe('3');
    expect(env.get('HOME')).toBe(HOME);
  });

  it('stdin is the bytes piped or redirected in, null for the terminal', async () => {
    const t = shellWithEvents();
    await t.run('echo hi | fake-run | fake-run; echo file > in.txt; fake-run < in.txt; fake-run');
    const runs = t.events.filter((e) => e.argv[0] === 'fake-run');
    expect(runs.map((e) => (e.stdin === null ? null : dec.decode(e.stdin)))).toEqual(['hi\n', 'read 3\n', 'file\n', null]);
    expect(runs[2]!.redirects).toEqual([{ fd: 0, op: '<', path: `${HOME}/in.txt` }]);
  });

  it('carries the module run the command recorded, and still hands it to the app', async () => {
    const t = shellWithEvents();
    await t.run('fake-run x; echo no-run');
    const [run, echo] = t.events;
    expect(run!.run?.outcome).toEqual({ kind: 'exit', code: 3 });
    expect(run!.status).toBe(3);
    expect(echo!.run).toBeUndefined();
    expect(t.recorded).toEqual(['fake-run x']);
  });

  it('control comes from the registry definition; an unknown command is reported with 127', async () => {
    const t = shellWithEvents();
    await t.run('ctl; nosuchcmd; ls');
    expect(t.events.map((e) => [e.argv[0], e.control, e.status])).toEqual([
      ['ctl', true, 0],
      ['nosuchcmd', false, 127],
      ['ls', false, 0],
    ]);
  });

  it('a failed expansion runs nothing and reports nothing; unsubscribing stops the events', async () => {
    const t = shellWithEvents();
    await t.run('echo ${A:?}');
    expect(t.events).toEqual([]);
    t.off();
    await t.run('echo after');
    expect(t.events).toEqual([]);
  });
});
