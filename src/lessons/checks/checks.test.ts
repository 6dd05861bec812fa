import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory-fs';
import type { CommandRecord } from '../records';
import type { CommandCheck } from './command';
import type { FileCheck } from './file';
import type { QuizCheck } from './quiz';
import { evaluateCheck, evaluateStep } from './index';
import type { CheckContext } from './context';

const HOME = '/home/learner';

function rec(line: string, status: number, stdout = '', stderr = ''): CommandRecord {
  // These lines are plain words split at `|`: what the shell's exec events would report for them.
  const segments = line.split('|').map((part) => part.trim().split(/\s+/));
  return { line, segments, status, stdout, stderr, cwd: HOME, env: [], at: 0 };
}

function ctx(over: Partial<CheckContext> = {}): CheckContext {
  const fs = new MemoryFs();
  fs.mkdir(HOME, { recursive: true });
  return { fs, home: HOME, history: [], describeGrants: () => [], ...over };
}

describe('command check', () => {
  const check: CommandCheck = { kind: 'command', name: 'c', tool: ['wasmtime'], module: 'hello', exitCode: 0, stdoutContains: 'Hello' };

  it('fails with guidance when the tool was never run', async () => {
    const r = await evaluateCheck(check, ctx({ history: [rec('ls', 0)] }));
    expect(r).toMatchObject({ status: 'fail', kind: 'command', name: 'c' });
    expect(r.message).toContain('Run `wasmtime` on `hello` first');
  });

  it('passes on the latest matching command, even behind a pipe', async () => {
    const r = await evaluateCheck(check, ctx({ history: [rec('wasmtime run modules/hello.wasm | cat', 0, 'Hello, world!\n'), rec('ls', 0)] }));
    expect(r.status).toBe('pass');
  });

  it('names what did not match: exit code and output', async () => {
    const r = await evaluateCheck(check, ctx({ history: [rec('wasmtime modules/hello.wasm', 1, 'nope')] }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('exited with status 1, expected 0');
    expect(r.message).toContain('does not contain `Hello`');
  });

  it('supports "nonzero", regex matching and lineMatches', async () => {
    const c: CommandCheck = { kind: 'command', name: 'n', tool: ['wasmtime'], exitCode: 'nonzero', stderrMatches: 'panicked', lineMatches: '::/data' };
    expect((await evaluateCheck(c, ctx({ history: [rec('wasmtime --dir x::/data m.wasm', 134, '', "thread 'main' panicked")] }))).status).toBe('pass');
    expect((await evaluateCheck(c, ctx({ history: [rec('wasmtime --dir /data m.wasm', 134, '', 'panicked')] }))).status).toBe('fail');
    expect((await evaluateCheck(c, ctx({ history: [rec('wasmtime --dir x::/data m.wasm', 0)] }))).message).toContain('expects a failure');
  });

  it('uses the author message when given', async () => {
    const r = await evaluateCheck({ ...check, message: 'Run hello!' }, ctx());
    expect(r.message).toBe('Run hello!');
  });
});

describe('file check', () => {
  const base: FileCheck = { kind: 'file', name: 'f', path: '~/out.json', exists: true };
  it('exists / missing / directory', async () => {
    const c = ctx();
    expect((await evaluateCheck(base, c)).message).toBe('`~/out.json` does not exist.');
    c.fs.writeFile(`${HOME}/out.json`, '{"a": 1}');
    expect((await evaluateCheck(base, c)).status).toBe('pass');
    c.fs.mkdir(`${HOME}/d`);
    expect((await evaluateCheck({ ...base, path: 'd' }, c)).message).toContain('is a directory');
  });
  it('must-not-exist', async () => {
    const c = ctx();
    expect((await evaluateCheck({ ...base, exists: false }, c)).status).toBe('pass');
    c.fs.writeFile(`${HOME}/out.json`, 'x');
    expect((await evaluateCheck({ ...base, exists: false }, c)).status).toBe('fail');
  });
  it('contains / matches', async () => {
    const c = ctx();
    c.fs.writeFile(`${HOME}/out.json`, 'processed data');
    expect((await evaluateCheck({ ...base, contains: 'processed' }, c)).status).toBe('pass');
    expect((await evaluateCheck({ ...base, contains: 'raw' }, c)).message).toContain('does not contain `raw`');
    expect((await evaluateCheck({ ...base, matches: '^proc' }, c)).status).toBe('pass');
    expect((await evaluateCheck({ ...base, matches: '^data' }, c)).status).toBe('fail');
  });
  it.each([
    ['json', '{"a": 1}', '{"a": '],
    ['yaml', 'a: 1\nb: [1, 2]\n', 'a: [1, 2\n'],
    ['toml', 'a = 1\n[b]\nc = "x"\n', 'a = = 1\n'],
  ] as const)('parses as %s', async (format, good, bad) => {
    const c = ctx();
    const check: FileCheck = { ...base, path: '/etc/conf', parses: format };
    c.fs.mkdir('/etc');
    c.fs.writeFile('/etc/conf', good);
    expect((await evaluateCheck(check, c)).status).toBe('pass');
    c.fs.writeFile('/etc/conf', bad);
    const r = await evaluateCheck(check, c);
    expect(r.status).toBe('fail');
    expect(r.message).toContain(`is not valid ${format.toUpperCase()}`);
  });
});

describe('quiz check', () => {
  const mc: QuizCheck = { kind: 'quiz', name: 'q', question: 'Q?', choices: ['a', 'b', 'c'], answer: ['B'] };
  const multi: QuizCheck = { ...mc, answer: ['A', 'C'] };
  const short: QuizCheck = { kind: 'quiz', name: 's', question: 'Flag?', answer: ['--env', 'env'] };
  it('asks for an answer when none given', async () => {
    expect((await evaluateCheck(mc, ctx())).message).toContain('answer LETTER');
  });
  it('multiple choice by letter, case-insensitive', async () => {
    expect((await evaluateCheck(mc, ctx({ quizAnswer: ' b ' }))).status).toBe('pass');
    expect((await evaluateCheck(mc, ctx({ quizAnswer: 'B)' }))).status).toBe('pass');
    expect((await evaluateCheck(mc, ctx({ quizAnswer: 'A' }))).status).toBe('fail');
  });
  it('several correct letters must all be given', async () => {
    expect((await evaluateCheck(multi, ctx({ quizAnswer: 'c, a' }))).status).toBe('pass');
    expect((await evaluateCheck(multi, ctx({ quizAnswer: 'A' }))).status).toBe('fail');
  });
  it('short answer ignores case and spaces', async () => {
    expect((await evaluateCheck(short, ctx({ quizAnswer: '  ENV ' }))).status).toBe('pass');
    expect((await evaluateCheck(short, ctx({ quizAnswer: '--dir' }))).status).toBe('fail');
  });
});

describe('step results (results.json shape)', () => {
  it('combines checks: all pass → pass; any fail → fail with messages', async () => {
    const c = ctx({ quizAnswer: 'B' });
    const step = {
      id: 's',
      title: 'S',
      body: '',
      hints: [],
      file: 'x',
      checks: [
        { kind: 'quiz', name: 'q', question: 'Q?', choices: ['a', 'b'], answer: ['B'] } as QuizCheck,
        { kind: 'file', name: 'f', path: 'missing.txt', exists: true } as FileCheck,
      ],
    };
    const r = await evaluateStep(step, c);
    expect(r.status).toBe('fail');
    expect(r.checks.map((x) => [x.name, x.status])).toEqual([
      ['q', 'pass'],
      ['f', 'fail'],
    ]);
    expect(r.message).toBe('`missing.txt` does not exist.');
    // machine-readable: plain JSON round-trips
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('turns an evaluator crash into status error', async () => {
    const broken = { kind: 'file', name: 'f', path: '~/x', exists: true } as FileCheck;
    const c = ctx();
    c.fs.writeFile(`${HOME}/x`, 'y');
    const throwing = { ...c, fs: { ...c.fs, stat: () => { throw new Error('disk on fire'); } } } as unknown as CheckContext;
    const r = await evaluateCheck(broken, throwing);
    expect(r.status).toBe('error');
    expect(r.message).toContain('disk on fire');
  });
});
