/**
 * Lessons that could not be finished, or said something untrue (issue 11), played through the real
 * shell on a terminal sink, as a learner types them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { engine } from '../support/modules';
import { makeDojo, type DojoRig } from '../support/dojo';

const catalog = loadCatalog();
const DRILL = 'quick-reference-drill';

beforeAll(async () => {
  await engine.ready();
});

/** Opens `lessonId` and plays its reference solutions up to (not including) `stepId`. */
async function reach(lessonId: string, stepId: string): Promise<DojoRig> {
  const m = await makeDojo();
  const lesson = catalog.lessons.find((l) => l.id === lessonId)!;
  await m.type(`lesson ${lessonId}`);
  for (const step of lesson.steps) {
    if (step.id === stepId) break;
    for (const line of step.solution?.commands ?? []) await m.type(line);
  }
  expect(m.lessonSystem.runtime.currentStep()?.id).toBe(stepId);
  return m;
}

const stepOf = (m: DojoRig) => m.lessonSystem.runtime.currentStep()?.id;

describe('Quick Reference drill', () => {
  it.each([
    ['cd modules; wasmtime --dir /data::/data config-reader.wasm'],
    ['wasmtime --dir /data::/data modules/config-reader.wasm'],
    ['wasmtime --dir=/data/ modules/config-reader.wasm'],
    ['wasmtime run --dir /data modules/config-reader.wasm'],
    // A relative host path is the directory the command ran in, not where the line started.
    ['cd /; wasmtime --dir data::/data /home/learner/modules/config-reader.wasm'],
  ])('step 2 accepts the same grant however it is spelled: %s', async (line) => {
    const m = await reach(DRILL, 'grant-data');
    const r = await m.type(line);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('✔ step passed: grant-data');
  });

  it.each([
    ['wasmtime --dir /tmp modules/config-reader.wasm', 'does not grant the directory `/data`'],
    ['wasmtime --dir /data --dir /tmp modules/config-reader.wasm', 'it also grants `--dir /tmp`'],
    ['wasmtime --dir /:/data modules/config-reader.wasm', 'not yet'],
  ])('step 2 answers a wrong grant at once, without `check`: %s', async (line, says) => {
    const m = await reach(DRILL, 'grant-data');
    const r = await m.type(line);
    expect(stepOf(m)).toBe('grant-data');
    expect(r.stdout).toContain('✘ not yet');
    expect(r.stdout).toContain(says);
  });

  it('step 4 answers the legacy flag at once', async () => {
    const m = await reach(DRILL, 'network');
    const r = await m.type('wasmtime --tcplisten=127.0.0.1:8080 modules/hello.wasm');
    expect(r.stdout).toContain('✘ not yet');
    expect(r.stdout).toContain('current network-access option');
  });

  it('step 5 takes the real command, and refuses the wrong target', async () => {
    const m = await reach(DRILL, 'build-target');
    const wrong = await m.type('rustup target add wasm32-wasip2');
    expect(stepOf(m)).toBe('build-target');
    expect(wrong.stdout).toContain('✘ not yet');
    const old = await m.type('rustup target add wasm32-wasi');
    expect(old.status).not.toBe(0);
    expect(stepOf(m)).toBe('build-target');
    const r = await m.type('rustup target add wasm32-wasip1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('✔ step passed: build-target');
    expect(m.lessonSystem.store.getState().progress.lessons[DRILL]?.completedAt).toBeTypeOf('number');
  });

  it('claims no Kubernetes drill the Dojo does not have', () => {
    const drill = catalog.lessons.find((l) => l.id === DRILL)!;
    expect(drill.intro).not.toMatch(/Kubernetes lines[^.]*drilled in the Spin chapter/);
    expect(drill.intro).toContain('Kubernetes lines are not');
  });
});

describe('wasmtime-dir step 1 says what the trace really shows', () => {
  it('no path_open: the guest found no preopen (fd_prestat_get → EBADF)', async () => {
    const m = await reach('wasmtime-dir', 'run-without-grant');
    await m.type('wasmtime run modules/config-reader.wasm');
    const trace = (await m.type('dojo trace')).stdout;
    expect(trace).toContain('fd_prestat_get(fd=3) = -1 EBADF');
    expect(trace).not.toContain('path_open');
    const body = catalog.lessons.find((l) => l.id === 'wasmtime-dir')!.steps[0]!.body;
    expect(body).toContain('`fd_prestat_get` on fd 3');
    expect(body).toContain('`EBADF`');
    expect(body).toContain('no `path_open` at all');
  });

  it('and a run with some other --dir is not the "nothing granted" run', async () => {
    const m = await reach('wasmtime-dir', 'run-without-grant');
    const r = await m.type('wasmtime run --dir /tmp modules/config-reader.wasm');
    expect(r.status).not.toBe(0);
    expect(stepOf(m)).toBe('run-without-grant');
    expect(r.stdout).toContain('asks for no grants at all');
  });
});

describe('nothing-by-default step 1 ("no flags")', () => {
  it('does not pass with a --dir', async () => {
    const m = await reach('nothing-by-default', 'needs-nothing');
    const r = await m.type('wasmtime --dir /data modules/hello.wasm');
    expect(r.status).toBe(0);
    expect(stepOf(m)).toBe('needs-nothing');
    expect(r.stdout).toContain('this step asks for no grants at all, and it grants `--dir /data`');
    expect((await m.type('wasmtime modules/hello.wasm')).stdout).toContain('✔ step passed: needs-nothing');
  });
});
