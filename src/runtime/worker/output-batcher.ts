/**
 * Batches a chatty guest's output into fewer worker messages.
 *
 * Each fd_write of fds 1/2 becomes a message to the page, which is what makes output live. A guest
 * that floods (a loop of 32-byte writes piped into `head`) sent half a million messages for the
 * 16 MB a pipe holds, and the page took ~18 s to take them in. So: the first BATCH_AFTER_BYTES of a
 * run go out write by write, exactly as before (a normal program never notices); past that, writes
 * are gathered until BATCH_BYTES are waiting or BATCH_MS have passed since the last message,
 * checked on each write (the worker runs the guest synchronously, so no timer could fire). Order
 * across stdout and stderr is kept: switching streams sends what is waiting first. `flush()` at the
 * end of the run sends the rest. The price: once a run has printed 64 KiB, a write made within 16 ms
 * of the last message waits for the next write or the end of the run, so a chatty program that then
 * computes quietly shows its last lines late.
 */
import { concatBytes } from '../../lib/bytes';

export type Stream = 'stdout' | 'stderr';

export const BATCH_AFTER_BYTES = 64 * 1024;
export const BATCH_BYTES = 64 * 1024;
export const BATCH_MS = 16;

export class OutputBatcher {
  private sent = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingStream: Stream = 'stdout';
  private lastSendAt: number;

  constructor(
    private readonly send: (stream: Stream, bytes: Uint8Array) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSendAt = now();
  }

  /** Takes ownership of `bytes` (a fresh copy per write, see guest-instance.ts). */
  push(stream: Stream, bytes: Uint8Array): void {
    if (this.pendingBytes > 0 && stream !== this.pendingStream) this.flush();
    if (this.sent < BATCH_AFTER_BYTES && this.pendingBytes === 0) {
      this.emit(stream, bytes);
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    this.pendingStream = stream;
    if (this.pendingBytes >= BATCH_BYTES || this.now() - this.lastSendAt >= BATCH_MS) this.flush();
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const chunks = this.pending;
    const total = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.emit(this.pendingStream, chunks.length === 1 ? chunks[0]! : concatBytes(chunks, total));
  }

  private emit(stream: Stream, bytes: Uint8Array): void {
    this.sent += bytes.byteLength;
    this.lastSendAt = this.now();
    this.send(stream, bytes);
  }
}
