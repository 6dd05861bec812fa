/**
 * Asking a lesson command for help changes nothing: `reset --help` used to restore the lesson's
 * files over the learner's edits. Every lesson command, with --help or -h, prints its usage, exits 0
 * and leaves files, progress and the undo stack as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLessonCommands } from '../../src/commands/lesson';
import { engine } from '../support/modules';
import { makeDojo } from '../support/dojo';

const HOME = '/home/learner';

beforeAll(async () => {
  await engine.ready();
});

const names = createLessonCommands({} as never).map((d) => d.name);

describe('lesson commands honour --help / -h by printing help only', () => {
  it('covers every lesson command, each a lesson control', async () => {
    const m = await makeDojo();
    expect(names.sort()).toEqual(['answer', 'check', 'hint', 'lesson', 'lessons', 'reset', 'restart', 'sandbox', 'show', 'undo']);
    for (const n of names) expect(m.registry.get(n)?.control, n).toBe(true);
  });

  for (const name of names) {
    for (const flag of ['--help', '-h']) {
      it(`${name} ${flag}`, async () => {
        const m = await makeDojo();
        await m.type('lesson least-privilege-dir');
        const config = `${HOME}/site/data/config.json`;
        await m.type(`echo edited > ${config}`);
        await m.type('wasmtime run --dir site::/ modules/config-reader.wasm');
        const files = JSON.stringify(m.fs.clone().readText(config));
        const progress = JSON.stringify(m.lessonSystem.store.getState().progress);
        const canUndo = m.lessonSystem.runtime.canUndo();
        const r = await m.type(`${name} ${flag}`);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: ${name}\\b`));
        expect(r.stderr).toBe('');
        expect(JSON.stringify(m.fs.readText(config))).toBe(files);
        expect(m.fs.readText(config)).toBe('edited\n');
        expect(JSON.stringify(m.lessonSystem.store.getState().progress)).toBe(progress);
        expect(m.lessonSystem.runtime.canUndo()).toBe(canUndo);
      });
    }
  }
});
