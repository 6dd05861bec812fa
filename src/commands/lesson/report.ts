/**
 * A grade report in the terminal: a line per step that passed, and for the step that did not, each
 * failing check's message and its evidence. Messages are Markdown written for the pane; here they
 * go through mdToTerminal (emphasis dropped; backticks read fine in a terminal). Quoted input in
 * messages is already inert (lessons/checks/quote.ts); evidence lines are plain text, so their
 * control characters are made visible here before they reach the terminal.
 */
import type { GradeReport } from '../../lessons/runtime';
import { describeRun } from '../../lessons/drill';
import { printable } from '../../lessons/checks/quote';
import { SGR } from '../../lib/ansi';
import type { TerminalIO } from '../../shell/types';
import { mdToTerminal, paint } from './format';

export function printReport(report: GradeReport, io: TerminalIO, opts: { quiet: boolean }): void {
  const out = io.stdout;
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status === 'pass') lines.push(paint(out, SGR.green, `✔ step passed: ${r.stepId}`));
    // After a command that just passed a step, the next step's "not yet" is noise: the learner
    // has not tried it. `check` (quiet: false) still shows it.
    else if (!opts.quiet || (report.relevant && report.newlyPassed.length === 0)) {
      const mark = r.status === 'error' ? paint(out, SGR.yellow, '! could not grade') : paint(out, SGR.red, '✘ not yet');
      lines.push(`${mark} ${paint(out, SGR.dim, `(${r.stepId})`)}`);
      for (const check of r.checks.filter((x) => x.status !== 'pass')) {
        for (const l of mdToTerminal(printable(check.message, { keepNewlines: true })).split('\n')) lines.push(`  ${l}`);
        for (const f of check.findings ?? []) for (const e of f.evidence) lines.push(paint(out, SGR.dim, `    ${printable(e)}`));
      }
    }
  }
  if (report.completed && report.newlyPassed.length > 0) lines.push(paint(out, SGR.green, '★ lesson complete! `lessons` shows what is next.'));
  if (report.run) {
    lines.push(`Drill time ${describeRun(report.run, report.run.targetMs)}`);
    lines.push(paint(out, SGR.dim, '`restart` runs it again; the clock starts at your first command.'));
  }
  if (lines.length) out.write(lines.join('\n') + '\n');
}
