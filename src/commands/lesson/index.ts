/**
 * The lesson vocabulary of the terminal, after Learn Git Branching: `lessons`, `lesson ID`, `hint`,
 * `show solution`, `check`, `answer`, `reset`, `restart`, `undo`, `sandbox`. Each is a thin CommandDefinition
 * over the LessonRuntime; all rules live in src/lessons.
 *
 * Every one is a lesson control (`control: true`: never graded, snapshotted or undone), and every one
 * answers `--help`/`-h` with its usage and nothing else: asking how `reset` works must not reset.
 */
import { SGR } from '../../lib/ansi';
import type { CommandDefinition, CommandContext, CommandRegistry } from '../../shell/types';
import type { LessonRuntime } from '../../lessons/runtime';
import { summarize } from '../../lessons/progress';
import { drillSummary, formatClock, targetMs } from '../../lessons/drill';
import { hashForLesson } from '../../lessons/deep-link';
import { formatMinutes, helpText, mdToTerminal, paint, wantsHelp, writeLines } from './format';
import { printReport } from './report';

export { printReport } from './report';

export interface LessonCommandOptions {
  /** Called after a lesson is opened or sandbox entered, e.g. to update `location.hash` and show the pane. */
  onOpen?(lessonId: string | null): void;
}

function termIO(ctx: CommandContext) {
  return { stdout: ctx.stdout, stderr: ctx.stderr, prompt: ctx.prompt };
}

export function createLessonCommands(rt: LessonRuntime, opts: LessonCommandOptions = {}): CommandDefinition[] {
  const lessonsCmd: CommandDefinition = {
    name: 'lessons',
    summary: 'list the lessons and your progress',
    usage: 'lessons',
    async run(ctx) {
      const chapters = chapterTitles(rt);
      const progress = rt.progress();
      const lines: string[] = [];
      let chapter = -1;
      const width = Math.max(...rt.lessons.map((l) => l.id.length), 4);
      for (const l of rt.lessons) {
        if (l.chapter !== chapter) {
          chapter = l.chapter;
          if (lines.length) lines.push('');
          lines.push(paint(ctx.stdout, SGR.bold, `Chapter ${chapter}${chapters.get(chapter) ? ` · ${chapters.get(chapter)}` : ''}`));
        }
        const s = summarize(progress, l.id, l.steps.map((x) => x.id));
        const mark = s.completed ? paint(ctx.stdout, SGR.green, '✔') : s.passed > 0 ? paint(ctx.stdout, SGR.yellow, '◐') : '·';
        const current = progress.currentLessonId === l.id ? paint(ctx.stdout, SGR.bold, ' ◀ open') : '';
        const help = s.withHelp > 0 ? `, ${s.withHelp} with help` : '';
        const best = l.timed ? bestTimeNote(progress.lessons[l.id]?.drill?.bestMs, l.minutes) : '';
        lines.push(`  ${mark} ${l.id.padEnd(width)}  ${l.title}  ${paint(ctx.stdout, SGR.dim, `${s.passed}/${s.total} steps${help}, ~${l.minutes} min${best}`)}${current}`);
      }
      if (rt.lessons.length === 0) lines.push('No lessons are installed.');
      lines.push('', paint(ctx.stdout, SGR.dim, 'Open one with `lesson ID`; `sandbox` for free play.'));
      writeLines(ctx.stdout, lines);
      return 0;
    },
  };

  const lessonCmd: CommandDefinition = {
    name: 'lesson',
    summary: 'open a lesson (or show the open one)',
    usage: 'lesson [ID]',
    complete: (_args, partial) => rt.lessons.map((l) => l.id).filter((id) => id.startsWith(partial)),
    async run(ctx) {
      const id = ctx.argv[1];
      if (ctx.argv.length > 2) {
        ctx.stderr.write('usage: lesson [ID]\n');
        return 2;
      }
      if (!id) {
        const l = rt.current();
        if (!l) {
          ctx.stderr.write('lesson: no lesson is open (type `lessons` for the list)\n');
          return 1;
        }
        printLesson(ctx, rt);
        return 0;
      }
      const res = rt.open(id);
      if (!res.ok) {
        ctx.stderr.write(`lesson: ${res.reason}\n`);
        return 1;
      }
      opts.onOpen?.(id);
      printLesson(ctx, rt);
      if (res.seeded.length) writeLines(ctx.stdout, [paint(ctx.stdout, SGR.dim, `(added to your files: ${res.seeded.map(tilde).join(', ')})`)]);
      return 0;
    },
  };

  const hintCmd: CommandDefinition = {
    name: 'hint',
    summary: 'show the next hint for the current step',
    usage: 'hint',
    async run(ctx) {
      const h = rt.hint();
      if ('error' in h) {
        ctx.stderr.write(`hint: ${h.error}\n`);
        return 1;
      }
      writeLines(ctx.stdout, [paint(ctx.stdout, SGR.yellow, `Hint ${h.index + 1}/${h.total}:`) + ' ' + mdToTerminal(h.text)]);
      return 0;
    },
  };

  const showCmd: CommandDefinition = {
    name: 'show',
    summary: 'show solution | show objectives',
    usage: 'show solution\nshow objectives',
    subcommands: [
      { name: 'solution', summary: "reveal the current step's reference solution (counts as solved with help)" },
      { name: 'objectives', summary: "the open lesson's objectives" },
    ],
    async run(ctx) {
      const what = ctx.argv[1];
      if (what === 'objectives') {
        const l = rt.current();
        if (!l) {
          ctx.stderr.write('show: no lesson is open\n');
          return 1;
        }
        writeLines(ctx.stdout, l.objectives.map((o) => `  • ${mdToTerminal(o)}`));
        return 0;
      }
      if (what !== 'solution' || ctx.argv.length > 2) {
        ctx.stderr.write('usage: show solution | show objectives\n');
        return 2;
      }
      const sol = rt.solutionFor();
      if ('error' in sol) {
        ctx.stderr.write(`show: ${sol.error}\n`);
        return 1;
      }
      const answer = await ctx.prompt('Show the solution? This step will count as solved with help. [y/N] ', '');
      if (answer === null || !/^y(es)?$/i.test(answer.trim())) {
        writeLines(ctx.stdout, ['Not shown. `hint` gives a smaller nudge.']);
        return 1;
      }
      rt.markSolutionShown(sol.step.id);
      const lines = [paint(ctx.stdout, SGR.bold, `Solution · ${sol.step.title}`)];
      for (const c of sol.solution.commands) lines.push(`  $ ${c}`);
      if (sol.solution.explanation) lines.push('', mdToTerminal(sol.solution.explanation));
      writeLines(ctx.stdout, lines);
      return 0;
    },
  };

  const checkCmd: CommandDefinition = {
    name: 'check',
    summary: 'grade the current step now',
    usage: 'check',
    async run(ctx) {
      const r = await rt.check();
      if ('error' in r) {
        ctx.stderr.write(`check: ${r.error}\n`);
        return 1;
      }
      printReport(r, termIO(ctx), { quiet: false });
      if (r.results.length === 0) writeLines(ctx.stdout, [paint(ctx.stdout, SGR.green, 'Every step of this lesson has passed.')]);
      const last = r.results[r.results.length - 1];
      return !last || last.status === 'pass' ? 0 : 1;
    },
  };

  const answerCmd: CommandDefinition = {
    name: 'answer',
    summary: "answer the current step's question",
    usage: 'answer TEXT',
    async run(ctx) {
      const text = ctx.argv.slice(1).join(' ');
      if (!text.trim()) {
        ctx.stderr.write('usage: answer TEXT (a letter for multiple choice)\n');
        return 2;
      }
      const r = await rt.answer(text);
      if ('error' in r) {
        ctx.stderr.write(`answer: ${r.error}\n`);
        return 1;
      }
      printReport(r, termIO(ctx), { quiet: false });
      const first = r.results[0];
      return first?.status === 'pass' ? 0 : 1;
    },
  };

  const resetCmd: CommandDefinition = {
    name: 'reset',
    summary: "put the open lesson's files back as they started (progress is kept)",
    usage: 'reset',
    async run(ctx) {
      const r = rt.reset();
      if (!r.ok) {
        ctx.stderr.write(`reset: ${r.reason}\n`);
        return 1;
      }
      writeLines(ctx.stdout, [r.written.length ? `Restored ${r.written.map(tilde).join(', ')}.` : 'This lesson has no files to restore.']);
      return 0;
    },
  };

  const restartCmd: CommandDefinition = {
    name: 'restart',
    summary: 'start the open lesson over: steps, hints and files back to the start (best times are kept)',
    usage: 'restart',
    async run(ctx) {
      if (ctx.argv.length > 1) {
        ctx.stderr.write('usage: restart\n');
        return 2;
      }
      const r = rt.restart();
      if (!r.ok) {
        ctx.stderr.write(`restart: ${r.reason}\n`);
        return 1;
      }
      const lines = [`Restarted ${r.lesson.title}: every step is pending again${r.written.length ? `; restored ${r.written.map(tilde).join(', ')}` : ''}.`];
      if (r.lesson.timed) lines.push(paint(ctx.stdout, SGR.yellow, `Timed drill: the clock starts at your next command. ${drillSummary(rt.progress().lessons[r.lesson.id]?.drill, r.lesson.minutes)}.`));
      writeLines(ctx.stdout, lines);
      printLesson(ctx, rt, { drillLine: false });
      return 0;
    },
  };

  const undoCmd: CommandDefinition = {
    name: 'undo',
    summary: 'undo what the last command did to your files',
    usage: 'undo',
    async run(ctx) {
      const r = rt.undo();
      if (!r.ok) {
        ctx.stderr.write(`undo: ${r.reason}\n`);
        return 1;
      }
      writeLines(ctx.stdout, [`Undid \`${r.line}\` (${r.changed} path${r.changed === 1 ? '' : 's'} restored).`]);
      return 0;
    },
  };

  const sandboxCmd: CommandDefinition = {
    name: 'sandbox',
    summary: 'free play: close the lesson, nothing is graded',
    usage: 'sandbox',
    async run(ctx) {
      rt.sandbox();
      opts.onOpen?.(null);
      writeLines(ctx.stdout, ['Sandbox mode: nothing is graded. `lessons` to pick a lesson again.']);
      return 0;
    },
  };

  return [lessonsCmd, lessonCmd, hintCmd, showCmd, checkCmd, answerCmd, resetCmd, restartCmd, undoCmd, sandboxCmd].map(asControl);
}

/** A lesson control: marked as such, and `--help`/`-h` anywhere prints its help and changes nothing. */
function asControl(def: CommandDefinition): CommandDefinition {
  return {
    ...def,
    control: true,
    run: (ctx) => {
      if (wantsHelp(ctx.argv)) {
        ctx.stdout.write(helpText(def));
        return Promise.resolve(0);
      }
      return def.run(ctx);
    },
  };
}

/**
 * Registers the lesson commands on the shell's registry (a name already taken is left alone) — the
 * app's lesson feature calls this once the lesson system exists. Returns nothing to undo: the
 * registry has no unregister yet.
 */
export function registerLessonCommands(registry: CommandRegistry, rt: LessonRuntime, opts: LessonCommandOptions = {}): void {
  for (const def of createLessonCommands(rt, opts)) if (!registry.get(def.name)) registry.register(def);
}

/** ", best 3:12" for a timed lesson with a clean run, else ", timed" so the drill stands out. */
function bestTimeNote(bestMs: number | undefined, minutes: number): string {
  return bestMs !== undefined ? `, best ${formatClock(bestMs)}` : `, timed (target ${formatClock(targetMs(minutes))})`;
}

function tilde(path: string): string {
  return path.replace(/^\/home\/learner(?=\/|$)/, '~');
}

function chapterTitles(rt: LessonRuntime): Map<number, string> {
  return new Map(rt.chapters.map((c) => [c.number, c.title]));
}

function printLesson(ctx: CommandContext, rt: LessonRuntime, opts: { drillLine?: boolean } = {}): void {
  const l = rt.current();
  if (!l) return;
  const progress = rt.progress().lessons[l.id];
  const currentId = rt.currentStep()?.id;
  const lines = [paint(ctx.stdout, SGR.bold, l.title) + paint(ctx.stdout, SGR.dim, `  ${hashForLesson(l.id)}`)];
  for (const o of l.objectives) lines.push(`  • ${mdToTerminal(o)}`);
  if (l.timed && opts.drillLine !== false) {
    const state = progress?.completedAt !== undefined ? '`restart` to run it again' : progress?.drill?.runStartedAt !== undefined ? 'a run is on the clock' : 'the clock starts at your first command';
    lines.push(paint(ctx.stdout, SGR.yellow, `Timed drill: ${drillSummary(progress?.drill, l.minutes)} · ${state}`));
  }
  lines.push('');
  l.steps.forEach((s, i) => {
    const passed = progress?.steps[s.id]?.status === 'passed';
    const mark = passed ? paint(ctx.stdout, SGR.green, '✔') : s.id === currentId ? paint(ctx.stdout, SGR.yellow, '▶') : '·';
    lines.push(`  ${mark} ${i + 1}. ${s.title}`);
  });
  const step = rt.currentStep();
  if (step) lines.push('', paint(ctx.stdout, SGR.bold, `Now: ${step.title}`), mdToTerminal(step.body));
  else lines.push('', paint(ctx.stdout, SGR.green, `Complete — ${formatMinutes(progress?.timeSpentMs ?? 0)} spent.`));
  lines.push('', paint(ctx.stdout, SGR.dim, 'hint · show solution · check · reset · restart · undo · lessons'));
  writeLines(ctx.stdout, lines);
}
