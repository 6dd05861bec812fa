import { describe, expect, it } from 'vitest';
import { BATCH_AFTER_BYTES, BATCH_BYTES, BATCH_MS, OutputBatcher, type Stream } from './output-batcher';

function rig() {
  let clock = 0;
  const sent: Array<{ stream: Stream; text: string }> = [];
  const dec = new TextDecoder();
  const batcher = new OutputBatcher(
    (stream, bytes) => sent.push({ stream, text: dec.decode(bytes) }),
    () => clock,
  );
  const enc = new TextEncoder();
  return {
    sent,
    push: (stream: Stream, text: string) => batcher.push(stream, enc.encode(text)),
    flush: () => batcher.flush(),
    tick: (ms: number) => (clock += ms),
  };
}

describe('OutputBatcher', () => {
  it("sends a normal program's writes one by one, at once", () => {
    const r = rig();
    r.push('stdout', 'hello\n');
    r.push('stderr', 'warn\n');
    r.push('stdout', 'bye\n');
    expect(r.sent).toEqual([
      { stream: 'stdout', text: 'hello\n' },
      { stream: 'stderr', text: 'warn\n' },
      { stream: 'stdout', text: 'bye\n' },
    ]);
  });

  it('past the first 64 KiB, gathers writes into 64 KiB messages, losing and reordering nothing', () => {
    const r = rig();
    const line = 'y'.repeat(31) + '\n';
    const writes = (4 * BATCH_AFTER_BYTES) / line.length;
    for (let i = 0; i < writes; i++) r.push('stdout', line);
    r.flush();
    expect(r.sent.map((s) => s.text).join('')).toBe(line.repeat(writes));
    // 2048 single writes, then three 64 KiB batches.
    expect(r.sent).toHaveLength(BATCH_AFTER_BYTES / line.length + (3 * BATCH_AFTER_BYTES) / BATCH_BYTES);
  });

  it('a batch also leaves once 16 ms passed, and a switch of stream sends what waits first', () => {
    const r = rig();
    r.push('stdout', 'x'.repeat(BATCH_AFTER_BYTES));
    r.push('stdout', 'a');
    r.push('stdout', 'b');
    expect(r.sent).toHaveLength(1);
    r.tick(BATCH_MS);
    r.push('stdout', 'c');
    expect(r.sent.at(-1)).toEqual({ stream: 'stdout', text: 'abc' });
    r.push('stdout', 'd');
    r.push('stderr', 'E');
    r.push('stdout', 'f');
    r.flush();
    expect(r.sent.slice(2)).toEqual([
      { stream: 'stdout', text: 'd' },
      { stream: 'stderr', text: 'E' },
      { stream: 'stdout', text: 'f' },
    ]);
  });
});
