/**
 * The lesson commands arrive with the lessons chunk, after the first prompt. A lesson command typed
 * before that waits for it, as a lazy command waits for its code, instead of "command not found".
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';

describe('a lesson command typed before the lessons have loaded', () => {
  it('waits for them and runs', async () => {
    let start!: () => void;
    const lessonsStart = new Promise<void>((r) => (start = r));
    const d = await makeDojo({ lessons: false, modules: false, lessonsStart, tty: false });
    const typed = d.type('lesson run-with-wasmtime');
    // Still waiting: the chunk has not been asked for yet.
    await new Promise((r) => setTimeout(r, 50));
    start();
    const r = await typed;
    expect(r.stderr).not.toContain('command not found');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('run-with-wasmtime');
  });

  it('leaves other commands alone', async () => {
    const d = await makeDojo({ lessons: false, modules: false, lessonsStart: new Promise<void>(() => undefined), tty: false });
    expect((await d.type('echo hi')).stdout).toBe('hi\n');
  });

  it('on a lesson link, opens that lesson first and grades the lines typed before it', async () => {
    let start!: () => void;
    const lessonsStart = new Promise<void>((r) => (start = r));
    const d = await makeDojo({ lessons: false, modules: false, lessonsStart, tty: false, lessonLink: '#/lesson/runtimes-and-maintainers' });
    // Typed the moment the prompt shows, before the lessons chunk has been asked for: it waits.
    const first = d.type('wasmtime --version');
    await new Promise((r) => setTimeout(r, 50));
    start();
    const lessons = await d.lessonsReady;
    expect((await first).stdout).toMatch(/^wasmtime \d/);
    // The step needs both lines: only passes if the early one was graded too.
    const r = await d.type('wasmedge --version');
    expect(r.out).toContain('✔ step passed: versions');
    expect(lessons.store.getState().progress.currentLessonId).toBe('runtimes-and-maintainers');
  });
});
