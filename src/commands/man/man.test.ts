import { describe, expect, it } from 'vitest';
import { makeDojo, plain } from '../../../test/support/dojo';
import { testShell } from '../../../test/support/shell';
import type { KeyInput } from './keys';
import { less, more } from './less';
import { man } from './man';
import { page, screenLines } from './pager';
import type { CommandContext } from '../../shell/types';

const rig = await makeDojo({ tty: false, lessons: false });

describe('man', () => {
  it("builds a coreutil's page from GNU's own help: NAME, SYNOPSIS, the real options", async () => {
    const r = await rig.type('man sort');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^SORT\(1\) +User Commands +SORT\(1\)\n\nNAME\n {7}sort - sort lines of text files\n\nSYNOPSIS\n {7}sort \[OPTION\]\.\.\. \[FILE\]\.\.\.\n/,
    );
    expect(r.stdout).toContain('       -n, --numeric-sort          compare according to string numerical value\n');
    expect(r.stdout).not.toMatch(/DESCRIPTION\n {7}Usage:/);
  });

  it("adds the Dojo's own words for the Dojo's tools", async () => {
    const r = await rig.type('man wasmtime');
    expect(r.stdout).toContain('DESCRIPTION\n       Runs a WebAssembly module with Wasmtime');
    expect(r.stdout).toContain('SEE ALSO\n       wasmedge(1), spin(1), dojo(1)');
  });

  it('has a page for every command the machine ships', async () => {
    const names = rig.registry.list().map((d) => d.name);
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const r = await rig.type(`man ${name}`);
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toContain(`NAME\n       ${name} - `);
    }
  });

  it("answers man-db's way when there is no page, no name, or apropos finds nothing", async () => {
    expect(await rig.type('man nosuch')).toMatchObject({ status: 16, stderr: 'No manual entry for nosuch\n', stdout: '' });
    expect(await rig.type('man')).toMatchObject({ status: 1, stderr: "What manual page do you want?\nFor example, try 'man man'.\n" });
    expect(await rig.type('man -k zzzz')).toMatchObject({ status: 16, stderr: 'zzzz: nothing appropriate.\n' });
    const k = await rig.type('man -k digest');
    expect(k.stdout).toContain('sha256sum (1)');
    expect((await rig.type('man 1 ls')).stdout).toContain('NAME\n       ls - ');
  });
});

function ttyCtx(stdout: string[], keys?: string[], answers?: Array<string | null>): CommandContext {
  const t = testShell();
  const questions: string[] = [];
  const keyInput: KeyInput | undefined = keys
    ? {
        rows: 10,
        readKey: () => Promise.resolve(keys.length ? keys.shift()! : null),
      }
    : undefined;
  return {
    argv: ['less'],
    stdin: { isTTY: true, readAll: () => Promise.resolve(new Uint8Array()) },
    stdout: { isTTY: true, columns: 40, write: (d) => stdout.push(typeof d === 'string' ? d : new TextDecoder().decode(d)) },
    stderr: { isTTY: true, write: () => undefined },
    env: t.shell.env,
    fs: t.fs,
    cwd: t.shell.cwd,
    signal: new AbortController().signal,
    shell: t.shell,
    services: { ...t.shell.services, ...(keyInput ? { keys: keyInput } : {}) } as CommandContext['services'],
    prompt: (q) => {
      questions.push(q);
      return Promise.resolve(answers?.length ? answers.shift()! : null);
    },
  };
}

const TEXT = Array.from({ length: 50 }, (_, i) => `line ${i + 1}${i === 37 ? ' needle' : ''}`).join('\n') + '\n';

describe('the pager', () => {
  it('is cat when its output is not a terminal, and says what is missing', async () => {
    const t = testShell({ extra: [less, more] });
    await t.run('seq 3 > s.txt');
    expect(await t.run('less s.txt', { tty: false })).toMatchObject({ status: 0, stdout: '1\n2\n3\n' });
    expect(await t.run('less nope.txt', { tty: false })).toMatchObject({ status: 1, stderr: 'nope.txt: No such file or directory\n' });
    expect((await t.run('less', { tty: true })).stderr).toBe('Missing filename ("less --help" for help)\n');
    expect((await t.run('seq 3 | more', { tty: false })).stdout).toBe('1\n2\n3\n');
  });

  it('pages with single keys on the alternate screen: space, b, arrows, /search, n, G, q', async () => {
    const out: string[] = [];
    const keys = [' ', '\x1b[B', '/', 'n', 'e', 'e', 'd', 'l', 'e', '\r', 'b', 'G', 'g', 'q'];
    const status = await page(ttyCtx(out, keys), TEXT);
    expect(status).toBe(0);
    const screens = out.join('').split('\x1b[H\x1b[2J').slice(1).map(plain);
    expect(out[0]).toBe('\x1b[?1049h\x1b[H');
    expect(out[out.length - 1]).toBe('\x1b[?1049l');
    const first = (s: string) => s.split('\r\n')[0];
    // 10 rows: 9 lines of text and a status line.
    expect(first(screens[0]!)).toBe('line 1');
    expect(screens[0]!.split('\r\n')).toHaveLength(10);
    expect(first(screens[1]!)).toBe('line 10');
    expect(first(screens[2]!)).toBe('line 11');
    expect(first(screens[3]!)).toBe('line 38 needle');
    expect(first(screens[4]!)).toBe('line 29');
    expect(first(screens[5]!)).toBe('line 42');
    expect(screens[5]).toContain('(END)');
    expect(first(screens[6]!)).toBe('line 1');
  });

  it('stops with 130 on Ctrl-C', async () => {
    const out: string[] = [];
    const ctx = ttyCtx(out, []);
    const ac = new AbortController();
    const keys: KeyInput = { rows: 10, readKey: () => new Promise((r) => ac.signal.addEventListener('abort', () => r(null))) };
    const running = page({ ...ctx, signal: ac.signal, services: { ...ctx.services, keys } as CommandContext['services'] }, TEXT);
    ac.abort();
    expect(await running).toBe(130);
    expect(out[out.length - 1]).toBe('\x1b[?1049l');
  });

  it("without single keys, asks at more's prompt after each page", async () => {
    const out: string[] = [];
    const ctx = ttyCtx(out, undefined, ['', 'b', '/needle', 'q']);
    const status = await page({ ...ctx, env: { ...ctx.env, get: (n: string) => (n === 'LINES' ? '11' : ctx.env.get(n)) } }, TEXT);
    expect(status).toBe(0);
    const shown = out.join('');
    expect(shown.startsWith('line 1\n')).toBe(true);
    expect(shown).toContain('line 11\n');
    expect(shown).toContain('line 38 needle\n');
  });

  it('wraps long lines to the terminal width when counting rows', () => {
    expect(screenLines('a'.repeat(85) + '\nb\n', 40)).toEqual(['a'.repeat(40), 'a'.repeat(40), 'a'.repeat(5), 'b']);
  });

  it('man and less are the same pager', () => {
    expect(man.name).toBe('man');
    expect(less.usage).toBe('less [options] [FILE]...');
  });
});
