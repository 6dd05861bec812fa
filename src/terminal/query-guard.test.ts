/**
 * Output that asks the terminal something must never put text on the learner's command line.
 * These run against xterm itself (@xterm/headless: the same parser and InputHandler the browser's
 * xterm uses, without the DOM), wired to a TerminalSession on the product's shell the way
 * xterm-view.ts wires the browser terminal: what xterm "types" goes to session.input.
 * (The colour queries are answered by xterm's browser half only; e2e/tests/terminal-security covers them.)
 */
import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { testShell } from '../../test/support/shell';
import { asksForColour, muteTerminalQueries } from './query-guard';
import { TerminalSession } from './session';

/** Queries in guest output, as `echo -e` would print them, with what xterm 6 answers when unguarded. */
const QUERIES: Array<{ what: string; query: string; echo: string }> = [
  { what: 'DECRQSS (SGR)', query: '\x1bP$qm\x1b\\', echo: "'\\eP$qm\\e\\\\'" },
  { what: 'DECRQSS (margins)', query: '\x1bP$qr\x1b\\', echo: "'\\eP$qr\\e\\\\'" },
  { what: 'DECRQSS (cursor style)', query: '\x1bP$q q\x1b\\', echo: "'\\eP$q q\\e\\\\'" },
  { what: 'DECRQSS (unknown setting)', query: '\x1bP$qx\x1b\\', echo: "'\\eP$qx\\e\\\\'" },
  { what: 'DA1', query: '\x1b[c', echo: "'\\e[c'" },
  { what: 'DA2', query: '\x1b[>c', echo: "'\\e[>c'" },
  { what: 'DSR status', query: '\x1b[5n', echo: "'\\e[5n'" },
  { what: 'DSR cursor position', query: '\x1b[6n', echo: "'\\e[6n'" },
  { what: 'DECXCPR', query: '\x1b[?6n', echo: "'\\e[?6n'" },
  { what: 'DECRQM (ANSI)', query: '\x1b[4$p', echo: "'\\e[4$p'" },
  { what: 'DECRQM (DEC private)', query: '\x1b[?2004$p', echo: "'\\e[?2004$p'" },
];

function headless(cols = 80) {
  const term = new Terminal({ cols, rows: 24, allowProposedApi: true });
  const sent: string[] = [];
  term.onData((d) => sent.push(d));
  const write = (data: string) => new Promise<void>((resolve) => term.write(data, resolve));
  return { term, sent, write };
}

/** The browser's loop on a headless xterm: session output → xterm, xterm's replies → session input. */
function wired(guard: boolean) {
  const { term, write } = headless();
  if (guard) muteTerminalQueries(term.parser);
  const { shell, fs } = testShell();
  const ran: string[] = [];
  const execute = shell.execute.bind(shell);
  shell.execute = (line, io, signal) => {
    ran.push(line);
    return execute(line, io, signal);
  };
  const session = new TerminalSession({ write: (d) => term.write(d), columns: () => term.cols }, shell);
  const typed: string[] = [];
  term.onData((d) => {
    typed.push(d);
    session.input(d);
  });
  session.start();
  /** The row the cursor is on: the prompt and whatever sits on the command line. */
  const cursorRow = () =>
    term.buffer.active
      .getLine(term.buffer.active.baseY + term.buffer.active.cursorY)
      ?.translateToString(true)
      .trimEnd() ?? '';
  /** Runs `line`; once xterm has parsed its output (and any reply came back), the line must be empty and Enter must run nothing. */
  const runThenExpectNothingTyped = async (line: string, what: string) => {
    session.input(`${line}\r`);
    // Output, then xterm's replies typed back, then whatever those replies drew.
    for (let i = 0; i < 2; i++) {
      await session.whenIdle();
      await write('');
    }
    expect(cursorRow(), what).toBe('learner@dojo:~$');
    ran.length = 0;
    session.input('\r');
    await session.whenIdle();
    expect(ran, what).toEqual([]);
  };
  return { session, fs, typed, runThenExpectNothingTyped };
}

describe('xterm answers queries in output (the hole, shown on an unguarded xterm)', () => {
  it('unguarded, xterm 6 does answer each query: these tests would see a reply', async () => {
    for (const { what, query } of QUERIES) {
      const { sent, write } = headless();
      await write(query);
      expect(sent.join(''), what).not.toBe('');
    }
  });
});

describe('muteTerminalQueries', () => {
  it('xterm sends nothing back for any query', async () => {
    for (const { what, query } of QUERIES) {
      const { term, sent, write } = headless();
      muteTerminalQueries(term.parser);
      await write(query);
      expect(sent, what).toEqual([]);
    }
  });

  it('drawing is untouched: text, colours and cursor moves around the queries still land', async () => {
    const { term, write } = headless();
    muteTerminalQueries(term.parser);
    await write('\x1b[31mred\x1b[0m\x1bP$qm\x1b\\ after\x1b[6n\r\n\x1b[2Cxy');
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('red after');
    expect(term.buffer.active.getLine(1)?.translateToString(true)).toBe('  xy');
    expect(term.buffer.active.getLine(0)?.getCell(0)?.getFgColor()).toBe(1);
  });

  it('disposing it gives xterm its own answers back', async () => {
    const { term, sent, write } = headless();
    const unmute = muteTerminalQueries(term.parser);
    unmute();
    await write('\x1b[6n');
    expect(sent).toEqual(['\x1b[1;1R']);
  });

  it('only colour queries are swallowed; setting a colour is not', () => {
    expect(asksForColour('?')).toBe(true);
    expect(asksForColour('1;?')).toBe(true);
    expect(asksForColour('?;?')).toBe(true);
    expect(asksForColour('#ff0000')).toBe(false);
    expect(asksForColour('1;rgb:ff/00/00')).toBe(false);
  });
});

describe('a module or a file printing queries cannot type on the command line (product shell, headless xterm)', () => {
  for (const guard of [false, true]) {
    it(`${guard ? 'guarded xterm' : 'unguarded xterm, keys.ts alone'}: after each query the line is empty and Enter runs nothing`, async () => {
      const { typed, runThenExpectNothingTyped } = wired(guard);
      for (const { what, echo } of QUERIES) await runThenExpectNothingTyped(`echo -en ${echo}`, what);
      // Without the guard xterm did reply; the session dropped every reply.
      if (!guard) expect(typed.join('')).toContain('\x1bP1$r0m\x1b\\');
      else expect(typed.filter((t) => t !== '\r' && !t.startsWith('echo'))).toEqual([]);
    });
  }

  it('`cat` of a file and `echo *` over a file name holding a query type nothing either', async () => {
    const { fs, runThenExpectNothingTyped } = wired(false);
    fs.writeFile('/home/learner/trap.txt', 'look: \x1bP$qm\x1b\\\x1b[6n\n');
    fs.writeFile('/home/learner/\x1bP$qr\x1b\\', '');
    for (const line of ['cat trap.txt', 'echo *']) await runThenExpectNothingTyped(line, line);
  });
});
