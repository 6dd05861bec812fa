/**
 * The trainer through the product's own wiring (createDojo via makeDojo): the commands typed into
 * the terminal's shell, the lesson engine grading the hands-on parts, the real modules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../support/modules';
import { makeDojo, TEST_NOW } from '../support/dojo';
import { memStorage } from '../support/storage';
import { repliesFor, rightReply, solveLesson } from '../support/trainer';
import { parseCast, outputUntil } from '../../src/trainer/asciicast';
import { TRAINER_STORAGE_KEY } from '../../src/trainer/store';
import { strip } from '../../src/lib/ansi';
import { displayOrder } from '../../src/trainer/display';

beforeAll(async () => {
  await engine.ready();
});

async function rig(opts: Parameters<typeof makeDojo>[0] = {}) {
  const d = await makeDojo({ tty: false, ...opts });
  const sys = await d.trainerReady;
  return { d, ...sys };
}

describe('practice', () => {
  it('asks due and new cards, grades the typed reply and schedules from the result', async () => {
    const { d, trainer } = await rig();
    const [first, second] = trainer.queue().map((id) => trainer.question(id)!);
    const r = await d.type('practice --count 2', { answers: [...repliesFor(first!), 'nonsense-that-is-wrong'] });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Card 1/2');
    expect(r.stdout).toContain('✓ Right');
    expect(r.stdout).toContain(`Lesson: lesson ${first!.lesson}`);
    const cards = trainer.store.getState().data.cards;
    expect(cards[first!.id]).toMatchObject({ right: 1, wrong: 0 });
    // The second reply was unreadable or wrong: re-asked, then Ctrl-C (no more answers) stops the session.
    expect(cards[second!.id]?.right ?? 0).toBe(0);
    expect(r.stdout).toMatch(/Reviewed \d: \d right/);
    // No scheduler jargon in what the learner reads.
    expect(r.stdout).not.toMatch(/stability|difficulty|retrievab|FSRS/i);
  });

  it('a wrong answer comes back within minutes; `--help` describes the command', async () => {
    const { d, trainer } = await rig();
    const q = trainer.question(trainer.queue()[0]!)!;
    // A position the learner sees whose option is not the answer.
    const wrong = q.kind === 'single' ? String(displayOrder(q).findIndex((i) => i !== q.answer[0]) + 1) : 'zzz';
    const r = await d.type('practice -n 1', { answers: q.kind === 'open' ? ['', ''] : [wrong] });
    expect(r.stdout).toMatch(/Missed — back in 1 minute|✗/);
    expect(trainer.store.getState().data.cards[q.id]!.card.due).toBeLessThanOrEqual(TEST_NOW + 10 * 60_000);
    const help = await d.type('practice --help');
    expect(help.stdout).toContain('Usage: practice [--count N] [--status] [--open]');
    expect((await d.type('practice --bogus')).status).toBe(1);
  });
});

describe('mistake cards from failed lesson checks', () => {
  it('a failed check becomes a due card with the learner’s own line, the finding and the fix', async () => {
    const { d, trainer } = await rig();
    await d.type('lesson least-privilege-dir');
    const broad = 'wasmtime run --dir site::/ modules/config-reader.wasm';
    await d.type(broad);
    const mistakes = Object.values(trainer.store.getState().data.mistakes);
    expect(mistakes).toHaveLength(1);
    expect(mistakes[0]).toMatchObject({
      lessonId: 'least-privilege-dir',
      stepId: 'narrow-it',
      command: broad,
      fixed: 'wasmtime run --dir site/data::/data modules/config-reader.wasm',
    });
    expect(mistakes[0]!.finding).toMatch(/exposes|broad/i);
    expect(trainer.queue()[0]).toBe(mistakes[0]!.id);

    // Fixed in another spelling of the same grant: read by wasmtime's parser, right.
    const r = await d.type('practice -n 1', { answers: ['wasmtime --dir=./site/data::/data modules/config-reader.wasm'] });
    expect(r.stdout).toContain(`You typed:   ${broad}`);
    expect(r.stdout).toContain('✓ Fixed');
  });

  it('repeating the broad grant in review is refused with the reason', async () => {
    const { d, trainer } = await rig();
    await d.type('lesson least-privilege-dir');
    await d.type('wasmtime run --dir site::/ modules/config-reader.wasm');
    const id = Object.keys(trainer.store.getState().data.mistakes)[0]!;
    const o = trainer.answer(
      id,
      { kind: 'mistake', line: 'wasmtime run --dir site::/data modules/config-reader.wasm' },
      { hintUsed: false, elapsedMs: 1000 },
    )!;
    expect(o.result.correct).toBe(false);
    expect(o.result.findings.join('\n')).toMatch(/site/);
  });
});

describe('a mock interview', () => {
  it('runs start to finish: questions, a hands-on task graded by the lesson engine, the score and the review', async () => {
    const { d, trainer } = await rig();
    const start = await d.type('interview --minutes 15 --level L2 --seed 3');
    expect(start.stdout).toMatch(/Mock interview: 15 minutes, level L2, \d+ items \(1 hands-on\)/);
    expect(start.status).toBe(130); // no answers given: paused at the first question
    const plan = trainer.currentMock()!.plan;
    const handsOnAt = plan.items.findIndex((i) => i.kind === 'hands-on');
    const replies = (from: number, to: number) =>
      plan.items.slice(from, to).flatMap((i) => (i.kind === 'question' ? repliesFor(trainer.question(i.id)!) : []));
    const first = await d.type('interview', { answers: replies(0, handsOnAt) });
    const task = plan.items[handsOnAt]!;
    if (task.kind !== 'hands-on') throw new Error('no hands-on task');
    expect(first.stdout).toContain(`hands-on task: ${task.drill.title}`);
    expect(d.lessonSystem.runtime.current()?.id).toBe(task.drill.lesson);

    const notYet = await d.type('interview');
    expect(notYet.stdout).toMatch(/Not finished yet: 0 of \d+ steps pass/);
    await solveLesson(d, d.lessonSystem.runtime.current()!);
    const end = await d.type('interview', { answers: replies(handsOnAt + 1, plan.items.length) });
    expect(end.stdout).toContain('✓ Hands-on task done');
    expect(end.stdout).toContain('Mock interview finished: 100 %');
    expect(end.stdout).toContain('Score per topic:');
    expect(end.stdout).toMatch(/hands-on\s+100 %/);
    expect(end.stdout).toContain('Review:');
    expect(end.stdout).toContain('Lesson: lesson ');
    const history = trainer.store.getState().data.mocks;
    expect(history).toHaveLength(1);
    expect(history[0]!.answers).toHaveLength(plan.items.length);
    expect((await d.type('interview --history')).stdout).toMatch(/15 min {2}L2 {2}100 %/);
  });

  it('wrong answers and a skipped task lower the score of their topics', async () => {
    const { d, trainer } = await rig();
    await d.type('interview --minutes 15 --level L1 --seed 5');
    const plan = trainer.currentMock()!.plan;
    const handsOnAt = plan.items.findIndex((i) => i.kind === 'hands-on');
    await d.type('interview', {
      answers: plan.items
        .slice(0, handsOnAt)
        .flatMap((i) => (i.kind === 'question' ? (trainer.question(i.id)!.kind === 'open' ? ['', ''] : ['zzz', 'q']) : [])),
    });
    await d.type('interview --stop');
    const r = trainer.store.getState().data.mocks[0]!;
    expect(r.score).toBeLessThan(100);
    expect(r.answers.some((a) => a.skipped)).toBe(true);
  });

  it('refuses lengths and levels it does not offer', async () => {
    const { d } = await rig();
    expect((await d.type('interview --minutes 20')).stderr).toBe('interview: --minutes must be 15, 30 or 45 (got 20)\n');
    expect((await d.type('interview --level L9')).stderr).toBe('interview: --level must be L1, L2 or L3 (got L9)\n');
  });
});

describe('hands-on drills against the clock', () => {
  it('times a drill from `drill NAME` to the lesson’s completion and keeps the personal best', async () => {
    let now = TEST_NOW;
    const { d, trainer } = await rig({ clock: () => now });
    const list = await d.type('drill');
    expect(list.stdout).toContain('narrow-dir');
    await d.type('drill narrow-dir');
    now += 95_000;
    const lesson = d.lessonSystem.runtime.current()!;
    let said = '';
    for (const step of lesson.steps) {
      for (const line of step.solution?.commands ?? []) said += (await d.type(line)).stdout;
    }
    said += (await d.type('answer B')).stdout;
    expect(said).toContain('Drill narrow-dir done in 1:35: within the 4:00 target, a new personal best.');
    expect(trainer.store.getState().data.drills['narrow-dir']).toMatchObject({ runs: 1, bestMs: 95_000 });
    expect((await d.type('drill nope')).stderr).toBe('drill: no drill named "nope" (type `drill` for the list)\n');
  });

  it('carries the Quick Reference drill’s times over from the lesson progress on first load', async () => {
    const storage = memStorage();
    storage.setItem(
      'wasm-dojo:lesson-progress',
      JSON.stringify({
        state: {
          progress: {
            currentLessonId: null,
            sandbox: false,
            lessons: {
              'quick-reference-drill': {
                startedAt: 1,
                lastActiveAt: 1,
                timeSpentMs: 0,
                commands: 0,
                steps: {},
                drill: { runs: 2, bestMs: 120_000, lastMs: 150_000 },
              },
            },
          },
        },
        version: 2,
      }),
    );
    const { trainer } = await rig({ storage });
    expect(trainer.store.getState().data.drills['quick-reference']).toEqual({ runs: 2, bestMs: 120_000, lastMs: 150_000 });
  });
});

describe('persistence', () => {
  it('keeps the deck across reloads, sets a damaged copy aside, and `dojo reset` clears it', async () => {
    const storage = memStorage();
    const a = await rig({ storage });
    await a.d.type('practice -n 1', { answers: repliesFor(a.trainer.question(a.trainer.queue()[0]!)!) });
    const b = await rig({ storage });
    expect(Object.keys(b.trainer.store.getState().data.cards)).toHaveLength(1);

    storage.setItem(TRAINER_STORAGE_KEY, '{"format":"wasm-dojo-trainer","version":1,"data":{"cards":7}}');
    const c = await rig({ storage });
    expect(c.trainer.store.getState().data.cards).toEqual({});
    expect(c.trainer.store.getState().setAsideMessage).toMatch(/practice deck/);
    expect([...storage.map.keys()].some((k) => k.startsWith(`${TRAINER_STORAGE_KEY}:broken:`))).toBe(true);

    await c.d.type('practice -n 1', { answers: [rightReply(c.trainer.question(c.trainer.queue()[0]!)!)] });
    await c.d.type('dojo reset', { answers: ['y'] });
    expect(c.trainer.store.getState().data.cards).toEqual({});
  });
});

describe('a mock interview survives a reload', () => {
  it('goes on where it was, the clock still running from its start', async () => {
    const storage = memStorage();
    const a = await rig({ storage });
    await a.d.type('interview --minutes 15 --seed 3');
    const plan = a.trainer.currentMock()!.plan;
    const first = plan.items[0]!;
    if (first.kind !== 'question') throw new Error('the plan starts with a task');
    await a.d.type('interview', { answers: repliesFor(a.trainer.question(first.id)!) });
    const b = await rig({ storage });
    const s = b.trainer.currentMock()!;
    expect(s.plan).toEqual(plan);
    expect(s.index).toBe(1);
    expect(s.answers[0]).toMatchObject({ questionId: first.id, correct: true });
    const r = await b.d.type('interview');
    expect(r.stdout).toContain(`[15:00 left] 2/${plan.items.length}`);
    // A damaged session in storage is refused like any damaged deck: kept aside, not trusted.
    const saved = JSON.parse(storage.getItem(TRAINER_STORAGE_KEY) as string);
    saved.data.activeMock.plan.items = 'x';
    storage.setItem(TRAINER_STORAGE_KEY, JSON.stringify(saved));
    const c = await rig({ storage });
    expect(c.trainer.currentMock()).toBeUndefined();
    expect(c.trainer.store.getState().setAsideMessage).toMatch(/practice deck/);
  });
});

describe('record and replay', () => {
  it('records what the terminal shows, with markers, and `record play` shows the same text', async () => {
    const { d } = await rig();
    d.fs.mkdir('/home/learner/data', { recursive: true });
    d.fs.writeFile('/home/learner/data/config.json', '{"name": "demo"}');
    expect((await d.type('record start --title demo')).status).toBe(0);
    await d.type('echo hello from the dojo');
    await d.type('wasmtime run --dir data::/data modules/config-reader.wasm');
    const stop = await d.type('record stop ~/demo.cast');
    expect(stop.stdout).toMatch(/^Saved \/home\/learner\/demo.cast/);
    const parsed = parseCast(d.fs.readText('/home/learner/demo.cast'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const marks = parsed.cast.events.filter((e) => e[1] === 'm').map((e) => e[2]);
    expect(marks).toContain('$ echo hello from the dojo');
    expect(marks.some((m) => /^path_open \/data\/config.json → ESUCCESS/.test(m))).toBe(true);
    const screen = strip(outputUntil(parsed.cast, Infinity));
    expect(screen).toContain('echo hello from the dojo\r\nhello from the dojo\r\n');
    expect(screen).toContain('Config:');
    const play = await d.type('record play ~/demo.cast --speed 100');
    expect(play.stdout.replace(/\r/g, '')).toContain('hello from the dojo\n');
    expect(play.stdout).toContain('Config:');
    expect((await d.type('record play ~/nope.cast')).stderr).toBe('record: /home/learner/nope.cast: No such file or directory\n');
    d.fs.writeFile('/home/learner/bad.cast', 'not a cast');
    expect((await d.type('record play ~/bad.cast')).stderr).toMatch(/not a recording the Dojo can play: the first line is not an asciicast header/);
  });
});
