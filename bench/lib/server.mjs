/**
 * Build and serve for the bench. The build goes to bench/.out/dist (not dist/), so a bench run never
 * swaps files under an e2e run or a preview another engineer is using from the same tree.
 */
import { spawnSync } from 'node:child_process';
import { startPreview } from '../../e2e/lib/preview.mjs';
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

/** Serves `outDir` with `vite preview` on a free port (the e2e suite's server helper); returns { url, stop }. */
export function preview(_root, outDir) {
  return startPreview({ outDir });
}
