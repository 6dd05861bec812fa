/**
 * The trainer's terminal vocabulary: `practice` (the due review), `interview` (a mock interview),
 * `drill` (hands-on drills against the clock) and `record` (asciicast recordings). Thin over the
 * trainer engine: each asks its questions with ctx.prompt, so they work by keyboard in the
 * terminal and from tests with answers given; Ctrl-C (a null answer) stops where it is.
 */
import { paint, SGR } from '../../lib/ansi';
import { formatClock } from '../../lessons/drill';
import type { CommandContext, CommandDefinition, CommandRegistry } from '../../shell/types';
import { getopt } from '../cli/getopt';
import { toFlagSpecs, type CommandSpec, type Parsed } from '../cli/spec';
import { parseCast, duration, MAX_CAST_BYTES } from '../../trainer/asciicast';
import { streak, type MockResult } from '../../trainer/deck';
import { MOCK_LENGTHS, timeLeftMs, topicScores } from '../../trainer/mock';
import type { Recorder } from '../../trainer/recorder';
import type { Trainer } from '../../trainer/trainer';
import { LEVELS, type Answer, type Level, type Question } from '../../trainer/types';
import { askFor, cardLines, describeReply, inline, mistakeLines, parseReply, verdictLines } from './present';

export interface TrainerCommandOptions {
  /** Opens the Practice tab (the browser); absent in Node. */
  openPanel?(): void;
  /** Plays a recording in the Practice tab's player; absent in Node. */
  openPlayer?(castText: string, name: string): void;
  /** The terminal's size for a new recording. */
  size?(): { cols: number; rows: number };
}

const out = (ctx: CommandContext, lines: string | string[]) => ctx.stdout.write((Array.isArray(lines) ? lines : [lines]).join('\n') + '\n');
const tty = (ctx: CommandContext) => ctx.stdout.isTTY === true;

function def(spec: CommandSpec, usage: string, run: (ctx: CommandContext, p: Parsed) => Promise<number> | number): CommandDefinition {
  const d: CommandDefinition = {
    name: spec.name,
    summary: spec.about,
    usage,
    flags: toFlagSpecs(spec),
    async run(ctx) {
      const parsed = getopt(ctx, d, spec);
      if (typeof parsed === 'number') return parsed;
      return run(ctx, parsed);
    },
  };
  return d;
}

/** Asks one card; returns the answer, 'quit' (q or Ctrl-C) and whether the hint was taken. */
async function ask(ctx: CommandContext, q: Question, opts: { hints: boolean }): Promise<{ answer: Answer; hintUsed: boolean } | 'quit'> {
  const t = tty(ctx);
  out(ctx, cardLines(q, t));
  let hintUsed = false;
  if (q.kind === 'open') {
    out(ctx, paint(SGR.dim, 'Think your answer through (say it aloud) first.', t));
    const go = await ctx.prompt('Enter shows the model answer> ');
    if (go === null || go.trim() === 'q') return 'quit';
    out(ctx, [
      'Model answer:',
      ...q.model
        .trim()
        .split('\n')
        .map((l) => `  ${inline(l, t)}`),
      'Tick the points your answer covered:',
    ]);
    q.rubric.forEach((r, i) => out(ctx, `  ${i + 1}) ${inline(r.point, t)} ${paint(SGR.dim, `(weight ${r.weight})`, t)}`));
  }
  for (;;) {
    const reply = await ctx.prompt(
      q.kind === 'command' ? '$ ' : `${askFor(q)}${opts.hints && q.hint && !hintUsed ? ' · h for a hint' : ''} · q to stop> `,
    );
    if (reply === null) return 'quit';
    const r = reply.trim();
    if (r === 'q') return 'quit';
    if ((r === 'h' || r === '?') && opts.hints && q.hint) {
      hintUsed = true;
      out(ctx, paint(SGR.dim, `Hint: ${q.hint}`, t));
      continue;
    }
    const a = parseReply(q, reply);
    if ('error' in a) {
      out(ctx, paint(SGR.yellow, a.error, t));
      continue;
    }
    return { answer: a, hintUsed };
  }
}

// ---- practice ---------------------------------------------------------------------------------

const PRACTICE: CommandSpec = {
  name: 'practice',
  about: 'Review the questions due now (spaced repetition), new ones up to the daily allowance',
  flags: [
    { long: 'count', short: 'n', value: 'N', help: 'review at most N cards (default 10)' },
    { long: 'status', help: 'show what is due, the streak and mastery per topic, and stop' },
    { long: 'open', help: 'open the Practice tab' },
  ],
};

function practiceCommand(tr: Trainer, opts: TrainerCommandOptions): CommandDefinition {
  return def(PRACTICE, 'practice [--count N] [--status] [--open]', async (ctx, p) => {
    const t = tty(ctx);
    if (p.has('open')) {
      if (!opts.openPanel) return (out(ctx, 'practice: there is no Practice tab here (the terminal-only Dojo)'), 1);
      opts.openPanel();
      return 0;
    }
    const now = tr.clock();
    const data = tr.store.getState().data;
    if (p.has('status')) {
      out(ctx, [`Due now: ${tr.dueCount()} · new today: ${Math.max(0, tr.queue().length - tr.dueCount())} · streak: ${streak(data, now)} day(s)`]);
      return 0;
    }
    const limit = Number(p.value('count') ?? 10);
    if (!Number.isInteger(limit) || limit < 1) return (ctx.stderr.write(`practice: --count must be a whole number above 0\n`), 1);
    const queue = tr.queue().slice(0, limit);
    if (queue.length === 0) {
      out(ctx, 'Nothing is due. New questions come tomorrow; `interview` runs a mock interview meanwhile.');
      return 0;
    }
    out(ctx, paint(SGR.bold, `Practice: ${queue.length} card(s). Answer by number; Ctrl-C or q stops (what you answered is kept).`, t));
    let right = 0;
    let done = 0;
    for (const [i, id] of queue.entries()) {
      const view = tr.view(id);
      if (!view) continue;
      out(ctx, '');
      const shownAt = tr.clock();
      if (view.kind === 'mistake') {
        out(ctx, paint(SGR.dim, `Card ${i + 1}/${queue.length} · your mistake`, t));
        out(ctx, mistakeLines(view.mistake, t));
        const reply = await ctx.prompt('$ ');
        if (reply === null) break;
        const o = tr.answer(id, { kind: 'mistake', line: reply }, { hintUsed: false, elapsedMs: tr.clock() - shownAt })!;
        done++;
        if (o.result.correct) right++;
        out(ctx, [
          o.result.correct ? paint(SGR.green, '✓ Fixed', t) : paint(SGR.red, '✗ Not yet', t),
          ...o.result.findings.map((f) => `  ${inline(f, t)}`),
          `  The fix: ${view.mistake.fixed.split('\n').join(' ; ')}`,
          paint(SGR.dim, `  ${o.verdict}`, t),
        ]);
        continue;
      }
      const q = view.question;
      out(ctx, paint(SGR.dim, `Card ${i + 1}/${queue.length} · ${q.topic} · ${q.level}`, t));
      const got = await ask(ctx, q, { hints: true });
      if (got === 'quit') break;
      const o = tr.answer(id, got.answer, { hintUsed: got.hintUsed, elapsedMs: tr.clock() - shownAt })!;
      done++;
      if (o.result.correct) right++;
      out(ctx, [...verdictLines(q, o.result, t), paint(SGR.dim, `  ${o.verdict}`, t)]);
    }
    out(ctx, ['', `Reviewed ${done}: ${right} right. Due now: ${tr.dueCount()}. Streak: ${streak(tr.store.getState().data, tr.clock())} day(s).`]);
    return 0;
  });
}

// ---- interview --------------------------------------------------------------------------------

const INTERVIEW: CommandSpec = {
  name: 'interview',
  about: 'A timed mock interview: questions across topics and a hands-on task graded in the terminal',
  flags: [
    { long: 'minutes', short: 'm', value: 'N', help: 'length: 15, 30 or 45 (default 15)' },
    { long: 'level', short: 'l', value: 'L', help: 'L1, L2 or L3 (default L2): questions up to that level' },
    { long: 'skip', help: 'skip the current hands-on task' },
    { long: 'stop', help: 'end the interview now and show the score' },
    { long: 'history', help: 'list past mock interviews' },
    { long: 'seed', value: 'N', help: 'the same seed gives the same interview', hidden: true },
  ],
};

export function reportLines(r: MockResult, tr: Trainer, t: boolean): string[] {
  const lines = [paint(SGR.bold, `Mock interview finished: ${r.score} % (${r.minutes} min, ${r.level})`, t), '', 'Score per topic:'];
  for (const s of topicScores(r.answers)) lines.push(`  ${s.topic.padEnd(18)} ${String(s.score).padStart(3)} %  (${s.right}/${s.total})`);
  lines.push('', 'Review:');
  r.answers.forEach((a, i) => {
    const q = tr.question(a.questionId);
    const mark = a.skipped ? paint(SGR.dim, '–', t) : a.correct ? paint(SGR.green, '✓', t) : paint(SGR.red, '✗', t);
    lines.push(`${mark} ${i + 1}. ${inline(q ? q.prompt : a.given, t)}  ${paint(SGR.dim, formatClock(a.ms), t)}`);
    if (!a.handsOn && !a.skipped) lines.push(`     You: ${inline(a.given, t)}`);
    for (const f of a.findings) lines.push(`     ${inline(f, t)}`);
    if (q) lines.push(`     ${inline(q.explanation.trim(), t)}`, paint(SGR.dim, `     Lesson: lesson ${q.lesson}`, t));
  });
  // The review scrolls the heading away: the score again where the eye lands.
  lines.push('', paint(SGR.bold, `Mock interview score: ${r.score} %. The review is above; the Practice tab keeps it (\`practice --open\`).`, t));
  return lines;
}

function interviewCommand(tr: Trainer): CommandDefinition {
  return def(INTERVIEW, 'interview [--minutes N] [--level L] [--skip] [--stop] [--history]', async (ctx, p) => {
    const t = tty(ctx);
    if (p.has('history')) {
      const mocks = tr.store.getState().data.mocks;
      if (mocks.length === 0) return (out(ctx, 'No mock interview yet: `interview` starts one.'), 0);
      for (const m of mocks.slice(-20))
        out(
          ctx,
          `${new Date(m.finishedAt).toISOString().slice(0, 16).replace('T', ' ')}  ${String(m.minutes).padStart(2)} min  ${m.level}  ${String(m.score).padStart(3)} %`,
        );
      return 0;
    }
    let session = tr.currentMock();
    if (!session) {
      if (p.has('skip') || p.has('stop')) return (ctx.stderr.write('interview: no interview is running (type `interview` to start one)\n'), 1);
      const minutes = Number(p.value('minutes') ?? 15);
      if (!(MOCK_LENGTHS as readonly number[]).includes(minutes))
        return (ctx.stderr.write(`interview: --minutes must be 15, 30 or 45 (got ${p.value('minutes')})\n`), 1);
      const level = (p.value('level') ?? 'L2').toUpperCase() as Level;
      if (!LEVELS.includes(level)) return (ctx.stderr.write(`interview: --level must be L1, L2 or L3 (got ${p.value('level')})\n`), 1);
      const seedText = p.value('seed');
      const seed = seedText !== undefined ? Number(seedText) : undefined;
      if (seed !== undefined && !Number.isInteger(seed)) return (ctx.stderr.write('interview: --seed must be a whole number\n'), 1);
      session = tr.startMock(minutes, level, seed);
      const tasks = session.plan.items.filter((i) => i.kind === 'hands-on').length;
      out(
        ctx,
        paint(
          SGR.bold,
          `Mock interview: ${minutes} minutes, level ${level}, ${session.plan.items.length} items (${tasks} hands-on). The clock is running.`,
          t,
        ),
      );
      out(ctx, 'Answer by number or by typing; Ctrl-C pauses (type `interview` to go on); `interview --stop` ends it.');
    } else if (p.has('stop')) {
      const r = tr.finishMock()!;
      out(ctx, reportLines(r, tr, t));
      return 0;
    }
    let skip = p.has('skip');
    for (;;) {
      if (tr.mockOver()) {
        if (timeLeftMs(tr.currentMock()!, tr.clock()) <= 0) out(ctx, paint(SGR.yellow, 'Time is up.', t));
        out(ctx, ['', ...reportLines(tr.finishMock()!, tr, t)]);
        return 0;
      }
      const s = tr.currentMock()!;
      const item = tr.mockItem()!;
      const header = `[${formatClock(timeLeftMs(s, tr.clock()))} left] ${s.index + 1}/${s.plan.items.length}`;
      out(ctx, '');
      if (item.kind === 'hands-on') {
        if (skip) {
          tr.settleHandsOn(true);
          out(ctx, paint(SGR.dim, 'Hands-on task skipped.', t));
          skip = false;
          continue;
        }
        if (tr.handsOnDone()) {
          tr.settleHandsOn(false);
          out(ctx, paint(SGR.green, `✓ Hands-on task done: every check of lesson ${item.drill.lesson} passed.`, t));
          continue;
        }
        if (tr.handsOnOpen() !== s.index) {
          const r = tr.beginHandsOn();
          if (!r.ok) {
            out(ctx, paint(SGR.yellow, `The hands-on task cannot start (${r.reason}); it is skipped.`, t));
            tr.settleHandsOn(true);
            continue;
          }
          const lesson = tr.lessonTitle(item.drill.lesson);
          out(ctx, [
            paint(SGR.bold, `${header} · hands-on task: ${item.drill.title}`, t),
            `Lesson ${item.drill.lesson} is open${lesson ? ` (${lesson})` : ''}: its steps are the task, and its checks grade what you type.`,
            'Work in the terminal (`lesson` shows the step, `hint` helps but counts). Then type `interview` to go on, or `interview --skip`.',
          ]);
          return 0;
        }
        const left = tr.handsOnProgress();
        out(
          ctx,
          `Not finished yet${left ? `: ${left.passed} of ${left.total} steps pass` : ''}. Keep going (\`lesson\` shows the step), or \`interview --skip\`.`,
        );
        return 0;
      }
      const q = tr.question(item.id)!;
      out(ctx, paint(SGR.dim, `${header} · ${q.topic} · ${q.level}`, t));
      const got = await ask(ctx, q, { hints: false });
      if (got === 'quit') {
        out(ctx, 'Paused: the clock keeps running. Type `interview` to go on.');
        return 130;
      }
      const r = tr.answerMock(got.answer, describeReply(q, got.answer))!;
      out(ctx, r.correct ? paint(SGR.green, '✓', t) : paint(SGR.red, '✗ (the review at the end explains)', t));
    }
  });
}

// ---- drill ------------------------------------------------------------------------------------

const DRILL: CommandSpec = {
  name: 'drill',
  about: 'Hands-on drills against the clock, graded by the lesson engine, with personal bests',
  positionals: [{ name: 'NAME' }],
  flags: [{ long: 'stop', help: 'give up the drill in progress' }],
};

function drillCommand(tr: Trainer): CommandDefinition {
  return def(DRILL, 'drill [NAME] [--stop]', (ctx, p) => {
    const t = tty(ctx);
    if (p.has('stop')) {
      const cur = tr.currentDrill();
      if (!cur) return (ctx.stderr.write('drill: no drill is running\n'), 1);
      tr.stopDrill();
      out(ctx, `Drill ${cur.drill.id} stopped; no time recorded.`);
      return 0;
    }
    const name = p.positionals[0];
    const records = tr.store.getState().data.drills;
    if (!name) {
      out(ctx, paint(SGR.bold, 'Hands-on drills (`drill NAME` starts one):', t));
      const w = Math.max(...tr.bank.drills.map((d) => d.id.length));
      for (const d of tr.bank.drills) {
        const r = records[d.id];
        const best = r?.bestMs !== undefined ? ` · best ${formatClock(r.bestMs)}` : '';
        out(ctx, `  ${d.id.padEnd(w)}  ${d.title} ${paint(SGR.dim, `(target ${formatClock(d.minutes * 60_000)}${best})`, t)}`);
      }
      return 0;
    }
    const d = tr.drill(name);
    if (!d) return (ctx.stderr.write(`drill: no drill named "${name}" (type \`drill\` for the list)\n`), 1);
    const r = tr.startDrill(d);
    if (!r.ok) return (ctx.stderr.write(`drill: ${r.reason}\n`), 1);
    const best = records[d.id]?.bestMs;
    out(ctx, [
      paint(SGR.bold, `Drill ${d.id}: ${d.title}`, t),
      `Target ${formatClock(d.minutes * 60_000)}${best !== undefined ? ` · best ${formatClock(best)}` : ''}. The clock is running; lesson ${d.lesson}'s checks grade each command (\`lesson\` shows the step).`,
    ]);
    return 0;
  });
}

// ---- record -----------------------------------------------------------------------------------

const RECORD: CommandSpec = {
  name: 'record',
  about: 'Record the terminal as an asciicast v2 file, or play one back',
  positionals: [
    { name: 'start|stop|play|status', required: true },
    { name: 'FILE', help: 'where stop saves, what play reads' },
  ],
  flags: [
    { long: 'title', value: 'TEXT', help: 'title stored in the recording (start)' },
    { long: 'speed', value: 'X', help: 'playback speed (play; default 1)' },
    { long: 'terminal', help: 'play in this terminal instead of the Practice tab (play)' },
  ],
};

function recordCommand(rec: Recorder, opts: TrainerCommandOptions, now: () => number): CommandDefinition {
  return def(RECORD, 'record start [--title TEXT] | record stop [FILE] | record play FILE [--speed X] | record status', async (ctx, p) => {
    const [verb, file] = p.positionals;
    switch (verb) {
      case 'start': {
        const size = { cols: ctx.stdout.columns ?? opts.size?.().cols ?? 80, rows: opts.size?.().rows ?? 24 };
        if (!rec.start({ width: size.cols, height: size.rows, ...(p.value('title') ? { title: p.value('title')! } : {}) }))
          return (ctx.stderr.write('record: already recording (`record stop` saves it)\n'), 1);
        out(ctx, 'Recording (asciicast v2). Commands, their output and the capability trace are captured; `record stop` saves.');
        return 0;
      }
      case 'status':
        out(ctx, rec.recording ? 'Recording.' : 'Not recording.');
        return 0;
      case 'stop': {
        const r = rec.stop();
        if (!r) return (ctx.stderr.write('record: not recording (`record start` begins)\n'), 1);
        const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
        const path = ctx.shell.resolvePath(file ?? `~/recordings/dojo-${stamp}.cast`);
        const parent = path.slice(0, path.lastIndexOf('/')) || '/';
        try {
          if (!ctx.fs.exists(parent)) ctx.fs.mkdir(parent, { recursive: true });
          ctx.fs.writeFile(path, r.text);
        } catch (err) {
          ctx.stderr.write(`record: cannot save ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
          return 1;
        }
        out(
          ctx,
          `Saved ${path} (${formatClock(r.ms)}, ${r.events} events${r.truncated ? ', cut at the size limit' : ''}). \`record play ${file ?? path.replace(ctx.shell.home, '~')}\` replays it.`,
        );
        return 0;
      }
      case 'play': {
        if (!file) return (ctx.stderr.write('record: play needs a FILE\n'), 1);
        const path = ctx.shell.resolvePath(file);
        const st = ctx.fs.stat(path);
        if (!st) return (ctx.stderr.write(`record: ${file}: No such file or directory\n`), 1);
        if (st.kind === 'dir') return (ctx.stderr.write(`record: ${file}: Is a directory\n`), 1);
        if (st.size > MAX_CAST_BYTES)
          return (ctx.stderr.write(`record: ${file} is larger than a recording may be (${MAX_CAST_BYTES / 1024 / 1024} MB)\n`), 1);
        const text = ctx.fs.readText(path);
        const parsed = parseCast(text);
        if (!parsed.ok) return (ctx.stderr.write(`record: ${file} is not a recording the Dojo can play: ${parsed.reason}\n`), 1);
        if (opts.openPlayer && !p.has('terminal')) {
          opts.openPlayer(text, file);
          out(ctx, `Playing ${file} in the Practice tab (${formatClock(duration(parsed.cast) * 1000)}).`);
          return 0;
        }
        const speed = Number(p.value('speed') ?? 1);
        if (!(speed > 0 && speed <= 100)) return (ctx.stderr.write('record: --speed must be a number above 0 (at most 100)\n'), 1);
        let last = 0;
        for (const [at, code, data] of parsed.cast.events) {
          // Long pauses are capped at 2 s, as asciinema's idle limit does.
          const wait = Math.min(2, at - last) / speed;
          last = at;
          if (wait > 0.01) {
            const stopped = await sleep(wait * 1000, ctx.signal);
            if (stopped) return (ctx.stdout.write('\r\n'), 130);
          }
          if (code === 'o') ctx.stdout.write(data.replace(/\r?\n/g, '\n'));
        }
        return 0;
      }
      default:
        ctx.stderr.write(`record: unknown action "${verb}" (start, stop, play or status)\n`);
        return 1;
    }
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(true);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createTrainerCommands(tr: Trainer, rec: Recorder, opts: TrainerCommandOptions = {}): CommandDefinition[] {
  return [practiceCommand(tr, opts), interviewCommand(tr), drillCommand(tr), recordCommand(rec, opts, tr.clock)];
}

export function registerTrainerCommands(registry: CommandRegistry, tr: Trainer, rec: Recorder, opts: TrainerCommandOptions = {}): void {
  for (const d of createTrainerCommands(tr, rec, opts)) registry.register(d);
}
