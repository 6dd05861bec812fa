/** The stdin/stdout/stderr plumbing between the shell, commands, pipes, files and the terminal. */
import type { InputSource, OutputSink } from './types';
import { concatBytes } from '../lib/bytes';

const encoder = new TextEncoder();

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/**
 * Collects bytes (a pipe or a file redirect). Past `cap` bytes it keeps nothing more and calls
 * `onOverflow` once, so a runaway writer is stopped instead of exhausting memory.
 */
export class BufferSink implements OutputSink {
  readonly isTTY = false;
  private chunks: Uint8Array[] = [];
  private total = 0;
  overflowed = false;

  constructor(
    private readonly cap = Number.POSITIVE_INFINITY,
    private readonly onOverflow?: () => void,
  ) {}

  write(data: string | Uint8Array): void {
    if (this.overflowed) return;
    const bytes = toBytes(data);
    if (this.total + bytes.byteLength > this.cap) {
      const room = this.cap - this.total;
      if (room > 0) this.push(bytes.slice(0, room));
      this.overflowed = true;
      this.onOverflow?.();
      return;
    }
    this.push(bytes.slice());
  }

  bytes(): Uint8Array {
    if (this.chunks.length !== 1) {
      this.chunks = [concatBytes(this.chunks, this.total)];
    }
    return this.chunks[0] ?? new Uint8Array(0);
  }

  text(): string {
    return new TextDecoder().decode(this.bytes());
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.total += bytes.byteLength;
  }
}

/**
 * What reaches the terminal from one command. The budget is shared by its stdout and stderr, so
 * `yes` or `cat` of a 20 MB file cannot flood xterm; past it, one note is printed and the rest is
 * discarded while the command runs on (it is not stopped: its work and exit status are its own).
 * `muted` swallows late writes from a command the learner interrupted.
 */
export class TerminalBudget {
  used = 0;
  truncated = false;
  muted = false;

  constructor(
    readonly cap: number,
    private readonly onTruncate: (note: string) => void,
  ) {}

  sink(target: OutputSink): OutputSink {
    return wrapSink(target, (data) => {
      if (this.muted || this.truncated) return;
      const size = typeof data === 'string' ? data.length : data.byteLength;
      if (this.used + size <= this.cap) {
        this.used += size;
        target.write(data);
        return;
      }
      const room = this.cap - this.used;
      if (room > 0) target.write(data.slice(0, room));
      this.used = this.cap;
      this.truncated = true;
      this.onTruncate(`\ndojo: output truncated: more than ${formatBytes(this.cap)} for the terminal (redirect to a file to keep it all)\n`);
    });
  }
}

/**
 * A sink in front of `target` that writes through `write` and answers for the stream it wraps:
 * whether it is a terminal and how wide. Every wrapper goes through here, so none drops the width.
 */
export function wrapSink(target: OutputSink, write: (data: string | Uint8Array) => void): OutputSink {
  return {
    get isTTY() {
      return target.isTTY;
    },
    get columns() {
      return target.columns;
    },
    write,
  };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** Stdin from a pipe or `<` file. */
export function bytesInput(data: Uint8Array): InputSource {
  return { isTTY: false, readAll: () => Promise.resolve(data) };
}

/** Stdin when nothing is piped: the terminal, which has no typed-ahead data for commands. */
export const terminalInput: InputSource = { isTTY: true, readAll: () => Promise.resolve(new Uint8Array(0)) };
