import { describe, expect, it } from 'vitest';
import { presenterKey, solutionScript } from './script';

describe('presenter script', () => {
  it('is every solution command of every step, in order, with its step', () => {
    const lesson = {
      steps: [
        { title: 'One', solution: { commands: ['wasmtime a.wasm', 'echo $?'] } },
        { title: 'Quiz' },
        { title: 'Three', solution: { commands: ['wasmtime --dir /data b.wasm'] } },
      ],
    } as unknown as Parameters<typeof solutionScript>[0];
    expect(solutionScript(lesson)).toEqual([
      { stepIndex: 0, stepTitle: 'One', command: 'wasmtime a.wasm' },
      { stepIndex: 0, stepTitle: 'One', command: 'echo $?' },
      { stepIndex: 2, stepTitle: 'Three', command: 'wasmtime --dir /data b.wasm' },
    ]);
  });

  it('maps → ← P Escape and nothing else', () => {
    expect(['ArrowRight', 'ArrowLeft', 'p', 'P', 'Escape', 'Enter', 'ArrowUp', ' '].map(presenterKey)).toEqual([
      'next',
      'back',
      'pause',
      'pause',
      'exit',
      null,
      null,
      null,
    ]);
  });
});
