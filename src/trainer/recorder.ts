/**
 * Records what the learner's terminal shows, as asciicast v2: the app feeds it every typed line
 * (with the prompt it was typed at) and everything written to the terminal during it, and marks
 * each command line and each capability-trace event. One recording at a time; bounded, so a
 * recording left running cannot grow without end.
 */
import { CastWriter, MAX_CAST_BYTES } from './asciicast';

export class Recorder {
  private writer: CastWriter | undefined;
  private bytes = 0;
  private truncated = false;
  private startedAt = 0;

  constructor(private readonly now: () => number) {}

  get recording(): boolean {
    return this.writer !== undefined;
  }

  start(opts: { width: number; height: number; title?: string }): boolean {
    if (this.writer) return false;
    this.writer = new CastWriter({ width: opts.width, height: opts.height, ...(opts.title ? { title: opts.title } : {}) }, this.now);
    this.bytes = 0;
    this.truncated = false;
    this.startedAt = this.now();
    return true;
  }

  /** Screen output (CRLF line ends, as the terminal receives them). */
  output(text: string): void {
    if (!this.writer || this.truncated) return;
    // A recording stops growing before it could not be read back (the reader's size bound).
    if (this.bytes + text.length > MAX_CAST_BYTES - 64 * 1024) {
      this.truncated = true;
      this.writer.marker('recording truncated: size limit reached');
      return;
    }
    this.bytes += text.length;
    this.writer.output(text);
  }

  marker(label: string): void {
    if (this.writer && !this.truncated) this.writer.marker(label.slice(0, 200));
  }

  /** Ends the recording: the .cast text, its duration and event count. */
  stop(): { text: string; ms: number; events: number; truncated: boolean } | undefined {
    const w = this.writer;
    if (!w) return undefined;
    this.writer = undefined;
    return { text: w.toString(), ms: this.now() - this.startedAt, events: w.eventCount, truncated: this.truncated };
  }
}
