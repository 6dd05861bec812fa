/**
 * A private `vite preview` server for tests that must stop, restart or swap the server (offline
 * with no server at all, an update between two builds). The shared server from e2e/run.mjs is
 * left alone: other test files keep using it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VITE = join(ROOT, 'node_modules', '.bin', 'vite');

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => res(port));
    });
  });
}

/** A private copy of dist/, so a rebuild during the run (another terminal) cannot change what is served. */
export function snapshotDist() {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-dojo-e2e-own-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Serves `outDir` (default: a snapshot of dist/) on 127.0.0.1:`port` and resolves once it answers.
 * Returns { url, port, outDir, stop }; `stop()` resolves once the process has exited and the port is closed.
 */
/** @param {{ outDir?: string, port?: number }} [options] */
export async function startPreview({ outDir, port } = {}) {
  outDir ??= snapshotDist();
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = spawn(VITE, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const exited = new Promise((r) => server.on('exit', r));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-(/** @type {number} */ (server.pid)), 'SIGTERM'); // its whole process group
      } catch {
        server.kill('SIGTERM');
      }
      await exited;
    }
    // The port must really be closed, so a "server gone" test cannot be served by a straggler.
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(url, { signal: AbortSignal.timeout(2000) });
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`preview server at ${url} still answers after stop`);
  };
  process.on('exit', () => {
    if (server.exitCode === null) {
      try {
        process.kill(-(/** @type {number} */ (server.pid)), 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });

  // Roomy: on a loaded CI machine vite takes a while to load its config and plugins.
  const deadline = Date.now() + 90000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`vite preview exited early (${server.exitCode}):\n${log}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(5000) })).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop().catch(() => undefined);
      throw new Error(`vite preview did not answer at ${url}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, outDir, stop };
}

/** `vite build` into `outDir` with extra environment (e.g. DOJO_BUILD_ID); throws with its output on failure. */
export function buildTo(outDir, env = {}) {
  const r = spawnSync(VITE, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}
