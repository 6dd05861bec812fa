import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../../lessons/runtime';
import { printReport } from './report';

function io(tty: boolean) {
  const out: string[] = [];
  const sink = { isTTY: tty, write: (d: string | Uint8Array) => void out.push(String(d)) };
  return { io: { stdout: sink, stderr: sink, prompt: async () => null }, text: () => out.join('') };
}

const failing: GradeReport = {
  lessonId: 'l',
  newlyPassed: [],
  completed: false,
  relevant: true,
  results: [
    {
      stepId: 'narrow-it',
      status: 'fail',
      message: 'x',
      checks: [
        {
          name: 'lp',
          kind: 'least-privilege',
          status: 'fail',
          message: '**Narrow it.**\n- `--dir /` is too broad',
          // Evidence holds paths from the module's trace: module-controlled text.
          findings: [{ kind: 'too-broad', grant: '--dir /', message: 'm', evidence: ['trace: path_open /data/\x1b]52;c;ZXZpbA==\x07x → ESUCCESS'] }],
        },
      ],
    },
  ],
};

describe('printReport', () => {
  it('prints the failing check, its evidence, and no terminal control from the evidence', () => {
    const t = io(true);
    printReport(failing, t.io, { quiet: true });
    const out = t.text();
    expect(out).toContain('✘ not yet');
    expect(out).toContain('  Narrow it.\n  - `--dir /` is too broad');
    expect(out).toContain('path_open /data/\\x1b]52;c;ZXZpbA==\\x07x');
    expect(out).not.toMatch(/\x1b\]|\x07/);
  });

  it('colours only on a terminal', () => {
    const plain = io(false);
    printReport(failing, plain.io, { quiet: false });
    expect(plain.text()).not.toContain('\x1b[');
    const tty = io(true);
    printReport(failing, tty.io, { quiet: false });
    expect(tty.text()).toContain('\x1b[31m✘ not yet\x1b[0m');
  });

  it('after a line that was not about the step, stays quiet; `check` (not quiet) still says it', () => {
    const unrelated = { ...failing, relevant: false };
    const q = io(false);
    printReport(unrelated, q.io, { quiet: true });
    expect(q.text()).toBe('');
    const loud = io(false);
    printReport(unrelated, loud.io, { quiet: false });
    expect(loud.text()).toContain('not yet');
  });
});
