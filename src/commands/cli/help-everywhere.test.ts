/**
 * Issue 11: asking for help never changes anything. Every command in the product's registry (as
 * createDojo wires it, lesson commands included, with a lesson open and every file edited), and every
 * subcommand it declares, run with `--help` and with `-h`: the files, the current directory and the
 * exported variables stay as they were after each line. `--help` prints help with status 0
 * except where the real tool has no help flag (NOT_HELP, each checked to do what it really does).
 * `-h` is help for the tools whose parsers make it so (clap, curl, the Dojo's own); for GNU tools it is
 * another option or a usage error, which must then say so on stderr and still change nothing.
 */
import { describe, expect, it } from 'vitest';
import { LAZY_COMMANDS } from '../index';
import { PRINTF_HELP } from '../builtins/printf';
import type { CommandDefinition, SubcommandSpec } from '../../shell/types';
import { makeDojo } from '../../../test/support/dojo';

/** Commands whose real counterpart has no help flag, with what the real one does instead. */
const NOT_HELP: Record<string, { flags: string[]; status: number; stdout: (flag: string) => string }> = {
  // bash's echo prints its operands; true and false ignore them.
  echo: { flags: ['--help', '-h'], status: 0, stdout: (flag) => `${flag}\n` },
  true: { flags: ['--help', '-h'], status: 0, stdout: () => '' },
  false: { flags: ['--help', '-h'], status: 1, stdout: () => '' },
  // bash's printf builtin prints its long help for --help, with status 2 (builtin_help's EX_USAGE).
  printf: { flags: ['--help'], status: 2, stdout: () => PRINTF_HELP },
  // xxd (vim's) prints its usage on stderr and exits 1 for -h and for any option it does not know.
  xxd: { flags: ['--help', '-h'], status: 1, stdout: () => '' },
  // bash's `:` and `test` take `--help` as an operand (true: a non-empty string); `[` then misses its `]`.
  ':': { flags: ['--help', '-h'], status: 0, stdout: () => '' },
  test: { flags: ['--help', '-h'], status: 0, stdout: () => '' },
  '[': { flags: ['--help', '-h'], status: 2, stdout: () => '' },
};

/**
 * Go tools print their help on stderr (Go's flag package writes usage to its output, stderr), still
 * with status 0; `tinygo --help` is not help at all: TinyGo reads `--help` as a command name and
 * answers "Unknown command: --help" with the usage, status 1 (main.go).
 */
const HELP_ON_STDERR = new Set(['tinygo']);

/** Tools whose real `-h` is help. */
const DASH_H_IS_HELP = new Set(['wasmtime', 'wasmedge', 'spin', 'cargo', 'rustup', 'curl', 'dojo', 'edit']);

function commandLines(defs: CommandDefinition[]): string[][] {
  const out: string[][] = [];
  const walk = (words: string[], subs: SubcommandSpec[] | undefined) => {
    for (const s of subs ?? []) {
      if (s.name === 'help') continue;
      out.push([...words, s.name]);
      walk([...words, s.name], s.subcommands);
    }
  };
  for (const def of defs) {
    out.push([def.name]);
    walk([def.name], def.subcommands);
  }
  return out;
}

// The product as the browser wires it (every command, the lessons feature, jobs), one lesson started
// so the lesson commands act on something; the emulated tools loaded so their subcommands are known.
await Promise.all(LAZY_COMMANDS.map((c) => c.preload()));
const rig = await makeDojo({ tty: false });
const started = await rig.type('lesson nothing-by-default');
// The learner's edits: a `reset` or `restart` that ran instead of printing help would put them back.
const edited: string[] = [];
(function edit(dir: string) {
  for (const name of rig.fs.readdir(dir)) {
    const path = `${dir}/${name}`;
    const st = rig.fs.stat(path);
    if (st?.kind === 'dir' && !name.startsWith('.')) edit(path);
    else if (st?.kind === 'file' && edited.length < 200) {
      const bytes = rig.fs.readFile(path);
      rig.fs.writeFile(path, Uint8Array.from([...bytes, 0x0a]));
      edited.push(path);
    }
  }
})(rig.shell.home);

describe('--help and -h change nothing', () => {
  const defs = rig.registry.list();
  const lines = commandLines(defs);

  it('covers every registered command and the subcommands they declare', () => {
    expect(started.status).toBe(0);
    expect(edited.length).toBeGreaterThan(3);
    for (const name of ['ls', 'rm', 'mkdir', 'head', 'wasmtime', 'wasmedge', 'spin', 'cargo', 'rustup', 'curl', 'dojo', 'lesson', 'jobs'])
      expect(lines).toContainEqual([name]);
    for (const sub of [
      ['spin', 'up'],
      ['spin', 'registry', 'push'],
      ['spin', 'templates', 'list'],
      ['dojo', 'reset'],
      ['cargo', 'build'],
    ])
      expect(lines).toContainEqual(sub);
  });

  for (const words of lines) {
    for (const flag of ['--help', '-h']) {
      const line = [...words, flag].join(' ');
      it(line, async () => {
        const before = JSON.stringify(rig.fs.snapshot());
        const cwd = rig.shell.cwd;
        const env = JSON.stringify(rig.shell.env.exported());
        const r = await rig.type(line);
        expect(JSON.stringify(rig.fs.snapshot()), `${line} changed the files`).toBe(before);
        expect(rig.shell.cwd).toBe(cwd);
        expect(JSON.stringify(rig.shell.env.exported())).toBe(env);
        const exception = words.length === 1 ? NOT_HELP[words[0]!] : undefined;
        if (exception?.flags.includes(flag)) {
          expect(r).toMatchObject({ status: exception.status, stdout: exception.stdout(flag) });
          return;
        }
        if (HELP_ON_STDERR.has(words[0]!)) {
          if (words.length === 1)
            expect(r).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^Unknown command: -{1,2}h(elp)?\n/) });
          else
            expect({ status: r.status, stdout: r.stdout, helpOnStderr: r.stderr.length > 20 }, line).toEqual({
              status: 0,
              stdout: '',
              helpOnStderr: true,
            });
          return;
        }
        if (flag === '-h' && !DASH_H_IS_HELP.has(words[0]!)) {
          expect(r.stderr).not.toMatch(/internal error/);
          if (r.status !== 0) expect(r.stderr, `${line} failed without saying why`).not.toBe('');
          return;
        }
        expect({ status: r.status, stderr: r.stderr }, line).toEqual({ status: 0, stderr: '' });
        expect(r.stdout.length, `${line} printed no help`).toBeGreaterThan(20);
      });
    }
  }
});
