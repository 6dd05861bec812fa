/**
 * The lesson hooks read what the shell ran (its exec events): a line is a lesson control when
 * everything it ran was a `control` command, however it was written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { captureIO, testShell } from '../../test/support/shell';
import { createLessonSystem } from './setup';
import { withLessonHooks } from './shell-hooks';
import { LessonRuntime } from './runtime';
import { createMachine } from '../machine/services';
import { registerLessonCommands } from '../commands/lesson';

const HOME = '/home/learner';

function memStorage(): StateStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

function boot() {
  const services = { machine: createMachine() };
  const t = testShell({ services });
  const sys = createLessonSystem({ fs: t.fs, shell: t.shell, registry: t.shell.registry, services, storage: memStorage() });
  registerLessonCommands(t.shell.registry, sys.runtime);
  const hooked = withLessonHooks(t.shell, sys.runtime);
  async function type(line: string) {
    const io = { ...captureIO(false), prompt: async () => 'y' };
    const status = await hooked.execute(line, io, new AbortController().signal);
    return { status, out: io.out.join(''), err: io.err.join('') };
  }
  return { ...t, sys, type };
}

describe('lesson controls are known by what ran', () => {
  it('the shell parser settles plain control words before the line runs', () => {
    const { shell } = boot();
    expect(LessonRuntime.isLessonCommand('hint', shell.registry)).toBe(true);
    expect(LessonRuntime.isLessonCommand('check; hint && lessons', shell.registry)).toBe(true);
    expect(LessonRuntime.isLessonCommand('hint 2>/tmp/x | check', shell.registry)).toBe(true);
    expect(LessonRuntime.isLessonCommand('hint; rm x', shell.registry)).toBe(false);
    expect(LessonRuntime.isLessonCommand('$C', shell.registry)).toBe(false);
    expect(LessonRuntime.isLessonCommand('hint "', shell.registry)).toBe(false);
    expect(LessonRuntime.isLessonCommand('hint', undefined)).toBe(false);
  });

  it('its shortcut for a plain first word agrees with the parser on any line', () => {
    const { shell } = boot();
    const token = fc.constantFrom(
      'hint',
      'check',
      'lessons',
      'echo',
      'wasmtime',
      'rm',
      'if',
      'then',
      'fi',
      'for',
      'do',
      'done',
      'time',
      'in',
      '!',
      '{',
      '}',
      'X=1',
      ';',
      '&&',
      '||',
      '|',
      '&',
      '(',
      ')',
      '>',
      '2>/dev/null',
      "'hint'",
      '"',
      '$C',
      '\n',
      '#',
      'a.wasm',
      'f()',
      'hint;',
      'check&',
    );
    const sep = fc.constantFrom('', ' ', '  ', '\t');
    const line = fc.array(fc.tuple(sep, token), { maxLength: 6 }).map((parts) => parts.map(([s, t]) => s + t).join(''));
    fc.assert(
      fc.property(line, (l) => {
        expect(LessonRuntime.isLessonCommand(l, shell.registry)).toBe(LessonRuntime.parsedAsLessonCommand(l, shell.registry));
      }),
      { numRuns: 3000 },
    );
  });

  it('a control the parser could not see (a quoted word) is still not undoable: the events say what ran', async () => {
    const b = boot();
    await b.type('lesson wasmtime-dir');
    await b.type('echo broken > data/config.json');
    // `'reset'` is `reset` once quotes are removed: it writes the seed files back, as a control.
    const r = await b.type("'reset'");
    expect(r.out).toContain('Restored ~/data/config.json');
    const undo = await b.type('undo');
    expect(undo.out).toContain('Undid `echo broken > data/config.json`');
    expect(b.fs.readText(`${HOME}/data/config.json`)).toContain('inventory');
  });
});
