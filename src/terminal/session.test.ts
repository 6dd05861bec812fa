import { describe, expect, it } from 'vitest';
import type { Completion, InteractiveShell, TerminalIO } from '../shell/types';
import { MapCommandRegistry } from '../shell/registry';
import { PASTE_END, PASTE_START } from './keys';
import { HOLD_WRITES_MS, TerminalSession } from './session';
import { FakeScreen } from '../../test/support/fake-screen';
import { testShell } from '../../test/support/shell';
import { loadEngine } from '../shell/engine-loader';

/**
 * A stand-in shell with a handful of behaviours the session must cope with. It is not the
 * product's shell (that has its own tests); it lets these tests control timing and output.
 */
class ScriptedShell implements InteractiveShell {
  readonly home = '/home/learner';
  cwd = '/home/learner';
  lastStatus = 0;
  readonly registry = new MapCommandRegistry();
  readonly ran: string[] = [];
  readonly entries: string[] = [];
  answers: Array<string | null> = [];
  private release: (() => void) | null = null;

  resolvePath(p: string) {
    return p;
  }
  chdir(p: string) {
    this.cwd = p;
  }
  history() {
    return this.entries;
  }
  promptText() {
    return 'learner@dojo:~$ ';
  }
  onExec() {
    return () => {};
  }
  complete(line: string, cursor: number): Completion {
    const word = line.slice(0, cursor);
    return { start: 0, candidates: ['echo', 'exit-with'].filter((c) => c.startsWith(word)) };
  }
  /** Lets a `wait` command finish. */
  finishWait() {
    this.release?.();
  }

  async execute(line: string, io: TerminalIO, signal: AbortSignal): Promise<number> {
    this.ran.push(line);
    this.entries.push(line);
    const [cmd, ...args] = line.split(' ');
    let status = 0;
    if (cmd === 'echo') io.stdout.write(`${args.join(' ')}\n`);
    else if (cmd === 'bytes') io.stdout.write(new Uint8Array([0xf0, 0x9f]));
    else if (cmd === 'flood') io.stdout.write('y\n'.repeat(Number(args[0])));
    else if (cmd === 'nonl') io.stdout.write('no newline');
    else if (cmd === 'throw') throw new Error('kaboom');
    else if (cmd === 'wait') {
      status = await new Promise<number>((resolve) => {
        this.release = () => resolve(0);
        signal.addEventListener('abort', () => resolve(130));
      });
    } else if (cmd === 'ask') {
      const answer = await io.prompt('Name: ', args[0]);
      this.answers.push(answer);
      io.stdout.write(`got ${answer}\n`);
    } else {
      io.stderr.write(`dojo: ${cmd}: command not found\n`);
      status = 127;
    }
    this.lastStatus = status;
    return status;
  }
}

function setup(cols = 60, limits = {}) {
  const screen = new FakeScreen(cols);
  const shell = new ScriptedShell();
  const session = new TerminalSession(screen, shell, limits);
  session.start();
  return { screen, shell, session };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A session on the product's own shell (builtins, seeded files), started. */
function realShellSession(cols = 60) {
  const screen = new FakeScreen(cols);
  const { shell, fs } = testShell();
  const session = new TerminalSession(screen, shell);
  session.start();
  return { screen, shell, fs, session };
}

describe('TerminalSession', () => {
  it('shows the prompt, echoes typing and runs the line on Enter', async () => {
    const { screen, shell, session } = setup();
    session.input('echo hi');
    expect(screen.text()).toBe('learner@dojo:~$ echo hi');
    session.input('\r');
    await session.whenIdle();
    expect(shell.ran).toEqual(['echo hi']);
    expect(screen.lines()).toEqual(['learner@dojo:~$ echo hi', 'hi', 'learner@dojo:~$']);
  });

  it('holds the echoed Enter until the first output, so both are drawn in one write', async () => {
    const { screen, shell, session } = setup();
    session.input('wait');
    const writes: string[] = [];
    const write = screen.write.bind(screen);
    screen.write = (data: string) => {
      writes.push(data);
      write(data);
    };
    session.input('\r');
    expect(writes).toEqual([]); // nothing drawn yet: no frame for the Wasm reply to wait behind
    shell.finishWait();
    await session.whenIdle();
    expect(writes).toHaveLength(1);
    expect(screen.lines()).toEqual(['learner@dojo:~$ wait', 'learner@dojo:~$']);
  });

  it('draws a held echo after one frame when the command stays silent', async () => {
    const { screen, shell, session } = setup();
    session.input('wait\r');
    await new Promise((r) => setTimeout(r, HOLD_WRITES_MS + 20));
    expect(screen.lines()).toEqual(['learner@dojo:~$ wait']);
    expect(screen.written.endsWith('\r\n')).toBe(true);
    shell.finishWait();
    await session.whenIdle();
  });

  it('starts the next prompt on a new line when output did not end with one', async () => {
    const { screen, session } = setup();
    session.input('nonl\r');
    await session.whenIdle();
    expect(screen.lines().slice(1)).toEqual(['no newline', 'learner@dojo:~$']);
  });

  it('an empty line just gives a new prompt without running anything', async () => {
    const { screen, shell, session } = setup();
    session.input('   \r');
    await session.whenIdle();
    expect(shell.ran).toEqual([]);
    expect(screen.lines()).toEqual(['learner@dojo:~$', 'learner@dojo:~$']);
  });

  it('Ctrl-C on a half-typed line shows ^C and a fresh prompt, running nothing', async () => {
    const { screen, shell, session } = setup();
    session.input('echo half\x1b[D\x1b[D\x03');
    await session.whenIdle();
    expect(shell.ran).toEqual([]);
    expect(screen.lines()).toEqual(['learner@dojo:~$ echo half^C', 'learner@dojo:~$']);
  });

  it('a paste of several lines runs them in order, each after its own prompt', async () => {
    const { screen, shell, session } = setup();
    session.input(`${PASTE_START}echo one\necho two\r\necho three\n${PASTE_END}`);
    await session.whenIdle();
    expect(shell.ran).toEqual(['echo one', 'echo two', 'echo three']);
    expect(screen.lines()).toEqual([
      'learner@dojo:~$ echo one',
      'one',
      'learner@dojo:~$ echo two',
      'two',
      'learner@dojo:~$ echo three',
      'three',
      'learner@dojo:~$',
    ]);
  });

  it('a paste without a final newline leaves its last line for editing', async () => {
    const { screen, shell, session } = setup();
    session.input(`${PASTE_START}echo a\necho b${PASTE_END}`);
    await session.whenIdle();
    expect(shell.ran).toEqual(['echo a']);
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$ echo b');
  });

  it('keys typed while a command runs wait and appear after the next prompt', async () => {
    const { screen, shell, session } = setup();
    session.input('wait\r');
    await tick();
    session.input('echo later\r');
    await tick();
    expect(shell.ran).toEqual(['wait']);
    expect(screen.text()).not.toContain('later');
    shell.finishWait();
    await session.whenIdle();
    expect(shell.ran).toEqual(['wait', 'echo later']);
    expect(screen.lines()).toEqual(['learner@dojo:~$ wait', 'learner@dojo:~$ echo later', 'later', 'learner@dojo:~$']);
  });

  it('Ctrl-C at the prompt, with or without typed text, makes $? 130 as bash does (real shell)', async () => {
    const { screen, session } = realShellSession();
    session.input('true\r');
    await session.whenIdle();
    session.input('echo half\x03echo $?\r');
    await session.whenIdle();
    session.input('true\r');
    await session.whenIdle();
    session.input('\x03echo $?\r');
    await session.whenIdle();
    const lines = screen.lines();
    expect(lines.filter((l) => /^\d+$/.test(l))).toEqual(['130', '130']);
    expect(lines.some((l) => l.endsWith('$ echo half^C'))).toBe(true);
  });

  it('ls lays its columns out for the width of the terminal it writes to (real shell)', async () => {
    const listing = async (cols: number) => {
      const { screen, fs, session } = realShellSession(cols);
      for (let i = 0; i < 12; i++) fs.writeFile(`/tmp/file-${String(i).padStart(4, '0')}`, '');
      session.input('ls /tmp\r');
      await session.whenIdle();
      const lines = screen.lines();
      return lines.slice(1, lines.length - 1);
    };
    const wide = await listing(200);
    const narrow = await listing(40);
    // Twelve 9-character names fit on one row of a 200-column terminal, in three columns of 40.
    expect(wide).toHaveLength(1);
    expect(wide[0]!.split(/ +/)).toHaveLength(12);
    expect(narrow).toHaveLength(4);
    for (const row of narrow) expect(row.length).toBeLessThanOrEqual(40);
  });

  it("an unfinished line continues at bash's `> ` prompt: trailing backslash, open quote, trailing pipe (real shell)", async () => {
    const { screen, shell, session } = realShellSession();
    session.input('echo one \\\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual(['learner@dojo:~$ echo one \\', '>']);
    session.input('  two\r');
    await session.whenIdle();
    session.input('echo "a\rb"\r');
    await session.whenIdle();
    session.input('echo piped |\r\rcat\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual([
      'learner@dojo:~$ echo one \\',
      '>   two',
      'one two',
      'learner@dojo:~$ echo "a',
      '> b"',
      'a',
      'b',
      'learner@dojo:~$ echo piped |',
      '>',
      '> cat',
      'piped',
      'learner@dojo:~$',
    ]);
    // History keeps each command as one line, the backslash-newline removed.
    expect(shell.history().slice(-3)).toEqual(['echo one   two', 'echo "a\nb"', 'echo piped |\n\ncat']);
    session.input('\x1b[A\x1b[A');
    // A quoted newline comes back as $'\n' between the quote's halves: one line, same meaning.
    expect(screen.lines().at(-1)).toBe(`learner@dojo:~$ echo "a"$'\\n'"b"`);
    session.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$ echo one   two');
  });

  it('Ctrl-C at `> ` drops the unfinished command and $? is 130; a pasted continued command runs once', async () => {
    const { screen, session } = realShellSession();
    session.input('echo "never\r');
    await session.whenIdle();
    session.input('\x03echo $?\r');
    await session.whenIdle();
    expect(screen.lines().slice(-5)).toEqual(['learner@dojo:~$ echo "never', '> ^C', 'learner@dojo:~$ echo $?', '130', 'learner@dojo:~$']);
    session.input(`${PASTE_START}echo pasted \\\n  --flag\n${PASTE_END}`);
    await session.whenIdle();
    expect(screen.lines().slice(-4)).toEqual(['learner@dojo:~$ echo pasted \\', '>   --flag', 'pasted --flag', 'learner@dojo:~$']);
  });

  it('Tab at `> ` completes within the whole command: after `cat \\`, a file name, not a command name', async () => {
    const { screen, session } = realShellSession();
    session.input('cat \\\r');
    await session.whenIdle();
    session.input('READ\t');
    expect(screen.lines().at(-1)).toBe('> README.txt');
    session.input('\r');
    await session.whenIdle();
    expect(screen.lines().at(-2)).not.toMatch(/No such file/);
  });

  it('abandonUnfinished drops a command open at `> ` without ^C or a new $? (a lesson types its own)', async () => {
    const { screen, session } = realShellSession();
    session.input('false\r');
    await session.whenIdle();
    session.input('echo "abc\r');
    await session.whenIdle();
    session.abandonUnfinished();
    session.input('echo $?\r');
    await session.whenIdle();
    expect(screen.lines().slice(-5)).toEqual(['learner@dojo:~$ echo "abc', '>', 'learner@dojo:~$ echo $?', '1', 'learner@dojo:~$']);
  });

  it('Ctrl-C while a command runs aborts it and drops the type-ahead', async () => {
    const { screen, shell, session } = setup();
    session.input('wait\r');
    await tick();
    session.input('echo never\r');
    session.input('\x03');
    await session.whenIdle();
    expect(shell.ran).toEqual(['wait']);
    expect(shell.lastStatus).toBe(130);
    expect(screen.lines()).toEqual(['learner@dojo:~$ wait', '^C', 'learner@dojo:~$']);
  });

  it('asks a question, reads the answer from the keyboard, then carries on', async () => {
    const { screen, shell, session } = setup();
    session.input('ask\r');
    await tick();
    expect(screen.lines().at(-1)).toBe('Name:');
    session.input('dojo\r');
    await session.whenIdle();
    expect(shell.answers).toEqual(['dojo']);
    expect(screen.lines()).toEqual(['learner@dojo:~$ ask', 'Name: dojo', 'got dojo', 'learner@dojo:~$']);
  });

  it('a question offers its default for editing', async () => {
    const { shell, session } = setup();
    session.input('ask my-app\r');
    await tick();
    session.input('\x7f\x7f\x7fapi\r');
    await session.whenIdle();
    expect(shell.answers).toEqual(['my-api']);
  });

  it('Ctrl-C at a question answers null', async () => {
    const { screen, shell, session } = setup();
    session.input('ask\r');
    await tick();
    session.input('hal\x03');
    await session.whenIdle();
    expect(shell.answers).toEqual([null]);
    expect(screen.text()).toContain('Name: hal^C');
  });

  it('type-ahead entered before a question answers it', async () => {
    const { shell, session } = setup();
    session.input('ask\rearly\r');
    await session.whenIdle();
    expect(shell.answers).toEqual(['early']);
  });

  it('decodes UTF-8 split across chunks and flushes an incomplete tail', async () => {
    const { screen, session } = setup();
    session.input('bytes\r');
    await session.whenIdle();
    // An incomplete 4-byte sequence becomes one replacement character, never lost silently.
    expect(screen.lines()[1]).toBe('\ufffd');
  });

  it('cuts a flood of output and says so', async () => {
    const { screen, session } = setup(100, { maxOutputChars: 100 });
    session.input('flood 1000\r');
    await session.whenIdle();
    const lines = screen.lines();
    expect(lines.filter((l) => l === 'y')).toHaveLength(50);
    expect(lines).toContain('dojo: output cut after 100 characters so the page stays responsive');
    expect(lines.at(-1)).toBe('learner@dojo:~$');
  });

  it('caps a huge paste with a message and stays usable', async () => {
    const { screen, shell, session } = setup(80, { maxPasteChars: 1000 });
    session.input(`${PASTE_START}echo ${'x'.repeat(100_000)}\n${PASTE_END}`);
    await session.whenIdle();
    expect(screen.text()).toContain('dojo: paste too long: kept the first 1000 of 100006 characters');
    // The cut paste had no newline left, so the line waits for editing; Ctrl-U clears it.
    expect(shell.ran).toEqual([]);
    session.input('\x15echo ok\r');
    await session.whenIdle();
    expect(shell.ran).toEqual(['echo ok']);
  });

  it('a 100,000-character typed line is cut to the line limit with a message', async () => {
    const { screen, shell, session } = setup(80);
    session.input('x'.repeat(100_000));
    expect(screen.text()).toContain('dojo: line too long: kept the first 16384 characters');
    session.input('\r');
    await session.whenIdle();
    expect(shell.ran[0]).toHaveLength(16_384);
  });

  it('binary garbage typed or pasted never throws and leaves a working prompt', async () => {
    const { shell, session } = setup();
    let junk = '';
    for (let i = 0; i < 2000; i++) junk += String.fromCharCode((i * 104729) % 0xffff);
    expect(() => session.input(junk)).not.toThrow();
    expect(() => session.input(PASTE_START + junk + PASTE_END)).not.toThrow();
    await session.whenIdle();
    session.input('\x03echo fine\r');
    await session.whenIdle();
    expect(shell.ran.at(-1)).toBe('echo fine');
  });

  it("a terminal's replies to queries (DCS, OSC, CSI reports) reach the line as nothing: Enter runs nothing", async () => {
    const { screen, shell, session } = setup();
    session.input('\x1bP1$r0m\x1b\\');
    session.input('\x1b]10;rgb:1f1f/2323/2828\x1b\\');
    session.input('\x1b]4;1;rgb:ffff/6b6b/6b6b\x07');
    session.input('\x1b[12;5R\x1b[?1;2c\x1b[?2004;1$y');
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$');
    session.input('\r');
    await session.whenIdle();
    expect(shell.ran).toEqual([]);
  });

  it('a shell that throws still gets the learner a prompt back', async () => {
    const { screen, session } = setup();
    session.input('throw\r');
    await session.whenIdle();
    expect(screen.lines().slice(-2)).toEqual(['dojo: internal error: kaboom', 'learner@dojo:~$']);
  });

  it('Ctrl-L clears the screen and redraws the line on top', async () => {
    const { screen, session } = setup();
    session.input('echo a\r');
    await session.whenIdle();
    session.input('part\x0c');
    expect(screen.lines()).toEqual(['learner@dojo:~$ part']);
  });

  it('print() shows a message above the line being typed', () => {
    const { screen, session } = setup();
    session.input('half');
    session.print('Loaded my.wasm');
    expect(screen.lines()).toEqual(['Loaded my.wasm', 'learner@dojo:~$ half']);
    session.input(' more');
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$ half more');
  });

  it('Tab completion and double-Tab listing draw on screen', () => {
    const { screen, session } = setup();
    session.input('e\t\t');
    expect(screen.lines()).toEqual(['learner@dojo:~$ e', 'echo       exit-with', 'learner@dojo:~$ e']);
    session.input('c\t');
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$ echo');
  });

  it('history ↑ recalls the previous command', async () => {
    const { screen, session } = setup();
    session.input('echo first\r');
    await session.whenIdle();
    session.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('learner@dojo:~$ echo first');
  });

  it('a here-document and an open compound read on at `> ` until they end, then run as one (real shell)', async () => {
    await loadEngine();
    const { screen, session, fs } = realShellSession();
    session.input("cat <<EOF > /tmp/pod.yaml\rkind: Pod\rname: it's $HOME\rEOF\r");
    await session.whenIdle();
    expect(fs.readText('/tmp/pod.yaml')).toBe("kind: Pod\nname: it's /home/learner\n");
    session.input('for i in 1 2\rdo echo "n$i"\rdone\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual([
      'learner@dojo:~$ cat <<EOF > /tmp/pod.yaml',
      '> kind: Pod',
      "> name: it's $HOME",
      '> EOF',
      'learner@dojo:~$ for i in 1 2',
      '> do echo "n$i"',
      '> done',
      'n1',
      'n2',
      'learner@dojo:~$',
    ]);
  });
});
