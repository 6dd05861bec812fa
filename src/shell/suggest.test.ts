import { describe, expect, it } from 'vitest';
import { suggestCommand } from './suggest';

const ours = [
  'ls',
  'cat',
  'cd',
  'edit',
  'undo',
  'hint',
  'exit',
  'sudo',
  'spin',
  'wasmtime',
  'wasmedge',
  'curl',
  'mkdir',
  'rm',
  'echo',
  'sh',
  'check',
];

describe('did you mean', () => {
  it('offers a close name of our own', () => {
    expect(suggestCommand('sl', ours)).toBe('ls');
    expect(suggestCommand('wasmtim', ours)).toBe('wasmtime');
    expect(suggestCommand('wasmtiem', ours)).toBe('wasmtime');
    expect(suggestCommand('curll', ours)).toBe('curl');
    expect(suggestCommand('sipn', ours)).toBe('spin');
  });
  it("never offers a far or absurd neighbour, nor a command that changes state (the issue's cases)", () => {
    expect(suggestCommand('ps', ours)).toBeUndefined();
    expect(suggestCommand('date', ours)).toBeUndefined();
    expect(suggestCommand('find', ours)).toBeUndefined();
    expect(suggestCommand('sudoo', ours)).toBeUndefined();
    expect(
      suggestCommand(
        'exi',
        ours.filter((n) => n !== 'exit'),
      ),
    ).toBeUndefined();
    expect(suggestCommand('eddit', ours)).toBeUndefined();
    expect(suggestCommand('mkdri', ours)).toBeUndefined();
    expect(suggestCommand('shh', ours)).toBeUndefined();
  });
});
