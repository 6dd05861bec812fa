/**
 * Issue 11: asking for help never changes anything. Every command in the product's registry, and
 * every subcommand it declares, run with `--help` and with `-h` on a fresh machine: the files, the
 * current directory and the exported variables stay as they were. `--help` prints help with status 0
 * except where the real tool has no help flag (NOT_HELP, each checked to do what it really does).
 * `-h` is help for the tools whose parsers make it so (clap, curl, the Dojo's own); for GNU tools it is
 * another option or a usage error, which must then say so on stderr and still change nothing.
 */
import { describe, expect, it } from 'vitest';
import { LAZY_COMMANDS } from '../index';
import { editCommand } from '../edit';
import { testShell } from '../../shell/testing';
import { createMachine } from '../../machine/services';
import type { CommandDefinition, SubcommandSpec } from '../../shell/types';

/** Commands whose real counterpart has no help flag, with what the real one does instead. */
const NOT_HELP: Record<string, { flags: string[]; status: number; stdout: (flag: string) => string }> = {
  // bash's echo prints its operands; true and false ignore them.
  echo: { flags: ['--help', '-h'], status: 0, stdout: (flag) => `${flag}\n` },
  true: { flags: ['--help', '-h'], status: 0, stdout: () => '' },
  false: { flags: ['--help', '-h'], status: 1, stdout: () => '' },
};

/** Tools whose real `-h` is help. */
const DASH_H_IS_HELP = new Set(['wasmtime', 'wasmedge', 'spin', 'cargo', 'rustup', 'curl', 'dojo', 'edit']);

function machine() {
  const t = testShell({ extra: [...LAZY_COMMANDS, editCommand], services: { machine: createMachine(), resetWorkspace: async () => undefined } });
  return t;
}

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

// The emulated tools load lazily; their subcommands are known once loaded.
await Promise.all(LAZY_COMMANDS.map((c) => c.preload()));

describe('--help and -h change nothing', () => {
  const t0 = machine();
  const defs = t0.shell.registry.list();
  const lines = commandLines(defs);

  it('covers every registered command and the subcommands they declare', () => {
    for (const name of ['ls', 'rm', 'mkdir', 'head', 'wasmtime', 'wasmedge', 'spin', 'cargo', 'rustup', 'curl', 'dojo']) expect(lines).toContainEqual([name]);
    for (const sub of [['spin', 'up'], ['spin', 'registry', 'push'], ['spin', 'templates', 'list'], ['dojo', 'reset'], ['cargo', 'build']]) expect(lines).toContainEqual(sub);
  });

  for (const words of lines) {
    for (const flag of ['--help', '-h']) {
      const line = [...words, flag].join(' ');
      it(line, async () => {
        const t = machine();
        const before = JSON.stringify(t.fs.snapshot());
        const cwd = t.shell.cwd;
        const env = JSON.stringify(t.shell.env?.exported?.() ?? null);
        const r = await t.run(line);
        expect(JSON.stringify(t.fs.snapshot()), `${line} changed the files`).toBe(before);
        expect(t.shell.cwd).toBe(cwd);
        expect(JSON.stringify(t.shell.env?.exported?.() ?? null)).toBe(env);
        const exception = words.length === 1 ? NOT_HELP[words[0]!] : undefined;
        if (exception?.flags.includes(flag)) {
          expect(r).toMatchObject({ status: exception.status, stdout: exception.stdout(flag) });
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
