/** The shell's own limits: each fails with a clear `dojo:` line and leaves the shell usable and fast. */
import { describe, expect, it } from 'vitest';
import { testShell } from './testing';
import { MAX_VALUE_LENGTH } from './env';

describe('shell variables have a size cap', () => {
  it("the issue's repeated `export A=$A$A$A$A$A$A$A$A` stops with an error, fast, and the shell goes on", async () => {
    const t = testShell();
    const started = Date.now();
    expect((await t.run(`export A=${'x'.repeat(8000)}`)).status).toBe(0);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await t.run('export A=$A$A$A$A$A$A$A$A'));
    // 8000 → 64,000 → 512,000 → (4 MB refused), and refused again after that.
    expect(results.map((r) => r.status)).toEqual([0, 0, 1, 1, 1]);
    expect(results[2]!.stderr).toBe('dojo: A=$A$A$A$A$A$A$A$A: expansion too long (the limit is 1 MB)\n');
    expect(t.shell.env.get('A')).toHaveLength(512_000);
    expect(await t.run('echo ok')).toEqual({ stdout: 'ok\n', stderr: '', status: 0 });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an assignment, a prefix assignment or many words of expansions are capped too', async () => {
    const t = testShell();
    await t.run(`A=${'y'.repeat(600_000)}`);
    expect(await t.run('B=$A$A')).toMatchObject({ status: 1, stderr: 'dojo: $A$A: expansion too long (the limit is 1 MB)\n' });
    expect(t.shell.env.get('B')).toBeUndefined();
    expect((await t.run('B=$A$A true')).status).toBe(1);
    // Each word is under the cap, together they are not: the budget is the command's.
    expect(await t.run('echo $A $A')).toMatchObject({ status: 1, stdout: '', stderr: 'dojo: $A: expansion too long (the limit is 1 MB)\n' });
    expect((await t.run('echo "$A" > /tmp/a.txt && wc -c < /tmp/a.txt')).stdout.trim()).toBe('600001');
  });

  it('a value set by a command past the cap is refused in the shell\'s words, not as an internal error', async () => {
    const t = testShell();
    expect(() => t.shell.env.set('A', 'z'.repeat(MAX_VALUE_LENGTH + 1))).toThrow('A: value too long (the limit is 1 MB)');
    expect(t.shell.env.get('A')).toBeUndefined();
  });
});
