import { describe, expect, it } from 'vitest';
import { settledOrAborted } from './wait';

describe('settledOrAborted', () => {
  const never = new Promise<never>(() => undefined);

  it('resolves when the promise settles, a rejection included', async () => {
    await expect(settledOrAborted(Promise.reject(new Error('network')), new AbortController().signal)).resolves.toBeUndefined();
  });

  it('an abort, before or during the wait, ends it', async () => {
    const before = new AbortController();
    before.abort();
    await expect(settledOrAborted(never, before.signal)).resolves.toBeUndefined();
    const during = new AbortController();
    const waiting = settledOrAborted(never, during.signal);
    during.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('the bound ends a wait for a promise that never settles, and not before', async () => {
    const started = performance.now();
    let done = false;
    const waiting = settledOrAborted(never, new AbortController().signal, 40).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    await waiting;
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});
