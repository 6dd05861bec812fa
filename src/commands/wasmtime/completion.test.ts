import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory-fs';
import { resolve } from '../../fs/path';
import { completeLine } from '../../shell/complete';
import { MapCommandRegistry } from '../../shell/registry';
import type { ShellApi } from '../../shell/types';
import { wasmedgeCommand } from '../wasmedge';
import { wasmtimeCommand } from './index';

function setup() {
  const fs = new MemoryFs();
  fs.mkdir('/home/learner', { recursive: true });
  fs.writeFile('/home/learner/hello.wasm', 'x');
  fs.writeFile('/home/learner/run.txt', 'x');
  const registry = new MapCommandRegistry();
  registry.register(wasmtimeCommand);
  registry.register(wasmedgeCommand);
  const shell: ShellApi = {
    cwd: '/home/learner',
    home: '/home/learner',
    resolvePath: (p) => resolve('/home/learner', p, '/home/learner'),
    chdir: () => undefined,
    history: () => [],
    registry,
  };
  return (line: string) => completeLine(line, line.length, shell, fs).candidates;
}

describe('Tab completion for the runtimes', () => {
  it('offers module files and subcommands as the first word', () => {
    const complete = setup();
    expect(complete('wasmtime hel')).toEqual(['hello.wasm', 'help']);
    expect(complete('wasmtime r')).toEqual(['run', 'run.txt']);
    expect(complete('wasmedge hel')).toEqual(['hello.wasm']);
    expect(complete('wasmedge com')).toEqual(['compile']);
  });

  it('offers flags and -S / -W keys', () => {
    const complete = setup();
    expect(complete('wasmtime --di')).toEqual(['--dir']);
    expect(complete('wasmtime -S inherit-')).toEqual(['inherit-env', 'inherit-network', 'inherit-stderr', 'inherit-stdin', 'inherit-stdout']);
    expect(complete('wasmtime --wasm fue')).toEqual(['fuel']);
    expect(complete('wasmtime --dir /data hel')).toEqual(['hello.wasm']);
  });
});
