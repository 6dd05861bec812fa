/** The headless root, through the test rig that is the browser's wiring with in-memory adapters. */
import { describe, expect, it } from 'vitest';
import { makeDojo, plain } from '../../test/support/dojo';
import { HOME } from '../fs/seed';
import type { Feature } from './features';
import { memStorage } from '../../test/support/storage';
import { PROGRESS_STORAGE_KEY } from '../lessons/store';
import { MemoryFs } from '../fs/memory-fs';
import { seedWorkspace } from '../fs/seed';
import { createDojo } from './dojo';
import { engine, publicFetch } from '../../test/support/modules';
import { captureIO } from '../../test/support/shell';

describe('createDojo wires the product as the browser does', () => {
  it('every command, the installed modules, and the lessons with their hooks around each typed line', async () => {
    const d = await makeDojo();
    const help = await d.type('help');
    for (const name of ['wasmtime', 'spin', 'curl', 'cargo', 'lesson', 'hint', 'check', 'undo', 'dojo', 'edit']) expect(help.stdout).toContain(name);
    // The module install ran from public/modules, as the browser fetches it.
    expect(d.fs.exists(`${HOME}/modules/hello.wasm`)).toBe(true);
    expect(d.fs.exists(`${HOME}/hello.wasm`)).toBe(true);
    expect((await d.type('wasmtime hello.wasm')).stdout).toBe('Hello, world!\n');
    expect(d.runs.map((r) => r.command)).toEqual(['wasmtime hello.wasm']);

    expect((await d.type('lesson wasmtime-dir')).status).toBe(0);
    // The step's solution, typed: graded by the hooks around the line, no `check` needed.
    const r = await d.type('wasmtime run modules/config-reader.wasm');
    expect(plain(r.out)).toContain('✔ step passed: run-without-grant');
    expect(d.lessonSystem.store.getState().progress.lessons['wasmtime-dir']?.steps['run-without-grant']?.status).toBe('passed');
  });

  it('TTY sinks by default (tools colour as in the browser); non-TTY on request', async () => {
    const d = await makeDojo({ lessons: false });
    // ls colours directories on a terminal only, as GNU ls --color=auto does.
    const tty = await d.type('ls /');
    const piped = await d.type('ls /', { tty: false });
    expect(tty.stdout).toContain('\x1b[');
    expect(piped.stdout).not.toContain('\x1b[');
    expect(plain(tty.stdout).split(/\s+/).filter(Boolean).sort()).toEqual(piped.stdout.split(/\s+/).filter(Boolean).sort());
  });
});

describe('saved state that cannot be read', () => {
  it('damaged lesson progress is kept aside and the terminal is told once', async () => {
    const storage = memStorage();
    storage.setItem(PROGRESS_STORAGE_KEY, '{"not": "progress"');
    const d = await makeDojo({ storage });
    const said: string[] = [];
    d.setOutput((t) => said.push(t));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(PROGRESS_STORAGE_KEY);
  });
});

describe('dojo reset through the real wiring', () => {
  it('--help and -h print help only: the workspace stays', async () => {
    const d = await makeDojo();
    d.fs.writeFile(`${HOME}/mine.txt`, 'work');
    for (const line of ['dojo reset --help', 'dojo reset -h']) {
      const r = await d.type(line);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Usage: dojo reset');
      expect(r.questions).toEqual([]);
    }
    expect(d.fs.readText(`${HOME}/mine.txt`)).toBe('work');
  });

  it('asks [y/N]; no keeps the files; yes resets, says `undo` brings them back, and undo does', async () => {
    const d = await makeDojo();
    d.fs.writeFile(`${HOME}/mine.txt`, 'work');
    await d.type('rm /data/config.json');
    const no = await d.type('dojo reset', { answers: ['n'] });
    expect(no.questions[0]).toMatch(/\[y\/N\] $/);
    expect(no.status).toBe(1);
    expect(d.fs.exists(`${HOME}/mine.txt`)).toBe(true);

    await d.type('cd /tmp');
    const yes = await d.type('dojo reset', { answers: ['y'] });
    expect(yes.status).toBe(0);
    expect(yes.stdout).toContain('`undo` brings your files back');
    expect(d.fs.exists(`${HOME}/mine.txt`)).toBe(false);
    expect(d.fs.exists('/data/config.json')).toBe(true);
    expect(d.fs.exists(`${HOME}/modules/hello.wasm`)).toBe(true);
    expect(d.shell.cwd).toBe(HOME);

    const undo = await d.type('undo');
    expect(undo.status, undo.out).toBe(0);
    expect(d.fs.readText(`${HOME}/mine.txt`)).toBe('work');
    expect(d.fs.exists('/data/config.json')).toBe(false);
  });

  it('-y skips the question', async () => {
    const d = await makeDojo();
    d.fs.writeFile(`${HOME}/mine.txt`, 'work');
    const r = await d.type('dojo reset -y');
    expect(r).toMatchObject({ status: 0, questions: [] });
    expect(d.fs.exists(`${HOME}/mine.txt`)).toBe(false);
  });

  it('stops every background job, whatever started it, before the files go', async () => {
    const d = await makeDojo({ lessons: false });
    const stopped: string[] = [];
    d.services.machine.jobs.add('spin up', () => void stopped.push('spin'));
    d.services.machine.jobs.add('kubectl port-forward svc/hello 8083:80', () => void stopped.push('port-forward'));
    await d.type('dojo reset -y');
    expect(stopped.sort()).toEqual(['port-forward', 'spin']);
    expect(d.services.machine.jobs.list()).toEqual([]);
  });
});

describe('the feature seam', () => {
  it('a feature registers a command, a panel, a line wrapper and a reset step; dispose takes the rest back', async () => {
    const d = await makeDojo({ lessons: false });
    const seen: string[] = [];
    const feature: Feature = {
      id: 'demo',
      activate(host) {
        host.registry.register({ name: 'demo', summary: 'a demo', usage: 'demo', run: async (ctx) => (ctx.stdout.write('demo ran\n'), 0) });
        const offPanel = host.panels.register({ id: 'demo', label: 'Demo', order: 5, load: () => Promise.reject(new Error('not in Node')) });
        const offWrap = host.wrapLines((next) => async (line, io, signal) => {
          seen.push(`before ${line}`);
          const status = await next(line, io, signal);
          seen.push(`after ${line} = ${status}`);
          return status;
        });
        const offReset = host.onReset(() => void seen.push('reset'));
        host.say('demo is here');
        return () => {
          offPanel();
          offWrap();
          offReset();
        };
      },
    };
    const said: string[] = [];
    d.setOutput((t) => said.push(t));
    const dispose = d.activate(feature);
    expect(said).toEqual(['demo is here']);
    // Beside the built-in features' own tabs (the Lab).
    expect(d.panels.list().map((p) => p.id)).toEqual(['demo', 'lab']);
    expect((await d.type('demo')).stdout).toBe('demo ran\n');
    await d.type('dojo reset -y');
    expect(seen).toEqual(['before demo', 'after demo = 0', 'before dojo reset -y', 'reset', 'after dojo reset -y = 0']);
    dispose();
    await d.type('true');
    expect(seen).toHaveLength(5);
    expect(d.panels.list().map((p) => p.id)).toEqual(['lab']);
  });

  it("check kinds: the host holds the built-in ones once lessons load, beside a feature's own", async () => {
    const d = await makeDojo();
    expect(d.checks.kinds()).toEqual(expect.arrayContaining(['command', 'file', 'quiz', 'least-privilege', 'spin-outbound']));
    const off = d.checks.register({
      kind: 'cluster-state',
      keys: ['want'],
      validate: () => ({ kind: 'cluster-state' }) as never,
      evaluate: () => ({ status: 'pass' }) as never,
    });
    expect(d.checks.get('cluster-state')?.keys).toEqual(['want']);
    off();
    expect(d.checks.get('cluster-state')).toBeUndefined();
  });

  it('say() holds lines until the terminal is there, then delivers them in order', async () => {
    const d = await makeDojo({ lessons: false });
    d.say('one');
    d.say('two');
    const got: string[] = [];
    d.setOutput((t) => got.push(t));
    d.say('three');
    expect(got).toEqual(['one', 'two', 'three']);
  });
});

describe('a line typed before the precompiled modules have arrived (right after the first prompt)', () => {
  /** The browser's download of public/modules, held back until `open()`; `never` never answers. */
  function heldFetch(never = false) {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const fetch = (async (input: string) => {
      await (never ? new Promise<never>(() => undefined) : gate);
      return publicFetch(input);
    }) as unknown as typeof globalThis.fetch;
    return { fetch, open };
  }
  function dojoWith(fetch: typeof globalThis.fetch, modulesWaitMs?: number) {
    const fs = new MemoryFs();
    seedWorkspace(fs);
    // The lessons never load here: the wait under test is the modules' alone.
    return createDojo({ fs, engine, fetch, lessonsStart: new Promise(() => undefined), ...(modulesWaitMs ? { modulesWaitMs } : {}) });
  }
  const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

  it('waits for the files, then runs and finds its module', async () => {
    const held = heldFetch();
    const dojo = dojoWith(held.fetch);
    const io = captureIO(false);
    const line = dojo.terminalShell.execute('wasmtime modules/hello.wasm', io, new AbortController().signal);
    await tick();
    expect(io.out.join('') + io.err.join('')).toBe('');
    held.open();
    expect(await line).toBe(0);
    expect(io.out.join('')).toBe('Hello, world!\n');
    expect(io.err.join('')).toBe('');
    // The files are all there for the lines after it.
    const next = captureIO(false);
    expect(await dojo.terminalShell.execute('ls modules', next, new AbortController().signal)).toBe(0);
    expect(next.out.join('')).toContain('hello.wat');
  });

  it('a download that never answers holds the first line only as long as the bound, and no line after it', async () => {
    const dojo = dojoWith(heldFetch(true).fetch, 400);
    const io = captureIO(false);
    let started = performance.now();
    const status = await dojo.terminalShell.execute('wasmtime modules/hello.wasm', io, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(status).toBe(1);
    expect(io.err.join('')).toContain('failed to open wasm module "modules/hello.wasm"');
    // The bound is spent: the next line runs at once (a builtin takes well under the 400 ms it would wait).
    started = performance.now();
    expect(await dojo.terminalShell.execute('true', captureIO(false), new AbortController().signal)).toBe(0);
    expect(performance.now() - started).toBeLessThan(390);
  });

  it('Ctrl-C ends the wait: status 130, and nothing runs', async () => {
    const held = heldFetch();
    const dojo = dojoWith(held.fetch);
    const io = captureIO(false);
    const ctrlC = new AbortController();
    const line = dojo.terminalShell.execute('wasmtime modules/hello.wasm', io, ctrlC.signal);
    await tick();
    ctrlC.abort();
    expect(await line).toBe(130);
    expect(io.out.join('')).toBe('');
    held.open();
  });
});
