/** `&` with the product's own servers: `spin up &` is one job that jobs, curl and kill %1 all see. */
import { describe, expect, it } from 'vitest';
import { makeDojo } from './support/dojo';

describe('spin up & through the shell', () => {
  it('runs in the background as job [1]; curl reaches it; kill %1 stops it', async () => {
    const d = await makeDojo({ lessons: false });
    await d.type(
      'rustup target add wasm32-wasip1 >/dev/null 2>&1; spin new -t http-rust my-api --accept-defaults >/dev/null && cd my-api && spin build > /dev/null 2>&1',
    );
    const up = await d.type('spin up &');
    expect(up.stderr).toMatch(/^\[1\] \d+\n$/);
    let reply = '';
    for (let i = 0; i < 100 && reply !== 'Hello, Fermyon'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const r = await d.type('curl -s localhost:3000/');
      reply = r.stdout.slice(r.stdout.lastIndexOf('Hello') >= 0 ? r.stdout.lastIndexOf('Hello') : r.stdout.length);
    }
    expect(reply).toBe('Hello, Fermyon');
    expect((await d.type('jobs')).stdout).toBe('[1]+  Running                 spin up &\n');
    // `wait` waits for the server itself, as bash's would: only Ctrl-C ends it.
    expect((await d.type('wait', { signal: AbortSignal.timeout(100) })).status).toBe(130);
    expect((await d.type('kill %1')).stdout).toBe('[1]+  Terminated              spin up\n');
    expect((await d.type('curl -s localhost:3000/; echo " $?"')).stdout).toBe(' 7\n');
    expect((await d.type('jobs')).stdout).toBe('');
  });
});
