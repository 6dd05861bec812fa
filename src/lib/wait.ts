/**
 * Waits for `promise` to settle (either way), for `signal` to abort, or for `ms` to pass, whichever
 * comes first; never rejects. A line that waits for a chunk or a download uses it, so Ctrl-C or a
 * network that never answers cannot leave the terminal hanging.
 */
export function settledOrAborted(promise: Promise<unknown>, signal: AbortSignal, ms?: number): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    if (ms !== undefined) timer = setTimeout(done, ms);
    promise.then(done, done);
  });
}
