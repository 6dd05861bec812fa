import { describe, expect, it } from 'vitest';
import { historyLine, readLine, type CommandSoFar } from './continuation';
import { testShell } from '../../test/support/shell';

/** Reads lines as the terminal does at `$ ` then `> `, and returns the command to run (or what is still open). */
function readAll(lines: string[]): CommandSoFar {
  let sofar: CommandSoFar | undefined;
  for (const line of lines) sofar = readLine(line, sofar?.why ? sofar : undefined);
  return sofar!;
}

const continuationNeeded = (line: string) => readLine(line).why;

describe('whether a line needs more', () => {
  it.each([
    ['echo a \\', 'backslash'],
    ['echo "a \\', 'backslash'],
    ['echo "open', 'quote'],
    ["echo 'open \\", 'quote'],
    ["echo $'open", 'quote'],
    ['echo "a\\"', 'quote'],
    ['echo a |', 'operator'],
    ['true &&', 'operator'],
    ['false ||  ', 'operator'],
    ['echo a | # a note', 'operator'],
    ['echo ${HOME', 'brace'],
    ['echo ${A:-${B}', 'brace'],
    ['echo ${A:-a b | c', 'brace'],
    ["echo ${A:-'}'", 'brace'],
  ])('%s needs more (%s)', (line, why) => {
    expect(continuationNeeded(line)).toBe(why);
  });

  it.each([
    'echo a',
    'echo a \\\\',
    "echo 'it''s'",
    'echo "done"',
    'echo a # a comment \\',
    "echo '#' x",
    'echo a | cat',
    'echo a;',
    '',
    'echo a >| f',
    'echo a |& cat',
    'sleep 1 &',
    'ls 2>&1',
    'echo ${HOME}',
    "echo '${HOME'",
    'echo \\${HOME',
    'echo ${A:-a|b}',
  ])('%s is complete', (line) => {
    expect(continuationNeeded(line)).toBeNull();
  });
});

describe('reading a command over several lines, then running it as one', () => {
  it('removes a backslash-newline and keeps a quoted or post-operator newline, as bash reads them', async () => {
    const t = testShell();
    const run = async (lines: string[]) => {
      const read = readAll(lines);
      expect(read.why).toBeNull();
      return (await t.run(read.text)).stdout;
    };
    expect(readAll(['echo a \\', '  b']).text).toBe('echo a   b');
    expect(await run(['echo a \\', '  b'])).toBe('a b\n');
    expect(await run(['echo "one \\', 'two"'])).toBe('one two\n');
    expect(await run(['echo "one', 'two"'])).toBe('one\ntwo\n');
    expect(await run(['echo hi |', '', 'cat'])).toBe('hi\n');
    expect(await run(['false ||', 'echo rescued'])).toBe('rescued\n');
    // A comment ends at its own line; the pipe before it still wants a command.
    expect(await run(['echo a | # note', 'cat'])).toBe('a\n');
    expect(await run(['echo "a', 'b"; echo c'])).toBe('a\nb\nc\n');
  });

  it('an unclosed `${` reads on at `> ` and the newline stays inside it, as in bash', async () => {
    const t = testShell();
    const read = readAll(['echo ${HOME', '}']);
    expect(read).toMatchObject({ text: 'echo ${HOME\n}', why: null });
    // bash 5.2: `bash: ${HOME<newline>}: bad substitution`, status 1.
    expect(await t.run(read.text)).toEqual({ stdout: '', stderr: 'dojo: ${HOME\n}: bad substitution\n', status: 1 });
    expect(readAll(['echo ${HOME', '| cat}']).why).toBeNull();
    // Run without the terminal's `> ` (a pasted script, `typeCommand`): bash's EOF error, status 2.
    expect(await t.run('echo ${HOME')).toEqual({ stdout: '', stderr: "dojo: unexpected EOF while looking for matching `}'\n", status: 2 });
  });

  it('reads each further line from the saved scan state, never the text before it again', () => {
    // The text so far holds a quote the saved state says is closed: a rescan would see it open.
    const sofar = readLine('echo a \\');
    const planted: CommandSoFar = { ...sofar, text: `${sofar.text}"` };
    expect(readLine('b', planted)).toMatchObject({ why: null, text: 'echo a "b' });
    expect(readLine(`${planted.text}b`).why).toBe('quote');
  });

  it('a long pasted command joins every line', () => {
    const lines = Array.from({ length: 999 }, (_, i) => `--flag-${i} value \\`);
    const read = readAll(['cmd \\', ...lines, 'end']);
    expect(read.why).toBeNull();
    expect(read.text).toBe(`cmd ${lines.map((l) => l.slice(0, -1)).join('')}end`);
  });
});

describe('historyLine', () => {
  it('puts a multi-line command on one line without changing what it does', async () => {
    const t = testShell();
    const same = async (entry: string) => {
      const one = historyLine(entry);
      expect(one).not.toContain('\n');
      expect((await t.run(one)).stdout).toBe((await t.run(entry)).stdout);
      return one;
    };
    expect(await same('echo "one\ntwo"')).toBe(`echo "one"$'\\n'"two"`);
    expect(await same("echo 'a\nb'")).toBe(`echo 'a'$'\\n''b'`);
    expect(await same('echo hi |\n\ncat')).toBe('echo hi | cat');
    expect(await same('echo a | # note\ncat')).toBe('echo a | cat');
    expect(await same('echo "q\\"\n"')).toBe(`echo "q\\""$'\\n'""`);
    expect(historyLine('plain')).toBe('plain');
  });
});
