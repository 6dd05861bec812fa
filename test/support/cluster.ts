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

/** Timers and a clock the test moves by hand: back-off of minutes in milliseconds of test time. */
export class ManualTime {
  now = Date.UTC(2026, 10, 23, 12, 0);
  private seq = 0;
  private queue: Array<{ at: number; id: number; fn: () => void }> = [];
  readonly timers = {
    setTimeout: (fn: () => void, ms: number): unknown => {
      const id = ++this.seq;
      this.queue.push({ at: this.now + Math.max(0, ms), id, fn });
      return id;
    },
    clearTimeout: (h: unknown): void => {
      this.queue = this.queue.filter((t) => t.id !== h);
    },
  };
  /** Runs every timer due within `ms`, in time order, letting promises (module runs) settle between them. */
  async advance(ms: number, busy: () => boolean = () => false): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      while (busy()) await new Promise((r) => setTimeout(r, 5));
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
    this.now = end;
    await new Promise((r) => setTimeout(r, 5));
  }
}
