/**
 * A timed lesson end to end: the quick-reference drill's reference solutions typed through the real
 * shell, wasmtime/wasmedge commands and WasmerEngine, with a fake clock that also moves while each
 * command runs (so "the run starts when the first command starts" is tested, not assumed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { memStorage } from '../../test/support/storage';
import { testShell, captureIO } from '../../test/support/shell';
import { wasmtimeCommand } from '../commands/wasmtime';
import { wasmedgeCommand } from '../commands/wasmedge';
import { rustupCommand } from '../commands/rustup';
import type { DojoServices } from '../shell/types';
import type { ExecEvent } from '../shell/exec-events';
import { engine } from '../../test/support/lesson-rig';
import { createLessonSystem } from './setup';
import { printReport, registerLessonCommands } from '../commands/lesson';
import { isQuizCheck } from './checks/quiz';
import { parseCatalog } from './parser';
import { createMachine } from '../machine/services';

const HOME = '/home/learner';
const MODULES = fileURLToPath(new URL('../../public/modules/', import.meta.url));
const DRILL = 'quick-reference-drill';
/** How long the fake clock says each command takes to run. */
const RUN_MS = 2_000;

function boot() {
  const clock = { t: 1_000_000 };
  const services: DojoServices = {
    machine: createMachine(),
    engine,
    recordRun(command, result) {
      services.lastRun = { command, result };
    },
  };
  const t = testShell({ extra: [wasmtimeCommand, wasmedgeCommand, rustupCommand], services });
  t.fs.mkdir(`${HOME}/modules`, { recursive: true });
  for (const name of readdirSync(MODULES)) {
    if (name.endsWith('.wasm')) t.fs.writeFile(`${HOME}/modules/${name}`, new Uint8Array(readFileSync(`${MODULES}${name}`)));
  }
  const sys = createLessonSystem({
    fs: t.fs,
    shell: t.shell,
    registry: t.shell.registry,
    services,
    storage: memStorage(),
    now: () => clock.t,
    print: printReport,
  });
  registerLessonCommands(t.shell.registry, sys.runtime);
  /** Types `line` at time `at`; the clock moves RUN_MS while the shell runs it. */
  async function type(line: string, at = clock.t) {
    clock.t = at;
    const io = { ...captureIO(false), prompt: async () => 'y' };
    const wrapped = sys.runtime.beforeCommand(line, io, t.shell.registry);
    const events: ExecEvent[] = [];
    const off = t.shell.onExec((e) => events.push(e));
    clock.t += RUN_MS;
    const status = await t.shell.execute(line, wrapped, new AbortController().signal);
    off();
    const report = await sys.runtime.afterCommand(line, status, io, events);
    return { status, out: io.out.join(''), err: io.err.join(''), report };
  }
  const drill = () => sys.store.getState().progress.lessons[DRILL]?.drill;
  return { ...t, sys, type, clock, drill };
}

/** Every step's reference solution in order, quiz steps answered with their first accepted answer. */
function solutionLines(b: ReturnType<typeof boot>): string[] {
  const lesson = b.sys.runtime.findLesson(DRILL)!;
  return lesson.steps.flatMap((s) => [
    ...(s.solution?.commands ?? []),
    ...s.checks.flatMap((c) => (isQuizCheck(c) ? [`answer ${c.answer[0]}`] : [])),
  ]);
}

beforeAll(async () => {
  await engine.ready();
});

describe('the timed quick-reference drill', () => {
  it('times a clean run, then a restart and a helped run that cannot beat the best', async () => {
    const b = boot();
    const opened = await b.type(`lesson ${DRILL}`);
    expect(opened.out).toContain('Timed drill: Target 5:00 · the clock starts at your first command');
    // Lesson commands do not start the clock.
    const before = await b.type('lessons', 1_010_000);
    expect(before.out).toMatch(new RegExp(`${DRILL} .*~5 min, timed \\(target 5:00\\)`));
    expect(b.drill()).toBeUndefined();

    const lines = solutionLines(b);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const start = 1_020_000;
    let at = start;
    let last: Awaited<ReturnType<typeof b.type>> | undefined;
    for (const line of lines) {
      last = await b.type(line, at);
      if (line === lines[0]) expect(b.drill()).toEqual({ runs: 0, runStartedAt: start }); // when the line started, not when it ended
      at += 30_000;
    }
    // The last line is the quiz answer, a lesson command: its report is the runtime's last one.
    const end = at - 30_000 + RUN_MS;
    const firstMs = end - start;
    expect(last!.out).toContain('★ lesson complete!');
    expect(b.sys.runtime.report()?.run).toEqual({ ms: firstMs, clean: true, newBest: true, bestMs: firstMs, targetMs: 300_000 });
    expect(b.drill()).toEqual({ runs: 1, lastMs: firstMs, bestMs: firstMs });
    const clock = `${Math.floor(firstMs / 60_000)}:${String(Math.floor(firstMs / 1000) % 60).padStart(2, '0')}`;
    expect(last!.out).toContain(`Drill time ${clock} — target 5:00, new best\n`);
    expect(last!.out).toContain('`restart` runs it again');
    // The "lesson complete" line comes first, the time right after it.
    expect(last!.out.indexOf('★ lesson complete!')).toBeLessThan(last!.out.indexOf('Drill time'));

    // printReport renders the same figures on its own (e.g. for `check`), coloured on a TTY.
    const tty = captureIO(true);
    printReport(b.sys.runtime.report()!, tty, { quiet: true });
    expect(tty.out.join('')).toContain(`Drill time ${clock} — target 5:00, new best`);
    expect(tty.out.join('')).toContain('\x1b[2m`restart` runs it again');

    const list = await b.type('lessons');
    expect(list.out).toMatch(new RegExp(`✔ ${DRILL} .*best ${clock}`));
    // After completion, more commands do not start a new run.
    await b.type('echo still here');
    expect(b.drill()?.runStartedAt).toBeUndefined();

    // restart: every step pending, the grading history gone, best time kept, clock waits.
    const restarted = await b.type('restart', 2_000_000);
    expect(restarted.status).toBe(0);
    expect(restarted.out).toContain('Restarted Quick Reference drill: every step is pending again');
    expect(restarted.out).toContain(`Timed drill: the clock starts at your next command. Target 5:00 · best ${clock} · last ${clock}.\n`);
    expect(restarted.out).not.toContain('the clock starts at your first command');
    const p = b.sys.store.getState().progress.lessons[DRILL]!;
    expect(p.steps).toEqual({});
    expect(p.completedAt).toBeUndefined();
    expect(b.drill()).toEqual({ runs: 1, lastMs: firstMs, bestMs: firstMs });
    expect(b.sys.runtime.currentStep()?.id).toBe('two-runtimes');
    // The hello runs typed before the restart no longer count for step 1.
    const check = await b.type('check');
    expect(check.status).toBe(1);
    expect(b.sys.runtime.currentStep()?.id).toBe('two-runtimes');

    // Second run: faster, but with a hint, so it is counted and not a best.
    expect((await b.type('hint')).out).toContain('Hint 1/');
    const start2 = 2_100_000;
    at = start2;
    for (const line of lines) {
      last = await b.type(line, at);
      at += 5_000;
    }
    const secondMs = at - 5_000 + RUN_MS - start2;
    expect(secondMs).toBeLessThan(firstMs);
    expect(b.sys.runtime.report()?.run).toEqual({ ms: secondMs, clean: false, newBest: false, bestMs: firstMs, targetMs: 300_000 });
    expect(last!.out).toContain(`hints or a shown solution keep this run out of the best time (best ${clock})`);
    expect(b.drill()).toEqual({ runs: 2, lastMs: secondMs, bestMs: firstMs });
    expect((await b.type('lessons')).out).toMatch(new RegExp(`${DRILL} .*best ${clock}`));
  });

  it('a run over the target says by how much', async () => {
    const b = boot();
    await b.type(`lesson ${DRILL}`);
    const lines = solutionLines(b);
    let last: Awaited<ReturnType<typeof b.type>> | undefined;
    for (const [i, line] of lines.entries()) last = await b.type(line, 3_000_000 + i * 100_000);
    const ms = (lines.length - 1) * 100_000 + RUN_MS;
    expect(b.sys.runtime.report()?.run?.ms).toBe(ms);
    const over = ms - 300_000;
    expect(last!.out).toContain(
      `— ${Math.floor(over / 60_000)}:${String(Math.floor(over / 1000) % 60).padStart(2, '0')} over the 5:00 target, new best`,
    );
  });

  it('a timed lesson that opens with a question starts its clock at the first answer', async () => {
    const catalog = parseCatalog({
      '/lessons/01-x/01-q/lesson.md':
        '---\nid: quiz-drill\ntitle: Quiz drill\nchapter: 1\norder: 1\nobjectives: [Answer fast]\nminutes: 1\ntimed: true\n---\nAnswer.\n',
      '/lessons/01-x/01-q/steps/01-q.md': '---\ntitle: Q\nchecks:\n  - kind: quiz\n    question: Two plus two?\n    answer: "4"\n---\nAnswer it.\n',
    });
    expect(catalog.issues).toEqual([]);
    const clock = { t: 50_000 };
    const t = testShell({});
    const sys = createLessonSystem({
      fs: t.fs,
      shell: t.shell,
      registry: t.shell.registry,
      services: { machine: createMachine() },
      storage: memStorage(),
      catalog,
      now: () => clock.t,
      print: printReport,
    });
    registerLessonCommands(t.shell.registry, sys.runtime);
    sys.runtime.open('quiz-drill');
    await sys.runtime.answer('5');
    expect(sys.store.getState().progress.lessons['quiz-drill']?.drill).toEqual({ runs: 0, runStartedAt: 50_000 });
    clock.t = 125_000;
    const r = await sys.runtime.answer('4');
    expect('run' in r && r.run).toEqual({ ms: 75_000, clean: true, newBest: true, bestMs: 75_000, targetMs: 60_000 });
  });

  it('restart works on any lesson, and refuses when none is open', async () => {
    const b = boot();
    const none = await b.type('restart');
    expect(none).toMatchObject({ status: 1, err: 'restart: no lesson is open (type `lessons`)\n' });
    expect((await b.type('restart now')).status).toBe(2);
    await b.type('lesson wasmtime-dir');
    await b.type('wasmtime run modules/config-reader.wasm');
    b.fs.writeFile(`${HOME}/data/config.json`, 'broken');
    expect(b.sys.runtime.currentStep()?.id).toBe('grant-data');
    const r = await b.type('restart');
    expect(r.out).toContain('Restarted Hand a module one directory with --dir: every step is pending again; restored ~/data/config.json.');
    expect(r.out).not.toContain('clock');
    expect(b.sys.runtime.currentStep()?.id).toBe('run-without-grant');
    expect(b.fs.readText(`${HOME}/data/config.json`)).toContain('inventory');
    expect(b.sys.store.getState().progress.lessons['wasmtime-dir']?.drill).toBeUndefined();
    // `help` lists it from the registry.
    expect((await b.type('help')).out).toContain('restart');
  });
});
