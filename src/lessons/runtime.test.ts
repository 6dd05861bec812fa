/**
 * The lesson engine end to end, as the app drives it: the real Shell, the real wasmtime command and
 * engine, the example lesson loaded through the same import.meta.glob the browser uses, the lesson
 * commands typed into the shell, and beforeCommand/afterCommand around every line.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testShell, captureIO } from '../../test/support/shell';
import { wasmtimeCommand } from '../commands/wasmtime';
import type { DojoServices } from '../shell/types';
import type { ExecEvent } from '../shell/exec-events';
import { engine } from '../../test/support/lesson-rig';
import { createLessonSystem } from './setup';
import { printReport, registerLessonCommands } from '../commands/lesson';
import { loadCatalog } from './catalog';
import { memStorage } from '../../test/support/storage';
import { createMachine } from '../machine/services';

const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));

function boot(storage = memStorage()) {
  const services: DojoServices = {
    machine: createMachine(),
    engine,
    recordRun(command, result) {
      services.lastRun = { command, result };
    },
  };
  const t = testShell({ extra: [wasmtimeCommand], services });
  t.fs.mkdir(`${HOME}/modules`, { recursive: true });
  t.fs.writeFile(`${HOME}/modules/config-reader.wasm`, new Uint8Array(readFileSync(`${MODULES}config-reader.wasm`)));
  const opened: Array<string | null> = [];
  const sys = createLessonSystem({ fs: t.fs, shell: t.shell, registry: t.shell.registry, services, storage, print: printReport });
  registerLessonCommands(t.shell.registry, sys.runtime, { onOpen: (id) => opened.push(id) });
  async function type(line: string, promptAnswer: string | null = null) {
    const io = { ...captureIO(false), prompt: async () => promptAnswer };
    const wrapped = sys.runtime.beforeCommand(line, io, t.shell.registry);
    const events: ExecEvent[] = [];
    const off = t.shell.onExec((e) => events.push(e));
    const status = await t.shell.execute(line, wrapped, new AbortController().signal);
    off();
    const report = await sys.runtime.afterCommand(line, status, io, events);
    return { status, out: io.out.join(''), err: io.err.join(''), report };
  }
  return { ...t, sys, type, opened, storage };
}

beforeAll(async () => {
  await engine.ready();
});

describe('lesson runtime with the example lesson', () => {
  it('the browser catalogue (import.meta.glob) holds the example lesson', () => {
    const c = loadCatalog();
    expect(c.lessons.map((l) => l.id)).toContain('wasmtime-dir');
  });

  it('walks the whole lesson: fail, over-grant, least grant, file, quiz', async () => {
    const b = boot();
    const list = await b.type('lessons');
    expect(list.out).toContain('wasmtime-dir');
    expect(list.out).toContain('Chapter 2 · Runtime examples');

    const open = await b.type('lesson wasmtime-dir');
    expect(open.status).toBe(0);
    expect(open.out).toContain('Hand a module one directory with --dir');
    expect(b.opened).toEqual(['wasmtime-dir']);
    expect(b.fs.readText(`${HOME}/data/config.json`)).toContain('inventory');

    // step 1: run without grants → fails → step passes
    const r1 = await b.type('wasmtime run modules/config-reader.wasm');
    expect(r1.status).not.toBe(0);
    expect(r1.out).toContain('✔ step passed: run-without-grant');

    // step 2: too broad first
    const r2 = await b.type('wasmtime run --dir .::/ modules/config-reader.wasm');
    expect(r2.status).toBe(0);
    expect(r2.out).toContain('✘ not yet');
    expect(r2.out).toContain('only opened files under `/data`');
    expect(r2.report?.results[0]?.checks[0]?.findings?.[0]?.kind).toBe('too-broad');

    // hint, then the least grant
    const h = await b.type('hint');
    expect(h.out).toContain('Hint 1/3:');
    const r3 = await b.type('wasmtime run --dir data::/data modules/config-reader.wasm');
    expect(r3.out).toContain('✔ step passed: grant-data');
    // the output file exists now, so step 3 passes in the same go
    expect(r3.out).toContain('✔ step passed: check-output');

    // quiz: wrong, then right
    const wrong = await b.type('answer A');
    expect(wrong.status).toBe(1);
    expect(wrong.out).toContain('not yet');
    const right = await b.type('answer b');
    expect(right.status).toBe(0);
    expect(right.out).toContain('lesson complete');

    const p = b.sys.store.getState().progress.lessons['wasmtime-dir']!;
    expect(p.completedAt).toBeTypeOf('number');
    expect(p.steps['grant-data']).toMatchObject({ status: 'passed', hintsUsed: 1, solvedWithHelp: false });
    expect(p.steps['grant-data']!.attempts).toBeGreaterThanOrEqual(1);
    expect(p.steps['quiz']!.attempts).toBe(1);
    expect(p.commands).toBe(3);

    const after = await b.type('lessons');
    expect(after.out).toMatch(/✔ wasmtime-dir .*4\/4 steps/);
  });

  it('progress survives a reload (same storage, new app)', async () => {
    const storage = memStorage();
    const a = boot(storage);
    await a.type('lesson wasmtime-dir');
    await a.type('wasmtime run modules/config-reader.wasm');
    const b = boot(storage);
    expect(b.sys.runtime.current()?.id).toBe('wasmtime-dir');
    expect(b.sys.runtime.currentStep()?.id).toBe('grant-data');
  });

  it('show solution asks first, and marks the step solved with help', async () => {
    const b = boot();
    await b.type('lesson wasmtime-dir');
    const no = await b.type('show solution', 'n');
    expect(no.out).toContain('Not shown');
    expect(b.sys.store.getState().progress.lessons['wasmtime-dir']!.steps['run-without-grant']?.solvedWithHelp ?? false).toBe(false);
    const yes = await b.type('show solution', 'y');
    expect(yes.out).toContain('$ wasmtime run modules/config-reader.wasm');
    await b.type('wasmtime run modules/config-reader.wasm');
    expect(b.sys.store.getState().progress.lessons['wasmtime-dir']!.steps['run-without-grant']).toMatchObject({
      status: 'passed',
      solvedWithHelp: true,
    });
  });

  it('undo reverts the last command that changed files; reset restores seed files', async () => {
    const b = boot();
    await b.type('lesson wasmtime-dir');
    await b.type('wasmtime run --dir data::/data modules/config-reader.wasm');
    expect(b.fs.exists(`${HOME}/data/output.txt`)).toBe(true);
    await b.type('ls'); // changes nothing, so undo skips it
    const u = await b.type('undo');
    expect(u.out).toContain('Undid `wasmtime run --dir data::/data modules/config-reader.wasm`');
    expect(b.fs.exists(`${HOME}/data/output.txt`)).toBe(false);
    expect((await b.type('undo')).err).toContain('nothing to undo');
    // A lesson control chained with real work is still work: it can be undone.
    await b.type('hint; rm data/config.json');
    expect(b.fs.exists(`${HOME}/data/config.json`)).toBe(false);
    expect((await b.type('undo')).out).toContain('Undid `hint; rm data/config.json`');
    expect(b.fs.exists(`${HOME}/data/config.json`)).toBe(true);

    await b.type('echo broken > data/config.json');
    expect(b.fs.readText(`${HOME}/data/config.json`)).toBe('broken\n');
    const r = await b.type('reset');
    expect(r.out).toContain('Restored ~/data/config.json');
    expect(b.fs.readText(`${HOME}/data/config.json`)).toContain('inventory');
  });

  it('lines that change nothing share one snapshot; any change since, by a line or not, takes a new one', async () => {
    const b = boot();
    await b.type('lesson wasmtime-dir');
    const clone = vi.spyOn(b.fs, 'clone');
    await b.type('ls');
    await b.type('ls data');
    await b.type('cat data/config.json');
    expect(clone).toHaveBeenCalledTimes(1);
    // A save from the editor between lines: the next line's snapshot must hold it, so undoing
    // that line keeps the saved file.
    b.fs.writeFile(`${HOME}/notes.txt`, 'mine\n');
    await b.type('rm data/config.json');
    expect(clone).toHaveBeenCalledTimes(2);
    expect((await b.type('undo')).out).toContain('Undid `rm data/config.json`');
    expect(b.fs.exists(`${HOME}/data/config.json`)).toBe(true);
    expect(b.fs.readText(`${HOME}/notes.txt`)).toBe('mine\n');
    // The line that changed files (and the undo) retired the shared copy too.
    await b.type('ls');
    expect(clone).toHaveBeenCalledTimes(3);
  });

  it('sandbox grades nothing; bad ids and missing lessons give clear errors', async () => {
    const b = boot();
    expect((await b.type('lesson nope')).err).toContain('no lesson with id "nope"');
    expect((await b.type('check')).err).toContain('no lesson is open');
    await b.type('sandbox');
    expect(b.opened).toEqual([null]);
    const r = await b.type('wasmtime run modules/config-reader.wasm');
    expect(r.report).toBeNull();
    expect((await b.type('check')).err).toContain('sandbox mode');
  });

  it('`check` after unrelated commands still grades the last module run (snapshot kept)', async () => {
    const b = boot();
    await b.type('lesson wasmtime-dir');
    await b.type('wasmtime run modules/config-reader.wasm');
    await b.type('wasmtime run --env DEBUG=1 --dir data::/data modules/config-reader.wasm');
    for (const line of ['ls', 'cat data/config.json', 'pwd', 'ls modules', 'echo hi', 'ls -la']) await b.type(line);
    const c = await b.type('check');
    expect(c.status).toBe(1);
    expect(c.out).toContain('`--env DEBUG=1` was never read');
  });

  it('opens from a deep link', () => {
    const b = boot();
    expect(b.sys.openFromHash('#/lesson/wasmtime-dir')).toBe('wasmtime-dir');
    expect(b.sys.runtime.current()?.id).toBe('wasmtime-dir');
    expect(b.sys.openFromHash('#/lesson/unknown')).toBeNull();
  });
});

describe('withLessonHooks', () => {
  it('grades lines run through the decorated shell and keeps the rest of the shell intact', async () => {
    const { withLessonHooks } = await import('./shell-hooks');
    const b = boot();
    const hooked = withLessonHooks(b.shell, b.sys.runtime);
    expect(hooked.cwd).toBe(b.shell.cwd);
    expect(hooked.promptText()).toBe(b.shell.promptText());
    const io = captureIO(false);
    await hooked.execute('lesson wasmtime-dir', io, new AbortController().signal);
    const status = await hooked.execute('wasmtime run modules/config-reader.wasm', io, new AbortController().signal);
    expect(status).not.toBe(0);
    expect(io.out.join('')).toContain('✔ step passed: run-without-grant');
  });

  it('passes the terminal width through to commands, so ls lays out for the window', async () => {
    const { withLessonHooks } = await import('./shell-hooks');
    const b = boot();
    const hooked = withLessonHooks(b.shell, b.sys.runtime);
    for (let i = 0; i < 12; i++) b.fs.writeFile(`/tmp/file-${String(i).padStart(4, '0')}`, '');
    const rows = async (columns: number) => {
      const io = captureIO(true, columns);
      await hooked.execute('ls /tmp', io, new AbortController().signal);
      return io.out.join('').trimEnd().split('\n').length;
    };
    expect(await rows(200)).toBe(1);
    expect(await rows(40)).toBe(4);
  });

  it('tells listeners when a lesson is opened afresh, restarted or reset (not when re-opened)', async () => {
    const b = boot();
    const seen: string[] = [];
    const off = b.sys.runtime.onLessonEvent((e) => seen.push(`${e.type} ${e.lesson.id}`));
    b.sys.runtime.onLessonEvent(() => {
      throw new Error('a broken listener');
    });
    await b.type('lesson wasmtime-dir');
    await b.type('lesson wasmtime-dir');
    expect((await b.type('restart')).status).toBe(0);
    expect((await b.type('reset')).status).toBe(0);
    expect(seen).toEqual(['open wasmtime-dir', 'restart wasmtime-dir', 'reset wasmtime-dir']);
    off();
    await b.type('restart');
    expect(seen).toHaveLength(3);
  });
});
