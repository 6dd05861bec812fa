/**
 * A cluster for tests: the real engine, the built-in image catalogue over public/modules, fast steps.
 * `until(cond)` polls the real (short) timers the cluster runs on.
 */
import { Cluster, type ClusterOptions } from '../../src/cluster/cluster';
import { catalogueSource, chainSources, type ImageSource } from '../../src/cluster/images';
import type { KObject } from '../../src/cluster/types';
import { engine, moduleBytes } from './modules';

export function testImages(): ImageSource {
  return chainSources(catalogueSource(async (file) => moduleBytes(file.replace(/\.wasm$/, ''))));
}

export function makeCluster(opts: Partial<ClusterOptions> = {}): Cluster {
  return new Cluster({ images: testImages(), engine: () => engine, stepMs: 20, ...opts });
}

export async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export function podStatus(p: KObject | undefined): string | undefined {
  return (p?.status as { phase?: string } | undefined)?.phase;
}
