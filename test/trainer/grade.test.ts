import { describe, expect, it } from 'vitest';
import { readRuntimeCommand } from '../../src/app/trainer-readers';
import { gradeChoice, gradeCommand, gradeOpen, gradeOrder, gradeSpotBug } from '../../src/trainer/grade';
import type { ChoiceQuestion, CommandExpectation, OpenQuestion, OrderQuestion, SpotBugQuestion } from '../../src/trainer/types';
import { diskBank } from '../support/trainer';

const base = { id: 'x', topic: 't', level: 'L1' as const, lesson: 'l', source: 's', prompt: 'p', explanation: 'e', file: 'f' };
const need = (e: Partial<CommandExpectation>): CommandExpectation => ({
  tools: ['wasmtime'],
  module: 'app.wasm',
  dirs: [],
  env: [],
  network: false,
  args: [],
  ...e,
});
const dataTask = need({ dirs: [{ host: '/data', guest: '/data' }] });
const g = (line: string, e = dataTask) => gradeCommand(e, line, readRuntimeCommand);

describe('fill in the command, read by the terminal’s own parsers', () => {
  it('accepts every spelling wasmtime accepts for the same grant', () => {
    for (const line of [
      'wasmtime --dir=/data app.wasm',
      'wasmtime run --dir /data app.wasm',
      'wasmtime --dir /data::/data app.wasm',
      'wasmtime run --dir=/data::/data app.wasm',
      'wasmtime --dir /data/ app.wasm',
      "wasmtime --dir '/data' app.wasm",
    ])
      expect(g(line), line).toEqual({ correct: true, score: 1, findings: [] });
  });

  it('refuses a command that over-grants, naming the grant and why', () => {
    expect(g('wasmtime --dir / app.wasm')).toMatchObject({
      correct: false,
      findings: ['Over-grant: `--dir /` opens /, more than the /data the module needs'],
    });
    expect(g('wasmtime --dir /data --dir /tmp app.wasm').findings).toEqual(['Over-grant: `--dir /tmp` opens /tmp, which the module does not need']);
    expect(g('wasmtime --dir /data --env TOKEN=x app.wasm').findings).toEqual([
      'Over-grant: `--env TOKEN=x` passes TOKEN, which the module does not need',
    ]);
    expect(g('wasmtime -S inherit-env --dir /data app.wasm').findings).toEqual([
      'Over-grant: `-S inherit-env` hands the module every variable of the shell',
    ]);
    expect(g('wasmtime -S inherit-network --dir /data app.wasm').findings).toEqual([
      'Over-grant: `-S inherit-network` opens the network, which the task does not need',
    ]);
  });

  it('says what is missing, mis-mapped or refused by the parser', () => {
    expect(g('wasmtime app.wasm').findings).toEqual(['Missing: the module needs /data']);
    expect(g('wasmtime --dir /data::/srv app.wasm').findings).toEqual(['`--dir /data::/srv` shows /data to the module as /srv; it opens /data']);
    // Flags after the module are the guest's own arguments: no grant happened.
    expect(g('wasmtime app.wasm --dir /data').findings).toEqual(['Missing: the module needs /data']);
    const legacy = g('wasmtime --mapdir /data::/data app.wasm');
    expect(legacy.correct).toBe(false);
    expect(legacy.findings[0]).toMatch(/^wasmtime refuses this line: error: unexpected argument '--mapdir' found/);
    expect(g('wasmtime --dir /data other.wasm').findings).toEqual(['Runs other.wasm; the task is about app.wasm']);
    expect(g('ls /data').findings).toEqual(['This task is for wasmtime; the line runs `ls`']);
    expect(g('wasmtime --dir /data app.wasm | cat').findings[0]).toMatch(/^Not one command/);
  });

  it('reads WasmEdge’s GUEST:HOST order with its own parser', () => {
    const task = need({ tools: ['wasmedge'], dirs: [{ host: '/srv/data', guest: '/data' }] });
    expect(g('wasmedge --dir /data:/srv/data app.wasm', task).correct).toBe(true);
    expect(g('wasmedge --dir=/data:/srv/data app.wasm', task).correct).toBe(true);
    // The wasmtime order, typed into wasmedge, maps the wrong way round.
    expect(g('wasmedge --dir /srv/data:/data app.wasm', task).correct).toBe(false);
    expect(g('wasmedge --bogus app.wasm', task).findings).toEqual(['wasmedge refuses this line: unknown option: bogus']);
  });

  it('checks variables, forwarded or set, and the guest’s arguments', () => {
    const task = need({ module: 'modules/env-reader.wasm', env: ['REGION'], args: ['REGION'] });
    expect(g('wasmtime run --env REGION modules/env-reader.wasm REGION', task).correct).toBe(true);
    expect(g('wasmtime run --env REGION=eu modules/env-reader.wasm REGION', task).correct).toBe(true);
    expect(g('wasmtime run modules/env-reader.wasm REGION', task).findings).toEqual(['Missing: the variable REGION']);
    const set = need({ env: ['KEY=VALUE'] });
    expect(g('wasmtime --env KEY=other app.wasm', set).findings).toEqual(['`--env KEY=other`: the task asks for KEY=VALUE']);
  });
});

describe('the other kinds', () => {
  const single: ChoiceQuestion = { ...base, kind: 'single', options: ['a', 'b', 'c'], answer: [1] };
  const multi: ChoiceQuestion = { ...base, kind: 'multiple', options: ['a', 'b', 'c'], answer: [0, 2] };
  it('single and multiple choice: exactly the right set', () => {
    expect(gradeChoice(single, [1]).correct).toBe(true);
    expect(gradeChoice(single, [0])).toEqual({ correct: false, score: 0, findings: ['Not right: a', 'The answer: b'] });
    expect(gradeChoice(multi, [2, 0]).correct).toBe(true);
    expect(gradeChoice(multi, [0]).findings).toEqual(['Also right: c']);
    expect(gradeChoice(multi, [0, 1, 2]).correct).toBe(false);
  });
  it('order-the-steps: the right order only, naming the first wrong step', () => {
    const q: OrderQuestion = { ...base, kind: 'order', steps: ['one', 'two', 'three'] };
    expect(gradeOrder(q, [0, 1, 2]).correct).toBe(true);
    expect(gradeOrder(q, [0, 2, 1])).toEqual({ correct: false, score: 0, findings: ['Step 2 should be: two'] });
    expect(gradeOrder(q, [0, 1]).correct).toBe(false);
  });
  it('open questions: the ticked weight is the score; the pass mark is 60 %', () => {
    const q: OpenQuestion = {
      ...base,
      kind: 'open',
      model: 'm',
      rubric: [
        { point: 'a', weight: 3 },
        { point: 'b', weight: 1 },
        { point: 'c', weight: 1 },
      ],
    };
    expect(gradeOpen(q, [0])).toEqual({ correct: true, score: 0.6, findings: ['Missed: b', 'Missed: c'] });
    expect(gradeOpen(q, [1, 2])).toMatchObject({ correct: false, score: 0.4 });
    expect(gradeOpen(q, [0, 1, 2, 7]).score).toBe(1);
  });
  it('spot-the-bug: the line the spin.toml validator reports, or the field', () => {
    const q = diskBank().bank.questions.find((x) => x.id === 'sp-bug-component-ref') as SpotBugQuestion;
    expect(gradeSpotBug(q, 'line 8').correct).toBe(true);
    expect(gradeSpotBug(q, '8').correct).toBe(true);
    expect(gradeSpotBug(q, 'the component field of the trigger').correct).toBe(true);
    const wrong = gradeSpotBug(q, 'line 3');
    expect(wrong.correct).toBe(false);
    expect(wrong.findings).toEqual(['Line 3 is fine; the bug is on line 8 (component)', expect.stringContaining('missing component "carts"')]);
    expect(gradeSpotBug(q, '').correct).toBe(false);
  });
});

describe('display order', () => {
  it('shuffles options per question, so the right one is not always where the author put it', async () => {
    const { displayOrder } = await import('../../src/trainer/display');
    const { parseReply } = await import('../../src/commands/trainer/present');
    const choice = diskBank().bank.questions.filter((q): q is ChoiceQuestion => q.kind === 'single');
    const firstShown = choice.filter((q) => displayOrder(q)[0] === q.answer[0]).length;
    expect(firstShown / choice.length).toBeLessThan(0.5);
    for (const q of choice) {
      // The position the learner sees maps back to the bank's own index before grading.
      const at = displayOrder(q).indexOf(q.answer[0]!) + 1;
      expect(gradeChoice(q, (parseReply(q, String(at)) as { picked: number[] }).picked).correct, q.id).toBe(true);
    }
    for (const q of diskBank().bank.questions) if (q.kind === 'order') expect(displayOrder(q), q.id).not.toEqual(q.steps.map((_, i) => i));
  });
});
