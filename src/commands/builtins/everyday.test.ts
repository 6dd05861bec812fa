/**
 * What the differential corpus cannot show (it runs to completion, on a fixed clock): Ctrl-C on
 * long-running commands, huge outputs staying bounded and stoppable, and clock-dependent tests.
 */
import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';

function interruptAfter(ms: number): AbortSignal {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), ms);
  return ac.signal;
}

describe('long-running everyday commands', () => {
  it('sleep waits, and Ctrl-C ends it with 130', async () => {
    const t = testShell();
    const started = Date.now();
    expect((await t.run('sleep 0.05')).status).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const r = await t.run('sleep 100', { signal: interruptAfter(30) });
    expect(r.status).toBe(130);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await t.run('sleep infinity', { signal: interruptAfter(20) })).status).toBe(130);
  });

  it('seq with a huge range is stoppable and its output stays within the caps', async () => {
    const t = testShell();
    const r = await t.run('seq 1 1000000000', { signal: interruptAfter(100), tty: false });
    expect(r.status).toBe(130);
    expect(r.stdout.startsWith('1\n2\n3\n')).toBe(true);
    expect(r.stdout.length).toBeLessThan(64 * 1024 * 1024);
    const head = await t.run('seq 1 100000000 | head -n 3', { tty: false, signal: interruptAfter(5000) });
    expect(head.stdout).toBe('1\n2\n3\n');
  });

  it('an endless awk loop yields, so Ctrl-C lands', async () => {
    const t = testShell();
    const r = await t.run("awk 'BEGIN { while (1) n++ }'", { signal: interruptAfter(50) });
    expect(r.status).toBe(130);
  });

  it('find -newer compares modification times', async () => {
    let now = Date.UTC(2027, 0, 1);
    const t = testShell();
    const fs = t.fs as unknown as { now: () => number };
    fs.now = () => now;
    await t.run('touch old.txt');
    now += 60_000;
    await t.run('touch new.txt');
    expect((await t.run('find . -maxdepth 1 -name "*.txt" -newer old.txt')).stdout).toBe('./new.txt\n');
  });

  it("date prints the machine clock in UTC, in date's default format", async () => {
    const t = testShell();
    const r = await t.run('date');
    expect(r.stdout).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
    const year = Number((await t.run('date +%Y')).stdout);
    expect(year).toBe(new Date().getUTCFullYear());
  });

  it('ps lists the shell, the background jobs and itself', async () => {
    const t = testShell();
    t.shell.services.machine.jobs.add('spin up --listen 127.0.0.1:3000', () => undefined);
    const r = await t.run('ps');
    expect(r.stdout).toMatch(
      /^ {4}PID TTY {10}TIME CMD\n +4100 pts\/0 {4}00:00:00 bash\n +\d+ pts\/0 {4}00:00:00 spin\n +\d+ pts\/0 {4}00:00:00 ps\n$/,
    );
    expect((await t.run('ps -ef')).stdout).toContain('spin up --listen 127.0.0.1:3000');
  });

  it('sha256sum gives the real digest', async () => {
    const t = testShell();
    expect((await t.run('printf abc | sha256sum')).stdout).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n');
  });
});
