/**
 * When a spare guest may stand in for a fresh one.
 *
 * The engine builds the next run's GuestInstance while the worker is idle (MemFS, WASI state,
 * imports, instance: ~1 ms in Chromium that otherwise sits between Enter and the first output),
 * betting that the learner runs the same thing again: `wasmtime hello.wasm` twice, a check re-run.
 * The bet is only cashed when the new request would build the same sandbox: the same compiled
 * module (same bytes, same `-W` variant), preopens, read-only grants, limits and host features, and
 * a byte-identical sandbox image. argv and the environment may differ: the guest reads them through
 * args_get/environ_get, which the GuestInstance answers from the run's own lists when it starts
 * (a learner's next line rarely repeats the last one byte for byte: `--env A=2`, another argument).
 * Anything else frees the spare and the run builds its own. A spare is never started before it is
 * taken, so the guest cannot tell the difference.
 */
import type { GuestGrants } from './guest-instance';
import type { RunRequest, SandboxImage } from './types';
import { sameBytes } from '../lib/bytes';

/** Sandboxes with more file bytes than this get no spare: it would hold a second copy of them. */
export const SPARE_MAX_IMAGE_BYTES = 4 << 20;

export function imageBytes(image: SandboxImage): number {
  let total = 0;
  for (const f of image.files) total += f.data.byteLength;
  return total;
}

/** Just the fields a guest is built from, so a spare does not keep the request's module or stdin alive. */
export function grantsOf(req: RunRequest): GuestGrants {
  const { args, env, preopens, readonlyPreopens, image, limits, host } = req;
  return { args, env, preopens, readonlyPreopens, image, limits, host };
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = (x, y) => x === y): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

export function sameImage(a: SandboxImage, b: SandboxImage): boolean {
  return (
    sameList(a.dirs, b.dirs) &&
    sameList(a.files, b.files, (x, y) => x.path === y.path && sameBytes(x.data, y.data)) &&
    JSON.stringify(a.special ?? []) === JSON.stringify(b.special ?? [])
  );
}

/** Whether a guest built for `a` can serve `b` (argv and environment are the run's, set when it starts). */
export function sameGrants(a: GuestGrants, b: GuestGrants): boolean {
  return (
    sameList(a.preopens, b.preopens) &&
    sameList(a.readonlyPreopens ?? [], b.readonlyPreopens ?? []) &&
    a.limits?.fuel === b.limits?.fuel &&
    a.limits?.timeoutMs === b.limits?.timeoutMs &&
    a.limits?.maxMemoryBytes === b.limits?.maxMemoryBytes &&
    // Host features are small plain data (an allow-list and offline fixtures).
    JSON.stringify(a.host ?? null) === JSON.stringify(b.host ?? null) &&
    sameImage(a.image, b.image)
  );
}
