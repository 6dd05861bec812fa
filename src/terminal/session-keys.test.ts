import { afterEach, describe, expect, it, vi } from 'vitest';
import { TerminalSession } from './session';
import { HeadlessScreen } from '../../test/support/headless-screen';
import { testShell } from '../../test/support/shell';
import { less, man } from '../commands/man';

/**
 * A pager on the product's shell, in xterm's own buffer (@xterm/headless): single keys reach the
 * running command, never the next prompt, and leaving the alternate screen restores the main one.
 */
const PROMPT = 'learner@dojo:~$';
const screens: HeadlessScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.dispose();
});

function pagerSession(rows = 10) {
  const screen = new HeadlessScreen({ cols: 60, rows });
  screens.push(screen);
  const { shell, fs } = testShell({ extra: [less, man] });
  const text = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  fs.writeFile('/home/learner/big.txt', text);
  const session = new TerminalSession(screen, shell);
  session.start();
  return { screen, shell, session };
}

/** Waits until row `row` of the screen reads `text` (the pager drew after the key). */
const shows = (screen: HeadlessScreen, row: number, text: string) =>
  vi.waitFor(
    async () => {
      await screen.settle();
      expect(screen.lines()[row]).toBe(text);
    },
    { timeout: 5000, interval: 10 },
  );

/** Waits until the pager has drawn its first page. */
const paging = (screen: HeadlessScreen) =>
  vi.waitFor(
    async () => {
      await screen.settle();
      expect(screen.onAlternateScreen()).toBe(true);
      expect(screen.lines().length).toBeGreaterThan(5);
    },
    { timeout: 5000, interval: 10 },
  );

describe('TerminalSession: single keys for a running pager', () => {
  it('pages with space, b and arrows on the alternate screen; q returns to the prompt with nothing left over', async () => {
    const { screen, shell, session } = pagerSession();
    session.input('less big.txt\r');
    await paging(screen);
    expect(session.busy).toBe(true);
    expect(screen.onAlternateScreen()).toBe(true);
    // 10 rows: 9 lines of text and the status line.
    expect(screen.lines().slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, i) => `line ${i + 1}`));
    expect(screen.lines()[9]).toBe('big.txt (press h for help or q to quit)');

    session.input(' ');
    await shows(screen, 0, 'line 10');
    session.input('\x1b[B\x1b[B'); // ↓ ↓
    await shows(screen, 0, 'line 12');
    session.input('b');
    await shows(screen, 0, 'line 3');
    session.input('\x1b[6~'); // PageDown
    await shows(screen, 0, 'line 12');

    session.input('q');
    await session.whenIdle();
    await screen.settle();
    expect(screen.onAlternateScreen()).toBe(false);
    // Back where the command was typed: the prompt on the next row, no blank line, no stray key.
    expect(screen.lines()).toEqual([`${PROMPT} less big.txt`, PROMPT]);
    expect(shell.lastStatus).toBe(0);
  });

  it('searches with /pattern and Enter, typed key by key', async () => {
    const { screen, session } = pagerSession();
    session.input('less big.txt\r');
    await paging(screen);
    session.input('/');
    session.input('line 3');
    session.input('1');
    await shows(screen, 9, '/line 31');
    session.input('\r');
    await shows(screen, 0, 'line 31');
    session.input('q');
    await session.whenIdle();
  });

  it('keys pressed after q never reach the next command line', async () => {
    const { screen, shell, session } = pagerSession();
    session.input('less big.txt\r');
    await paging(screen);
    // q, and before the pager has quit, more keys (a double q, a held space, an Enter).
    session.input('qq  ls\r');
    await session.whenIdle();
    await screen.settle();
    expect(shell.history()).toEqual(['less big.txt']);
    expect(screen.lines()).toEqual([`${PROMPT} less big.txt`, PROMPT]);
    // The line editor is empty and working.
    session.input('echo after\r');
    await session.whenIdle();
    await screen.settle();
    expect(screen.lines().slice(-2)).toEqual(['after', PROMPT]);
  });

  it('keys typed ahead of a command that reads none stay type-ahead for the next prompt', async () => {
    const { screen, shell, session } = pagerSession();
    session.input('sleep 0.05\r');
    session.input('echo typed\r');
    await session.whenIdle();
    await screen.settle();
    expect(shell.history()).toEqual(['sleep 0.05', 'echo typed']);
    expect(screen.lines()).toContain('typed');
  });

  it('Ctrl-C interrupts the pager with status 130 and leaves the alternate screen', async () => {
    const { screen, session } = pagerSession();
    session.input('less big.txt\r');
    await paging(screen);
    expect(screen.onAlternateScreen()).toBe(true);
    session.input('\x03');
    await session.whenIdle();
    await screen.settle();
    expect(screen.onAlternateScreen()).toBe(false);
    expect(screen.lines()).toEqual([`${PROMPT} less big.txt`, PROMPT]);
    session.input('echo $?\r');
    await session.whenIdle();
    await screen.settle();
    expect(screen.lines().slice(-2)).toEqual(['130', PROMPT]);
  });

  it('a pipe into less still pages with keys (less reads the terminal, not its stdin)', async () => {
    const { screen, session } = pagerSession();
    session.input('cat big.txt | less\r');
    await paging(screen);
    expect(screen.onAlternateScreen()).toBe(true);
    session.input('G');
    await shows(screen, 8, 'line 50');
    expect(screen.lines()[9]).toBe('(END)');
    session.input('q');
    await session.whenIdle();
    await screen.settle();
    expect(screen.lines()).toEqual([`${PROMPT} cat big.txt | less`, PROMPT]);
  });

  it('man pages a manual with keys and q ends it', async () => {
    const { screen, shell, session } = pagerSession();
    session.input('man ls\r');
    await paging(screen);
    expect(screen.onAlternateScreen()).toBe(true);
    expect(screen.lines().join('\n')).toMatch(/LS\(1\)/);
    session.input('q');
    await session.whenIdle();
    await screen.settle();
    expect(screen.lines()).toEqual([`${PROMPT} man ls`, PROMPT]);
    expect(shell.lastStatus).toBe(0);
  });

  it('a background pager gets no keys: the foreground prompt keeps them', async () => {
    const { screen, shell, session } = pagerSession();
    session.input('less big.txt &\r');
    await session.whenIdle();
    session.input('echo mine\r');
    await session.whenIdle();
    await screen.settle();
    expect(shell.history()).toContain('echo mine');
    expect(screen.lines()).toContain('mine');
    expect(screen.onAlternateScreen()).toBe(false);
  });
});

describe('TerminalSession: background job notices', () => {
  const run = async (session: TerminalSession, screen: HeadlessScreen, line: string) => {
    session.input(`${line}\r`);
    await session.whenIdle();
    await screen.settle();
  };

  it('prints `[1]+  Done` just before the prompt that follows the job, as bash does', async () => {
    const { screen, session } = pagerSession(40);
    await run(session, screen, 'sleep 0.05 & sleep 0.3');
    const lines = screen.lines();
    expect(lines[1]).toMatch(/^\[1\] \d+$/);
    // After the line's own output, before its prompt; not at the start of the next line's output.
    expect(lines.slice(2)).toEqual(['[1]+  Done                    sleep 0.05', PROMPT]);
    await run(session, screen, 'echo next');
    expect(screen.lines().slice(-3)).toEqual([`${PROMPT} echo next`, 'next', PROMPT]);
  });

  it('a job that ended while the prompt waited is reported after the next Enter, even an empty one', async () => {
    const { screen, session } = pagerSession(40);
    await run(session, screen, 'sleep 0.05 &');
    await new Promise((r) => setTimeout(r, 200));
    await run(session, screen, '');
    expect(screen.lines().slice(-3)).toEqual([PROMPT, '[1]+  Done                    sleep 0.05', PROMPT]);
  });
});
