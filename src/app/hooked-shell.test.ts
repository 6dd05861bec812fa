import { describe, expect, it } from 'vitest';
import { testShell, captureIO } from '../../test/support/shell';
import { HookedShell } from './hooked-shell';

describe('HookedShell', () => {
  it('runs its own execute and leaves every other member, and every write, to the real shell', async () => {
    const { shell } = testShell();
    const lines: string[] = [];
    const hooked = new HookedShell(shell, () => async (line, io, signal) => (lines.push(line), shell.execute(line, io, signal)));
    expect(await hooked.execute('cd /tmp', captureIO(), new AbortController().signal)).toBe(0);
    expect(lines).toEqual(['cd /tmp']);
    expect(shell.cwd).toBe('/tmp');
    hooked.chdir('/etc');
    expect(shell.cwd).toBe('/etc');
    hooked.interruptedAtPrompt();
    expect(shell.lastStatus).toBe(130);
    expect(hooked.lastStatus).toBe(130);
    expect(hooked.promptText()).toBe(shell.promptText());
    expect(hooked.complete('ech', 3)).toEqual(shell.complete('ech', 3));
    const seen: string[][] = [];
    const off = hooked.onExec((e) => seen.push(e.argv));
    await hooked.execute('true', captureIO(), new AbortController().signal);
    off();
    expect(seen).toEqual([['true']]);
  });
});
