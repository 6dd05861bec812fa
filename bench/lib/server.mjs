/**
 * Build and serve for the bench. The build goes to bench/.out/dist (not dist/), so a bench run never
 * swaps files under an e2e run or a preview another engineer is using from the same tree.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function viteBin(root) {
  return join(root, 'node_modules', '.bin', 'vite');
}

export function build(root, outDir) {
  const res = spawnSync(viteBin(root), ['build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    // vite's progress is progress: stderr, so stdout stays one JSON object.
    stdio: ['ignore', 2, 2],
  });
  if (res.status !== 0) throw new Error(`vite build failed with status ${res.status}`);
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Starts `vite preview` on a free port; returns { url, stop }. stop() kills the whole process group. */
export async function preview(root, outDir, timeoutMs = 30000) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = spawn(
    viteBin(root),
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const stop = () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      server.kill('SIGTERM');
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`vite preview exited early (${server.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}
