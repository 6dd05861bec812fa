/**
 * The Trace tab's live view: WASI calls arrive one message each while a module runs and are handed
 * to the UI at most once a frame. When the run ends, whatever is still queued is dropped with the
 * live view, so a batch landing a frame late can never bring "Running…" back over the finished
 * run (whose result carries every call).
 */
import type { TraceEntry } from '../runtime/types';

export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

export class LiveTrace {
  private pending: TraceEntry[] = [];
  private frame: number | null = null;

  constructor(
    private readonly frames: FrameScheduler,
    private readonly deliver: (batch: TraceEntry[]) => void,
  ) {}

  push(entry: TraceEntry): void {
    this.pending.push(entry);
    this.frame ??= this.frames.request(() => {
      this.frame = null;
      const batch = this.pending;
      this.pending = [];
      if (batch.length) this.deliver(batch);
    });
  }

  /** The run is over: nothing queued for it may reach the UI any more. */
  end(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
    this.pending = [];
  }
}
