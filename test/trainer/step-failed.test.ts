/** The lessons runtime's step-failed event, which mistake cards are built from. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StepFailedEvent } from '../../src/lessons/runtime';
import { engine } from '../support/modules';
import { makeDojo } from '../support/dojo';

beforeAll(async () => {
  await engine.ready();
});

describe('onStepFailed', () => {
  it('fires for a graded line that fails the step it touches, and for `check`; not for unrelated lines', async () => {
    const d = await makeDojo({ tty: false });
    const events: StepFailedEvent[] = [];
    d.lessonSystem.runtime.onStepFailed((e) => events.push(e));
    await d.type('lesson least-privilege-dir');
    await d.type('echo unrelated');
    expect(events).toEqual([]);
    const broad = 'wasmtime run --dir site::/ modules/config-reader.wasm';
    await d.type(broad);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ lessonId: 'least-privilege-dir', stepId: 'narrow-it', command: broad, result: { status: 'fail' } });
    expect(events[0]!.result.checks.some((c) => c.findings?.some((f) => f.kind === 'too-broad' || f.kind === 'unnecessary'))).toBe(true);
    await d.type('check');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ stepId: 'narrow-it', command: broad });
  });

  it('a listener that throws does not break grading', async () => {
    const d = await makeDojo({ tty: false });
    d.lessonSystem.runtime.onStepFailed(() => {
      throw new Error('boom');
    });
    await d.type('lesson least-privilege-dir');
    const r = await d.type('wasmtime run --dir site::/ modules/config-reader.wasm');
    expect(r.status).toBe(0);
    expect(d.lessonSystem.store.getState().progress.lessons['least-privilege-dir']?.steps['the-shortcut']?.status).toBe('passed');
  });
});
