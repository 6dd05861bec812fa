/**
 * cpu-bench outside the Dojo, for the ratios: the same module bytes under Node's own `node:wasi`
 * (in this process) and under @bjorn3/browser_wasi_shim (in Chromium, on a blank page of the same
 * browser). Each measures what the Dojo's RunResult.timings.runMs measures: from a compiled module to
 * the end of `_start` (instantiate + run), the compile being cached outside the timed part.
 */
import { readFileSync, openSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { rolldown } from 'rolldown';

/** Prepares node:wasi in this process; each call of the returned run() is one timed run. */
export async function nodeWasiRunner(wasmPath, mib) {
  const { WASI } = await import('node:wasi');
  const module = await WebAssembly.compile(readFileSync(wasmPath));
  const dir = mkdtempSync(join(tmpdir(), 'dojo-bench-'));
  let n = 0;
  return {
    async run() {
      const outFile = join(dir, `out-${n++}.txt`);
      const fd = openSync(outFile, 'w');
      const wasi = new WASI({ version: 'preview1', args: ['cpu-bench.wasm', String(mib)], env: {}, stdout: fd, returnOnExit: true });
      const t0 = performance.now();
      const instance = await WebAssembly.instantiate(module, /** @type {WebAssembly.Imports} */ (wasi.getImportObject()));
      const code = wasi.start(instance);
      const ms = performance.now() - t0;
      closeSync(fd);
      const output = readFileSync(outFile, 'utf8').trim() + (code ? ` (exit ${code})` : '');
      return { ms, output };
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The shim as one IIFE (global WasiShim), bundled with rolldown (Vite 8's bundler) in memory. */
export async function shimBundle(root) {
  const require = createRequire(join(root, 'package.json'));
  const entry = require.resolve('@bjorn3/browser_wasi_shim');
  const pkgDir = join(entry, '..', '..');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const bundle = await rolldown({ input: entry, logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'iife', name: 'WasiShim' });
  await bundle.close();
  return { code: output[0].code, version: pkg.version };
}

/**
 * Prepares the shim on about:blank in a context of `browser` (no app CSP; main thread, not a worker:
 * the same V8 and JIT tiers, the same compiled-module-to-exit span). run() is one timed run.
 */
export async function shimRunner(browser, root, wasmPath, mib) {
  const { code, version } = await shimBundle(root);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: code });
  const b64 = readFileSync(wasmPath).toString('base64');
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    globalThis.benchModule = await WebAssembly.compile(bytes);
  }, b64);
  return {
    version,
    run: () =>
      page.evaluate(async (mib) => {
        const { WASI, File, OpenFile, ConsoleStdout } = globalThis.WasiShim;
        let out = '';
        const fds = [
          new OpenFile(new File([])),
          ConsoleStdout.lineBuffered((line) => (out += `${line}\n`)),
          ConsoleStdout.lineBuffered(() => undefined),
        ];
        const wasi = new WASI(['cpu-bench.wasm', String(mib)], [], fds);
        const t0 = performance.now();
        const instance = await WebAssembly.instantiate(globalThis.benchModule, { wasi_snapshot_preview1: wasi.wasiImport });
        const code = wasi.start(instance);
        const ms = performance.now() - t0;
        return { ms, output: out.trim() + (code ? ` (exit ${code})` : '') };
      }, mib),
    /**
     * Calibration: round trips of an empty message to a bare Worker on the same kind of page. It is
     * the floor under any worker-based run on this machine at this moment (a loaded CPU shows here).
     */
    workerEcho: (n) =>
      page.evaluate(async (n) => {
        const url = URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }));
        const w = new Worker(url);
        const once = (v) => new Promise((/** @type {(v?: unknown) => void} */ res) => ((w.onmessage = () => res()), w.postMessage(v)));
        await once(0);
        const samples = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await once(i);
          samples.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 5));
        }
        w.terminate();
        return samples;
      }, n),
    close: () => context.close(),
  };
}
