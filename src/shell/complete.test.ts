import { beforeAll, describe, expect, it } from 'vitest';
import { LAZY_BUILTINS } from '../commands/builtins';
import { testShell } from '../../test/support/shell';
import type { CommandDefinition } from './types';
import { completeLine } from './complete';

const fakeTool: CommandDefinition = {
  name: 'wasmtime',
  summary: 'fake',
  usage: 'wasmtime',
  flags: [
    { name: '--dir', value: 'HOST', description: '' },
    { name: '--env', value: 'NAME', description: '' },
  ],
  subcommands: [
    { name: 'run', summary: '', flags: [{ name: '--invoke', value: 'F', description: '' }] },
    { name: 'compile', summary: '' },
  ],
  run: async () => 0,
};

describe('completion', () => {
  // ls loads after the first prompt, as the browser preloads it; its flags come with its code.
  beforeAll(() => Promise.all(LAZY_BUILTINS.map((c) => c.preload())));
  const t = testShell({ extra: [fakeTool] });
  const c = (line: string, cursor = line.length) => t.shell.complete(line, cursor);

  it('completes command names at the start of a command', () => {
    expect(c('ec')).toEqual({ start: 0, candidates: ['echo', 'env', 'export'].filter((n) => n.startsWith('ec')) });
    expect(c('echo hi | ca')).toEqual({ start: 10, candidates: ['cat'] });
    expect(c('X=1 wasm').candidates).toEqual(['wasmtime']);
  });
  it('completes subcommands, then their flags', () => {
    expect(c('wasmtime ').candidates).toEqual(['compile', 'run']);
    expect(c('wasmtime r').candidates).toEqual(['run']);
    expect(c('wasmtime run --i').candidates).toEqual(['--invoke']);
    expect(c('wasmtime --d').candidates).toEqual(['--dir']);
    expect(c('dojo ').candidates).toEqual(['bench', 'reset', 'trace']);
    expect(c('ls -').candidates).toEqual(['-1', '-A', '-R', '-a', '-d', '-l']);
  });
  it('completes paths with a trailing slash for directories', () => {
    expect(c('cat /da')).toEqual({ start: 4, candidates: ['/data/'] });
    expect(c('cat /data/')).toEqual({ start: 4, candidates: ['/data/config.json'] });
    expect(c('cd mod').candidates).toEqual(['modules/']);
    expect(c('ls ~/R').candidates).toEqual(['~/README.txt']);
    expect(c('echo x > /et').candidates).toEqual(['/etc/']);
    expect(c('wasmtime run /data/c').candidates).toEqual(['/data/config.json']);
    expect(c('cat /nope/').candidates).toEqual([]);
  });
  it('completes flag values and file operands after subcommand-less words', () => {
    expect(c('wasmtime --dir /da').candidates).toEqual(['/data/']);
    expect(c('wasmtime run --dir=/da').candidates).toEqual(['--dir=/data/']);
    expect(c('wasmtime /etc/host').candidates).toEqual(['/etc/hostname']);
    expect(c('dojo x').candidates).toEqual([]);
  });
  it('completes at the cursor, not the end of the line', () => {
    expect(c('cat /da | wc', 7)).toEqual({ start: 4, candidates: ['/data/'] });
  });
  it('escapes awkward names and matches quoted prefixes', () => {
    t.fs.writeFile('/tmp/my file.txt', '');
    expect(c('cat /tmp/my').candidates).toEqual(['/tmp/my\\ file.txt']);
    expect(c('cat "/tmp/my f').candidates).toEqual(['/tmp/my\\ file.txt']);
  });
  it('a command after a reserved word or sudo completes as a command name', () => {
    expect(c('for f in *; do wasm').candidates).toEqual(['wasmtime']);
    expect(c('if tr').candidates).toContain('true');
    expect(c('sudo wasm').candidates).toEqual(['wasmtime']);
  });
  it('help and which complete command names', () => {
    expect(c('help wasm').candidates).toContain('wasmtime');
  });
  it('never throws on garbage', () => {
    // completeLine itself: Shell.complete would swallow a throw and answer "no candidates".
    for (const line of ['"', "'", '\\', '|||', '> ', '\u0000\u001b[', 'a'.repeat(10_000)]) {
      expect(() => completeLine(line, line.length, t.shell, t.fs)).not.toThrow();
    }
  });
});
